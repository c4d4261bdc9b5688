/**
 * 数据核验 over the signed API on both databases (§22; issue 4): match / mismatch / not found, never the
 * value; 身份证号 and 统一社会信用代码 keys found whatever case they are kept in, other keys matched exactly.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('verification API', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let client: GdxClient;
  let path = '';
  let openPath = '';
  let repsPath = '';
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

    // 企业法定代表人: keyed by 统一社会信用代码 and 公民身份号码, kept by the provider in mixed and lower case.
    const reps = await call('gaj', 'POST', '/catalog', entryBody({
      name: '企业法定代表人身份信息', summary: '企业统一社会信用代码与其法定代表人的身份号码、姓名', items: [
        { name: 'uscc', label: '统一社会信用代码', type: 'string', length: 18, key: true, sensitiveType: 'uscc', masking: 'keep_first_last', maskingParam: 4 },
        { name: 'rep_id', label: '法定代表人公民身份号码', type: 'string', length: 18, key: true, sensitiveType: 'id_card', masking: 'id_card' },
        { name: 'rep_name', label: '法定代表人姓名', type: 'string', length: 50, sensitiveType: 'name', masking: 'name' },
      ],
    }));
    assert.equal(reps.status, 201, JSON.stringify(reps.body));
    await call('gaj', 'POST', `/catalog/${reps.body.id}/submit`);
    assert.equal((await call('sjj', 'POST', `/catalog/${reps.body.id}/review`, { decision: 'approve' })).status, 200);
    await sql`CREATE TABLE qzk_gaj.legal_reps (uscc text PRIMARY KEY, rep_id text, rep_name text)`.execute(t().db);
    await sql`INSERT INTO qzk_gaj.legal_reps VALUES ('91140500Ma0gXyzq1K', '14052519900101123x', '王建国'),
      ('91140525ma0h2b3c4d', '140525198506062345', '李秀英')`.execute(t().db);
    assert.equal((await call('gaj', 'PUT', `/catalog/${reps.body.id}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'legal_reps' })).status, 200);
    const asked = await call('fgw', 'POST', '/requests', request(reps.body.id, { method: 'verify', items: ['uscc', 'rep_id', 'rep_name'], validUntil: '2027-06-30' }));
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    await call('sjj', 'POST', `/requests/${asked.body.id}/compliance-review`, { decision: 'pass' });
    const repsGrant = await call('gaj', 'POST', `/requests/${asked.body.id}/reply`, { decision: 'grant' });
    assert.ok(repsGrant.body.grantId, JSON.stringify(repsGrant.body));
    await acceptAgreement(server, tok.fgw!, repsGrant.body.grantId);
    repsPath = `/verify/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${reps.body.id}`)).body.code)}`;
  });
  after(() => server.close());

  it('§22 answers per record and field, never the stored value', async () => {
    const res = await verify({ records: [
      { registration_no: 'JC-0001', holder_name: '晋城市泽州县宏达特种车辆运输有限公司' },
      { registration_no: 'JC-0002', holder_name: '别的公司' },
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

  it('finds 身份证号 and 统一社会信用代码 keys kept in lower or mixed case, and still answers only match / mismatch', async () => {
    const res = await client.post(repsPath, { records: [
      { uscc: '91140500MA0GXYZQ1K', rep_id: '14052519900101123X', rep_name: '王建国' },
      { uscc: '91140500ma0gxyzq1k', rep_id: '14052519900101123x', rep_name: '张三' },
      { uscc: '９１１４０５２５ＭＡ０Ｈ２Ｂ３Ｃ４Ｄ', rep_id: '140525198506062345', rep_name: '王建国' },
      { uscc: '91140500MA0GXYZQ1K', rep_id: '140525198506062345', rep_name: '李秀英' },
    ] });
    const body = await res.json() as any;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.results, [
      { index: 0, found: true, fields: { rep_name: 'match' } },
      { index: 1, found: true, fields: { rep_name: 'mismatch' } },
      { index: 2, found: true, fields: { rep_name: 'mismatch' } },
      { index: 3, found: false, fields: {} },
    ]);
    const text = JSON.stringify(body);
    for (const stored of ['李秀英', '91140500Ma0gXyzq1K', '14052519900101123x', '91140525ma0h2b3c4d']) assert.ok(!text.includes(stored), `${stored} is never revealed`);
  });

  it('matches every other key exactly: a 登记证编号 in another case is another record', async () => {
    await sql`INSERT INTO qzk_gaj.permits VALUES ('Jc-0003', '阳城县安达危化品运输有限公司', null)`.execute(t().db);
    const res = await verify({ records: [
      { registration_no: 'Jc-0003', holder_name: '阳城县安达危化品运输有限公司' },
      { registration_no: 'JC-0003', holder_name: '阳城县安达危化品运输有限公司' },
      { registration_no: 'jc-0001', holder_name: '晋城市泽州县宏达特种车辆运输有限公司' },
    ] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.results, [
      { index: 0, found: true, fields: { holder_name: 'match' } },
      { index: 1, found: false, fields: {} },
      { index: 2, found: false, fields: {} },
    ]);
  });

  it('§27 a record outside the grant\'s row scope is not found — never a mismatch, which would tell that it exists', async () => {
    const res = await client.post(openPath, { records: [
      { registration_no: 'JC-0101', holder_name: '晋城市城区顺达运输有限公司' },
      { registration_no: 'JC-0102', holder_name: '高平市通达运输有限公司' },
      { registration_no: 'JC-0102', holder_name: '别的公司' },
    ] });
    const body = await res.json() as any;
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body.results, [
      { index: 0, found: true, fields: { holder_name: 'match' } },
      { index: 1, found: false, fields: {} },
      { index: 2, found: false, fields: {} },
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

  it('refuses a body that is not UTF-8 JSON after the signature, clearly, and records it', async () => {
    const send = async (body: Uint8Array | string, contentType?: string) => {
      const res = await client.request('POST', path, body, contentType ? { 'content-type': contentType } : {});
      return { status: res.status, body: await res.json() as any };
    };
    const notJson = await send('registration_no=JC-0001', 'application/json');
    assert.equal(notJson.status, 400, JSON.stringify(notJson.body));
    assert.equal(notJson.body.error.code, 'MALFORMED_BODY');
    // 晋城市泽州县宏达… in GBK: read as U+FFFD it was a silent "mismatch".
    const gbk = Buffer.concat([Buffer.from('{"records":[{"registration_no":"JC-0001","holder_name":"'), Buffer.from([0xbd, 0xfa, 0xb3, 0xc7]), Buffer.from('"}]}')]);
    const notUtf8 = await send(gbk, 'application/json; charset=gbk');
    assert.equal(notUtf8.status, 400, JSON.stringify(notUtf8.body));
    assert.equal(notUtf8.body.error.code, 'BODY_NOT_UTF8');
    assert.ok(notUtf8.body.error.zh.includes('UTF-8'));
    const plain = await send(JSON.stringify({ records: [{ registration_no: 'JC-0001', holder_name: '晋城市泽州县宏达特种车辆运输有限公司' }] }), 'text/plain');
    assert.equal(plain.status, 200, 'the JSON is read whatever content type it was labelled with');
    assert.deepEqual(plain.body.results, [{ index: 0, found: true, fields: { holder_name: 'match' } }]);
    const unsigned = await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' });
    assert.equal(unsigned.status, 401, 'an unsigned body is refused for its signature first');
    const codes = (await t().db.selectFrom('access_record').select('error_code').where('channel', '=', 'verify').execute()).map((r) => r.error_code);
    for (const code of ['MALFORMED_BODY', 'BODY_NOT_UTF8', 'SIGNATURE_MISSING']) assert.ok(codes.includes(code), `${code} is recorded`);
  });

  it('serves only under a verification grant, and records each batch', async () => {
    const dataPath = path.replace('/verify/', '/data/');
    assert.equal((await client.request('GET', dataPath)).status, 404, 'a verification grant gives no rows');
    const records = await t().db.selectFrom('access_record').select(['channel', 'outcome', 'rows']).where('channel', '=', 'verify').execute();
    assert.ok(records.some((r) => r.outcome === 'success' && r.rows === 3));
    assert.ok(records.some((r) => r.outcome === 'denied'));
  });
});
