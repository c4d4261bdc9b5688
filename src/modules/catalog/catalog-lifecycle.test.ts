/**
 * The catalog lifecycle over HTTP, on both databases: 草稿 → 待审核 → 退回 | 已发布 → 新版本 → 撤销
 * (§9–§13, §19), with every refusal a user can meet.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody } from '../../testing/make.ts';

forEachDatabase('catalog lifecycle', (t) => {
  let server: TestServer;
  const tok: Record<string, string> = {};
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
    for (const u of ['fgw', 'gaj', 'sjj', 'zzx.sjj', 'zzx.zrzyj', 'auditor', 'admin', 'fgw.req']) tok[u] = await server.login(u);
  });
  after(() => server.close());

  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  let entryId = '';

  it('§9 creates a draft with its issues; a draft stays inside the department', async () => {
    const res = await call('fgw', 'POST', '/catalog', entryBody());
    assert.equal(res.status, 201, JSON.stringify(res.body));
    entryId = res.body.id;
    assert.equal(res.body.status, 'draft');
    assert.equal(res.body.code, null);
    assert.equal(res.body.version, 1);
    assert.equal(res.body.providerName, '晋城市发展和改革委员会');
    assert.deepEqual(res.body.issues.filter((i: any) => i.level === 'error'), []);
    assert.equal(res.body.permissions.submit, true);
    for (const other of ['gaj', 'sjj', 'zzx.sjj', 'auditor']) {
      const seen = await call(other, 'GET', `/catalog/${entryId}`);
      assert.equal(seen.status, 404, `${other} must not see another department's draft`);
    }
  });

  it('refuses catalog writes to users without the editor role', async () => {
    for (const user of ['fgw.req', 'sjj', 'auditor', 'admin']) {
      const res = await call(user, 'POST', '/catalog', entryBody());
      assert.equal(res.status, 403, user);
      assert.equal(res.body.error.code, 'ROLE_REQUIRED');
    }
    const denied = await t().db.selectFrom('audit_record').select('actor_name')
      .where('action', '=', 'catalog.create').where('outcome', '=', 'denied').execute();
    assert.equal(denied.length, 4, 'each refusal is audited');
  });

  it('§11/§23 refuses to submit an inconsistent entry, naming the field', async () => {
    const bad = await call('fgw', 'POST', '/catalog', entryBody({ name: '缺少共享范围的目录', shareScope: undefined }));
    assert.equal(bad.status, 201);
    assert.ok(bad.body.issues.some((i: any) => i.level === 'error' && i.field === 'shareScope' && i.article === '§23'));
    const submit = await call('fgw', 'POST', `/catalog/${bad.body.id}/submit`);
    assert.equal(submit.status, 400);
    assert.equal(submit.body.error.code, 'CATALOG_INVALID');
    assert.ok(submit.body.error.details.some((d: any) => d.field === 'shareScope'));
  });

  it('validates bodies by schema: enum, unknown field', async () => {
    const res = await call('fgw', 'POST', '/catalog', entryBody({ shareType: 'sometimes', color: 'red' }));
    assert.equal(res.status, 400);
    const fields = res.body.error.details.map((d: any) => d.field);
    assert.ok(fields.includes('body.shareType'));
    assert.ok(fields.includes('body.color'));
  });

  it('§13 submits; the region authority reviews; a return needs a comment', async () => {
    const submitted = await call('fgw', 'POST', `/catalog/${entryId}/submit`);
    assert.equal(submitted.status, 200);
    assert.equal(submitted.body.status, 'pending');
    const queue = await call('sjj', 'GET', '/catalog?view=review');
    assert.ok(queue.body.items.some((i: any) => i.id === entryId));
    const countyQueue = await call('zzx.sjj', 'GET', '/catalog?view=review');
    assert.ok(!countyQueue.body.items.some((i: any) => i.id === entryId), 'a county authority does not review city entries');
    assert.equal((await call('zzx.sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' })).status, 404);
    assert.equal((await call('fgw', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' })).status, 403);
    assert.equal((await call('fgw', 'PUT', `/catalog/${entryId}`, entryBody())).status, 409, 'no edits while under review');
    const noComment = await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'reject' });
    assert.equal(noComment.status, 400);
    assert.equal(noComment.body.error.code, 'COMMENT_REQUIRED');
    const returned = await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'reject', comment: '请补充数据项说明' });
    assert.equal(returned.status, 200);
    assert.equal(returned.body.status, 'returned');
    assert.ok(returned.body.events.some((e: any) => e.action === 'returned' && e.comment === '请补充数据项说明'));
  });

  it('§13 approval publishes and assigns the unified code by the default rule', async () => {
    const edited = await call('fgw', 'PUT', `/catalog/${entryId}`, entryBody({ summary: '补充说明：含设备类别与登记证编号' }));
    assert.equal(edited.body.status, 'draft');
    assert.equal(edited.body.version, 1, 'an unpublished entry is edited in place');
    await call('fgw', 'POST', `/catalog/${entryId}/submit`);
    const approved = await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve', comment: '符合规范' });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.status, 'published');
    assert.equal(approved.body.code, '301020/000001');
    assert.equal(approved.body.publishedVersion, 1);
    const again = await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'ILLEGAL_TRANSITION');
    const seen = await call('gaj', 'GET', `/catalog/${entryId}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.permissions.edit, false);
    assert.deepEqual(seen.body.events, [], 'outsiders do not see the internal history');
  });

  it('§12 an update is a new version; the published one stays visible and readable; the code never changes', async () => {
    const v2 = await call('fgw', 'PUT', `/catalog/${entryId}`, entryBody({ name: '特种设备使用登记信息（2025版）' }));
    assert.equal(v2.body.version, 2);
    assert.equal(v2.body.status, 'draft');
    assert.equal(v2.body.publishedVersion, 1);
    const outsider = await call('gaj', 'GET', `/catalog/${entryId}`);
    assert.equal(outsider.body.version, 1);
    assert.equal(outsider.body.name, '特种设备使用登记信息');
    assert.equal((await call('gaj', 'GET', `/catalog/${entryId}?version=2`)).status, 404, 'unpublished versions stay inside');
    await call('fgw', 'POST', `/catalog/${entryId}/submit`);
    const approved = await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' });
    assert.equal(approved.body.code, '301020/000001');
    assert.equal(approved.body.publishedVersion, 2);
    const old = await call('gaj', 'GET', `/catalog/${entryId}?version=1`);
    assert.equal(old.status, 200);
    assert.equal(old.body.name, '特种设备使用登记信息');
    const versions = (await call('fgw', 'GET', `/catalog/${entryId}`)).body.versions;
    assert.deepEqual(versions.map((v: any) => [v.version, v.state]), [[2, 'published'], [1, 'superseded']]);
  });

  it('discards an unpublished new version, falling back to the published one', async () => {
    await call('fgw', 'PUT', `/catalog/${entryId}`, entryBody({ name: '临时修改' }));
    const discarded = await call('fgw', 'POST', `/catalog/${entryId}/discard`);
    assert.equal(discarded.status, 200);
    assert.equal(discarded.body.status, 'published');
    assert.equal(discarded.body.version, 2);
    assert.equal(discarded.body.name, '特种设备使用登记信息（2025版）');
  });

  it('two editors of one entry: the second save, made on what the first changed, is a 409, not a lost update', async () => {
    const e = await call('fgw', 'POST', '/catalog', entryBody({ name: '两人同时编辑的目录' }));
    const read = e.body.updatedAt as string;
    const put = (summary: string, ifMatch?: string) => server.call('PUT', `/api/v1/catalog/${e.body.id}`,
      { token: tok.fgw, body: entryBody({ name: '两人同时编辑的目录', summary }), headers: ifMatch ? { 'if-match': `"${ifMatch}"` } : {} });
    const first = await put('甲修改后的摘要说明', read);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const second = await put('乙修改后的摘要说明', read);
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'ENTRY_CHANGED');
    assert.ok(second.body.error.zh.includes('刷新') && second.body.error.en.includes('reload'));
    assert.equal((await call('fgw', 'GET', `/catalog/${e.body.id}`)).body.summary, '甲修改后的摘要说明', 'the first editor\'s text is kept');
    assert.equal((await put('乙在最新内容上修改', first.body.updatedAt)).status, 200, 'on the fresh version the save goes through');
    assert.equal((await put('不带 If-Match 的保存')).status, 200, 'clients that do not send If-Match are not refused');
  });

  it('exactly one of two concurrent approvals wins; the other gets 409', async () => {
    const e = await call('fgw', 'POST', '/catalog', entryBody({ name: '并发审核测试目录' }));
    await call('fgw', 'POST', `/catalog/${e.body.id}/submit`);
    const results = await Promise.all([
      call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' }),
      call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' }),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409]);
    const codes = await t().db.selectFrom('catalog_code_sequence').selectAll().execute();
    assert.deepEqual(codes, [{ prefix: '301020/', last_seq: 2 }], `the loser issued no code: ${JSON.stringify(codes)}`);
  });

  it('§19 withdrawal needs a reason and the authority; withdrawn is final and invisible to others', async () => {
    const noReason = await call('fgw', 'POST', `/catalog/${entryId}/withdrawals`, { reason: ' ' });
    assert.equal(noReason.status, 400);
    const w = await call('fgw', 'POST', `/catalog/${entryId}/withdrawals`, { reason: '职能调整，数据转由市市场监管局提供' });
    assert.equal(w.status, 201);
    assert.equal(w.body.status, 'pending');
    assert.equal((await call('fgw', 'GET', `/catalog/${entryId}`)).body.status, 'withdrawing');
    assert.equal((await call('gaj', 'GET', `/catalog/${entryId}`)).status, 200, 'still published while the authority decides');
    assert.equal((await call('fgw', 'POST', `/withdrawals/${w.body.id}/decision`, { decision: 'approve' })).status, 403);
    const decided = await call('sjj', 'POST', `/withdrawals/${w.body.id}/decision`, { decision: 'approve', comment: '同意' });
    assert.equal(decided.status, 200);
    assert.equal(decided.body.status, 'approved');
    assert.equal(decided.body.fileWithCity, false);
    assert.equal((await call('gaj', 'GET', `/catalog/${entryId}`)).status, 404);
    const mine = await call('fgw', 'GET', `/catalog/${entryId}`);
    assert.equal(mine.body.status, 'withdrawn');
    assert.equal((await call('fgw', 'PUT', `/catalog/${entryId}`, entryBody())).status, 409);
    assert.equal((await call('fgw', 'POST', `/catalog/${entryId}/withdrawals`, { reason: 'again' })).status, 409);
  });

  it('§8/§19 a county entry: its authority reviews; the withdrawal it approves is filed with the city', async () => {
    const e = await call('zzx.zrzyj', 'POST', '/catalog', entryBody({ name: '泽州县矿业权登记信息', storageLevel: 'county' }));
    await call('zzx.zrzyj', 'POST', `/catalog/${e.body.id}/submit`);
    const published = await call('zzx.sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' });
    assert.equal(published.status, 200);
    assert.equal(published.body.regionCode, '140525');
    const w = await call('zzx.zrzyj', 'POST', `/catalog/${e.body.id}/withdrawals`, { reason: '数据已并入市级目录' });
    assert.equal((await call('sjj', 'POST', `/withdrawals/${w.body.id}/decision`, { decision: 'approve' })).status, 403,
      'withdrawals are decided by the same-level authority');
    const decided = await call('zzx.sjj', 'POST', `/withdrawals/${w.body.id}/decision`, { decision: 'approve' });
    assert.equal(decided.body.fileWithCity, true);
    const cityList = await call('sjj', 'GET', '/withdrawals?status=approved');
    assert.ok(cityList.body.items.some((x: any) => x.id === w.body.id && x.fileWithCity), 'the city authority sees the filing');
    const countyList = await call('zzx.sjj', 'GET', '/withdrawals');
    assert.ok(countyList.body.items.every((x: any) => x.regionCode === '140525'));
  });

  it('§15 warns when an item is already published by another department, naming it', async () => {
    const gajEntry = await call('gaj', 'POST', '/catalog', entryBody({
      name: '人口基础信息', category: { kind: 'department', item: '02', subItem: '001' }, grade: 3,
      items: [
        { name: 'id_number', label: '公民身份号码', type: 'string', length: 18, key: true, sensitiveType: 'id_card', masking: 'id_card' },
        { name: 'full_name', label: '姓名', type: 'string', length: 50, sensitiveType: 'name', masking: 'name' },
      ],
    }));
    await call('gaj', 'POST', `/catalog/${gajEntry.body.id}/submit`);
    await call('sjj', 'POST', `/catalog/${gajEntry.body.id}/review`, { decision: 'approve' });
    const check = await call('fgw', 'POST', '/catalog/validate', entryBody({
      items: [{ name: 'citizen_id', label: '公民身份号码', type: 'string', length: 18, sensitiveType: 'id_card', masking: 'id_card' }],
    }));
    assert.equal(check.status, 200);
    const warning = check.body.issues.find((i: any) => i.code === 'DUPLICATE_SOURCE');
    assert.ok(warning, JSON.stringify(check.body.issues));
    assert.equal(warning.level, 'warning');
    assert.equal(warning.article, '§15');
    assert.match(warning.zh, /晋城市公安局/);
  });

  it('§13 the coding rule is the city authority\'s; new codes follow it, old ones stay', async () => {
    assert.equal((await call('zzx.sjj', 'PUT', '/settings/coding-rule', { pattern: '{region}-{seq:5}' })).status, 403);
    const bad = await call('sjj', 'PUT', '/settings/coding-rule', { pattern: '{kind}{item}' });
    assert.equal(bad.status, 400);
    const ok = await call('sjj', 'PUT', '/settings/coding-rule', { pattern: '{region}{kind}{item}{subItem}/{seq:6}' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.example, '140500301020/000042');
    const e = await call('fgw', 'POST', '/catalog', entryBody({ name: '新规则编码目录' }));
    await call('fgw', 'POST', `/catalog/${e.body.id}/submit`);
    const published = await call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' });
    assert.equal(published.body.code, '140500301020/000001');
    await call('sjj', 'PUT', '/settings/coding-rule', { pattern: '{kind}{item}{subItem}/{seq:6}' });
  });
});

forEachDatabase('catalog drafts', (t) => {
  let server: TestServer;
  let token = '';
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
    token = await server.login('fgw');
  });
  after(() => server.close());

  it('saves a half-filled draft (nothing typed is lost) but refuses to submit it, naming what is missing (§11)', async () => {
    const draft = await server.call('POST', '/api/v1/catalog', { token, body: { name: '待完善的目录', items: [{ label: '项目名称' }] } });
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    assert.equal(draft.body.name, '待完善的目录');
    assert.deepEqual(draft.body.items, [{ label: '项目名称' }]);
    const fields = draft.body.issues.filter((i: any) => i.level === 'error').map((i: any) => i.field);
    for (const f of ['summary', 'shareType', 'items[0].name', 'items[0].type']) assert.ok(fields.includes(f), `${f} reported: ${fields}`);
    const mine = await server.call('GET', '/api/v1/catalog?view=mine', { token });
    assert.equal(mine.body.items[0].name, '待完善的目录');
    const submit = await server.call('POST', `/api/v1/catalog/${draft.body.id}/submit`, { token });
    assert.equal(submit.status, 400);
    assert.equal(submit.body.error.code, 'CATALOG_INVALID');
    const noName = await server.call('POST', '/api/v1/catalog', { token, body: { summary: '没有名称' } });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.details[0].field, 'body.name');
    const badEnum = await server.call('POST', '/api/v1/catalog', { token, body: { name: '错误取值', shareType: 'maybe' } });
    assert.equal(badEnum.status, 400, 'what is given must still be well-formed');
  });
});
