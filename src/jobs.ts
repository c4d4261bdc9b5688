/**
 * The background work of a server process: deadline sweeps and webhook deliveries on the shared
 * job queue. Every process runs one; the queue guarantees each job runs once across them.
 */
import { hostname } from 'node:os';
import type { Db } from './db/connect.ts';
import { JobQueue, type JobLog } from './db/jobs.ts';
import { NONCE_RETENTION_MS } from './domain/signature/verify.ts';
import type { HashAlgorithm } from './domain/audit/canonical.ts';
import { registerAuditJobs } from './modules/audit/jobs.ts';
import type { AuditSigningKey } from './modules/audit/signing-key.ts';
import { WEBHOOK_JOB, deliverWebhook } from './modules/inbox/webhook.ts';
import type { SyncRunner } from './modules/exchange/engine.ts';
import { registerExchangeJobs } from './modules/exchange/jobs.ts';
import { expireGrants, flagIdleGrants, scanDeadlines, type SweepDeps } from './modules/sharing/sweeps.ts';
import { scanOversight } from './modules/oversight/sweeps.ts';
import type { Services } from './services.ts';

export interface JobOptions {
  db: Db;
  services: Pick<Services, 'calendars'>;
  sweepSeconds: number;
  webhookUrl?: string;
  log?: JobLog;
  now?: () => Date;
  workerId?: string;
  /** Audit checkpoints and partitions (security rules §17); absent: not scheduled by this process. */
  audit?: { key: AuditSigningKey; alg: HashAlgorithm };
  /** Table syncs (库表交换): queued runs and the 更新周期 schedule; absent: not run by this process. */
  exchange?: SyncRunner;
}

export function buildJobQueue(opts: JobOptions): JobQueue {
  const queue = new JobQueue({ db: opts.db, workerId: opts.workerId ?? `${hostname()}:${process.pid}`, log: opts.log, now: opts.now });
  const deps: SweepDeps = {
    calendars: opts.services.calendars, now: opts.now, complete: (tx, job) => queue.complete(tx, job),
  };
  queue
    .handle('grants.expire', async (_p, { db, job }) => void (await expireGrants(db, job, deps)))
    .handle('grants.idle', async (_p, { db, job }) => void (await flagIdleGrants(db, job, deps)))
    .handle('deadlines.scan', async (_p, { db, job }) => void (await scanDeadlines(db, job, deps)))
    .every('grants.expire', opts.sweepSeconds)
    .every('grants.idle', opts.sweepSeconds)
    .every('deadlines.scan', opts.sweepSeconds)
    // Sec §29, §32, §33: destruction tasks for ended table grants; overdue self-assessments, rectifications, tasks.
    .handle('oversight.scan', async (_p, { db, job }) => void (await scanOversight(db, job, deps)))
    .every('oversight.scan', opts.sweepSeconds);
  // Nonces only need keeping past the ±5-minute timestamp window; older ones can never be replayed.
  queue.handle('nonces.prune', async (_p, { db, job }) => {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('request_nonce').where('at', '<', new Date(Date.now() - NONCE_RETENTION_MS)).execute();
      await queue.complete(tx, job);
    });
  }).every('nonces.prune', Math.max(opts.sweepSeconds, 300));
  if (opts.audit) registerAuditJobs(queue, opts.audit);
  if (opts.exchange) registerExchangeJobs(queue, opts.exchange, { scheduleSeconds: Math.max(opts.sweepSeconds, 60), now: opts.now });
  const url = opts.webhookUrl;
  queue.handle(WEBHOOK_JOB, async (payload, { db }) => {
    // Enqueued only when a URL is configured; if it was removed since, the job has nowhere to go.
    if (!url) throw new Error('GDX_WEBHOOK_URL is not set any more: notification not delivered');
    await deliverWebhook(db, url, payload);
  });
  return queue;
}
