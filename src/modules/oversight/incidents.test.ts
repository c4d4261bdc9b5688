/**
 * Security incidents over HTTP on both databases (Sec §34, §7(四)): reported by the department's
 * security officer or the authority, the authority and auditors told at once, the emergency-plan
 * start recorded, affected grants suspended in one step (data stops), tracked to the close — with
 * every refusal (wrong role, wrong department, wrong state).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { oversightWorld } from './test-kit.ts';

forEachDatabase('security incidents', (t) => {
  let server: TestServer;
  const now = new Date('2024-09-27T02:00:00Z');
  let w: Awaited<ReturnType<typeof oversightWorld>>;
  let id = '';

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    w = await oversightWorld(t().db, server, () => now);
  });
  after(() => server.close());

  const report = () => ({
    kind: 'leak', title: '前置库个人信息疑似泄露', occurredAt: '2024-09-26T22:30:00+08:00', scope: '特种行业许可信息前置库表',
    affectedData: '持证单位联系电话约 2 万条', affectedEntryIds: [w.entries.conditional], affectedGrantIds: [w.grantId],
    measures: '已断开前置库外网连接，重置数据库口令',
  });

  it('Sec §34 the department\'s security officer reports; the authority and the auditors are told at once', async () => {
    assert.equal((await w.call('fgw.req', 'POST', '/security/incidents', report())).status, 403, 'no oversight role');
    const other = await w.call('fgw.sec', 'POST', '/security/incidents', { ...report(), orgId: w.world.orgs.gaj });
    assert.equal(other.body.error.code, 'NOT_PERMITTED', 'another department\'s officer cannot report for gaj');
    assert.equal((await w.call('zzx.sjj', 'POST', '/security/incidents', { ...report(), orgId: w.world.orgs.gaj })).status, 403, 'a county authority, for a city department');
    assert.equal((await w.call('gaj.sec', 'POST', '/security/incidents', { ...report(), occurredAt: '2024-12-01T00:00:00+08:00' })).body.error.code, 'INVALID_TIME');
    assert.equal((await w.call('gaj.sec', 'POST', '/security/incidents', { ...report(), kind: 'rumour' })).status, 400, 'only the five cases of Sec §34');
    const res = await w.call('gaj.sec', 'POST', '/security/incidents', report());
    assert.equal(res.status, 201, JSON.stringify(res.body));
    id = res.body.id;
    assert.equal(res.body.status, 'reported');
    assert.equal(res.body.orgId, w.world.orgs.gaj);
    assert.equal(res.body.planStartedAt, null);
    assert.deepEqual(res.body.affectedGrants.map((g: any) => g.id), [w.grantId]);
    for (const user of ['sjj', 'sjj.sec', 'auditor']) {
      const inbox = await w.call(user, 'GET', '/inbox');
      assert.ok(inbox.body.items.some((n: any) => n.kind === 'incident.reported' && n.link === `/security/incidents/${id}`), user);
    }
    const byAuthority = await w.call('sjj', 'POST', '/security/incidents', {
      ...report(), kind: 'notified', title: '省网信办通报：门户网站存在漏洞', orgId: w.world.orgs.fgw, affectedGrantIds: [], affectedEntryIds: [],
      planStartedAt: '2024-09-27T09:00:00+08:00',
    });
    assert.equal(byAuthority.status, 201, 'the authority reports for a department of its region');
    assert.ok(byAuthority.body.planStartedAt);
  });

  it('is seen by the department, its authority and auditors only', async () => {
    assert.equal((await w.call('gaj.req', 'GET', `/security/incidents/${id}`)).status, 200);
    assert.equal((await w.call('auditor', 'GET', `/security/incidents/${id}`)).status, 200);
    assert.equal((await w.call('fgw.sec', 'GET', `/security/incidents/${id}`)).status, 404);
    assert.equal((await w.call('zzx.sjj', 'GET', `/security/incidents/${id}`)).status, 404);
    assert.deepEqual((await w.call('gaj.req', 'GET', '/security/incidents')).body.items.map((x: any) => x.id), [id]);
    assert.equal((await w.call('auditor', 'GET', '/security/incidents')).body.total, 2);
  });

  it('Sec §7(四) the authority responds and suspends the affected grant in one step: data stops', async () => {
    assert.equal((await w.call('gaj.sec', 'POST', `/security/incidents/${id}/respond`, { text: '自己响应' })).body.error.code, 'NOT_PERMITTED');
    assert.equal((await w.call('sjj', 'POST', `/security/incidents/${id}/resolve`, { text: '已处置' })).body.error.code, 'ILLEGAL_TRANSITION', 'not responded yet');
    const responded = await w.call('sjj', 'POST', `/security/incidents/${id}/respond`, { text: '成立调查组，会同网信、公安核查泄露范围' });
    assert.equal(responded.body.status, 'responding');
    assert.equal(await w.readData(), 200);
    assert.equal((await w.call('gaj.sec', 'POST', `/security/incidents/${id}/suspend-grants`, { grantIds: [w.grantId], reason: 'x' })).status, 403);
    const suspended = await w.call('sjj', 'POST', `/security/incidents/${id}/suspend-grants`, { grantIds: [w.grantId], reason: '泄露范围查清前暂停数据提供' });
    assert.equal(suspended.status, 200, JSON.stringify(suspended.body));
    assert.equal(suspended.body.suspensions.length, 1);
    assert.equal(suspended.body.affectedGrants[0].status, 'suspended');
    assert.equal(await w.readData(), 404, 'no live grant');
    assert.equal((await w.call('sjj', 'POST', `/security/incidents/${id}/suspend-grants`, { grantIds: [w.grantId], reason: 'again' })).body.error.code, 'GRANT_NOT_LIVE');
  });

  it('Sec §34 立即启动应急预案: no resolution before the plan start is recorded, recorded once', async () => {
    const early = await w.call('gaj.sec', 'POST', `/security/incidents/${id}/resolve`, { text: '已修复' });
    assert.equal(early.body.error.code, 'PLAN_NOT_STARTED');
    assert.equal((await w.call('fgw.sec', 'POST', `/security/incidents/${id}/plan-started`, {})).status, 404);
    const started = await w.call('gaj.sec', 'POST', `/security/incidents/${id}/plan-started`, { at: '2024-09-26T23:00:00+08:00', note: '启动数据泄露专项预案' });
    assert.equal(started.body.planStartedAt, '2024-09-26T15:00:00.000Z');
    assert.equal((await w.call('gaj.sec', 'POST', `/security/incidents/${id}/plan-started`, {})).body.error.code, 'PLAN_ALREADY_STARTED');
  });

  it('resolves and closes with a summary; the timeline keeps every step', async () => {
    assert.equal((await w.call('gaj.sec', 'POST', `/security/incidents/${id}/resolve`, { text: '' })).status, 400);
    assert.equal((await w.call('gaj.sec', 'POST', `/security/incidents/${id}/resolve`, { text: '漏洞已修复，口令全部重置' })).body.status, 'resolved');
    assert.equal((await w.call('gaj.sec', 'POST', `/security/incidents/${id}/close`, { text: '结案' })).status, 403);
    const closed = await w.call('sjj', 'POST', `/security/incidents/${id}/close`, { text: '经核查泄露 0 条，已整改，结案' });
    assert.equal(closed.body.status, 'closed');
    assert.equal(closed.body.summary, '经核查泄露 0 条，已整改，结案');
    assert.deepEqual(closed.body.events.map((e: any) => e.kind), ['reported', 'respond', 'suspension', 'plan_started', 'resolve', 'close']);
    assert.equal((await w.call('sjj', 'POST', `/security/incidents/${id}/close`, { text: 'x' })).status, 409);
    assert.equal((await w.call('sjj', 'POST', `/security/incidents/${id}/suspend-grants`, { grantIds: [w.grantId], reason: 'x' })).body.error.code, 'INCIDENT_CLOSED');
    // Lifting the suspension stays the authority's after the close; the department and auditors are offered none.
    assert.deepEqual([closed.body.permissions.suspend, closed.body.permissions.lift], [false, true]);
    for (const user of ['gaj.sec', 'auditor']) assert.equal((await w.call(user, 'GET', `/security/incidents/${id}`)).body.permissions.lift, false, user);
    const audit = await t().db.selectFrom('audit_record').select('action').where('target_id', '=', id).execute();
    for (const a of ['incident.report', 'incident.respond', 'incident.plan_started', 'incident.resolve', 'incident.close']) assert.ok(audit.some((r) => r.action === a), a);
  });
});
