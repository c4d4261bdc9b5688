/**
 * The queue's promise to scale-out (DESIGN.md Architecture): separate worker PROCESSES on one PostgreSQL
 * database never double-process a job, and a process killed mid-job loses nothing. PostgreSQL server
 * only — PGlite is one process — and skipped only when GDX_TEST_DATABASES explicitly excludes postgres.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase } from '../testing/databases.ts';
import { testDatabaseKinds } from '../testing/server-url.ts';
import type { Db } from './connect.ts';
import { enqueueJob } from './jobs.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./jobs-worker-fixture.ts', import.meta.url));

interface Worker {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the first stdout line that satisfies `match`. */
  line(match: (line: string) => boolean): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

const started: Worker[] = [];

function startWorker(url: string, workerId: string, leaseSeconds = 300, slowMs = 60_000): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, url, workerId, String(leaseSeconds), String(slowMs)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const lines: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const complete = (stdout.slice(stdout.lastIndexOf('\n') + 1) + chunk).split('\n').slice(0, -1);
    stdout += chunk;
    lines.push(...complete);
    for (const l of complete) for (const w of waiters) if (w.match(l)) w.resolve(l);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': only then has all of stdout been read.
  const exited = once(child, 'close').then(([code, signal]) => ({
    code: code as number | null, signal: signal as NodeJS.Signals | null, stdout, stderr,
  }));
  const worker: Worker = {
    child,
    exited,
    line: (match) => {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then((e) => reject(new Error(`${workerId} exited (${e.code ?? e.signal}) before the line: ${e.stderr}`)));
      });
    },
  };
  started.push(worker);
  return worker;
}

const go = (w: Worker) => w.child.stdin.write('go\n');

function summary(stdout: string): { workerId: string; ran: number; errors: number } {
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { workerId: string; ran: number; errors: number };
}

async function createEffectTable(db: Db): Promise<void> {
  await sql`CREATE TABLE job_effect (job_id bigint NOT NULL UNIQUE, worker_id text NOT NULL)`.execute(db);
}

const skip = testDatabaseKinds().includes('postgres') ? false : 'GDX_TEST_DATABASES excludes postgres';

describe('job queue across worker processes [postgres]', { skip }, () => {
  after(() => {
    // A failed assertion must not leave a worker behind: end the ones this file started, by handle.
    for (const w of started) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  });

  it('two processes share 200 jobs and run each exactly once', { timeout: 120_000 }, async (ctx) => {
    const test = await createTestDatabase('postgres');
    try {
      const { db, url } = test;
      await createEffectTable(db);
      await db.transaction().execute(async (tx) => {
        for (let i = 0; i < 200; i++) await enqueueJob(tx, { kind: 'count', payload: { i } });
      });

      const workers = [startWorker(url!, 'worker-a'), startWorker(url!, 'worker-b')];
      await Promise.all(workers.map((w) => w.line((l) => l === 'ready')));
      workers.forEach(go); // both start claiming at the same moment
      const results = await Promise.all(workers.map((w) => w.exited));

      for (const r of results) assert.equal(r.code, 0, `worker failed: ${r.stderr}`);
      const [a, b] = results.map((r) => summary(r.stdout));
      assert.equal(a!.errors + b!.errors, 0);
      assert.equal(a!.ran + b!.ran, 200, 'every job ran once, none twice');
      assert.ok(a!.ran > 0 && b!.ran > 0, `both workers took jobs (a ${a!.ran}, b ${b!.ran})`);
      ctx.diagnostic(`worker-a ran ${a!.ran}, worker-b ran ${b!.ran}`);

      const effects = await sql<{ n: number; jobs: number }>`
        SELECT count(*)::int AS n, count(DISTINCT job_id)::int AS jobs FROM job_effect`.execute(db);
      assert.deepEqual(effects.rows[0], { n: 200, jobs: 200 });
      const jobs = await db.selectFrom('job').select(['status', 'attempts', 'last_error']).execute();
      assert.equal(jobs.length, 200);
      assert.ok(jobs.every((j) => j.status === 'done' && j.attempts === 1 && j.last_error === null),
        'all done on the first claim, none failed or retried');
      const mismatched = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM job JOIN job_effect e ON e.job_id = job.id WHERE job.locked_by <> e.worker_id`.execute(db);
      assert.equal(mismatched.rows[0]!.n, 0, 'the worker that holds a job is the one whose effect committed');
    } finally {
      await test.drop();
    }
  });

  it('a worker killed with SIGKILL while holding a job loses nothing: another reclaims it after the lease', { timeout: 120_000 }, async () => {
    const test = await createTestDatabase('postgres');
    try {
      const { db, url } = test;
      await createEffectTable(db);
      const job = await enqueueJob(db, { kind: 'slow' });

      const victim = startWorker(url!, 'victim', 300, 60_000);
      await victim.line((l) => l === 'ready');
      go(victim);
      await victim.line((l) => l.startsWith('{"holding"'));
      const held = await db.selectFrom('job').selectAll().where('id', '=', job!.id).executeTakeFirstOrThrow();
      assert.equal(held.status, 'running');
      assert.equal(held.locked_by, 'victim');
      victim.child.kill('SIGKILL');
      assert.equal((await victim.exited).signal, 'SIGKILL');

      // A fresh process with a 1-second lease: it must wait out the dead worker's lease, then finish the job.
      const rescuer = startWorker(url!, 'rescuer', 1, 0);
      await rescuer.line((l) => l === 'ready');
      go(rescuer);
      const r = await rescuer.exited;
      assert.equal(r.code, 0, `rescuer failed: ${r.stderr}`);
      assert.equal(summary(r.stdout).ran, 1);

      const done = await db.selectFrom('job').selectAll().where('id', '=', job!.id).executeTakeFirstOrThrow();
      assert.equal(done.status, 'done');
      assert.equal(done.locked_by, 'rescuer');
      assert.equal(done.attempts, 2, 'claimed by the victim, then reclaimed once');
      const effects = await sql<{ job_id: number; worker_id: string }>`SELECT job_id::int, worker_id FROM job_effect`.execute(db);
      assert.deepEqual(effects.rows, [{ job_id: job!.id, worker_id: 'rescuer' }]);
    } finally {
      await test.drop();
    }
  });
});
