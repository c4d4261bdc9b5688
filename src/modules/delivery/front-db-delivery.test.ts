/**
 * A table mounted from a 前置库 on another PostgreSQL server (§17: 各部门搭建本部门共享前置库) is served
 * from THAT server by the data API and by verification — never from a same-named table of the
 * platform's own database, and not from a page read with the call's checks before the entry was
 * re-mounted (issue 4). The 前置库 is a database this test creates on the PostgreSQL server, whichever
 * engine the platform runs on.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { serverUrl, withDatabase } from '../../testing/server-url.ts';
import { acceptAgreement, mountApproved, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('delivery from a 前置库 on another server', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let api: GdxClient;
  let entryId = '';
  let dataPath = '';
  let verifyPath = '';
  const frontName = `gdx_front_${randomBytes(5).toString('hex')}`;
  const frontUrl = withDatabase(serverUrl(), frontName);
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>, url = serverUrl()) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const keys = async (query: string) => {
    const res = await api.request('GET', `${dataPath}${query}`);
    const body = await res.json() as { items: { registration_no: string }[]; nextCursor?: string };
    assert.equal(res.status, 200, JSON.stringify(body));
    return { keys: body.items.map((r) => r.registration_no), next: body.nextCursor };
  };

  before(async () => {
    await admin((c) => c.query(`CREATE DATABASE "${frontName}"`));
    await admin((c) => c.query(`CREATE SCHEMA qzk_gaj;
      CREATE TABLE qzk_gaj.permits (registration_no text PRIMARY KEY, holder_name text, phone text);
      INSERT INTO qzk_gaj.permits VALUES ('QZ-0001', '阳城县前置库运输有限公司', '13900000001'), ('QZ-0002', '陵川县前置库储运有限公司', '13900000002'),
        ('QZ-0003', '沁水县前置库物流有限公司', '13900000003')`), frontUrl);

    server = await startTestServer(t().db);
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    entryId = world.entries.conditional;
    // The platform's own database holds a table of the same name with other rows.
    await sql`INSERT INTO qzk_gaj.permits VALUES ('PT-0001', '平台库单位甲', '13800000001'), ('PT-0002', '平台库单位乙', '13800000002'),
      ('PT-0003', '平台库单位丙', '13800000003')`.execute(t().db);
    for (const method of ['api', 'verify']) {
      const r = await call('fgw', 'POST', '/requests', request(entryId, { method, items: ['registration_no', 'holder_name'], validUntil: '2027-06-30' }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
      const g = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
      assert.ok(g.body.grantId, JSON.stringify(g.body));
      await acceptAgreement(server, tok.fgw!, g.body.grantId);
    }
    const app = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    api = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    const code = encodeURIComponent((await call('fgw', 'GET', `/catalog/${entryId}`)).body.code);
    dataPath = `/data/${code}`;
    verifyPath = `/verify/${code}`;
  });
  after(async () => {
    await server?.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${frontName}" WITH (FORCE)`));
  });

  it('serves the rows of the server the mount names, from the first call after a re-mount', async () => {
    // Mounted from the platform's database: its rows, twice (the second page read with the call's checks).
    const first = await keys('?limit=2');
    assert.deepEqual(first.keys, ['PT-0001', 'PT-0002']);
    assert.deepEqual((await keys(`?limit=2&cursor=${first.next}`)).keys, ['PT-0003']);
    assert.deepEqual((await keys('?limit=2')).keys, ['PT-0001', 'PT-0002']);

    // Re-mounted: the same schema and table, on the 前置库 server — a change under a live grant, approved by the authority (§16).
    const m = await mountApproved(server, tok, entryId, { kind: 'table', schema: 'qzk_gaj', table: 'permits', connection: frontUrl });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    assert.equal(m.body.config.connection, `127.0.0.1:${new URL(serverUrl()).port || '5432'}/${frontName}`);
    const after = await keys('?limit=2');
    assert.deepEqual(after.keys, ['QZ-0001', 'QZ-0002']);
    assert.deepEqual((await keys(`?limit=2&cursor=${after.next}`)).keys, ['QZ-0003']);
    assert.deepEqual((await keys('?limit=5')).keys, ['QZ-0001', 'QZ-0002', 'QZ-0003']);
  });

  it('verifies against the 前置库 server: its keys are found, the platform table\'s are not', async () => {
    const res = await api.post(verifyPath, { records: [
      { registration_no: 'QZ-0002', holder_name: '陵川县前置库储运有限公司' },
      { registration_no: 'QZ-0003', holder_name: '别的单位' },
      { registration_no: 'PT-0001', holder_name: '平台库单位甲' },
    ] });
    const body = await res.json() as { results: { found: boolean; fields?: Record<string, string> }[] };
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.results.map((r) => r.found), [true, true, false]);
    assert.equal(body.results[0]!.fields!.holder_name, 'match');
    assert.equal(body.results[1]!.fields!.holder_name, 'mismatch');
    assert.ok(!JSON.stringify(body).includes('沁水县'), 'the stored value never leaves');
  });
});
