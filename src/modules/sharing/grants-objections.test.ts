/**
 * Grants, whole authorisations, objections and the inbox over HTTP on both databases (§29, §31,
 * §32, §39–§40), with every party that must be refused.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { request, sharingWorld } from './test-kit.ts';

forEachDatabase('grants, whole authorisations, objections, inbox', (t) => {
  let server: TestServer;
  const now = new Date('2024-09-27T02:00:00Z'); // Friday before 国庆 2024
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  let grantId = '';

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    ({ tok, entries } = await sharingWorld(t().db, server));
    const r = await call('fgw', 'POST', '/requests', request(entries.conditional));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, {
      decision: 'grant', conditions: { masking: { holder_name: 'name' }, rowFilter: '仅限城区', note: '不得向第三方提供' },
    });
    grantId = granted.body.grantId;
  });
  after(() => server.close());

  it('§39 shows the grant with its purpose, scenario and conditions to both departments and the authority only', async () => {
    for (const user of ['fgw', 'gaj', 'sjj', 'auditor']) {
      const g = await call(user, 'GET', `/grants/${grantId}`);
      assert.equal(g.status, 200, user);
      assert.deepEqual(g.body.conditions, { masking: { holder_name: 'name' }, rowFilter: '仅限城区', note: '不得向第三方提供' });
      assert.equal(g.body.scenario, request(entries.conditional).scenario);
    }
    assert.equal((await call('zzx.zrzyj', 'GET', `/grants/${grantId}`)).status, 404);
    assert.equal((await call('zzx.sjj', 'GET', `/grants/${grantId}`)).status, 404);
    assert.deepEqual((await call('fgw', 'GET', '/grants?view=mine')).body.items.map((g: any) => g.id), [grantId]);
    assert.deepEqual((await call('gaj', 'GET', '/grants?view=provided')).body.items.map((g: any) => g.id), [grantId]);
    assert.equal((await call('fgw', 'GET', `/grants?view=mine&entryId=${entries.open}`)).body.total, 0, 'filtered by entry');
    assert.equal((await call('fgw', 'GET', '/grants?view=all')).status, 403);
    assert.equal((await call('gaj', 'GET', '/grants/not-a-uuid')).status, 400);
  });

  it('§32 an objection gets 5 working days across 国庆 and is resolved by the provider with an explanation', async () => {
    const created = await call('fgw', 'POST', '/objections', {
      entryId: entries.conditional, items: ['holder_name'], sampleKeys: ['JC-2024-0001'], description: '持证单位名称与营业执照不一致',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.dueOn, '2024-10-10', 'from Friday 09-27: 09-29 (调休 Sunday), 09-30, then 10-08, 10-09, 10-10 after 国庆');
    assert.equal((await call('zzx.zrzyj', 'POST', '/objections', { entryId: entries.conditional, description: '没有授权也提异议' })).status, 403);
    assert.equal((await call('fgw', 'POST', '/objections', { entryId: entries.conditional, items: ['no_such_item'], description: 'x' })).status, 400);
    const inbox = await call('gaj', 'GET', '/inbox?unread=true');
    assert.ok(inbox.body.items.some((n: any) => n.kind === 'objection.open'));
    assert.equal((await call('fgw', 'POST', `/objections/${created.body.id}/resolve`, { outcome: 'corrected', comment: '自己关' })).status, 403);
    const resolved = await call('gaj', 'POST', `/objections/${created.body.id}/resolve`, { outcome: 'confirmed', comment: '经核对与登记档案一致' });
    assert.equal(resolved.body.status, 'confirmed');
    assert.equal((await call('gaj', 'POST', `/objections/${created.body.id}/resolve`, { outcome: 'corrected', comment: '再次' })).status, 409);
    const mine = await call('fgw', 'GET', '/objections?view=mine');
    assert.equal(mine.body.items[0].outcomeComment, '经核对与登记档案一致');
  });

  it('§29 a whole authorisation lets the platform grant matching requests itself', async () => {
    const wa = await call('gaj', 'POST', '/whole-authorizations', {
      entryId: entries.conditional, items: ['registration_no', 'holder_name'], methods: ['api'], validUntil: '2025-06-30',
    });
    assert.equal(wa.status, 201, JSON.stringify(wa.body));
    assert.equal((await call('fgw', 'POST', '/whole-authorizations', { entryId: entries.conditional, items: ['registration_no'], methods: ['api'], validUntil: '2025-01-01' })).status, 403);
    const r = await call('zzx.zrzyj', 'POST', '/requests', request(entries.conditional, { validUntil: '2026-01-31' }));
    const passed = await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    assert.equal(passed.body.status, 'granted');
    const g = await call('zzx.zrzyj', 'GET', `/grants/${passed.body.grantId}`);
    assert.equal(g.body.grantedBy, 'whole');
    assert.equal(g.body.validUntil, '2025-06-30', 'never beyond the whole authorisation');
    await call('gaj', 'POST', `/whole-authorizations/${wa.body.id}/revoke`, { reason: '数据范围调整' });
  });

  it('§40 revocation: the provider or the authority, with a reason; the consumer cannot', async () => {
    assert.equal((await call('fgw', 'POST', `/grants/${grantId}/revoke`, { reason: 'x' })).status, 403);
    assert.equal((await call('gaj.req', 'POST', `/grants/${grantId}/revoke`, { reason: 'x' })).status, 403);
    const revoked = await call('sjj', 'POST', `/grants/${grantId}/revoke`, { reason: '超范围使用（第四十条）' });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.status, 'revoked');
    assert.equal((await call('gaj', 'POST', `/grants/${grantId}/revoke`, { reason: '再收回' })).status, 409);
    const notified = await call('fgw', 'GET', '/inbox');
    assert.ok(notified.body.items.some((n: any) => n.kind === 'grant.revoked'));
  });

  it('the inbox counts unread items, marks them read one by one or all at once, and is private', async () => {
    const before = await call('fgw', 'GET', '/inbox');
    assert.ok(before.body.unread > 0);
    const first = before.body.items[0];
    assert.equal((await call('gaj', 'POST', `/inbox/${first.id}/read`)).status, 404, 'another user\'s notification');
    assert.equal((await call('fgw', 'POST', `/inbox/${first.id}/read`)).status, 204);
    assert.equal((await call('fgw', 'GET', '/inbox')).body.unread, before.body.unread - 1);
    const all = await call('fgw', 'POST', '/inbox/read-all');
    assert.equal(all.body.marked, before.body.unread - 1);
    assert.equal((await call('fgw', 'GET', '/inbox?unread=true')).body.items.length, 0);
  });
});
