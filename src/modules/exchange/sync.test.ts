/**
 * Table exchange end to end on both databases (§17 库表; security rules §25, §27; issue 4): a full
 * sync equals the masked, scoped, granted rows of the source (count and checksum); incremental runs
 * carry changes and scope exits; deletes propagate by key reconciliation; a target that rejects a
 * batch stops the run with a clear error and loses nothing; a revoked grant stops the next batch;
 * ungranted items never reach the consumer. On PostgreSQL the COPY paths run, on PGlite the paged ones.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { JobQueue } from '../../db/jobs.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { serverUrl, withDatabase } from '../../testing/server-url.ts';
import { FrontDbs } from '../delivery/front-db.ts';
import { dropSyncedCopy } from './destroy.ts';
import { SyncRunner } from './engine.ts';
import { registerExchangeJobs, scheduleDueSyncs } from './jobs.ts';
import { actualCopy, addLicences, exchangeWorld, expectedCopy, type ExchangeWorld } from './test-kit.ts';

forEachDatabase('table exchange', (t) => {
  let w: ExchangeWorld;
  let fronts: FrontDbs;
  let runner: SyncRunner;
  let targetId = '';
  const call = (user: string, method: string, path: string, body?: unknown) => w.server.call(method, `/api/v1${path}`, { token: w.tok[user], body });
  const expectSame = async (what: string) => {
    const [expected, actual] = [await expectedCopy(t().db, w.platformKey, w.grantId), await actualCopy(t().db)];
    assert.deepEqual(actual, expected, what);
    return expected;
  };
  /** Starts a run through the API and executes it here, as the job worker would. */
  const sync = async (body: Record<string, unknown> = {}, opts: Parameters<SyncRunner['execute']>[1] = { batchRows: 100 }) => {
    const started = await call('fgw', 'POST', `/sync/targets/${targetId}/runs`, body);
    assert.equal(started.status, 202, JSON.stringify(started.body));
    assert.equal(started.body.status, 'queued');
    await runner.execute(started.body.id, opts);
    return (await call('fgw', 'GET', `/sync/runs/${started.body.id}`)).body;
  };

  before(async () => {
    w = await exchangeWorld(t().db, { rows: 1000 });
    fronts = new FrontDbs({ db: t().db, platformKey: w.platformKey, platformUrl: t().url });
    runner = new SyncRunner({ db: t().db, platformKey: w.platformKey, fronts });
  });
  after(async () => {
    await fronts.close();
    await w.server.close();
  });

  it('refuses a target whose connection may not create the table, when it is configured, not at the first run', async () => {
    // A database and a login role without CREATE on it, on the PostgreSQL server (whichever engine the platform runs on).
    const suffix = Math.random().toString(36).slice(2, 10);
    const [database, role] = [`gdx_ro_${suffix}`, `gdx_ro_${suffix}`];
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      await admin.query(`CREATE DATABASE ${database}`);
      const refused = await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'reports', connection: withDatabase(serverUrl(), database).replace(/\/\/[^@/]*@/, `//${role}@`) });
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'TARGET_NOT_WRITABLE');
      assert.match(refused.body.error.zh, /CREATE 权限/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });

  it('lets only the consumer\'s data steward configure a target, in its own sync_ schema of the platform database', async () => {
    const denied = [
      await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'public' }),
      // Another department's schema: the data would reach a department the grant was not given to.
      await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_gaj' }),
      await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'qzk_gaj', table: 'stolen' }),
      await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_fgw', connection: 'mysql://x@y/z' }),
      await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_fgw', connection: 'postgres://nobody@127.0.0.1:1/none' }),
    ];
    assert.deepEqual(denied.map((r) => [r.status, r.body.error.code]), [
      [400, 'TARGET_INVALID'], [400, 'TARGET_INVALID'], [400, 'TARGET_INVALID'], [400, 'CONNECTION_INVALID'], [400, 'CONNECTION_UNREACHABLE']]);
    assert.ok(denied[0]!.body.error.zh && denied[0]!.body.error.en);
    assert.match(denied[1]!.body.error.zh, /sync_fgw/, 'names the schema the department may use');
    assert.equal((await call('gaj', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_gaj' })).status, 404, 'the provider is not the consumer');
    assert.equal((await call('fgw.req', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_fgw' })).status, 403);
    const created = await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_fgw' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    targetId = created.body.id;
    assert.equal(created.body.table, 'licences');
    assert.equal(created.body.connection, 'platform');
    assert.equal(created.body.updateCycle, 'daily');
    assert.equal((await call('fgw', 'POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_fgw', table: 'again' })).body.error.code, 'TARGET_EXISTS');
    assert.equal((await call('gaj', 'GET', `/sync/targets/${targetId}`)).status, 404);
    assert.equal((await call('auditor', 'GET', '/sync/targets')).body.total, 1);
    const audit = await t().db.selectFrom('audit_record').select('action').where('action', 'like', 'sync.%').execute();
    assert.ok(audit.some((a) => a.action === 'sync.target.create'));
  });

  it('full sync: exactly the granted items, masked, typed, rows in scope only — one access record per batch', async () => {
    const run = await sync();
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.mode, 'full');
    const expected = await expectSame('the synced copy equals the masked, scoped source');
    assert.equal(expected.rows, 500, 'two districts of four');
    assert.deepEqual([run.rowsDone, run.rowsTotal, run.percent, run.batches], [500, 500, 100, 5]);
    const cols = await sql<{ column_name: string; data_type: string }>`SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'sync_fgw' AND table_name = 'licences' ORDER BY ordinal_position`.execute(t().db);
    assert.deepEqual(Object.fromEntries(cols.rows.map((c) => [c.column_name, c.data_type])), {
      gdx_key: 'text', gdx_gen: 'integer', licence_no: 'text', holder_name: 'text', phone: 'text', district: 'text', capacity: 'bigint',
      fee: 'numeric', issued_on: 'date', checked_at: 'timestamp with time zone', active: 'boolean', seal: 'bytea',
    }, 'id_card was never granted: no such column');
    const sample = (await sql<{ holder_name: string; phone: string | null }>`SELECT holder_name, phone FROM sync_fgw.licences ORDER BY licence_no LIMIT 1`.execute(t().db)).rows[0]!;
    assert.match(sample.holder_name, /^.\*+$/);
    assert.match(sample.phone ?? '', /^139\*{4}\d{4}$/);
    const out = await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_fgw.licences WHERE district NOT IN ('城区', '泽州县')`.execute(t().db);
    assert.equal(out.rows[0]!.n, 0);
    const records = await t().db.selectFrom('access_record').select(['channel', 'rows', 'outcome', 'items', 'bytes']).where('grant_id', '=', w.grantId).execute();
    assert.equal(records.length, 5);
    assert.ok(records.every((r) => r.channel === 'table' && r.outcome === 'success' && r.rows === 100 && r.bytes > 0 && !r.items.includes('id_card')));
    assert.ok((await call('fgw', 'GET', `/grants/${w.grantId}`)).body.lastUsedAt, 'a sync is a use of the grant (§31)');
  });

  it('incremental: changed and new rows, and a row that left the scope is removed; a row touched without a change is not rewritten', async () => {
    const versions = async () => new Map((await sql<{ k: string; v: string }>`SELECT gdx_key AS k, xmin::text AS v FROM sync_fgw.licences`.execute(t().db)).rows.map((r) => [r.k, r.v]));
    const before = await versions();
    await sql`UPDATE qzk_gaj.licences SET capacity = capacity + 1000, updated_at = now() WHERE licence_no IN ('XK0000004', 'XK0000005')`.execute(t().db);
    await sql`UPDATE qzk_gaj.licences SET district = '阳城县', updated_at = now() WHERE licence_no = 'XK0000008'`.execute(t().db);
    await sql`UPDATE qzk_gaj.licences SET updated_at = now() WHERE licence_no = 'XK0000009'`.execute(t().db); // in scope, unchanged
    await addLicences(t().db, 1001, 8);
    const run = await sync();
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.mode, 'incremental');
    assert.equal(run.rowsTotal, 12, 'only what changed since the watermark is read');
    const expected = await expectSame('changes carried over');
    assert.equal(expected.rows, 500 - 1 + 4);
    const after = await versions();
    const rewritten = [...after].filter(([k, v]) => before.has(k) && before.get(k) !== v);
    assert.equal(rewritten.length, 2, 'the two changed rows are written again, not XK0000009, which was only touched');
    const idle = await sync();
    assert.deepEqual([idle.status, idle.mode, idle.rowsTotal], ['succeeded', 'incremental', 0]);
  });

  it('deletes propagate by key reconciliation', async () => {
    await sql`DELETE FROM qzk_gaj.licences WHERE licence_no IN ('XK0000012', 'XK0000013', 'XK0000016')`.execute(t().db);
    const run = await sync({ reconcile: true });
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(run.rowsDeleted, 3);
    await expectSame('deleted rows are gone');
  });

  it('a target that rejects a batch stops the run with a clear error; nothing is lost and the next run resumes', async () => {
    await sql.raw('ALTER TABLE sync_fgw.licences ADD CONSTRAINT capacity_known CHECK (capacity >= 0)').execute(t().db);
    await sql`UPDATE qzk_gaj.licences SET holder_name = '钱七', updated_at = now() WHERE licence_no < 'XK0000300'`.execute(t().db);
    await sql`UPDATE qzk_gaj.licences SET capacity = -1 WHERE licence_no = 'XK0000296'`.execute(t().db);
    const failed = await sync({}, { batchRows: 50 });
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error.code, 'SYNC_TARGET_REJECTED');
    assert.match(failed.error.zh, /目标库拒绝写入/);
    assert.match(failed.error.zh, /违反检查约束/, 'the cause in Chinese, not only the database\'s English');
    assert.match(failed.error.en, /capacity_known/);
    // Changed rows are read in key order, in scope or not (a row that left the scope is deleted): the
    // failing row is the 296th, in the sixth batch of 50; the five before it are committed, not more.
    assert.equal(failed.rowsDone, 250);
    const committed = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_fgw.licences WHERE holder_name = '钱*'`.execute(t().db)).rows[0]!.n;
    const inFirstBatches = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT district FROM qzk_gaj.licences
      WHERE licence_no < 'XK0000300' ORDER BY licence_no LIMIT 250) s WHERE district IN ('城区', '泽州县')`.execute(t().db)).rows[0]!.n;
    assert.equal(committed, inFirstBatches, 'the batches before the failing one are kept, the failing one is not');
    await sql.raw('ALTER TABLE sync_fgw.licences DROP CONSTRAINT capacity_known').execute(t().db);
    const resumed = await sync({}, { batchRows: 50 });
    assert.equal(resumed.status, 'succeeded', JSON.stringify(resumed.error));
    assert.equal(resumed.resumed, true);
    assert.equal(resumed.rowsDone, resumed.rowsTotal);
    await expectSame('nothing lost, nothing twice');
  });

  it('runs through the job queue; one run per target at a time; a queued run can be cancelled; the schedule follows 更新周期', async () => {
    const first = await call('fgw', 'POST', `/sync/targets/${targetId}/runs`, { full: true });
    assert.equal(first.status, 202);
    const second = await call('fgw', 'POST', `/sync/targets/${targetId}/runs`, {});
    assert.deepEqual([second.status, second.body.error.code], [409, 'SYNC_RUN_ACTIVE']);
    const queue = new JobQueue({ db: t().db, workerId: 'test-worker' });
    registerExchangeJobs(queue, runner, { scheduleSeconds: 3600 });
    assert.ok((await queue.runDue()) >= 1);
    const done = (await call('fgw', 'GET', `/sync/runs/${first.body.id}`)).body;
    assert.deepEqual([done.status, done.mode, done.trigger], ['succeeded', 'full', 'manual'], JSON.stringify(done.error));
    await expectSame('a forced full pass leaves the same copy');

    const queued = await call('fgw', 'POST', `/sync/targets/${targetId}/runs`, {});
    const cancelled = await call('fgw', 'POST', `/sync/runs/${queued.body.id}/cancel`);
    assert.equal(cancelled.body.status, 'cancelled');
    assert.equal((await call('fgw', 'POST', `/sync/runs/${queued.body.id}/cancel`)).status, 409);

    assert.equal(await scheduleDueSyncs(t().db, new Date()), 0, 'synced today: a daily entry is not due');
    assert.equal(await scheduleDueSyncs(t().db, new Date(Date.now() + 2 * 86_400_000)), 1);
    const runs = (await call('fgw', 'GET', `/sync/runs?targetId=${targetId}`)).body.items;
    assert.equal(runs[0].trigger, 'schedule');
    await call('fgw', 'POST', `/sync/runs/${runs[0].id}/cancel`);
    const audit = await t().db.selectFrom('audit_record').select('action').where('action', 'like', 'sync.run.%').execute();
    assert.ok(audit.filter((a) => a.action === 'sync.run.start').length >= 2);
    assert.ok(audit.some((a) => a.action === 'sync.run.cancel'));
  });

  it('an entry withdrawn from publication stops the very next batch, is not scheduled and cannot be started (§19)', async () => {
    await sql`UPDATE qzk_gaj.licences SET updated_at = now() WHERE district IN ('城区', '泽州县')`.execute(t().db);
    const setStatus = (status: 'withdrawn' | 'published') => t().db.updateTable('catalog_entry').set({ status }).where('id', '=', w.entryId).execute();
    let batches = 0;
    try {
      const run = await sync({}, {
        batchRows: 50,
        onProgress: async (p) => {
          if (p.phase === 'copy' && p.rowsDone > 0 && ++batches === 1) await setStatus('withdrawn');
        },
      });
      assert.equal(run.status, 'failed');
      assert.equal(run.error.code, 'ENTRY_WITHDRAWN');
      assert.match(run.error.zh, /撤销发布/);
      assert.equal(run.rowsDone, 50, 'one batch, then nothing');
      assert.equal(await scheduleDueSyncs(t().db, new Date(Date.now() + 30 * 86_400_000)), 0, 'a withdrawn entry is not scheduled');
      const started = await call('fgw', 'POST', `/sync/targets/${targetId}/runs`, {});
      if (started.status === 202) {
        await runner.execute(started.body.id, { batchRows: 50 });
        const refused = (await call('fgw', 'GET', `/sync/runs/${started.body.id}`)).body;
        assert.deepEqual([refused.status, refused.error.code, refused.rowsDone], ['failed', 'ENTRY_WITHDRAWN', 0], 'a run started by hand copies nothing');
      } else {
        assert.equal(started.body.error.code, 'ENTRY_WITHDRAWN');
      }
    } finally {
      await setStatus('published');
    }
    // Published again: the interrupted pass resumes and completes.
    assert.equal((await sync({}, { batchRows: 50 })).status, 'succeeded');
    await expectSame('the copy is whole again once the entry is published');
  });

  it('revoking the grant stops the very next batch (§40)', async () => {
    await sql`UPDATE qzk_gaj.licences SET updated_at = now() WHERE district IN ('城区', '泽州县')`.execute(t().db);
    let batches = 0;
    const run = await sync({}, {
      batchRows: 50,
      onProgress: async (p) => {
        if (p.phase === 'copy' && p.rowsDone > 0 && ++batches === 1) {
          const revoked = await call('gaj', 'POST', `/grants/${w.grantId}/revoke`, { reason: '超范围使用（第四十条）' });
          assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
        }
      },
    });
    assert.equal(run.status, 'failed');
    assert.equal(run.error.code, 'GRANT_NOT_LIVE');
    assert.equal(run.rowsDone, 50, 'one batch, then nothing');
    const denied = await t().db.selectFrom('access_record').select('outcome').where('grant_id', '=', w.grantId).where('error_code', '=', 'GRANT_NOT_LIVE').execute();
    assert.deepEqual(denied.map((d) => d.outcome), ['denied']);
    assert.equal((await call('fgw', 'POST', `/sync/targets/${targetId}/runs`, {})).status, 403);
  });

  it('destruction drops the synced copy and retires the target (security rules §29)', async () => {
    const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM sync_fgw.licences`.execute(t().db)).rows[0]!.n;
    assert.deepEqual(await dropSyncedCopy(t().db, w.grantId, { platformKey: w.platformKey }), { rows: before });
    const left = await sql<{ t: string | null }>`SELECT to_regclass('sync_fgw.licences')::text AS t`.execute(t().db);
    assert.equal(left.rows[0]!.t, null);
    assert.equal((await call('fgw', 'GET', '/sync/targets')).body.total, 0);
  });
});
