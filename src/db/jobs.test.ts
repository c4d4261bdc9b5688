import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase } from '../testing/databases.ts';
import type { Db } from './connect.ts';
import { JobQueue, LeaseLostError, type JobLog } from './jobs.ts';

const quiet: JobLog = { info: () => {}, error: () => {} };
const queue = (db: Db, workerId: string, more: Partial<ConstructorParameters<typeof JobQueue>[0]> = {}) =>
  new JobQueue({ db, workerId, log: quiet, ...more });

const jobRow = (db: Db, id: number) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Seconds from the database's now until the job may run again (its backoff). */
async function secondsUntilDue(db: Db, id: number): Promise<number> {
  const r = await sql<{ s: number }>`SELECT extract(epoch FROM run_at - now())::float8 AS s FROM job WHERE id = ${id}`.execute(db);
  return r.rows[0]!.s;
}
const makeDue = (db: Db, id: number) => db.updateTable('job').set({ run_at: sql`now()` }).where('id', '=', id).execute();
/** Simulates a worker that died holding the job: its lease was last renewed long ago. */
const ageLease = (db: Db, id: number, seconds: number) =>
  sql`UPDATE job SET locked_at = now() - make_interval(secs => ${seconds}) WHERE id = ${id}`.execute(db);

forEachDatabase('job queue', (t) => {
  beforeEach(async () => {
    await t().db.deleteFrom('job').execute();
  });

  it('enqueues, claims, runs and marks a job done, keeping it as the record', async () => {
    const { db } = t();
    const seen: unknown[] = [];
    const q = queue(db, 'w1').handle<{ grantId: string }>('grant.expire', async (payload, ctx) => {
      seen.push(payload, ctx.job.attempts);
    });
    const job = await q.enqueue(db, { kind: 'grant.expire', payload: { grantId: 'g-1' } });
    const later = await q.enqueue(db, { kind: 'grant.expire', runAt: new Date(Date.now() + 3_600_000) });
    assert.ok(job && later);

    assert.equal(await q.runDue(), 1, 'only the due job runs');
    assert.deepEqual(seen, [{ grantId: 'g-1' }, 1]);
    const row = await jobRow(db, job.id);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 1);
    assert.equal(row.locked_by, 'w1');
    assert.ok(row.finished_at instanceof Date);
    assert.equal(row.last_error, null);
    assert.equal((await jobRow(db, later.id)).status, 'queued');
    assert.equal(await q.runDue(), 0);
  });

  it('enqueues inside the caller\'s transaction: a rolled-back change leaves no job', async () => {
    const { db } = t();
    const q = queue(db, 'w1');
    await assert.rejects(db.transaction().execute(async (tx) => {
      await q.enqueue(tx, { kind: 'webhook.deliver', payload: { event: 'grant.created' } });
      throw new Error('the change failed');
    }), /the change failed/);
    assert.equal((await db.selectFrom('job').selectAll().execute()).length, 0);
  });

  it('retries a failing job with exponential backoff, then fails it after max attempts, keeping the message', async () => {
    const { db } = t();
    let calls = 0;
    const q = queue(db, 'w1').handle('sync.run', async () => {
      calls++;
      throw new Error(`upstream down (${calls})`);
    });
    const job = (await q.enqueue(db, { kind: 'sync.run', maxAttempts: 3 }))!;

    assert.equal(await q.runDue(), 1);
    let row = await jobRow(db, job.id);
    assert.equal(row.status, 'queued');
    assert.equal(row.last_error, 'upstream down (1)');
    const first = await secondsUntilDue(db, job.id);
    assert.ok(first > 1 && first <= 2, `first retry after 2^1 s, got ${first}`);
    assert.equal(await q.runDue(), 0, 'not retried before its backoff ends');

    await makeDue(db, job.id);
    await q.runDue();
    const second = await secondsUntilDue(db, job.id);
    assert.ok(second > 3 && second <= 4, `second retry after 2^2 s, got ${second}`);

    await makeDue(db, job.id);
    await q.runDue();
    row = await jobRow(db, job.id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, 'upstream down (3)');
    assert.ok(row.finished_at instanceof Date);
    assert.equal(calls, 3);
    assert.equal(await q.runDue(), 0, 'a failed job is never claimed again');
  });

  it('fails a job of a kind nobody handles with a named error instead of dropping it', async () => {
    const { db } = t();
    const q = queue(db, 'w1').handle('known', async () => {});
    const job = (await q.enqueue(db, { kind: 'nobody.handles', maxAttempts: 1 }))!;
    assert.equal(await q.runDue(), 1);
    const row = await jobRow(db, job.id);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /no handler for job kind 'nobody\.handles' in worker w1 \(handles: known\)/);
  });

  it('dedupes enqueues by unique key, also after the job has run', async () => {
    const { db } = t();
    const q = queue(db, 'w1').handle('deadline.warn', async () => {});
    const first = await q.enqueue(db, { kind: 'deadline.warn', uniqueKey: 'step:42:warn' });
    assert.ok(first);
    assert.equal(await q.enqueue(db, { kind: 'deadline.warn', uniqueKey: 'step:42:warn' }), undefined);
    await q.runDue();
    assert.equal(await q.enqueue(db, { kind: 'deadline.warn', uniqueKey: 'step:42:warn' }), undefined);
    assert.ok(await q.enqueue(db, { kind: 'deadline.warn' }), 'jobs without a key never conflict');
    assert.ok(await q.enqueue(db, { kind: 'deadline.warn' }));
    assert.equal((await db.selectFrom('job').selectAll().where('unique_key', '=', 'step:42:warn').execute()).length, 1);
  });

  it('reclaims the job of a worker that died once its lease expires, and fences the dead worker out', async () => {
    const { db } = t();
    const dead = queue(db, 'dead');
    await dead.enqueue(db, { kind: 'grant.expire' });
    const held = await dead.claim(); // …and the process is gone before it runs the job
    assert.ok(held);
    assert.equal(held.locked_by, 'dead');

    let ran = 0;
    const alive = queue(db, 'alive').handle('grant.expire', async () => void ran++);
    assert.equal(await alive.runDue(), 0, 'a live lease is respected');
    await ageLease(db, held.id, 301);
    assert.equal(await alive.runDue(), 1);
    assert.equal(ran, 1);
    const row = await jobRow(db, held.id);
    assert.equal(row.status, 'done');
    assert.equal(row.locked_by, 'alive');
    assert.equal(row.attempts, 2);

    // The "dead" worker wakes up and tries to finish: its transaction is refused and rolls back.
    await assert.rejects(db.transaction().execute((tx) => dead.complete(tx, held)), LeaseLostError);
  });

  it('renews the lease while a handler runs, so a slow but live worker keeps its job', async () => {
    const { db } = t();
    const slow = queue(db, 'slow', { leaseSeconds: 1.5 }).handle('slow', () => sleep(2_000));
    const other = queue(db, 'other', { leaseSeconds: 1.5 });
    await slow.enqueue(db, { kind: 'slow' });
    const running = slow.runDue();
    await sleep(1_700); // past the first lease
    assert.equal(await other.claim(), undefined, 'not reclaimed: the lease was renewed');
    assert.equal(await running, 1);
    assert.equal((await db.selectFrom('job').select('status').executeTakeFirstOrThrow()).status, 'done');
  });

  it('fails a reclaimed job whose last allowed attempt lost its worker, rather than looping forever', async () => {
    const { db } = t();
    const dead = queue(db, 'dead');
    const job = (await dead.enqueue(db, { kind: 'oom', maxAttempts: 1 }))!;
    await dead.claim();
    await ageLease(db, job.id, 301);
    let ran = 0;
    const alive = queue(db, 'alive').handle('oom', async () => void ran++);
    assert.equal(await alive.runDue(), 1);
    assert.equal(ran, 0);
    const row = await jobRow(db, job.id);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /abandoned/);
  });

  it('runs a periodic slot once across two processes, and the next slot again', async () => {
    const { db } = t();
    let clock = new Date('2026-03-02T01:00:30Z');
    const runs: unknown[] = [];
    const make = (id: string) =>
      queue(db, id, { now: () => clock }).every('grant.sweep', 60).handle('grant.sweep', async (p) => void runs.push(p));
    const a = make('a');
    const b = make('b');

    assert.equal((await a.tick()) + (await b.tick()) + (await a.tick()), 1, 'one job for the slot');
    assert.equal((await a.runDue()) + (await b.runDue()), 1);
    assert.deepEqual(runs, [{ slot: '2026-03-02T01:00:00.000Z' }]);

    clock = new Date('2026-03-02T01:01:05Z');
    assert.equal((await b.tick()) + (await a.tick()), 1);
    assert.equal((await b.runDue()) + (await a.runDue()), 1);
    const keys = await db.selectFrom('job').select('unique_key').orderBy('id').execute();
    assert.deepEqual(keys.map((k) => k.unique_key), ['grant.sweep@2026-03-02T01:00:00.000Z', 'grant.sweep@2026-03-02T01:01:00.000Z']);
  });

  it('runs the loop until stop(), which waits for the job in hand', async () => {
    const { db } = t();
    let started!: () => void;
    const inHand = new Promise<void>((resolve) => (started = resolve));
    let finished = false;
    const q = queue(db, 'loop').handle('slow', async () => {
      started();
      await sleep(300);
      finished = true;
    });
    const job = (await q.enqueue(db, { kind: 'slow' }))!;
    q.start({ pollMs: 10 });
    await inHand;
    await q.stop();
    assert.equal(finished, true);
    assert.equal((await jobRow(db, job.id)).status, 'done');
  });
});
