/**
 * Test fixture for src/db/jobs-multiprocess.test.ts: one worker PROCESS on a PostgreSQL test database,
 * so the queue is exercised by separate processes as behind a load balancer, not by one event loop.
 *
 *   node --import tsx src/db/jobs-worker-fixture.ts <url> <workerId> [leaseSeconds=300] [slowMs=60000]
 *
 * Prints `ready` once connected and waits for a line on stdin, so the test can start two workers at
 * the same moment; then runs jobs until none is queued or running in the database, and prints a JSON
 * summary `{ workerId, ran, errors }` (exit code 1 when anything was logged as an error).
 * The test creates `job_effect (job_id UNIQUE, worker_id)`: a second run of a job would violate it.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { openDatabase, type Db } from './connect.ts';
import { JobQueue, type Job } from './jobs.ts';

const [url, workerId, lease = '300', slowMs = '60000'] = process.argv.slice(2);
if (!url || !workerId) {
  console.error('usage: jobs-worker-fixture.ts <url> <workerId> [leaseSeconds] [slowMs]');
  process.exit(2);
}

const open = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
let errors = 0;
const queue = new JobQueue({
  db: open.db,
  workerId,
  leaseSeconds: Number(lease),
  log: {
    info: () => {},
    error: (obj, msg) => {
      errors++;
      console.error(msg, JSON.stringify(obj));
    },
  },
});

/** The effect and the done mark commit together: a job_effect row exists exactly when its job is done. */
async function recordEffect(db: Db, job: Job): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`INSERT INTO job_effect (job_id, worker_id) VALUES (${job.id}, ${workerId})`.execute(tx);
    await queue.complete(tx, job);
  });
}

queue.handle('count', async (_payload, { db, job }) => {
  await sleep(2); // a little work, so two workers interleave over the 200 jobs
  await recordEffect(db, job);
});
queue.handle('slow', async (_payload, { db, job }) => {
  console.log(JSON.stringify({ holding: job.id })); // the test kills this process here
  await sleep(Number(slowMs));
  await recordEffect(db, job);
});

console.log('ready');
await once(createInterface({ input: process.stdin }), 'line');

let ran = 0;
const giveUpAt = Date.now() + 60_000;
for (;;) {
  ran += await queue.runDue();
  const left = await open.db.selectFrom('job').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['queued', 'running']).executeTakeFirstOrThrow();
  if (left.n === 0) break;
  if (Date.now() > giveUpAt) {
    errors++;
    console.error(`gave up with ${left.n} jobs still queued or running`);
    break;
  }
  await sleep(50); // the rest is held by another worker, backing off, or waiting for a dead worker's lease
}
console.log(JSON.stringify({ workerId, ran, errors }));
await open.close();
process.exit(errors ? 1 : 0);
