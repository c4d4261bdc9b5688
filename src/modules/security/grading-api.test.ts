/**
 * The grading rule set over HTTP on both databases (security rules §16): everyone reads it, only the
 * city authority edits it, each edit is a version with its changes audited; the set in force drives
 * the catalog's validation, refuses 核心数据 (§2) and makes a grant of graded data carry the
 * provider's internal review and security assessment (§27).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DEFAULT_GRADING_RULES, type GradingRuleSet } from '../../domain/grading/index.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { ITEMS, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('grading rule set', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });

  /** Publishes an entry of gaj mounted on its 前置库 table `permits`. */
  const publish = async (name: string, overrides: Record<string, unknown>) => {
    const e = await call('gaj', 'POST', '/catalog', entryBody({ name, items: ITEMS, ...overrides }));
    assert.equal(e.status, 201, JSON.stringify(e.body));
    const s = await call('gaj', 'POST', `/catalog/${e.body.id}/submit`);
    assert.equal(s.status, 200, JSON.stringify(s.body));
    assert.equal((await call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' })).status, 200);
    const m = await call('gaj', 'PUT', `/catalog/${e.body.id}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'permits' });
    assert.equal(m.status, 200, JSON.stringify(m.body));
    return e.body.id as string;
  };
  /** A request of fgw that passed compliance review and waits for the provider's reply. */
  const forwarded = async (entryId: string) => {
    const r = await call('fgw', 'POST', '/requests', request(entryId, { validUntil: '2027-06-30' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal((await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' })).body.status, 'forwarded');
    return r.body.id as string;
  };

  before(async () => {
    server = await startTestServer(t().db);
    tok = (await sharingWorld(t().db, server)).tok;
  });
  after(() => server.close());

  it('Sec §27: a grant of an L3 entry needs the internal review and security assessment, which are kept', async () => {
    const id = await publish('旅馆业住宿登记信息', { grade: 3 });
    const req = await forwarded(id);
    const bare = await call('gaj', 'POST', `/requests/${req}/reply`, { decision: 'grant' });
    assert.equal(bare.status, 400);
    assert.equal(bare.body.error.code, 'ASSESSMENT_REQUIRED');
    assert.deepEqual(bare.body.error.details.map((d: any) => d.field), ['body.assessment.internalReview', 'body.assessment.securityAssessment']);
    const half = await call('gaj', 'POST', `/requests/${req}/reply`, { decision: 'grant', assessment: { internalReview: '同意提供' } });
    assert.equal(half.body.error.code, 'ASSESSMENT_REQUIRED');
    assert.equal((await call('fgw', 'GET', `/requests/${req}`)).body.status, 'forwarded', 'nothing was granted');
    const ok = await call('gaj', 'POST', `/requests/${req}/reply`, {
      decision: 'grant', assessment: { internalReview: '经内部审查同意提供', securityAssessment: '安全评估：脱敏后风险可控' },
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const row = await t().db.selectFrom('grant_assessment').selectAll().where('grant_id', '=', ok.body.grantId).executeTakeFirstOrThrow();
    assert.equal(row.grade, 3);
    assert.equal(row.rule_set_version, 0);
    assert.equal(row.security_assessment, '安全评估：脱敏后风险可控');
  });

  it('Sec §27: an L2 grant needs neither by default', async () => {
    const req = await forwarded(await publish('特种行业许可证信息', { grade: 2 }));
    const ok = await call('gaj', 'POST', `/requests/${req}/reply`, { decision: 'grant' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
  });

  it('Sec §2: 核心数据 cannot even be saved as a draft', async () => {
    const res = await call('gaj', 'POST', '/catalog', entryBody({ name: '核心数据样例', core: true }));
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'CORE_DATA_REFUSED');
  });

  it('Sec §16: everyone reads the rule set; only the city authority may change it', async () => {
    const read = await call('fgw', 'GET', '/security/grading');
    assert.equal(read.status, 200);
    assert.equal(read.body.version, 0);
    assert.equal(read.body.editable, false);
    assert.deepEqual(read.body.rules, DEFAULT_GRADING_RULES);
    assert.equal((await call('sjj', 'GET', '/security/grading')).body.editable, true);
    const body = { rules: DEFAULT_GRADING_RULES, baseVersion: 0, comment: '试改' };
    assert.equal((await call('fgw', 'PUT', '/security/grading', body)).status, 403);
    const county = await call('zzx.sjj', 'PUT', '/security/grading', body);
    assert.equal(county.status, 403);
    assert.equal(county.body.error.code, 'CITY_AUTHORITY_ONLY');
    assert.equal((await call('sjj', 'PUT', '/security/grading', body)).body.error.code, 'GRADING_UNCHANGED');
  });

  it('Sec §16: refuses an inconsistent rule set, naming the rule; refuses a stale edit', async () => {
    const loose: GradingRuleSet = structuredClone(DEFAULT_GRADING_RULES);
    loose.grades[4].maxShareType = 'unconditional';
    const bad = await call('sjj', 'PUT', '/security/grading', { rules: loose, baseVersion: 0, comment: '放宽' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'GRADING_INVALID');
    assert.deepEqual(bad.body.error.details.map((d: any) => d.field), ['body.rules.grades.4.maxShareType', 'body.rules.grades.4.maxShareType']);
    const shape = await call('sjj', 'PUT', '/security/grading', { rules: { grades: {} }, baseVersion: 0, comment: 'x' });
    assert.equal(shape.status, 400);
    const stale = await call('sjj', 'PUT', '/security/grading', { rules: DEFAULT_GRADING_RULES, baseVersion: 3, comment: 'x' });
    assert.equal(stale.status, 409);
  });

  it('Sec §16/§17: an edit is a new version, audited rule by rule, and the catalog and grants follow it', async () => {
    const strict: GradingRuleSet = structuredClone(DEFAULT_GRADING_RULES);
    strict.grades[2] = { ...strict.grades[2], maxShareType: 'conditional', internalReview: true };
    const saved = await call('sjj', 'PUT', '/security/grading', { rules: strict, baseVersion: 0, comment: 'L2 数据也须内部审查' });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 1);
    assert.equal(saved.body.comment, 'L2 数据也须内部审查');
    const audit = await t().db.selectFrom('audit_record').select(['detail', 'actor_name']).where('action', '=', 'security.grading.update').where('outcome', '=', 'success').executeTakeFirstOrThrow();
    assert.equal(audit.actor_name, 'sjj');
    assert.deepEqual((audit.detail as any).changes, [
      { path: 'grades.2.internalReview', before: false, after: true },
      { path: 'grades.2.maxShareType', before: 'unconditional', after: 'conditional' },
    ]);
    const history = await call('fgw', 'GET', '/security/grading/history');
    assert.deepEqual(history.body.items.map((v: any) => v.version), [1, 0]);

    // The catalog now refuses an L2 entry shared unconditionally …
    const e = await call('gaj', 'POST', '/catalog', entryBody({ name: '机动车检验机构名录', shareType: 'unconditional', shareScope: undefined }));
    const submit = await call('gaj', 'POST', `/catalog/${e.body.id}/submit`);
    assert.equal(submit.status, 400);
    assert.ok(submit.body.error.details.some((d: any) => d.code === 'SHARE_GRADE_UNCONDITIONAL'));
    // … and an L2 grant needs the internal review, not the assessment.
    const req = await forwarded(await publish('典当业许可信息', { grade: 2 }));
    assert.equal((await call('gaj', 'POST', `/requests/${req}/reply`, { decision: 'grant' })).body.error.code, 'ASSESSMENT_REQUIRED');
    const ok = await call('gaj', 'POST', `/requests/${req}/reply`, { decision: 'grant', assessment: { internalReview: '内部审查同意' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const row = await t().db.selectFrom('grant_assessment').selectAll().where('grant_id', '=', ok.body.grantId).executeTakeFirstOrThrow();
    assert.equal(row.rule_set_version, 1);
    assert.equal(row.security_assessment, null);
  });
});
