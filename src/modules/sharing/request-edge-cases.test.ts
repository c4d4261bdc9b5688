/**
 * Sharing clocks and requests at the edges, on both databases, at the turn of 2026 into 2027 — a
 * year the release ships no State Council notice for: provisional deadlines of the compliance review,
 * the provider's reply and an objection are re-timed when the 2027 schedule is imported (§28, §30,
 * §32); and when an entry is withdrawn (§19) the requests still open for it end, and none is granted.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildServices } from '../../services.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { request, sharingWorld } from './test-kit.ts';

forEachDatabase('sharing edge cases', (t) => {
  let server: TestServer;
  let now = new Date('2026-12-30T02:00:00Z'); // Wednesday 2026-12-30 10:00 in 晋城
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  const stepOf = (req: any, kind: string) => req.steps.filter((s: any) => s.kind === kind).at(-1);
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
  };
  const ask = (entryId: string) => request(entryId, { validUntil: '2027-12-31' });

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    ({ tok, entries } = await sharingWorld(t().db, server));
  });
  after(() => server.close());

  let replyId = '';
  let reviewId = '';
  let objectionId = '';
  it('deadlines reaching 2027 are provisional, and an imported 2027 schedule re-times them', async () => {
    const unmounted = await call('fgw', 'POST', '/requests', ask(entries.unmounted));
    assert.equal(unmounted.status, 201, JSON.stringify(unmounted.body));
    replyId = unmounted.body.id;
    const forwarded = await call('sjj', 'POST', `/requests/${replyId}/compliance-review`, { decision: 'pass' });
    assert.equal(forwarded.status, 200, JSON.stringify(forwarded.body));
    // 10 working days (data not yet on the platform): 12-31, then 2027 with 01-01 off as statutory 元旦.
    assert.deepEqual([stepOf(forwarded.body, 'provider_reply').dueOn, stepOf(forwarded.body, 'provider_reply').provisional], ['2027-01-14', true]);

    const objection = await call('fgw', 'POST', '/objections', { entryId: entries.open, description: '登记证编号与实际证照不符' });
    assert.equal(objection.status, 201, JSON.stringify(objection.body));
    objectionId = objection.body.id;
    assert.deepEqual([objection.body.dueOn, objection.body.provisional], ['2027-01-07', true]);

    // Returned on 12-30 with 2 working days left; resubmitted on 12-31, the review resumes from there.
    const conditional = await call('fgw', 'POST', '/requests', ask(entries.conditional));
    reviewId = conditional.body.id;
    const returned = await call('sjj', 'POST', `/requests/${reviewId}/compliance-review`, { decision: 'return', comment: '请补充履职依据' });
    assert.equal(stepOf(returned.body, 'compliance_review').remainingWorkdays, 2);
    await moveTo('2026-12-31T02:00:00Z');
    const resumed = await call('fgw', 'POST', `/requests/${reviewId}/resubmit`, { basis: '《晋城市投资项目审批管理办法》' });
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body));
    assert.deepEqual([stepOf(resumed.body, 'compliance_review').dueOn, stepOf(resumed.body, 'compliance_review').provisional], ['2027-01-05', true]);

    // The 2027 notice (invented for the test): 01-04 off as well.
    const { calendars } = buildServices({ db: t().db, sessionHours: 8 });
    const file = JSON.stringify({ years: [{ year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [], source: 'test' }] });
    const { retimed } = await calendars.importFile({ type: 'system', name: 'test' }, file);
    assert.equal(retimed, 3);

    const reply = stepOf((await call('fgw', 'GET', `/requests/${replyId}`)).body, 'provider_reply');
    assert.deepEqual([reply.dueOn, reply.dueAt, reply.provisional], ['2027-01-15', '2027-01-15T16:00:00.000Z', false], 'still 10 working days from 12-30');
    const review = stepOf((await call('fgw', 'GET', `/requests/${reviewId}`)).body, 'compliance_review');
    assert.deepEqual([review.dueOn, review.provisional], ['2027-01-06', false], 'the 2 days left, counted from the resubmission on 12-31');
    const corrected = await call('gaj', 'GET', `/objections/${objectionId}`);
    assert.deepEqual([corrected.body.dueOn, corrected.body.provisional], ['2027-01-08', false], '§32: 5 working days from 12-30');
  });

  it('§19 withdrawing an entry ends the requests still open for it, telling each requester why; a refused one is not granted later', async () => {
    const forwarded = await call('sjj', 'POST', `/requests/${reviewId}/compliance-review`, { decision: 'pass' });
    assert.equal(forwarded.body.status, 'forwarded');
    assert.equal((await call('gaj', 'POST', `/requests/${reviewId}/reply`, { decision: 'refuse', reason: '涉及在办案件' })).body.status, 'refused');
    const open = await call('fgw', 'POST', '/requests', ask(entries.open));
    assert.equal(open.status, 201, JSON.stringify(open.body));
    const again = await call('fgw', 'POST', '/requests', ask(entries.conditional));
    assert.equal(again.status, 201, JSON.stringify(again.body));
    await call('sjj', 'POST', `/requests/${again.body.id}/compliance-review`, { decision: 'return', comment: '请补充履职依据' });
    for (const entryId of [entries.open, entries.conditional]) {
      const w = await call('gaj', 'POST', `/catalog/${entryId}/withdrawals`, { reason: '数据改由省级平台统一发布' });
      assert.equal(w.status, 201, JSON.stringify(w.body));
      const approved = await call('sjj', 'POST', `/withdrawals/${w.body.id}/decision`, { decision: 'approve', comment: '同意' });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
    }

    // Ended, clocks stopped, with the reason on the timeline; a return stays on it.
    const ended = (await call('fgw', 'GET', `/requests/${open.body.id}`)).body;
    assert.deepEqual([ended.status, ended.grantId], ['cancelled', null]);
    assert.deepEqual(ended.steps.map((s: any) => [s.kind, s.status]), [['compliance_review', 'cancelled']]);
    assert.match(ended.steps[0].comment, /撤销发布.*第十九条.*数据改由省级平台统一发布/);
    const endedReturned = (await call('fgw', 'GET', `/requests/${again.body.id}`)).body;
    assert.equal(endedReturned.status, 'cancelled');
    assert.deepEqual(endedReturned.steps.map((s: any) => [s.status, s.decision, s.comment?.slice(0, 7)]),
      [['done', 'return', '请补充履职依据'], ['cancelled', null, '目录已撤销发布']]);
    const inbox = (await call('fgw', 'GET', '/inbox')).body.items.filter((n: any) => n.kind === 'request.entry_withdrawn');
    assert.deepEqual(inbox.map((n: any) => n.link).sort(), [`/requests/${open.body.id}`, `/requests/${again.body.id}`].sort());
    assert.match(inbox[0].body, /数据改由省级平台统一发布/);
    const audit = await t().db.selectFrom('audit_record').select(['target_id', 'detail']).where('action', '=', 'request.entry_withdrawn').execute();
    assert.deepEqual(audit.map((a) => a.target_id).sort(), [open.body.id, again.body.id].sort());
    const pass = await call('sjj', 'POST', `/requests/${open.body.id}/compliance-review`, { decision: 'pass' });
    assert.equal(pass.status, 409, JSON.stringify(pass.body));

    // The refused request keeps its outcome; negotiation cannot lead to a grant of a withdrawn entry.
    assert.equal((await call('fgw', 'GET', `/requests/${reviewId}`)).body.status, 'refused');
    await call('fgw', 'POST', `/requests/${reviewId}/negotiation`, { message: '仍需使用' });
    const grant = await call('gaj', 'POST', `/requests/${reviewId}/reply`, { decision: 'grant' });
    assert.equal(grant.status, 409, JSON.stringify(grant.body));
    assert.equal(grant.body.error.code, 'ENTRY_WITHDRAWN');
    assert.match(grant.body.error.zh, /已撤销/);
    assert.match(grant.body.error.en, /withdrawn/);
    assert.equal((await call('fgw', 'POST', `/requests/${reviewId}/negotiation/fail`, {})).body.status, 'coordination');
    const coordinated = await call('sjj', 'POST', `/requests/${reviewId}/coordination`, { decision: 'grant', comment: '予以共享' });
    assert.equal(coordinated.status, 409, JSON.stringify(coordinated.body));
    assert.equal(coordinated.body.error.code, 'ENTRY_WITHDRAWN');
    const grants = await call('fgw', 'GET', '/grants?view=mine');
    assert.deepEqual(grants.body.items, []);
  });

  it('the receiving application must be one of the requester\'s own apps, in service', async () => {
    const theirs = await call('gaj', 'POST', '/apps', { name: '公安内网核查系统' });
    assert.equal(theirs.status, 201, JSON.stringify(theirs.body));
    const ours = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    const retired = await call('fgw', 'POST', '/apps', { name: '旧审批系统' });
    await call('fgw', 'POST', `/apps/${retired.body.id}/disable`);
    assert.equal((await call('fgw', 'POST', `/requests/${replyId}/cancel`, {})).body.status, 'cancelled');
    for (const appId of [theirs.body.id, retired.body.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await call('fgw', 'POST', '/requests', { ...ask(entries.unmounted), appId });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.details[0].code, 'APP_NOT_OWN');
      assert.equal(res.body.error.details[0].field, 'body.appId');
      assert.match(res.body.error.zh, /应用系统/);
    }
    const created = await call('fgw', 'POST', '/requests', { ...ask(entries.unmounted), appId: ours.body.id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.appId, ours.body.id);
  });
});
