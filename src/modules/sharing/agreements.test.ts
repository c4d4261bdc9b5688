/**
 * The data-security agreement of a grant over HTTP on both databases (security rules §27): made with
 * the grant, shown to those who see the grant, accepted by the consumer only, audited, immutable —
 * and no data by API or verification before it is accepted.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { assertAgreementAccepted } from './agreements.ts';
import { acceptAgreement, request, sharingWorld } from './test-kit.ts';

forEachDatabase('data-security agreement', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let client: GdxClient;
  let apiGrant = '';
  let verifyGrant = '';
  let code = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const grant = async (entryId: string, overrides: Record<string, unknown>) => {
    const r = await call('fgw', 'POST', '/requests', request(entryId, { validUntil: '2027-06-30', ...overrides }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const g = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant', conditions: { masking: { holder_name: 'name' } } });
    assert.ok(g.body.grantId, JSON.stringify(g.body));
    return g.body.grantId as string;
  };

  before(async () => {
    server = await startTestServer(t().db);
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    tok.admin = await server.login('admin');
    await sql`INSERT INTO qzk_gaj.permits VALUES ('JC-0001', '晋城市宏达特种车辆运输有限公司', '13800000001')`.execute(t().db);
    apiGrant = await grant(world.entries.conditional, { items: ['registration_no', 'holder_name', 'phone'] });
    verifyGrant = await grant(world.entries.conditional, { method: 'verify' });
    const app = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    code = encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.conditional}`)).body.code);
  });
  after(() => server.close());

  it('is generated with the grant, states the §27 terms, and is shown to those who see the grant', async () => {
    const mine = await call('fgw.req', 'GET', `/grants/${apiGrant}/agreement`);
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.match(mine.body.textZh, /^数据安全协议/);
    for (const term of ['提供方（甲方）：晋城市公安局', '使用方（乙方）：晋城市发展和改革委员会', '核查建设项目审批中的许可信息', '接口：',
      '联系电话（phone）：脱敏（手机号脱敏）', '持证单位（holder_name）：脱敏（姓名脱敏）', '至 2027-06-30 止', '投资项目在线审批监管平台并联审批', '安全保护措施', '责任义务',
      '《晋城市政务数据安全管理实施细则》第四条']) {
      assert.ok(mine.body.textZh.includes(term), term);
    }
    assert.match(mine.body.textEn, /^Data-security agreement/);
    assert.equal(mine.body.textHash, createHash('sha256').update(`${mine.body.textZh}\n${mine.body.textEn}`).digest('hex'));
    assert.equal(mine.body.acceptedAt, null);
    assert.equal(mine.body.mayAccept, true);
    assert.equal((await call('gaj', 'GET', `/grants/${apiGrant}/agreement`)).body.mayAccept, false, 'the provider sees it but does not accept');
    assert.equal((await call('auditor', 'GET', `/grants/${apiGrant}/agreement`)).status, 200);
    assert.equal((await call('zzx.zrzyj', 'GET', `/grants/${apiGrant}/agreement`)).status, 404, 'outside the grant\'s audience it does not exist');
    assert.equal((await call('admin', 'GET', `/grants/${apiGrant}/agreement`)).status, 403, 'the operator sees no grant');
    const stored = await t().db.selectFrom('grant_agreement').select(['text_hash', 'accepted_at']).where('grant_id', '=', verifyGrant).executeTakeFirstOrThrow();
    assert.match(stored.text_hash, /^[0-9a-f]{64}$/, 'stored when the grant was made');
  });

  it('refuses data and verification before the consumer accepts (403 AGREEMENT_NOT_ACCEPTED), recorded', async () => {
    const data = await client.request('GET', `/data/${code}?limit=1`);
    assert.equal(data.status, 403);
    const body = await data.json() as any;
    assert.equal(body.error.code, 'AGREEMENT_NOT_ACCEPTED');
    assert.match(body.error.zh, /安全细则第二十七条/);
    assert.match(body.error.en, /security rules §27/);
    const verify = await client.post(`/verify/${code}`, { records: [{ registration_no: 'JC-0001', holder_name: 'x' }] });
    assert.equal(verify.status, 403);
    assert.equal((await verify.json() as any).error.code, 'AGREEMENT_NOT_ACCEPTED');
    const records = await t().db.selectFrom('access_record').select(['grant_id', 'outcome', 'error_code']).where('error_code', '=', 'AGREEMENT_NOT_ACCEPTED').execute();
    assert.deepEqual(records.map((r) => r.grant_id).sort(), [apiGrant, verifyGrant].sort());
    await assert.rejects(assertAgreementAccepted(t().db, apiGrant), (err: any) => err.status === 403 && err.code === 'AGREEMENT_NOT_ACCEPTED');
  });

  it('is accepted by the consumer only: the provider, others and the operator are refused and audited', async () => {
    const provider = await call('gaj', 'POST', `/grants/${apiGrant}/agreement`, { accept: true });
    assert.equal(provider.status, 403);
    assert.equal(provider.body.error.code, 'NOT_CONSUMER');
    assert.equal((await call('auditor', 'POST', `/grants/${apiGrant}/agreement`, { accept: true })).status, 403);
    assert.equal((await call('admin', 'POST', `/grants/${apiGrant}/agreement`, { accept: true })).status, 403);
    assert.equal((await call('zzx.zrzyj', 'POST', `/grants/${apiGrant}/agreement`, { accept: true })).status, 404);
    assert.equal((await call('fgw', 'POST', `/grants/${apiGrant}/agreement`, { accept: false })).status, 400);
    const denied = await t().db.selectFrom('audit_record').select('actor_name').where('action', '=', 'grant.agreement.accept').where('outcome', '=', 'denied').execute();
    assert.deepEqual(denied.map((d) => d.actor_name).sort(), ['admin', 'auditor', 'gaj']);
  });

  it('once accepted — by whom and when, audited with the text hash — the data flows; acceptance is final', async () => {
    const accepted = await call('fgw.req', 'POST', `/grants/${apiGrant}/agreement`, { accept: true });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.acceptedBy, 'fgw.req');
    assert.ok(new Date(accepted.body.acceptedAt).getTime() <= Date.now());
    assert.equal(accepted.body.mayAccept, false);
    assert.equal((await call('fgw', 'POST', `/grants/${apiGrant}/agreement`, { accept: true })).body.error.code, 'AGREEMENT_ALREADY_ACCEPTED');
    const audit = await t().db.selectFrom('audit_record').select(['actor_name', 'detail']).where('action', '=', 'grant.agreement.accept').where('outcome', '=', 'success').execute();
    assert.deepEqual(audit.map((a) => [a.actor_name, (a.detail as { textHash: string }).textHash]), [['fgw.req', accepted.body.textHash]]);
    const notice = await call('gaj', 'GET', '/inbox');
    assert.ok(JSON.stringify(notice.body).includes('使用方已接受数据安全协议'), 'the provider is told');

    const data = await client.request('GET', `/data/${code}?limit=1`);
    assert.equal(data.status, 200, await data.clone().text());
    assert.deepEqual((await data.json() as any).items, [{ registration_no: 'JC-0001', holder_name: '晋**************', phone: '138****0001' }]);
    await assertAgreementAccepted(t().db, apiGrant);
    assert.equal((await client.post(`/verify/${code}`, { records: [{ registration_no: 'JC-0001', holder_name: 'x' }] })).status, 403, 'each grant has its own agreement');
    await acceptAgreement(server, tok.fgw!, verifyGrant);
    assert.equal((await client.post(`/verify/${code}`, { records: [{ registration_no: 'JC-0001', holder_name: 'x' }] })).status, 200);
  });

  it('keeps the text and the acceptance unchangeable in the database', async () => {
    await assert.rejects(sql`UPDATE grant_agreement SET text_zh = 'x' WHERE grant_id = ${apiGrant}`.execute(t().db), /immutable/);
    await assert.rejects(sql`UPDATE grant_agreement SET accepted_at = now() WHERE grant_id = ${apiGrant}`.execute(t().db), /final/);
    await assert.rejects(sql`DELETE FROM grant_agreement WHERE grant_id = ${apiGrant}`.execute(t().db), /kept/);
  });
});
