/**
 * `gdx sync run GRANT_ID [--full] [--reconcile] [--batch N]` — runs the table sync of a grant's
 * configured target in the foreground (库表交换, §17), with a progress bar: rows done / total, rate,
 * time left. Killed, it resumes where it stopped on the next run (the checkpoint is in the target).
 * Exit code 0 when the run succeeded, 1 otherwise.
 */
import type { Db } from '../db/connect.ts';
import { formatDuration, syncProgress } from '../domain/exchange/progress.ts';
import { AppError } from '../http/errors.ts';
import { FrontDbs } from '../modules/delivery/front-db.ts';
import { SyncRunner, type SyncProgressEvent } from '../modules/exchange/engine.ts';
import { createRun } from '../modules/exchange/runs.ts';
import type { PlatformKey } from '../modules/security/secret-box.ts';

const WIDTH = 30;

function bar(p: SyncProgressEvent): string {
  const s = syncProgress({ rowsDone: p.rowsDone, rowsTotal: p.rowsTotal, rowsAtStart: p.rowsAtStart, startedAt: p.startedAt, now: new Date() });
  const filled = Math.round(((s.percent ?? 0) / 100) * WIDTH);
  const phase = p.phase === 'reconcile' ? ' 比对删除 / reconciling deletes' : '';
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(s.percent ?? 0).toFixed(1)}%  ${p.rowsDone.toLocaleString('en')}/${p.rowsTotal.toLocaleString('en')} rows`
    + `  ${s.rowsPerSecond.toLocaleString('en')} rows/s  ETA ${formatDuration(s.etaSeconds)}${phase}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_BATCH_ROWS = 100_000;

/** Arguments checked before anything is run or recorded: a typo is told as such, not as a database error or a run without a batch limit. */
function checkArgs(opts: { grantId: string; batchRows?: number }): void {
  if (!UUID.test(opts.grantId)) {
    throw new AppError(400, 'GRANT_ID_INVALID', `授权编号 ${opts.grantId} 格式不正确（应为授权详情页显示的 UUID）`,
      `${opts.grantId} is not a grant id (the UUID shown on the grant's page)`);
  }
  if (opts.batchRows !== undefined && !(Number.isInteger(opts.batchRows) && opts.batchRows >= 1 && opts.batchRows <= MAX_BATCH_ROWS)) {
    throw new AppError(400, 'BATCH_INVALID', `--batch 须为 1 至 ${MAX_BATCH_ROWS} 的整数（每批行数）`, `--batch must be a whole number of rows from 1 to ${MAX_BATCH_ROWS}`);
  }
}

export async function syncRunCommand(db: Db, opts: { grantId: string; platformKey: PlatformKey; databaseUrl?: string; full: boolean; reconcile: boolean; batchRows?: number }): Promise<number> {
  checkArgs(opts);
  const target = await db.selectFrom('sync_target').select(['id', 'grant_id']).where('grant_id', '=', opts.grantId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!target) throw new AppError(404, 'NO_SYNC_TARGET', `授权 ${opts.grantId} 未配置同步目标（在“库表同步”页面配置）`, `grant ${opts.grantId} has no sync target (configure one on the sync page)`);
  const run = await db.transaction().execute((tx) => createRun(tx, target, { trigger: 'cli', requestedBy: null, forceFull: opts.full, reconcile: opts.reconcile }, new Date()));
  const fronts = new FrontDbs({ db, platformKey: opts.platformKey, platformUrl: opts.databaseUrl });
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  try {
    const ended = await new SyncRunner({ db, platformKey: opts.platformKey, fronts }).execute(run.id, {
      ...(opts.batchRows !== undefined ? { batchRows: opts.batchRows } : {}),
      onProgress: (p) => {
        const now = Date.now();
        if (tty) process.stdout.write(`\r${bar(p)}\u001b[K`);
        else if (p.phase !== 'copy' || now - lastLine >= 1000) {
          lastLine = now;
          console.log(bar(p));
        }
      },
    });
    if (tty) process.stdout.write('\n');
    if (ended.status === 'succeeded') {
      console.log(`同步完成 / sync succeeded: ${ended.mode}, ${ended.rows_done.toLocaleString('en')} rows, ${ended.rows_deleted} deleted, ${ended.batches} batches${ended.resumed ? ' (从断点继续 / resumed)' : ''}`);
      return 0;
    }
    console.error(`同步${ended.status === 'cancelled' ? '已取消' : '失败'} / sync ${ended.status}: ${ended.error_code ?? ''}\n${ended.error_zh ?? ''}\n${ended.error_en ?? ''}`);
    return 1;
  } finally {
    await fronts.close();
  }
}
