/**
 * One table sync run, end to end (库表交换, §17; issue 4): claim the run, read the grant afresh, plan
 * the pass from the checkpoint in the target, stream the source in key order, and for every batch —
 * gate on the grant (uncached) and on a cancel, mask and key the rows, commit rows + checkpoint in the
 * target, then record progress and the access record. A full pass ends by deleting what it did not
 * see; an incremental one by comparing keys when that is due.
 */
import type { Db } from '../../db/connect.ts';
import { databaseFailure, type DatabaseFailure } from '../../db/database-failure.ts';
import { planPass, reconcileDue, type SyncState } from '../../domain/exchange/plan.ts';
import { MaskingError } from '../../domain/policy/errors.ts';
import { AppError } from '../../http/errors.ts';
import type { FrontDbs } from '../delivery/front-db.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import { assertAgreementAccepted } from '../sharing/agreements.ts';
import { entryWithdrawn, grantNotLive, loadSyncContext, loadTarget, type SyncContext } from './context.ts';
import {
  claimRun, finishRun, heartbeat, HEARTBEAT_MS, recordBatch, recordRefusal, runGate, thisHolder, type SyncRun,
} from './runs.ts';
import { compileBatchShaper, compileRowKey } from './row-transform.ts';
import { SourceTable, type PassWindow } from './source.ts';
import { TargetTable } from './target.ts';

export interface SyncProgressEvent {
  runId: string;
  mode: 'full' | 'incremental';
  phase: 'copy' | 'reconcile' | 'done';
  rowsDone: number;
  rowsTotal: number;
  rowsAtStart: number;
  startedAt: Date;
}

export interface SyncRunnerDeps {
  db: Db;
  platformKey: PlatformKey;
  fronts: FrontDbs;
  now?: () => Date;
}

export interface RunOptions {
  onProgress?: (p: SyncProgressEvent) => void | Promise<void>;
  /** Overrides the target's batch size (tests, the CLI). */
  batchRows?: number;
}

export class SyncRunner {
  constructor(private readonly deps: SyncRunnerDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Runs (or takes over) the run; answers it as it ended. A run another live process holds is left alone. */
  async execute(runId: string, opts: RunOptions = {}): Promise<SyncRun> {
    const { db } = this.deps;
    const holder = thisHolder();
    const run = await claimRun(db, runId, holder, this.now());
    if (!run) return (await db.selectFrom('sync_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow());
    const beat = setInterval(() => void heartbeat(db, runId, holder).catch(() => undefined), HEARTBEAT_MS);
    beat.unref();
    let ctx: SyncContext | undefined;
    try {
      const target = await loadTarget(db, run.target_id);
      ctx = await loadSyncContext(db, target, this.deps.platformKey, this.now());
      await assertAgreementAccepted(db, ctx.grant.id);
      const outcome = await this.sync(run, ctx, opts);
      await finishRun(db, runId, outcome);
    } catch (err) {
      const e = err instanceof AppError ? err
        : err instanceof MaskingError ? new AppError(500, `MASKING_${err.code.toUpperCase()}`, err.zh, err.en)
        : syncFailed(databaseFailure(err));
      await recordRefusal(db, {
        runId, grantId: run.grant_id, entryId: ctx?.entry.id, consumerId: ctx?.grant.consumerId,
        outcome: e.status === 403 ? 'denied' : 'failure', status: e.status, code: e.code,
      }).catch(() => undefined);
      await finishRun(db, runId, 'failed', { code: e.code, zh: e.zh, en: e.en });
    } finally {
      clearInterval(beat);
    }
    return db.selectFrom('sync_run').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  }

  private async sync(run: SyncRun, ctx: SyncContext, opts: RunOptions): Promise<'succeeded' | 'cancelled'> {
    const { db, fronts } = this.deps;
    const grantId = ctx.grant.id;
    const source = new SourceTable(ctx, await fronts.forEntry(ctx.entry.id));
    await source.open();
    const target = await TargetTable.open(await fronts.endpoint(`target:${ctx.target.id}`, ctx.target.connection_sealed),
      ctx.target.target_schema, ctx.target.target_table, ctx.columns);
    try {
      const plan = planPass({
        state: await target.prepare(grantId), shape: ctx.shape, hasChangeColumn: !!ctx.mount.changeColumn, forceFull: run.force_full,
      });
      let state: SyncState = plan.resume ? plan.state : { ...plan.state, highWatermark: await source.highWatermark() };
      if (plan.rebuild) await target.rebuild(state, grantId);
      else if (!plan.resume) await target.startPass(state, grantId);
      const window = (s: SyncState): PassWindow => ({ kind: plan.kind, lastKey: s.lastKey, passChange: s.passChange, watermark: s.watermark, highWatermark: s.highWatermark });
      const rowsTotal = await source.count(window(state));
      const startedAt = this.now();
      const rowsAtStart = state.passRows;
      await db.updateTable('sync_run').set({ mode: plan.kind, resumed: plan.resume, rows_total: rowsTotal, rows_done: rowsAtStart })
        .where('id', '=', run.id).execute();
      const progress = (phase: SyncProgressEvent['phase']) => opts.onProgress?.({
        runId: run.id, mode: plan.kind, phase, rowsDone: state.passRows, rowsTotal, rowsAtStart, startedAt,
      });
      await progress('copy');

      const fields = ctx.columns.map((c) => c.item);
      const append = plan.kind === 'full' && state.fresh;
      const layout = source.layout(window(state));
      const shape = compileBatchShaper(ctx, layout);
      const rowKey = compileRowKey(ctx);
      // A pipeline one batch deep: batch n+1 is read and shaped (and the source streams on, up to its
      // bounded read-ahead) while batch n is written. Writes stay one after another, and the gate is
      // checked after the previous batch committed, so a revocation stops the very next one.
      let writing: Promise<void> | undefined;
      for await (const lines of source.batches(window(state), opts.batchRows ?? ctx.target.batch_rows)) {
        const started = Date.now();
        const batch = await shape(lines, state.generation);
        await writing;
        const gate = await runGate(db, run.id, grantId, this.now());
        if (!gate.live) throw grantNotLive();
        if (gate.withdrawn) throw entryWithdrawn();
        if (gate.cancel) return 'cancelled';
        state = { ...state, lastKey: batch.lastKey, passChange: layout.change ? batch.lastChange : null, passRows: state.passRows + lines.rows };
        const committed = state;
        writing = (async () => {
          await target.writeBatch(batch.copy, batch.deletes, committed, grantId, append);
          await recordBatch(db, {
            runId: run.id, grantId, entryId: ctx.entry.id, consumerId: ctx.grant.consumerId, items: fields,
            rows: batch.rows, deleted: batch.deletes.length, bytes: batch.bytes, rowsDone: committed.passRows, latencyMs: Date.now() - started, at: this.now(),
          });
          await progress('copy');
        })();
        writing.catch(() => undefined); // awaited above or below; never an unhandled rejection meanwhile
      }
      await writing;

      const at = this.now();
      const done: SyncState = {
        ...state, phase: 'idle', fresh: false, lastKey: null, passChange: null, passRows: 0, highWatermark: null,
        watermark: state.highWatermark ?? state.watermark,
        ...(plan.kind === 'full' ? { fullDone: true, reconciledAt: at } : {}),
      };
      let deleted = 0;
      if (plan.kind === 'full') {
        deleted = state.fresh ? (await target.startPass(done, grantId), 0) : await target.dropStale(done, grantId);
      } else if (reconcileDue({ kind: 'incremental', requested: run.reconcile, reconciledAt: state.reconciledAt, reconcileHours: ctx.target.reconcile_hours, now: at })) {
        await progress('reconcile');
        const keys = (async function* () {
          for await (const b of source.keyBatches(opts.batchRows ?? ctx.target.batch_rows)) yield b.map((k) => rowKey(k));
        })();
        deleted = await target.reconcile(keys, { ...done, reconciledAt: at }, grantId);
      } else {
        await target.startPass(done, grantId);
      }
      if (deleted) await db.updateTable('sync_run').set((eb) => ({ rows_deleted: eb('rows_deleted', '+', deleted) })).where('id', '=', run.id).execute();
      await progress('done');
      return 'succeeded';
    } finally {
      await target.close();
    }
  }
}

/** A run stopped by something other than a refusal of ours: most often the source or target database (database-failure.ts). */
function syncFailed(cause: DatabaseFailure): AppError {
  return new AppError(500, 'SYNC_FAILED', `同步失败：${cause.zh}`, `the sync failed: ${cause.en}`);
}
