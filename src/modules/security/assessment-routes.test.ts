/**
 * The grant's internal review and security assessment record (security rules §27) over HTTP on both
 * databases: shown to the grant's parties with the grade and rule-set version that demanded it, null for
 * a grant the platform made itself, and hidden (404) from departments outside the grant.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { ITEMS, request, sharingWorld } from '../sharing/test-kit.ts';

const ASSESSMENT = {
  internalReview: '经市公安局数据安全领导小组内部审查：用途与职责相符，按最小必要原则提供',
  securityAssessment: '安全评估结论：联系电话脱敏后提供，风险可控',
};

forEachDatabase('grant assessment record', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const call = (user: string | undefined, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: user ? tok[user] : undefined, body });
  const grants: Record<string, string> = {};

  before(async () => {
    server = await startTestServer(t().db);
    ({ tok, entries } = await sharingWorld(t().db, server));
    const e = await call('gaj', 'POST', '/catalog', entryBody({ name: '重点场所治安检查记录', items: ITEMS, grade: 3 }));
    await call('gaj', 'POST', `/catalog/${e.body.id}/submit`);
    await call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' });
    // Data is mounted before it is granted (§30(二)).
    assert.equal((await call('gaj', 'PUT', `/catalog/${e.body.id}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'permits' })).status, 200);
    const r = await call('fgw', 'POST', '/requests', request(e.body.id, { validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant', assessment: ASSESSMENT });
    assert.ok(granted.body.grantId, JSON.stringify(granted.body));
    grants.graded = granted.body.grantId;
    const open = await call('fgw', 'POST', '/requests', request(entries.open, { items: ['registration_no'], validUntil: '2027-06-30' }));
    const passed = await call('sjj', 'POST', `/requests/${open.body.id}/compliance-review`, { decision: 'pass' });
    grants.platform = (await call('fgw', 'GET', `/requests/${open.body.id}`)).body.grantId;
    assert.ok(grants.platform, JSON.stringify(passed.body));
  });
  after(() => server.close());

  it('Sec §27 shows both parties the review opinion and assessment conclusion, with the grade and rule-set version', async () => {
    for (const user of ['fgw', 'gaj', 'auditor']) {
      const res = await call(user, 'GET', `/grants/${grants.graded}/assessment`);
      assert.equal(res.status, 200, `${user}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.grantId, grants.graded);
      const a = res.body.assessment;
      assert.deepEqual({ grade: a.grade, important: a.important, ruleSetVersion: a.ruleSetVersion, internalReview: a.internalReview, securityAssessment: a.securityAssessment },
        { grade: 3, important: false, ruleSetVersion: 0, ...ASSESSMENT }, user);
      assert.ok(a.recordedAt);
    }
  });

  it('a grant the platform made itself (无条件共享) has no record', async () => {
    const res = await call('fgw', 'GET', `/grants/${grants.platform}/assessment`);
    assert.equal(res.status, 200);
    assert.equal(res.body.assessment, null);
  });

  it('is hidden outside the grant\'s audience, like the grant', async () => {
    assert.equal((await call('zzx.zrzyj', 'GET', `/grants/${grants.graded}/assessment`)).status, 404);
    assert.equal((await call(undefined, 'GET', `/grants/${grants.graded}/assessment`)).status, 401);
    assert.equal((await call('fgw', 'GET', '/grants/00000000-0000-4000-8000-000000000000/assessment')).status, 404);
  });
});
