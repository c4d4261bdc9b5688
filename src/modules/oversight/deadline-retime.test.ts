/**
 * Oversight clocks at the turn of 2026 into 2027, on both databases — a year the release ships no
 * State Council notice for: a self-assessment (Sec §32(二)), rectifications (Sec §33) and a synced
 * copy's destruction task (Sec §29) counted into 2027 are provisional, and importing the 2027 schedule
 * (`gdx calendar import`) counts them again with the same start and number of working days.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildServices } from '../../services.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { insertGrant } from '../sharing/grants.ts';
import { createDestructionTasks } from './sweeps.ts';
import { oversightWorld } from './test-kit.ts';

forEachDatabase('oversight deadlines re-timed', (t) => {
  let server: TestServer;
  const now = new Date('2026-12-30T02:00:00Z'); // Wednesday 2026-12-30 10:00 in 晋城
  let w: Awaited<ReturnType<typeof oversightWorld>>;

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    w = await oversightWorld(t().db, server, () => now);
  });
  after(() => server.close());

  it('an imported 2027 schedule re-times the provisional self-assessment, rectification and destruction deadlines', async () => {
    const items = ['institution', 'emergency_plan'];
    const plan = await w.call('sjj', 'POST', '/security/inspections', {
      title: '2027年度政务数据安全监督检查', checkItems: items, orgIds: [w.world.orgs.gaj, w.world.orgs.fgw],
    });
    assert.equal(plan.status, 201, JSON.stringify(plan.body));
    // 10 working days: 12-31, then 2027 with 01-01 off as statutory 元旦.
    assert.deepEqual([plan.body.selfAssessmentDueOn, plan.body.provisional], ['2027-01-14', true]);
    const self = await w.call('gaj.sec', 'POST', `/security/inspections/${plan.body.id}/targets/${w.world.orgs.gaj}/self-assessment`, {
      report: '自查完成', items: items.map((item) => ({ item, conclusion: 'compliant', note: '见附件' })),
    });
    assert.equal(self.status, 200, JSON.stringify(self.body));
    const onsite = await w.call('sjj', 'POST', `/security/inspections/${plan.body.id}/targets/${w.world.orgs.gaj}/onsite`, {
      comment: '发现问题两项',
      findings: [
        { item: 'institution', severity: 'major', description: '未明确安全负责人', opinion: '明确安全负责人' },
        { item: 'emergency_plan', severity: 'general', description: '应急预案未演练', opinion: '组织一次应急演练', workdays: 3 },
      ],
    });
    assert.equal(onsite.status, 200, JSON.stringify(onsite.body));
    const findingsOf = (body: any) => body.targets.find((x: any) => x.orgId === w.world.orgs.gaj).findings.map((f: any) => [f.workdays, f.dueOn, f.provisional]);
    assert.deepEqual(findingsOf(onsite.body), [[5, '2027-01-07', true], [3, '2027-01-05', true]]);

    const grantId = await insertGrant(t().db, {
      requestId: null, entryId: w.entries.conditional, providerId: w.world.orgs.gaj, consumerId: w.world.orgs.fgw, items: ['registration_no'],
      method: 'table', conditions: {}, purpose: '库表同步', scenario: '审批系统', validFrom: '2026-01-01', validUntil: '2027-06-30',
      grantedBy: 'provider', grantedByUser: null,
    });
    assert.equal((await w.call('gaj', 'POST', `/grants/${grantId}/revoke`, { reason: '超范围使用（第四十条）' })).status, 200);
    await createDestructionTasks(t().db, now, { calendars: buildServices({ db: t().db, sessionHours: 8 }).calendars });
    const taskOf = async () => (await w.call('fgw', 'GET', '/security/destructions?origin=grant_end')).body.items.find((d: any) => d.grantId === grantId);
    const task = await taskOf();
    assert.deepEqual([task.dueOn, task.provisional], ['2027-01-07', true]);

    // The 2027 notice (invented for the test): 01-04 off as well.
    const { calendars } = buildServices({ db: t().db, sessionHours: 8 });
    const file = JSON.stringify({ years: [{ year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [], source: 'test' }] });
    const { retimed } = await calendars.importFile({ type: 'system', name: 'test' }, file);
    assert.ok(retimed >= 4, `retimed ${retimed}`);

    const after = await w.call('sjj', 'GET', `/security/inspections/${plan.body.id}`);
    assert.deepEqual([after.body.selfAssessmentDueOn, after.body.selfAssessmentDueAt, after.body.provisional], ['2027-01-15', '2027-01-15T16:00:00.000Z', false]);
    assert.deepEqual(findingsOf(after.body), [[5, '2027-01-08', false], [3, '2027-01-06', false]]);
    const moved = await taskOf();
    assert.deepEqual([moved.dueOn, moved.provisional], ['2027-01-08', false], '5 working days from the revocation on 12-30');
  });
});
