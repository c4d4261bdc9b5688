/**
 * Table syncs on the job queue: `exchange.sync` runs one queued run (at least once: a re-run finds
 * it finished, or takes it over from a dead process and resumes from the target's checkpoint), and
 * the periodic `exchange.schedule` queues a run for every target whose entry's 更新周期 has come
 * round since its last successful run.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { enqueueJob, type JobQueue } from '../../db/jobs.ts';
import type { UpdateCycle } from '../../domain/catalog/types.ts';
import { syncDue } from '../../domain/exchange/schedule.ts';
import { AppError } from '../../http/errors.ts';
import type { SyncRunner } from './engine.ts';
import { createRun } from './runs.ts';
import { SYNC_JOB } from './service.ts';

export const SCHEDULE_JOB = 'exchange.schedule';

/** Queues the due runs; answers how many. Targets of grants no longer live are skipped. */
export async function scheduleDueSyncs(db: Db, now: Date): Promise<number> {
  const targets = (await sql<{ id: string; grant_id: string; update_cycle: UpdateCycle | null; last_success_at: Date | null }>`
    SELECT t.id, t.grant_id, v.body->>'updateCycle' AS update_cycle,
           (SELECT max(r.created_at) FROM sync_run r WHERE r.target_id = t.id AND r.status = 'succeeded') AS last_success_at
      FROM sync_target t
      JOIN share_grant g ON g.id = t.grant_id AND g.status = 'active' AND g.valid_until >= (now() AT TIME ZONE 'Asia/Shanghai')::date
      JOIN catalog_entry e ON e.id = g.entry_id AND e.status <> 'withdrawn'
      JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
     WHERE t.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM sync_run r WHERE r.target_id = t.id AND r.status IN ('queued', 'running'))`.execute(db)).rows;
  let queued = 0;
  for (const t of targets) {
    if (!t.update_cycle || !syncDue(t.last_success_at, t.update_cycle, now)) continue;
    try {
      await db.transaction().execute(async (tx) => {
        const run = await createRun(tx, t, { trigger: 'schedule', requestedBy: null }, now);
        await enqueueJob(tx, { kind: SYNC_JOB, payload: { runId: run.id }, uniqueKey: `${SYNC_JOB}:${run.id}` });
      });
      queued++;
    } catch (err) {
      // Someone started a run meanwhile (the API, the CLI, another process's schedule): nothing to queue.
      const code = err instanceof AppError ? err.code : (err as { code?: string }).code;
      if (code !== 'SYNC_RUN_ACTIVE' && code !== '23505') throw err;
    }
  }
  return queued;
}

export function registerExchangeJobs(queue: JobQueue, runner: SyncRunner, opts: { scheduleSeconds: number; now?: () => Date }): void {
  queue
    .handle<{ runId?: string }>(SYNC_JOB, async (payload) => {
      if (typeof payload.runId !== 'string') throw new Error('exchange.sync: payload.runId missing');
      await runner.execute(payload.runId);
    })
    .handle(SCHEDULE_JOB, async (_p, { db }) => void (await scheduleDueSyncs(db, opts.now?.() ?? new Date())))
    .every(SCHEDULE_JOB, opts.scheduleSeconds);
}
