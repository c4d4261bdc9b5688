/**
 * The checkpoint survives kill -9 (issue 4 "a killed process resumes without loss or duplicates"):
 * a real `gdx sync run` process syncing 200,000 rows in batches of 1,000 is killed mid-run, a second
 * one resumes, and the target then equals the masked, scoped source (row count and checksum).
 * PostgreSQL server only: the CLI process and the test share the database.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.ts';
import { testDatabaseKinds } from '../../testing/server-url.ts';
import { loadPlatformKey } from '../security/platform-key.ts';
import { actualCopy, exchangeWorld, expectedCopy, type ExchangeWorld } from './test-kit.ts';

describe('gdx sync run killed with SIGKILL mid-sync, then resumed', { skip: !testDatabaseKinds().includes('postgres') }, () => {
  let database: (TestDatabase & { drop(): Promise<void> }) | undefined;
  let w: ExchangeWorld;
  let dir = '';
  const cli = (grantId: string) => spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'sync', 'run', grantId, '--batch', '1000'], {
    env: { ...process.env, DATABASE_URL: database!.url, GDX_KEY_FILE: path.join(dir, 'platform.key'), GDX_DATA_DIR: dir, GDX_KEYRING: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  before(async () => {
    database = await createTestDatabase('postgres');
    dir = await mkdtemp(path.join(tmpdir(), 'gdx-sync-kill-'));
    const { key } = await loadPlatformKey(path.join(dir, 'platform.key'), { create: true });
    w = await exchangeWorld(database.db, { rows: 400_000, platformKey: key });
    const created = await w.server.call('POST', '/api/v1/sync/targets', { token: w.tok.fgw, body: { grantId: w.grantId, schema: 'sync_fgw' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(async () => {
    await w?.server.close();
    await database?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('resumes from the last committed batch: no row lost, none twice', { timeout: 300_000 }, async () => {
    const db = database!.db;
    const first = cli(w.grantId);
    let out = '';
    first.stdout!.on('data', (d) => (out += d));
    first.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => first.once('exit', (code) => resolve(code)));
    let killedAt = 0;
    for (let i = 0; i < 1200 && first.exitCode === null; i++) {
      const run = await db.selectFrom('sync_run').select(['rows_done', 'rows_total']).where('trigger', '=', 'cli').executeTakeFirst();
      if (run && run.rows_done >= 20_000) {
        first.kill('SIGKILL');
        killedAt = run.rows_done;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await exited;
    assert.ok(killedAt > 0, `the kill landed during the run: ${out}`);
    const expected = await expectedCopy(db, w.platformKey, w.grantId);
    assert.equal(expected.rows, 200_000);
    const partial = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_fgw.licences`.execute(db)).rows[0]!.n;
    assert.ok(partial >= killedAt && partial < expected.rows, `killed mid-run: ${partial} of ${expected.rows} rows committed`);
    assert.equal(partial % 1000, 0, 'only whole batches are committed');

    const second = cli(w.grantId);
    let out2 = '';
    second.stdout!.on('data', (d) => (out2 += d));
    second.stderr!.on('data', (d) => (out2 += d));
    const code = await new Promise<number | null>((resolve) => second.once('exit', (c) => resolve(c)));
    assert.equal(code, 0, out2);
    assert.match(out2, /resumed/);
    assert.deepEqual(await actualCopy(db), expected, 'the target equals the source: count and checksum');
    const runs = await db.selectFrom('sync_run').select(['status', 'resumed']).orderBy('created_at').execute();
    assert.deepEqual(runs.map((r) => [r.status, r.resumed]), [['interrupted', false], ['succeeded', true]]);
  });
});
