/**
 * The platform's record of sync runs: one queued or running run per target, held by one process
 * (host:pid + heartbeat), taken over when that process died; per batch, one statement records the
 * progress, the access record (channel 'table', §38 全流程审计) and the grant's last use (§31).
 */
import { hostname } from 'node:os';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { SyncRunTable } from '../../db/schema.ts';
import { isGrantLive } from '../../domain/sharing/grant-rules.ts';
import { conflict } from '../../http/errors.ts';

export type SyncRun = Selectable<SyncRunTable>;

export const HEARTBEAT_MS = 10_000;
/** A run whose heartbeat is older than this lost its process. */
export const STALE_MS = 60_000;

export const thisHolder = () => `${hostname()}:${process.pid}`;

/** Whether the process holding a run is gone: silent too long, or (same host) its pid no longer exists. */
export function holderGone(run: Pick<SyncRun, 'holder' | 'heartbeat_at'>, now: Date): boolean {
  if (!run.holder || !run.heartbeat_at) return true;
  if (now.getTime() - run.heartbeat_at.getTime() > STALE_MS) return true;
  const [host, pid] = [run.holder.slice(0, run.holder.lastIndexOf(':')), Number(run.holder.slice(run.holder.lastIndexOf(':') + 1))];
  if (host !== hostname() || !Number.isInteger(pid)) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface RunSpec {
  trigger: SyncRun['trigger'];
  requestedBy: string | null;
  forceFull?: boolean;
  reconcile?: boolean;
}

/**
 * A new queued run of the target (call inside the caller's transaction). A run left 'running' by a
 * dead process is marked interrupted first — its checkpoint is in the target, the new run resumes it.
 */
export async function createRun(tx: Db, target: { id: string; grant_id: string }, spec: RunSpec, now: Date): Promise<SyncRun> {
  const active = await tx.selectFrom('sync_run').selectAll().where('target_id', '=', target.id)
    .where('status', 'in', ['queued', 'running']).forUpdate().executeTakeFirst();
  if (active) {
    if (active.status === 'queued' || !holderGone(active, now)) throw runActive(active.id);
    await interrupt(tx, active.id);
  }
  try {
    return await tx.insertInto('sync_run').values({
      target_id: target.id, grant_id: target.grant_id, trigger: spec.trigger, requested_by: spec.requestedBy,
      force_full: spec.forceFull ?? false, reconcile: spec.reconcile ?? false, status: 'queued',
    }).returningAll().executeTakeFirstOrThrow();
  } catch (err) {
    // Two starts at the same moment (a double click, the CLI and the page): FOR UPDATE above locks no
    // row when none is active yet, so the one-active-run index decides — the loser is told, not a 500.
    if ((err as { code?: unknown }).code === '23505') throw runActive();
    throw err;
  }
}

const runActive = (runId?: string) => conflict('SYNC_RUN_ACTIVE', '该目标已有排队或运行中的同步', 'a sync of this target is already queued or running',
  runId ? { runId } : undefined);

function interrupt(tx: Db, runId: string) {
  return tx.updateTable('sync_run').set({
    status: 'interrupted', finished_at: new Date(), error_code: 'INTERRUPTED',
    error_zh: '运行进程已终止；下次同步从断点继续', error_en: 'its process stopped; the next run resumes from the checkpoint',
  }).where('id', '=', runId).execute();
}

/** Takes the run for this process: a queued one, or a running one whose process died (a job re-run). */
export async function claimRun(db: Db, runId: string, holder: string, now: Date): Promise<SyncRun | undefined> {
  const run = await db.selectFrom('sync_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) return undefined;
  if (run.status === 'running' && !holderGone(run, now)) return undefined;
  if (run.status !== 'queued' && run.status !== 'running') return undefined;
  const claimed = await db.updateTable('sync_run')
    .set({ status: 'running', holder, heartbeat_at: sql`now()`, started_at: sql`coalesce(started_at, now())` })
    .where('id', '=', runId).where('status', '=', run.status)
    // Two processes taking over the same dead run: only the first still finds the old holder.
    .where((eb) => (run.holder ? eb('holder', '=', run.holder) : eb('holder', 'is', null)))
    .returningAll().executeTakeFirst();
  return claimed;
}

export async function heartbeat(db: Db, runId: string, holder: string): Promise<void> {
  await db.updateTable('sync_run').set({ heartbeat_at: sql`now()` }).where('id', '=', runId).where('holder', '=', holder).execute();
}

/**
 * Checked before every batch, uncached: a revoked or expired grant, an entry withdrawn from
 * publication (§19: its data is no longer shared, as the API and file channels refuse it), or a
 * cancel stops the very next batch.
 */
export async function runGate(db: Db, runId: string, grantId: string, now: Date): Promise<{ live: boolean; withdrawn: boolean; cancel: boolean }> {
  const row = await sql<{ status: 'active' | 'suspended' | 'expired' | 'revoked'; valid_until: string; withdrawn: boolean; cancel: boolean }>`
    SELECT g.status, g.valid_until, e.status = 'withdrawn' AS withdrawn, (r.cancel_requested_at IS NOT NULL) AS cancel
      FROM share_grant g JOIN catalog_entry e ON e.id = g.entry_id, sync_run r WHERE g.id = ${grantId} AND r.id = ${runId}`.execute(db);
  const r = row.rows[0];
  return { live: !!r && isGrantLive({ status: r.status, validUntil: r.valid_until }, now), withdrawn: !!r?.withdrawn, cancel: !!r?.cancel };
}

export interface BatchFacts {
  runId: string;
  grantId: string;
  entryId: string;
  consumerId: string;
  items: string[];
  rows: number;
  deleted: number;
  bytes: number;
  rowsDone: number;
  latencyMs: number;
  at: Date;
}

/** Progress, access record and the grant's last use, in one statement per batch. */
export async function recordBatch(db: Db, b: BatchFacts): Promise<void> {
  await sql`WITH progress AS (UPDATE sync_run SET rows_done = ${b.rowsDone}, rows_deleted = rows_deleted + ${b.deleted},
        bytes = bytes + ${b.bytes}, batches = batches + 1, heartbeat_at = now() WHERE id = ${b.runId}),
      used AS (UPDATE share_grant SET last_used_at = ${b.at}, idle_flagged_at = NULL
        WHERE id = ${b.grantId} AND (last_used_at IS NULL OR last_used_at < ${b.at}::timestamptz - interval '1 minute'))
    INSERT INTO access_record (channel, org_id, grant_id, entry_id, items, rows, bytes, outcome, status, latency_ms, request_id)
    VALUES ('table', ${b.consumerId}, ${b.grantId}, ${b.entryId}, ${b.items}, ${b.rows + b.deleted}, ${Math.min(b.bytes, 2_147_483_647)},
      'success', 200, ${b.latencyMs}, ${b.runId})`.execute(db);
}

export async function recordRefusal(db: Db, f: { runId: string; grantId: string; entryId?: string; consumerId?: string; outcome: 'denied' | 'failure'; status: number; code: string }) {
  await db.insertInto('access_record').values({
    channel: 'table', org_id: f.consumerId ?? null, grant_id: f.grantId, entry_id: f.entryId ?? null, items: [], rows: 0, bytes: 0,
    outcome: f.outcome, status: f.status, error_code: f.code, latency_ms: 0, request_id: f.runId,
  }).execute();
}

export async function finishRun(db: Db, runId: string, status: 'succeeded' | 'failed' | 'cancelled',
  error?: { code: string; zh: string; en: string }): Promise<void> {
  await db.updateTable('sync_run').set({
    status, finished_at: sql`now()`, heartbeat_at: sql`now()`,
    error_code: error?.code ?? null, error_zh: error?.zh ?? null, error_en: error?.en ?? null,
  }).where('id', '=', runId).where('status', '=', 'running').execute();
}
