/**
 * Two real server processes (`src/main.ts`) on one PostgreSQL database: every periodic sweep slot
 * runs exactly once between them, both serve the API, and each stops cleanly on SIGTERM
 * (DESIGN.md → Architecture: stateless processes behind a load balancer never double-process).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from './testing/databases.ts';
import { testDatabaseKinds } from './testing/server-url.ts';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start: ${log()}`);
}

describe('two server processes on one PostgreSQL', { skip: !testDatabaseKinds().includes('postgres') }, () => {
  let database: (TestDatabase & { drop(): Promise<void> }) | undefined;
  const servers: { child: ChildProcess; url: string; out: string }[] = [];

  before(async () => {
    database = await createTestDatabase('postgres');
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), GDX_DEMO: '0', GDX_SWEEP_SECONDS: '1', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const s = { child, url: `http://127.0.0.1:${port}`, out: '' };
      child.stdout!.on('data', (d) => (s.out += d));
      child.stderr!.on('data', (d) => (s.out += d));
      servers.push(s);
    }
    await Promise.all(servers.map((s) => waitForHealth(s.url, s.child, () => s.out)));
    await new Promise((r) => setTimeout(r, 5000)); // five one-second sweep slots
  });

  after(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await database?.drop();
  });

  it('runs each sweep slot once, across both processes', async () => {
    const db = database!.db;
    const perSlot = await sql<{ unique_key: string; n: number }>`
      SELECT unique_key, count(*)::int AS n FROM job WHERE kind = 'deadlines.scan' GROUP BY unique_key`.execute(db);
    assert.ok(perSlot.rows.length >= 3, `several slots ran: ${perSlot.rows.length}`);
    assert.ok(perSlot.rows.every((r) => r.n === 1), 'no slot enqueued twice');
    const states = await sql<{ status: string; attempts: number }>`SELECT status, attempts FROM job WHERE kind LIKE 'grants.%' OR kind = 'deadlines.scan'`.execute(db);
    assert.ok(states.rows.filter((r) => r.status === 'done').length >= 6);
    assert.ok(states.rows.every((r) => r.status !== 'failed' && r.attempts <= 1), 'none failed, none ran twice');
    const workers = await sql<{ locked_by: string }>`SELECT DISTINCT locked_by FROM job WHERE status = 'done'`.execute(db);
    assert.ok(workers.rows.length >= 1);
  });

  it('both processes serve the API from the shared database', async () => {
    for (const s of servers) {
      const res = await fetch(`${s.url}/api/v1/health`);
      assert.equal(res.status, 200);
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const exits = servers.map((s) => new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code))));
    for (const s of servers) s.child.kill('SIGTERM');
    assert.deepEqual(await Promise.all(exits), [0, 0]);
  });
});
