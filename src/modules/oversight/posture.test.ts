/**
 * GET /security/posture on both databases: the audit chain and key status from their modules, L3+
 * entries with their live grants, open findings and incidents, late destruction tasks and failed
 * logins of the last 7 days — city-wide for the authority and auditors, one department's for its
 * security officer, refused to everyone else.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { ITEMS } from '../sharing/test-kit.ts';
import { oversightWorld } from './test-kit.ts';

forEachDatabase('security posture', (t) => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof oversightWorld>>;
  let l3 = '';
  let incident = '';

  before(async () => {
    server = await startTestServer(t().db);
    w = await oversightWorld(t().db, server, () => new Date());
    const e = await w.call('gaj', 'POST', '/catalog', entryBody({ name: '治安重点单位信息', grade: 3, items: ITEMS }));
    assert.equal(e.status, 201, JSON.stringify(e.body));
    l3 = e.body.id;
    await w.call('gaj', 'POST', `/catalog/${l3}/submit`);
    await w.call('sjj', 'POST', `/catalog/${l3}/review`, { decision: 'approve' });
    for (let i = 0; i < 3; i++) await server.call('POST', '/api/v1/auth/login', { body: { username: 'gaj.sec', password: 'wrong-password' } });
    await server.call('POST', '/api/v1/auth/login', { body: { username: 'fgw', password: 'wrong-password' } });
    const x = await w.call('gaj.sec', 'POST', '/security/incidents', {
      kind: 'attack', title: '前置库遭受暴力破解', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), scope: '前置库', measures: '封禁来源地址',
    });
    incident = x.body.id;
  });
  after(() => server.close());

  it('shows the authority and auditors the whole city', async () => {
    for (const user of ['sjj', 'sjj.sec', 'auditor']) {
      const res = await w.call(user, 'GET', '/security/posture');
      assert.equal(res.status, 200, `${user} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.scope, 'all');
      assert.equal(res.body.auditChain.available, true, JSON.stringify(res.body.auditChain));
      assert.equal(typeof res.body.auditChain.value.sealed, 'number');
      assert.equal(res.body.keys.available, true, JSON.stringify(res.body.keys));
      assert.equal(res.body.keys.value.activeKeyAgeDays, 0);
      assert.deepEqual(res.body.highGradeEntries.map((e: any) => [e.id, e.grade, e.liveGrants]), [[l3, 3, 0]]);
      assert.deepEqual(res.body.openIncidents.map((x: any) => x.id), [incident]);
      assert.ok(res.body.failedLogins.total >= 4, JSON.stringify(res.body.failedLogins));
      assert.ok(res.body.failedLogins.topUsers.some((u: any) => u.username === 'gaj.sec' && u.count === 3));
    }
  });

  it('shows a department\'s security officer its own department only, and refuses others', async () => {
    const fgw = await w.call('fgw.sec', 'GET', '/security/posture');
    assert.equal(fgw.body.scope, 'org');
    assert.deepEqual(fgw.body.highGradeEntries, []);
    assert.deepEqual(fgw.body.openIncidents, []);
    assert.deepEqual(fgw.body.failedLogins.topUsers.map((u: any) => u.username), ['fgw']);
    const gaj = await w.call('gaj.sec', 'GET', '/security/posture');
    assert.deepEqual(gaj.body.openIncidents.map((x: any) => x.id), [incident]);
    assert.equal((await w.call('fgw', 'GET', '/security/posture')).status, 403);
    assert.equal((await w.call('gaj.appr', 'GET', '/security/posture')).status, 403);
  });
});
