/**
 * The sharing workflow over HTTP on both databases, at a fixed moment before 春节 2024 so every
 * deadline is a known date: 无条件 and 有条件 requests from submission to grant, refusal →
 * negotiation → coordination, return and resubmission with the clock stopped, and the 10-day reply
 * for data not yet on the platform (§28–§30).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { request, sharingWorld } from './test-kit.ts';

forEachDatabase('sharing workflow', (t) => {
  let server: TestServer;
  let now = new Date('2024-02-08T02:00:00Z'); // Thursday 2024-02-08 10:00 in 晋城, two days before 春节
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  const stepOf = (req: any, kind: string) => req.steps.filter((s: any) => s.kind === kind).at(-1);
  /** Moves the platform's clock; sessions older than 8 hours expire, so everyone logs in again. */
  const moveTo = async (iso: string) => {
    now = new Date(iso);
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
  };

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    ({ tok, entries } = await sharingWorld(t().db, server));
  });
  after(() => server.close());

  it('§30(一) an unconditional request: reviewed within 2 working days, granted by the platform, pushed to the provider', async () => {
    const created = await call('fgw', 'POST', '/requests', request(entries.open));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'reviewing');
    const step = stepOf(created.body, 'compliance_review');
    assert.equal(step.dueOn, '2024-02-18', '02-09 is day 1; 02-10..17 are 春节; the 调休 Sunday 02-18 is day 2');
    assert.equal(step.dueAt, '2024-02-18T16:00:00.000Z', 'ends 24:00 Asia/Shanghai');
    assert.equal(step.provisional, false);
    assert.equal(step.remainingWorkdays, 2);
    const inbox = await call('sjj', 'GET', '/inbox?unread=true');
    assert.ok(inbox.body.items.some((n: any) => n.kind === 'request.review' && n.link === `/requests/${created.body.id}`));
    const passed = await call('sjj', 'POST', `/requests/${created.body.id}/compliance-review`, { decision: 'pass' });
    assert.equal(passed.status, 200, JSON.stringify(passed.body));
    assert.equal(passed.body.status, 'granted');
    const grant = await call('fgw', 'GET', `/grants/${passed.body.grantId}`);
    assert.equal(grant.body.grantedBy, 'platform');
    assert.equal(grant.body.purpose, request(entries.open).purpose, 'the purpose travels with the grant (§39)');
    assert.deepEqual([grant.body.validFrom, grant.body.validUntil], ['2024-02-08', '2025-12-31']);
    const providerInbox = await call('gaj', 'GET', '/inbox');
    assert.ok(providerInbox.body.items.some((n: any) => n.kind === 'request.granted_by_platform'), '§30(一) 授权结果同步推送提供部门');
  });

  let conditionalId = '';
  it('§30(二) a conditional request goes to the provider (5 working days); a refusal must say why', async () => {
    const created = await call('fgw', 'POST', '/requests', request(entries.conditional));
    conditionalId = created.body.id;
    const forwarded = await call('sjj', 'POST', `/requests/${conditionalId}/compliance-review`, { decision: 'pass', comment: '符合' });
    assert.equal(forwarded.body.status, 'forwarded');
    assert.equal(stepOf(forwarded.body, 'provider_reply').dueOn, '2024-02-21', '02-09, 02-18, 02-19, 02-20, 02-21');
    assert.equal((await call('sjj', 'POST', `/requests/${conditionalId}/reply`, { decision: 'grant' })).status, 403, 'the authority does not reply for the provider');
    assert.equal((await call('gaj.req', 'POST', `/requests/${conditionalId}/reply`, { decision: 'grant' })).status, 403, 'a requester of the provider is not its approver');
    const noReason = await call('gaj', 'POST', `/requests/${conditionalId}/reply`, { decision: 'refuse' });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.code, 'REASON_REQUIRED');
    const refused = await call('gaj', 'POST', `/requests/${conditionalId}/reply`, { decision: 'refuse', reason: '涉及特种行业从业人员个人信息' });
    assert.equal(refused.body.status, 'refused');
    assert.equal(stepOf(refused.body, 'provider_reply').comment, '涉及特种行业从业人员个人信息');
  });

  it('§30(三) after a refusal: negotiation filed with the authority, then the authority coordinates, bindingly', async () => {
    assert.equal((await call('gaj', 'POST', `/requests/${conditionalId}/negotiation/fail`, {})).status, 403);
    const opened = await call('fgw', 'POST', `/requests/${conditionalId}/negotiation`, { message: '仅需许可编号与持证单位，不含个人信息' });
    assert.equal(opened.body.status, 'negotiation');
    const answered = await call('gaj', 'POST', `/requests/${conditionalId}/negotiation`, { message: '持证单位中含个体户姓名，仍不宜提供' });
    assert.equal(answered.status, 200);
    const seenByAuthority = await call('sjj', 'GET', `/requests/${conditionalId}`);
    assert.deepEqual(seenByAuthority.body.messages.map((m: any) => m.orgName), ['晋城市发展和改革委员会', '晋城市公安局']);
    assert.equal((await call('zzx.sjj', 'GET', `/requests/${conditionalId}`)).status, 404, 'another region\'s authority does not see it');
    const failed = await call('fgw', 'POST', `/requests/${conditionalId}/negotiation/fail`, { reason: '协商未果' });
    assert.equal(failed.body.status, 'coordination');
    assert.equal((await call('gaj', 'POST', `/requests/${conditionalId}/coordination`, { decision: 'grant' })).status, 403);
    const decided = await call('sjj', 'POST', `/requests/${conditionalId}/coordination`, {
      decision: 'grant', comment: '仅提供许可编号', items: ['registration_no'], conditions: { note: '不得用于其他用途' },
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.status, 'granted');
    const grant = await call('fgw', 'GET', `/grants/${decided.body.grantId}`);
    assert.deepEqual(grant.body.items, ['registration_no']);
    assert.equal(grant.body.grantedBy, 'coordination');
  });

  it('a coordination that upholds the refusal is final', async () => {
    const r = await call('gaj.req', 'POST', '/requests', request(entries.open, { method: 'api' })).catch(() => undefined);
    assert.equal(r?.status, 400, 'a department does not request its own data');
    const created = await call('zzx.zrzyj', 'POST', '/requests', request(entries.conditional));
    await call('sjj', 'POST', `/requests/${created.body.id}/compliance-review`, { decision: 'pass' });
    await call('gaj', 'POST', `/requests/${created.body.id}/reply`, { decision: 'refuse', reason: '不属于履职范围' });
    await call('zzx.zrzyj', 'POST', `/requests/${created.body.id}/negotiation`, { message: '请再考虑' });
    await call('zzx.zrzyj', 'POST', `/requests/${created.body.id}/negotiation/fail`, {});
    const upheld = await call('sjj', 'POST', `/requests/${created.body.id}/coordination`, { decision: 'uphold', comment: '维持' });
    assert.equal(upheld.body.status, 'refused');
    assert.equal(upheld.body.coordinated, true);
    const again = await call('zzx.zrzyj', 'POST', `/requests/${created.body.id}/negotiation`, { message: '再协商' });
    assert.equal(again.status, 409);
  });

  it('§28 a return stops the clock; resubmission resumes it with the days that were left', async () => {
    const created = await call('fgw', 'POST', '/requests', request(entries.unmounted));
    await moveTo('2024-02-18T02:00:00Z'); // the last day of the review
    const returned = await call('sjj', 'POST', `/requests/${created.body.id}/compliance-review`, { decision: 'return', comment: '请补充法定职责依据' });
    assert.equal(returned.body.status, 'returned');
    const paused = stepOf(returned.body, 'compliance_review');
    assert.equal(paused.status, 'paused');
    assert.equal(paused.remainingWorkdays, 1, 'at least the rest of the day is left');
    await moveTo('2024-02-26T02:00:00Z'); // a week later, Monday
    const resubmitted = await call('fgw', 'POST', `/requests/${created.body.id}/resubmit`, { basis: '《旅馆业治安管理办法》第三条' });
    assert.equal(resubmitted.status, 200, JSON.stringify(resubmitted.body));
    assert.equal(resubmitted.body.status, 'reviewing');
    assert.equal(stepOf(resubmitted.body, 'compliance_review').dueOn, '2024-02-27');
    assert.equal(resubmitted.body.basis, '《旅馆业治安管理办法》第三条');
    // The return stays on the timeline as a step of its own; the resumed review is a new one.
    const reviews = resubmitted.body.steps.filter((s: any) => s.kind === 'compliance_review');
    assert.deepEqual(reviews.map((s: any) => [s.status, s.decision, s.comment, s.actorName !== null]),
      [['done', 'return', '请补充法定职责依据', true], ['open', null, null, false]]);
    assert.equal(reviews[0].doneAt, '2024-02-18T02:00:00.000Z', 'done when it was returned');
    assert.equal(reviews[1].startedAt, '2024-02-26T02:00:00.000Z');
  });

  it('§30(二) data not yet on the platform: 10 working days, and no grant until it is mounted', async () => {
    const r = (await call('fgw', 'GET', '/requests?view=mine&status=reviewing')).body.items[0];
    const forwarded = await call('sjj', 'POST', `/requests/${r.id}/compliance-review`, { decision: 'pass' });
    assert.equal(stepOf(forwarded.body, 'provider_reply').dueOn, '2024-03-11', '10 working days from 2024-02-26');
    assert.deepEqual(forwarded.body.steps.filter((s: any) => s.kind === 'compliance_review').map((s: any) => [s.decision, s.comment]),
      [['return', '请补充法定职责依据'], ['pass', null]], 'passing the resubmission does not overwrite why it was returned');
    const early = await call('gaj', 'POST', `/requests/${r.id}/reply`, { decision: 'grant' });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'DATA_NOT_MOUNTED');
    const { sql } = await import('kysely');
    await sql.raw('CREATE TABLE qzk_gaj.hotels (registration_no text, holder_name text, phone text)').execute(t().db);
    const mounted = await call('gaj', 'PUT', `/catalog/${r.entryId}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'hotels' });
    assert.equal(mounted.status, 200);
    const widened = await call('gaj', 'POST', `/requests/${r.id}/reply`, { decision: 'grant', items: ['registration_no', 'phone'] });
    assert.equal(widened.status, 400, 'a provider may narrow, never widen');
    const granted = await call('gaj', 'POST', `/requests/${r.id}/reply`, { decision: 'grant', items: ['holder_name'], validUntil: '2024-12-31' });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    const grant = await call('fgw', 'GET', `/grants/${granted.body.grantId}`);
    assert.deepEqual([grant.body.items, grant.body.validUntil, grant.body.grantedBy], [['holder_name'], '2024-12-31', 'provider']);
  });

  it('refuses bad requests, naming the problem', async () => {
    const outside = await call('zzx.zrzyj', 'POST', '/requests', request(entries.open, { items: ['registration_no', 'salary'] }));
    assert.equal(outside.status, 400);
    assert.match(JSON.stringify(outside.body.error.details), /salary/);
    const tooLong = await call('zzx.zrzyj', 'POST', '/requests', request(entries.open, { validUntil: '2027-03-01' }));
    assert.equal(tooLong.status, 400, '§31 at most three years');
    const secret = await call('zzx.zrzyj', 'POST', '/requests', request(entries.secret));
    assert.equal(secret.status, 409);
    assert.equal(secret.body.error.code, 'NOT_SHAREABLE');
    assert.match(secret.body.error.zh, /人民警察法/, 'the refusal quotes the legal basis (§23)');
    const derived = await call('zzx.zrzyj', 'POST', '/requests', request(entries.secret, { route: 'desensitized', desensitization: '仅需按乡镇汇总的人数，不含个人信息' }));
    assert.equal(derived.status, 201, '§23 脱敏后可在一定范围共享');
    assert.deepEqual([derived.body.route, derived.body.createdAt], ['desensitized', now.toISOString()], 'created at the platform clock');
    const returned = await call('zzx.sjj', 'POST', `/requests/${derived.body.id}/compliance-review`, { decision: 'return', comment: 'x' });
    assert.equal(returned.status, 404, 'a county authority does not review city data');
    await call('sjj', 'POST', `/requests/${derived.body.id}/compliance-review`, { decision: 'return', comment: '请说明脱敏方式' });
    const resubmitted = await call('zzx.zrzyj', 'POST', `/requests/${derived.body.id}/resubmit`, { desensitization: '按乡镇汇总人数，单元格小于 5 人不显示' });
    assert.equal(resubmitted.body.desensitization, '按乡镇汇总人数，单元格小于 5 人不显示', 'resubmission keeps the changed description');
    const duplicate = await call('zzx.zrzyj', 'POST', '/requests', request(entries.secret, { route: 'desensitized', desensitization: '同上' }));
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.error.code, 'DUPLICATE_REQUEST');
    assert.equal((await call('sjj', 'POST', '/requests', request(entries.open))).status, 403, 'the authority does not request data');
  });

  it('a returned request cancelled by its requester keeps the return and the reason for cancelling', async () => {
    const created = await call('fgw.req', 'POST', '/requests', request(entries.conditional));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await call('sjj', 'POST', `/requests/${created.body.id}/compliance-review`, { decision: 'return', comment: '请补充使用场景' });
    const cancelled = await call('fgw.req', 'POST', `/requests/${created.body.id}/cancel`, { reason: '改用其他数据' });
    assert.equal(cancelled.body.status, 'cancelled');
    assert.deepEqual(cancelled.body.steps.map((s: any) => [s.kind, s.status, s.decision, s.comment]), [
      ['compliance_review', 'done', 'return', '请补充使用场景'],
      ['compliance_review', 'cancelled', null, '改用其他数据'],
    ]);
  });

  it('exactly one of two concurrent reviews wins', async () => {
    const created = await call('zzx.zrzyj', 'POST', '/requests', request(entries.open));
    const id = created.body.id;
    const results = await Promise.all([
      call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'pass' }),
      call('sjj', 'POST', `/requests/${id}/compliance-review`, { decision: 'reject', comment: '不符合' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
  });
});
