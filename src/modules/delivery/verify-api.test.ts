/** 数据核验 over the signed API on both databases (§22; issue 4): match / mismatch / not found, never the value. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('verification API', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let client: GdxClient;
  let path = '';
  let openPath = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const verify = async (body: unknown) => {
    const res = await client.post(path, body);
    return { status: res.status, body: await res.json() as any };
  };

  before(async () => {
    server = await startTestServer(t().db);
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    await sql`INSERT INTO qzk_gaj.permits VALUES ('JC-0001', '晋城市泽州县宏达特种车辆运输有限公司', '13800000001'),
      ('JC-0002', '高平市顺安危险品储运有限公司', '13800000002')`.execute(t().db);
    const r = await call('fgw', 'POST', '/requests', request(world.entries.conditional, { method: 'verify', items: ['registration_no', 'holder_name'], validUntil: '2027-06-30' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const g = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
    assert.ok(g.body.grantId);
    await acceptAgreement(server, tok.fgw!, g.body.grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '企业投资项目核验' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    path = `/verify/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.conditional}`)).body.code)}`;

    // §27/§30(一) a verification grant of the unconditional entry keeps the request's row scope: 晋城 holders only.
    await sql`INSERT INTO qzk_gaj.vehicles VALUES ('JC-0101', '晋城市城区顺达运输有限公司', null), ('JC-0102', '高平市通达运输有限公司', null)`.execute(t().db);
    const open = await call('fgw', 'POST', '/requests', request(world.entries.open, {
      method: 'verify', items: ['registration_no', 'holder_name'], validUntil: '2027-06-30',
      conditions: { rowScope: [{ item: 'holder_name', op: 'prefix', values: ['晋城市'] }], rowFilter: '晋城市的持证单位' },
    }));
    assert.equal(open.status, 201, JSON.stringify(open.body));
    const passed = await call('sjj', 'POST', `/requests/${open.body.id}/compliance-review`, { decision: 'pass' });
    assert.ok(passed.body.grantId, JSON.stringify(passed.body));
    await acceptAgreement(server, tok.fgw!, passed.body.grantId);
    openPath = `/verify/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.open}`)).body.code)}`;
  });
  after(() => server.close());

  it('§22 answers per record and field, never the stored value', async () => {
    const res = await verify({ records: [
      { registration_no: 'JC-0001', holder_name: '晋城市泽州县宏达特种车辆运输有限公司' },
      { registration_no: 'jc-0002', holder_name: '别的公司' },
      { registration_no: 'JC-9999', holder_name: '不存在' },
    ] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.results, [
      { index: 0, found: true, fields: { holder_name: 'match' } },
      { index: 1, found: true, fields: { holder_name: 'mismatch' } },
      { index: 2, found: false, fields: {} },
    ]);
    assert.ok(!JSON.stringify(res.body).includes('高平市顺安'), 'the right value is never revealed');
  });

  it('§27 a record outside the grant\'s row scope is not found — never a mismatch, which would tell that it exists', async () => {
    const res = await client.post(openPath, { records: [
      { registration_no: 'JC-0101', holder_name: '晋城市城区顺达运输有限公司' },
      { registration_no: 'JC-0102', holder_name: '高平市通达运输有限公司' },
      { registration_no: 'JC-0102', holder_name: '别的公司' },
      { registration_no: 'jc-0102' },
    ] });
    const body = await res.json() as any;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.results, [
      { index: 0, found: true, fields: { holder_name: 'match' } },
      { index: 1, found: false, fields: {} },
      { index: 2, found: false, fields: {} },
      { index: 3, found: false, fields: {} },
    ]);
  });

  it('refuses items outside the grant, missing keys, oversized batches and a tampered body', async () => {
    const phone = await verify({ records: [{ registration_no: 'JC-0001', phone: '13800000001' }] });
    assert.equal(phone.status, 400);
    assert.match(JSON.stringify(phone.body.error.details), /phone/);
    assert.equal((await verify({ records: [{ holder_name: 'x' }] })).status, 400);
    assert.equal((await verify({ records: Array.from({ length: 1001 }, (_, i) => ({ registration_no: `JC-${i}` })) })).status, 400);
    const signed = client.sign('POST', path, JSON.stringify({ records: [{ registration_no: 'JC-0001' }] }), { 'content-type': 'application/json' });
    const tampered = await fetch(signed.url, { method: 'POST', headers: signed.headers, body: JSON.stringify({ records: [{ registration_no: 'JC-0002' }] }) });
    assert.equal(tampered.status, 401, 'the signature covers the body');
  });

  it('serves only under a verification grant, and records each batch', async () => {
    const dataPath = path.replace('/verify/', '/data/');
    assert.equal((await client.request('GET', dataPath)).status, 404, 'a verification grant gives no rows');
    const records = await t().db.selectFrom('access_record').select(['channel', 'outcome', 'rows']).where('channel', '=', 'verify').execute();
    assert.ok(records.some((r) => r.outcome === 'success' && r.rows === 3));
    assert.ok(records.some((r) => r.outcome === 'denied'));
  });
});
