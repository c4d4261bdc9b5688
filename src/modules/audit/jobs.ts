/**
 * The audit trail's background work on the shared job queue: an hourly signed checkpoint of the chain
 * (security rules §17) and, daily, the month partitions three months ahead (retention, docs/audit.md).
 * Sealing itself runs in-process every second (ChainSealer), not as jobs: a job row per second
 * would outgrow what it records.
 */
import { sql } from 'kysely';
import type { JobQueue } from '../../db/jobs.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import { createCheckpoint } from './checkpoints.ts';
import type { AuditSigningKey } from './signing-key.ts';

export const CHECKPOINT_SECONDS = 3600;
const PARTITION_SECONDS = 86_400;
const MONTHS_AHEAD = 3;

export function registerAuditJobs(queue: JobQueue, opts: { key: AuditSigningKey; alg: HashAlgorithm }): void {
  queue
    .handle('audit.checkpoint', async (_p, { db }) => {
      await createCheckpoint(db, opts.key, { alg: opts.alg, by: 'job:audit.checkpoint', onlyIfAdvanced: true });
    })
    .every('audit.checkpoint', CHECKPOINT_SECONDS)
    .handle('audit.partitions', async (_p, { db }) => {
      await sql`SELECT audit_ensure_partitions(${MONTHS_AHEAD})`.execute(db);
    })
    .every('audit.partitions', PARTITION_SECONDS);
}
