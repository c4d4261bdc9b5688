/**
 * The oversight stories of the demo world, followed the way the issue asks: the auditor logs in and
 * finds an inspection, an incident and a destruction closed, one of each in progress, each with its
 * full trail.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../testing/databases.ts';
import { startTestServer, type TestServer } from '../testing/http.ts';
import { seedDemoIfEmpty } from './seed.ts';

const PASSWORD = 'Demo-passw0rd';

forEachDatabase('demo oversight stories', (t) => {
  let server: TestServer;
  let token = '';
  const get = async (path: string) => {
    const res = await server.call('GET', `/api/v1${path}`, { token });
    assert.equal(res.status, 200, `${path} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  before(async () => {
    assert.equal((await seedDemoIfEmpty(t().db, { password: PASSWORD, log: { info() {} } })).seeded, true);
    server = await startTestServer(t().db);
    token = await server.login('auditor', PASSWORD);
  });
  after(() => server.close());

  it('an inspection from plan to close, and one under way', async () => {
    const list = await get('/security/inspections');
    assert.deepEqual(list.items.map((i: any) => i.phase).sort(), ['closed', 'self_assessment']);
    const closed = await get(`/security/inspections/${list.items.find((i: any) => i.status === 'closed').id}`);
    assert.deepEqual(closed.targets.map((x: any) => x.status).sort(), ['passed', 'rectified']);
    assert.ok(closed.targets.every((x: any) => x.selfReport && x.onsiteAt));
    assert.equal(closed.targets.flatMap((x: any) => x.findings)[0].status, 'accepted');
    const running = await get(`/security/inspections/${list.items.find((i: any) => i.status === 'open').id}`);
    assert.deepEqual(running.targets.map((x: any) => x.status).sort(), ['rectification', 'self_assessment']);
  });

  it('an incident from report to close with a suspension lifted, and one being handled', async () => {
    const list = await get('/security/incidents');
    assert.deepEqual(list.items.map((x: any) => x.status).sort(), ['closed', 'responding']);
    const closed = await get(`/security/incidents/${list.items.find((x: any) => x.status === 'closed').id}`);
    assert.deepEqual(closed.events.map((e: any) => e.kind), ['reported', 'plan_started', 'respond', 'suspension', 'resolve', 'close']);
    assert.ok(closed.suspensions[0].liftedAt);
  });

  it('a destruction from the grant\'s end to the filing, and a request awaiting approval', async () => {
    const list = await get('/security/destructions?view=all');
    assert.deepEqual(list.items.map((d: any) => d.status).sort(), ['filed', 'pending']);
    const filed = list.items.find((d: any) => d.status === 'filed');
    assert.equal(filed.origin, 'grant_end');
    assert.ok(filed.executedAt && filed.filedAt && filed.verification);
    const audit = await get(`/audit?targetId=${filed.id}`);
    assert.deepEqual(audit.items.map((a: any) => a.action).reverse(), ['destruction.task_created', 'destruction.execute', 'destruction.file']);

    // The pending request can move on: not by its requester, but by the department's other approver.
    const pending = list.items.find((d: any) => d.status === 'pending');
    const asRequester = await server.call('POST', `/api/v1/security/destructions/${pending.id}/approve`, { token: await server.login('sthjj', PASSWORD), body: {} });
    assert.equal(asRequester.status, 403);
    const leader = await server.login('sthjj.leader', PASSWORD);
    assert.equal((await server.call('GET', `/api/v1/security/destructions/${pending.id}`, { token: leader })).body.permissions.approve, true);
    const approved = await server.call('POST', `/api/v1/security/destructions/${pending.id}/approve`, { token: leader, body: { comment: '同意销毁' } });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'approved');
  });

  it('the posture page answers for the auditor', async () => {
    const p = await get('/security/posture');
    assert.equal(p.openIncidents.length, 1);
    assert.equal(p.openFindings.length, 1);
  });
});
