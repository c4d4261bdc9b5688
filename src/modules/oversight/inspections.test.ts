/**
 * Security inspections over HTTP on both databases (Sec §30–§33): the plan, each department's
 * self-assessment, the on-site check with findings and working-day deadlines, rectification reports,
 * acceptance and the close — every refusal (wrong role, wrong department, wrong state, overdue), the
 * overdue sweep, and a finding's suspension stopping data calls until it is lifted.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildJobQueue } from '../../jobs.ts';
import { buildServices } from '../../services.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { oversightWorld } from './test-kit.ts';

forEachDatabase('security inspections', (t) => {
  let server: TestServer;
  let now = new Date('2024-09-27T02:00:00Z'); // Friday 10:00 in 晋城, before 国庆
  let w: Awaited<ReturnType<typeof oversightWorld>>;
  let queue: ReturnType<typeof buildJobQueue>;
  let id = '';
  const sweep = async () => {
    await queue.tick();
    await queue.runDue();
  };
  const selfItems = (conclusion = 'compliant') => ['institution', 'emergency_plan', 'mlps_crypto'].map((item) => ({ item, conclusion, note: '见附件' }));

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    w = await oversightWorld(t().db, server, () => now);
    queue = buildJobQueue({ db: t().db, services: buildServices({ db: t().db, sessionHours: 8 }), sweepSeconds: 60, now: () => now, workerId: 'test' });
  });
  after(() => server.close());

  it('Sec §30 §32(一) the authority plans an inspection; nobody else may, and only for departments of its region', async () => {
    const plan = {
      title: '2024年度政务数据安全监督检查', focus: '等级保护与应急预案', checkItems: ['institution', 'emergency_plan', 'mlps_crypto'],
      orgIds: [w.world.orgs.gaj, w.world.orgs.fgw], onsiteFrom: '2024-10-21', onsiteUntil: '2024-10-31',
    };
    assert.equal((await w.call('fgw', 'POST', '/security/inspections', plan)).status, 403, 'a department user without an oversight role');
    const deptOfficer = await w.call('gaj.sec', 'POST', '/security/inspections', plan);
    assert.equal(deptOfficer.body.error.code, 'NOT_AUTHORITY', 'a department\'s security officer does not run inspections');
    assert.equal((await w.call('auditor', 'POST', '/security/inspections', plan)).status, 403, 'auditors read only');
    const county = await w.call('zzx.sjj', 'POST', '/security/inspections', plan);
    assert.equal(county.status, 400);
    assert.equal(county.body.error.code, 'ORG_OUT_OF_SCOPE', 'a county authority inspects its county only (Sec §8)');
    assert.equal((await w.call('sjj', 'POST', '/security/inspections', { ...plan, checkItems: ['no_such_item'] })).status, 400);
    const created = await w.call('sjj.sec', 'POST', '/security/inspections', plan);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    id = created.body.id;
    assert.equal(created.body.selfAssessmentDueOn, '2024-10-16', '10 working days from Friday 09-27 across 国庆 (09-29 and 10-12 worked)');
    assert.equal(created.body.phase, 'self_assessment');
    assert.deepEqual(created.body.targets.map((x: any) => x.status), ['self_assessment', 'self_assessment']);
    const inbox = await w.call('gaj.sec', 'GET', '/inbox');
    assert.ok(inbox.body.items.some((n: any) => n.kind === 'inspection.plan' && n.link === `/security/inspections/${id}`));
  });

  it('shows a department its own part only, the whole plan to the authority and auditors, nothing to others', async () => {
    const own = await w.call('fgw.req', 'GET', `/security/inspections/${id}`);
    assert.equal(own.status, 200);
    assert.deepEqual(own.body.targets.map((x: any) => x.orgId), [w.world.orgs.fgw]);
    assert.equal((await w.call('auditor', 'GET', `/security/inspections/${id}`)).body.targets.length, 2);
    assert.equal((await w.call('zzx.zrzyj', 'GET', `/security/inspections/${id}`)).status, 404);
    assert.equal((await w.call('zzx.sjj', 'GET', `/security/inspections/${id}`)).status, 404);
    assert.deepEqual((await w.call('zzx.zrzyj', 'GET', '/security/inspections')).body.items, []);
    assert.equal((await w.call('auditor', 'GET', '/security/inspections')).body.total, 1);
  });

  it('Sec §32(二) the department\'s security officer files the self-assessment, item by item, once', async () => {
    const path = `/security/inspections/${id}/targets/${w.world.orgs.gaj}/self-assessment`;
    // Answered in another order than the plan's: shown back in the plan's.
    const body = { report: '已建立数据安全管理制度，完成等保测评', items: selfItems().reverse() };
    assert.equal((await w.call('gaj', 'POST', path, body)).status, 403, 'not the security officer');
    assert.equal((await w.call('fgw.sec', 'POST', path, body)).body.error.code, 'NOT_SECURITY_OFFICER', 'another department\'s officer');
    const partial = await w.call('gaj.sec', 'POST', path, { ...body, items: selfItems().slice(0, 2) });
    assert.equal(partial.body.error.code, 'SELF_ITEMS_MISMATCH');
    const filed = await w.call('gaj.sec', 'POST', path, body);
    assert.equal(filed.status, 200, JSON.stringify(filed.body));
    const gaj = filed.body.targets.find((x: any) => x.orgId === w.world.orgs.gaj);
    assert.equal(gaj.status, 'onsite_check');
    assert.deepEqual(gaj.selfItems.map((i: any) => i.item), filed.body.checkItems, 'item by item, in the plan\'s order');
    const again = await w.call('gaj.sec', 'POST', path, body);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'ILLEGAL_TRANSITION');
  });

  it('Sec §32(一) past the plan\'s deadline a self-assessment is refused, flagged by the sweep, and the authority checks on site', async () => {
    now = new Date('2024-10-17T02:00:00Z'); // Thursday after the 10-16 deadline
    await w.relogin();
    const late = await w.call('fgw.sec', 'POST', `/security/inspections/${id}/targets/${w.world.orgs.fgw}/self-assessment`, { report: '迟报', items: selfItems() });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, 'SELF_ASSESSMENT_OVERDUE');
    await sweep();
    const target = await t().db.selectFrom('inspection_target').selectAll().where('org_id', '=', w.world.orgs.fgw).executeTakeFirstOrThrow();
    assert.ok(target.overdue_at, 'flagged');
    assert.ok((await w.call('sjj', 'GET', '/inbox')).body.items.some((n: any) => n.kind === 'deadline.overdue' && n.title.includes('自查报告逾期')));
    const checked = await w.call('sjj', 'POST', `/security/inspections/${id}/targets/${w.world.orgs.fgw}/onsite`, { comment: '未按期自查，现场检查未发现问题', findings: [] });
    assert.equal(checked.status, 200, JSON.stringify(checked.body));
    assert.equal(checked.body.targets.find((x: any) => x.orgId === w.world.orgs.fgw).status, 'passed');
  });

  let major = '';
  let general = '';
  it('Sec §32(三) §33 the on-site check records findings with working-day deadlines and can stop the department\'s grants at once', async () => {
    assert.equal(await w.readData(), 200, 'the grant serves data before');
    const path = `/security/inspections/${id}/targets/${w.world.orgs.gaj}/onsite`;
    const body = {
      comment: '发现问题两项',
      findings: [
        { item: 'mlps_crypto', severity: 'major', description: '前置库未加密存储个人信息', opinion: '立即整改，完成商用密码改造', suspendGrantIds: [w.grantId] },
        { item: 'emergency_plan', severity: 'general', description: '应急预案未演练', opinion: '组织一次应急演练' },
      ],
    };
    assert.equal((await w.call('gaj.sec', 'POST', path, body)).body.error.code, 'NOT_AUTHORITY');
    assert.equal((await w.call('zzx.sjj', 'POST', path, body)).status, 404);
    const wrongItem = await w.call('sjj', 'POST', path, { ...body, findings: [{ ...body.findings[1], item: 'funding' }] });
    assert.equal(wrongItem.body.error.code, 'ITEM_NOT_IN_PLAN');
    const res = await w.call('sjj', 'POST', path, body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const gaj = res.body.targets.find((x: any) => x.orgId === w.world.orgs.gaj);
    assert.equal(gaj.status, 'rectification');
    [major, general] = gaj.findings.map((f: any) => f.id);
    assert.deepEqual(gaj.findings.map((f: any) => [f.severity, f.workdays, f.dueOn]), [['major', 5, '2024-10-24'], ['general', 15, '2024-11-07']]);
    assert.equal(gaj.findings[0].suspensions.length, 1);
    assert.equal((await w.call('fgw', 'GET', `/grants/${w.grantId}`)).body.status, 'suspended');
    assert.equal(await w.readData(), 404, 'no live grant: the data stops');
    assert.ok((await w.call('fgw', 'GET', '/inbox')).body.items.some((n: any) => n.kind === 'grant.suspended'));
    assert.equal((await w.call('sjj', 'POST', path, body)).status, 409, 'checked already');
    const twice = await w.call('sjj', 'POST', `/security/findings/${general}/suspend-grants`, { grantIds: [w.grantId], reason: '再次暂停' });
    assert.equal(twice.body.error.code, 'GRANT_NOT_LIVE');
  });

  it('Sec §32(四) the closing waits for the rectification; reports, returns and acceptance by the right parties', async () => {
    const early = await w.call('sjj', 'POST', `/security/inspections/${id}/close`, { summary: '结束' });
    assert.equal(early.body.error.code, 'TARGETS_PENDING');
    assert.equal((await w.call('gaj', 'POST', `/security/findings/${major}/report`, { report: '已改造' })).status, 403);
    assert.equal((await w.call('fgw.sec', 'POST', `/security/findings/${major}/report`, { report: '已改造' })).status, 404, 'another department does not see it');
    assert.equal((await w.call('sjj', 'POST', `/security/findings/${major}/decision`, { decision: 'accept' })).body.error.code, 'ILLEGAL_TRANSITION', 'nothing reported yet');
    const reported = await w.call('gaj.sec', 'POST', `/security/findings/${major}/report`, { report: '已完成 SM4 加密改造并复测' });
    assert.equal(reported.body.status, 'reported');
    assert.equal(reported.body.late, false);
    assert.equal((await w.call('gaj.sec', 'POST', `/security/findings/${major}/decision`, { decision: 'accept' })).status, 403);
    assert.equal((await w.call('sjj', 'POST', `/security/findings/${major}/decision`, { decision: 'accept', comment: '复核通过' })).body.status, 'accepted');
    await w.call('gaj.sec', 'POST', `/security/findings/${general}/report`, { report: '已安排演练' });
    const noComment = await w.call('sjj', 'POST', `/security/findings/${general}/decision`, { decision: 'return' });
    assert.equal(noComment.status, 400);
    const returned = await w.call('sjj', 'POST', `/security/findings/${general}/decision`, { decision: 'return', comment: '请提供演练记录' });
    assert.equal(returned.body.status, 'rectifying');
    assert.equal(returned.body.dueOn, '2024-11-07', 'the same deadline runs on (Sec §33 限期整改)');
  });

  it('Sec §33 an overdue rectification is flagged; a late report is taken and marked late; the last acceptance completes it', async () => {
    now = new Date('2024-11-08T02:00:00Z');
    await w.relogin();
    await sweep();
    const f = await w.call('sjj', 'GET', `/security/findings/${general}`);
    assert.equal(f.body.overdue, true);
    assert.ok((await w.call('gaj.sec', 'GET', '/inbox')).body.items.some((n: any) => n.kind === 'deadline.overdue' && n.title.includes('整改逾期')));
    const late = await w.call('gaj.sec', 'POST', `/security/findings/${general}/report`, { report: '已演练，附记录' });
    assert.equal(late.body.late, true);
    await w.call('sjj', 'POST', `/security/findings/${general}/decision`, { decision: 'accept' });
    const plan = await w.call('auditor', 'GET', `/security/inspections/${id}`);
    assert.equal(plan.body.targets.find((x: any) => x.orgId === w.world.orgs.gaj).status, 'rectified');
    assert.equal(plan.body.phase, 'done');
  });

  it('lifts the suspension: data flows again; then the plan closes and nothing more can change', async () => {
    const f = await w.call('sjj', 'GET', `/security/findings/${major}`);
    const suspension = f.body.suspensions[0].id;
    // Accepted: nothing more to suspend, but the authority may still lift; the department and auditors may not.
    assert.deepEqual([f.body.permissions.suspend, f.body.permissions.lift], [false, true]);
    for (const user of ['gaj.sec', 'auditor']) assert.equal((await w.call(user, 'GET', `/security/findings/${major}`)).body.permissions.lift, false, user);
    assert.equal((await w.call('gaj.sec', 'POST', `/security/suspensions/${suspension}/lift`)).status, 404);
    assert.equal((await w.call('sjj', 'POST', `/security/suspensions/${suspension}/lift`)).status, 204);
    assert.equal((await w.call('sjj', 'POST', `/security/suspensions/${suspension}/lift`)).status, 409);
    assert.equal(await w.readData(), 200);
    assert.equal((await w.call('sjj', 'POST', `/security/inspections/${id}/close`, { summary: '' })).status, 400);
    const closed = await w.call('sjj', 'POST', `/security/inspections/${id}/close`, { summary: '两个部门完成检查，问题均已整改' });
    assert.equal(closed.body.status, 'closed');
    assert.equal(closed.body.phase, 'closed');
    assert.equal((await w.call('sjj', 'POST', `/security/inspections/${id}/close`, { summary: 'x' })).status, 409);
    assert.equal((await w.call('sjj', 'POST', `/security/findings/${general}/decision`, { decision: 'return', comment: 'x' })).body.error.code, 'INSPECTION_CLOSED');
  });

  it('leaves an audit trail of every step, denials included', async () => {
    const actions = (await t().db.selectFrom('audit_record').select(['action', 'outcome']).execute());
    for (const a of ['inspection.create', 'inspection.self_assess', 'inspection.onsite', 'finding.create', 'finding.report', 'finding.accept', 'finding.return', 'grant.suspend', 'grant.resume', 'inspection.close', 'oversight.overdue']) {
      assert.ok(actions.some((r) => r.action === a && r.outcome === 'success'), a);
    }
    assert.ok(actions.some((r) => r.action === 'inspection.create' && r.outcome === 'denied'));
  });
});
