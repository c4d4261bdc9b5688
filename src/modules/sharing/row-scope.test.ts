/**
 * 共享范围 through the sharing workflow over HTTP on both databases: the requester states the rows it
 * needs (§27), the provider sets or narrows them when granting (§29) but never widens them (§39), the
 * platform's grant of 无条件 data keeps the request's (§30(一)), a whole authorisation's scope holds for
 * every grant made under it (§29), and each scope is checked against the entry's items.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { request, sharingWorld } from './test-kit.ts';

const JC = { item: 'registration_no', op: 'prefix', values: ['JC-'] };
const JC24 = { item: 'registration_no', op: 'prefix', values: ['JC-2024'] };

forEachDatabase('row scope in requests and grants', (t) => {
  let server: TestServer;
  const now = new Date('2024-09-27T02:00:00Z');
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  const ask = async (user: string, entryId: string, conditions: unknown) => {
    const r = await call(user, 'POST', '/requests', request(entryId, { conditions }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    ({ tok, entries } = await sharingWorld(t().db, server));
  });
  after(() => server.close());

  it('§27 a request states the rows it needs; the scope is checked against the entry and shown', async () => {
    const id = await ask('fgw', entries.conditional, { rowScope: [JC], rowFilter: '本市登记的许可' });
    const shown = await call('fgw', 'GET', `/requests/${id}`);
    assert.deepEqual(shown.body.conditions, { rowScope: [JC], rowFilter: '本市登记的许可' });
    assert.deepEqual((await call('gaj', 'GET', `/requests/${id}`)).body.conditions.rowScope, [JC], 'the provider sees what was asked');

    const unknown = await call('zzx.zrzyj', 'POST', '/requests', request(entries.conditional, { conditions: { rowScope: [{ item: 'district', op: 'eq', values: ['城区'] }] } }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.code, 'REQUEST_INVALID');
    assert.deepEqual(unknown.body.error.details.map((d: any) => [d.code, d.field, d.article]), [['SCOPE_UNKNOWN_ITEM', 'body.conditions.rowScope[0].item', '§27']]);
    const empty = await call('zzx.zrzyj', 'POST', '/requests', request(entries.conditional, { conditions: { rowScope: [{ item: 'holder_name', op: 'eq', values: [''] }] } }));
    assert.equal(empty.body.error.details[0].code, 'SCOPE_VALUE_EMPTY');
    const badOp = await call('zzx.zrzyj', 'POST', '/requests', request(entries.conditional, { conditions: { rowScope: [{ item: 'holder_name', op: 'like', values: ['%'] }] } }));
    assert.equal(badOp.status, 400, 'the schema knows the operators');
  });

  it('§29 §39 the provider narrows the scope, never widens it; the grant\'s scope is what the grant says', async () => {
    const id = (await call('fgw', 'GET', '/requests?view=mine')).body.items.find((r: any) => r.entryId === entries.conditional).id;
    await call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'pass' });
    for (const rowScope of [[], [{ item: 'registration_no', op: 'prefix', values: ['J'] }], [{ item: 'holder_name', op: 'eq', values: ['晋城市安泰公司'] }]]) {
      const wider = await call('gaj', 'POST', `/requests/${id}/reply`, { decision: 'grant', conditions: { rowScope } });
      assert.equal(wider.status, 400, JSON.stringify(rowScope));
      assert.equal(wider.body.error.code, 'GRANT_INVALID');
      assert.deepEqual(wider.body.error.details.map((d: any) => [d.code, d.article]), [['WIDENS_SCOPE', '§39']]);
    }
    const invalid = await call('gaj', 'POST', `/requests/${id}/reply`, { decision: 'grant', conditions: { rowScope: [JC24, { item: 'nope', op: 'eq', values: ['x'] }] } });
    assert.deepEqual(invalid.body.error.details.map((d: any) => [d.code, d.field, d.article]), [['SCOPE_UNKNOWN_ITEM', 'body.conditions.rowScope[1].item', '§29']]);
    assert.equal((await call('fgw', 'GET', `/requests/${id}`)).body.status, 'forwarded', 'a refused grant changes nothing');

    const narrowed = [JC24, { item: 'holder_name', op: 'in', values: ['晋城市安泰公司', '晋城市宏达公司'] }];
    const granted = await call('gaj', 'POST', `/requests/${id}/reply`, { decision: 'grant', conditions: { masking: { phone: 'redact' }, rowScope: narrowed, rowFilter: '2024 年登记的两家单位' } });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    const grant = await call('fgw', 'GET', `/grants/${granted.body.grantId}`);
    assert.deepEqual(grant.body.conditions, { masking: { phone: 'redact' }, rowScope: narrowed, rowFilter: '2024 年登记的两家单位' });
    const audit = await t().db.selectFrom('audit_record').select('detail').where('action', '=', 'request.reply.grant').executeTakeFirstOrThrow();
    assert.deepEqual((audit.detail as { rowScope?: unknown }).rowScope, narrowed, 'the decided scope is in the audit trail');
  });

  it('§29 a reply that says nothing about rows grants the request\'s scope, with its description', async () => {
    const id = await ask('zzx.zrzyj', entries.conditional, { rowScope: [JC24], rowFilter: '2024 年登记' });
    await call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${id}/reply`, { decision: 'grant', conditions: { note: '不得向第三方提供' } });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    assert.deepEqual((await call('zzx.zrzyj', 'GET', `/grants/${granted.body.grantId}`)).body.conditions, { note: '不得向第三方提供', rowScope: [JC24], rowFilter: '2024 年登记' });
  });

  it('§30(一) the platform\'s grant of 无条件 data keeps the request\'s scope; a resubmitted request may change it', async () => {
    const id = await ask('fgw', entries.open, { rowScope: [JC] });
    await call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'return', comment: '请说明需要的登记年份' });
    const resubmitted = await call('fgw', 'POST', `/requests/${id}/resubmit`, { conditions: { rowScope: [JC24], rowFilter: '2024 年登记' } });
    assert.equal(resubmitted.status, 200, JSON.stringify(resubmitted.body));
    assert.deepEqual(resubmitted.body.conditions.rowScope, [JC24]);
    const passed = await call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'pass' });
    assert.equal(passed.body.status, 'granted');
    assert.deepEqual((await call('fgw', 'GET', `/grants/${passed.body.grantId}`)).body.conditions, { rowScope: [JC24], rowFilter: '2024 年登记' });
  });

  it('§29 a whole authorisation\'s scope is checked, and holds with the request\'s for the grants made under it', async () => {
    const base = { entryId: entries.conditional, items: ['registration_no', 'holder_name'], methods: ['api'], validUntil: '2026-12-31' };
    const bad = await call('gaj', 'POST', '/whole-authorizations', { ...base, conditions: { rowScope: [{ item: 'county', op: 'eq', values: ['城区'] }] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details[0].field, 'body.conditions.rowScope[0].item');
    const holder = { item: 'holder_name', op: 'prefix', values: ['晋城市'] };
    const wa = await call('gaj', 'POST', '/whole-authorizations', { ...base, conditions: { masking: { holder_name: 'name' }, rowScope: [holder] } });
    assert.equal(wa.status, 201, JSON.stringify(wa.body));
    const id = await ask('fgw', entries.conditional, { rowScope: [JC] });
    const passed = await call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'pass' });
    assert.equal(passed.body.status, 'granted', 'the platform grants under the whole authorisation');
    const grant = await call('fgw', 'GET', `/grants/${passed.body.grantId}`);
    assert.equal(grant.body.grantedBy, 'whole');
    assert.deepEqual(grant.body.conditions, { masking: { holder_name: 'name' }, rowScope: [JC, holder] });
  });
});
