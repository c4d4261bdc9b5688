/**
 * The background work of a server process: deadline sweeps and webhook deliveries on the shared
 * job queue. Every process runs one; the queue guarantees each job runs once across them.
 */
import { hostname } from 'node:os';
import type { Db } from './db/connect.ts';
import { JobQueue, type JobLog } from './db/jobs.ts';
import { NONCE_RETENTION_MS } from './domain/signature/verify.ts';
import { WEBHOOK_JOB, deliverWebhook } from './modules/inbox/webhook.ts';
import { expireGrants, flagIdleGrants, scanDeadlines, type SweepDeps } from './modules/sharing/sweeps.ts';
import type { Services } from './services.ts';

export interface JobOptions {
  db: Db;
  services: Pick<Services, 'calendars'>;
  sweepSeconds: number;
  webhookUrl?: string;
  log?: JobLog;
  now?: () => Date;
  workerId?: string;
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
    .every('deadlines.scan', opts.sweepSeconds);
  // Nonces only need keeping past the ±5-minute timestamp window; older ones can never be replayed.
  queue.handle('nonces.prune', async (_p, { db, job }) => {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('request_nonce').where('at', '<', new Date(Date.now() - NONCE_RETENTION_MS)).execute();
      await queue.complete(tx, job);
    });
  }).every('nonces.prune', Math.max(opts.sweepSeconds, 300));
  const url = opts.webhookUrl;
  queue.handle(WEBHOOK_JOB, async (payload, { db }) => {
    // Enqueued only when a URL is configured; if it was removed since, the job has nowhere to go.
    if (!url) throw new Error('GDX_WEBHOOK_URL is not set any more: notification not delivered');
    await deliverWebhook(db, url, payload);
  });
  return queue;
}
