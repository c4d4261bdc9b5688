/**
 * Browser test of the catalog's main path (§9–§13, §27) on the real server:
 * 市发展改革委 (fgw) compiles an entry with two data items — the masking it is offered for a sensitive
 * item is the default of the grading rule set in force, which 市大数据应用局 changed just before
 * (security rules §16) — and submits it → 市大数据应用局 (sjj) approves it from the review queue → the
 * entry has its unified code → a Chinese keyword search finds it. Screenshots go to test-output/e2e/.
 *
 * The server, the browser and the page helpers come from ./harness.ts (a fresh server with the demo
 * world per file, or GDX_E2E_BASE_URL).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { GradingRuleSet } from '../src/domain/grading/index.ts';
import { check, openPage, PASSWORD, choose, login as loginAt, logout, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

/** Saves the grading rule set as 市大数据应用局 with `change` applied; answers the rules it replaced. */
async function editGrading(comment: string, change: (rules: GradingRuleSet) => void): Promise<GradingRuleSet> {
  const api = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => fetch(`${e2e.baseUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  }).then(async (r) => ({ status: r.status, body: await r.json() as any }));
  const { body: { token } } = await api('/auth/login', { method: 'POST', body: { username: 'sjj', password: PASSWORD } });
  const current = await api('/security/grading', { token });
  const rules: GradingRuleSet = structuredClone(current.body.rules);
  change(rules);
  const saved = await api('/security/grading', { method: 'PUT', token, body: { rules, baseVersion: current.body.version, comment } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  return current.body.rules;
}

test('catalog flow: compile, submit, review, code, search', { timeout: 240_000 }, async (t) => {
  const { context, page, pageErrors } = await openPage(e2e, 1440);
  const suffix = Date.now().toString(36).slice(-4).toUpperCase();
  const keyword = '桥梁定期检测';
  const name = `晋城市城市桥梁定期检测记录${suffix}`;
  // 0. 市大数据应用局 changes the default masking of 手机号 (security rules §16); put back at the end.
  const replaced = await editGrading('手机号默认保留后4位', (rules) => { rules.sensitiveTypes.phone = { minGrade: 1, masking: 'keep_last', maskingParam: 4 }; });
  t.after(() => editGrading('恢复手机号默认脱敏', (rules) => { rules.sensitiveTypes.phone = replaced.sensitiveTypes.phone; }));

  // 1. 市发展改革委 compiles the entry (§9–§10).
  await login(page, 'fgw');
  await page.getByTestId('result-card').or(page.locator('.ant-empty')).first().waitFor();
  await shot(page, '01-fgw-discovery');
  await page.goto(`${e2e.baseUrl}/catalog/new`);
  await page.getByTestId('entry-editor').waitFor();
  await page.getByTestId('field-name').fill(name);
  await page.getByTestId('field-summary').fill('全市城市桥梁定期检测的桥梁编号、检测日期、技术状况等级和检测单位联系人');
  await choose(page, 'field-format', '数据库');
  await choose(page, 'field-updateCycle', '每月');
  await choose(page, 'field-grade', 'L2 低敏感');
  await choose(page, 'field-shareType', '有条件共享');
  // §23: 有条件共享 needs a scope — the live check says so until it is filled.
  await page.getByTestId('issue-summary').getByText('有条件共享须标明共享范围').waitFor();
  await page.getByTestId('field-shareScope').fill('住建、应急管理、交通运输部门履行桥梁安全监管职责使用');
  await choose(page, 'field-shareMethod', '库表');
  await choose(page, 'field-openType', '不予开放');

  await page.getByTestId('add-item').click();
  await page.getByTestId('item-0-name').fill('bridge_code');
  await page.getByTestId('item-0-label').fill('桥梁编号');
  await page.getByTestId('item-0-length').fill('20');
  await check(page.getByTestId('item-0-key'));
  await page.getByTestId('add-item').click();
  await page.getByTestId('item-1-name').fill('contact_phone');
  await page.getByTestId('item-1-label').fill('检测单位联系人手机号');
  await page.getByTestId('item-1-length').fill('11');
  await choose(page, 'item-1-sensitive', '手机号');
  // Choosing a sensitive type fills in its default masking from the rule set in force (security rules §16,
  // §27): the authority's 保留后4位, not the built-in 手机号脱敏.
  assert.match(await page.getByTestId('item-1-masking').innerText(), /保留后N位/);
  assert.equal(await page.getByTestId('item-1-maskingParam').inputValue(), '4');

  const summary = page.getByTestId('issue-summary');
  await summary.getByText('目录要素完整，未发现不一致').or(summary.locator('.anticon-warning')).first().waitFor();
  assert.equal(await summary.locator('.anticon-close-circle').count(), 0, `errors left: ${await summary.innerText()}`);
  await shot(page, '02-fgw-editor');

  await page.getByTestId('save-submit').click();
  await page.waitForURL(/\/catalog\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const entryId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByTestId('entry-detail').waitFor();
  await page.getByText('待审核').first().waitFor();
  assert.equal(await page.getByTestId('entry-name').innerText(), name);
  await shot(page, '03-fgw-submitted');
  await logout(page);

  // 2. 市大数据应用局 reviews it (§13) from the queue.
  await login(page, 'sjj');
  await page.goto(`${e2e.baseUrl}/review`);
  const row = page.getByTestId('review-table').locator('tr', { hasText: name });
  await row.waitFor();
  await shot(page, '04-sjj-review-queue');
  await row.getByTestId('queue-approve').click();
  await page.getByTestId('comment-text').fill('目录要素完整，符合编目规范');
  await page.getByTestId('comment-ok').click();
  await row.waitFor({ state: 'detached', timeout: 20_000 });

  // 3. Published with its unified code.
  await page.goto(`${e2e.baseUrl}/catalog/${entryId}`);
  const code = (await page.getByTestId('entry-code').innerText()).trim();
  assert.ok(code.length > 0, 'the approved entry has a code');
  await page.getByText('已发布').first().waitFor();
  await shot(page, '05-sjj-published');

  // 4. Discovery (§27): a Chinese keyword from the name finds it.
  await page.goto(`${e2e.baseUrl}/catalog`);
  await page.getByTestId('search-input').fill(keyword);
  await page.getByTestId('search-input').press('Enter');
  const card = page.getByTestId('result-card').filter({ hasText: name });
  await card.waitFor({ timeout: 15_000 });
  assert.match(await card.getByTestId('result-code').innerText(), new RegExp(code.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  await shot(page, '06-search-result');

  // 5. Two editors of 市发展改革委 on the published entry: the one who saves second on a stale read is
  // told so and nothing is overwritten; loading the latest shows the other's change.
  await logout(page);
  await login(page, 'fgw');
  await page.goto(`${e2e.baseUrl}/catalog/${entryId}/edit`);
  await page.getByTestId('entry-editor').waitFor();
  await page.getByTestId('field-name').waitFor();
  const other = await page.request.get(`${e2e.baseUrl}/api/v1/catalog/${entryId}`);
  const read = await other.json() as Record<string, unknown> & { updatedAt: string };
  // The entry view is the body with the workflow's facts beside it: the save sends the body alone.
  const VIEW_ONLY = ['id', 'code', 'status', 'providerId', 'providerName', 'regionCode', 'regionName', 'version', 'workingVersion', 'publishedVersion',
    'createdAt', 'updatedAt', 'publishedAt', 'issues', 'permissions', 'versions', 'events', 'withdrawal', 'changeEvents', 'mountStatus'];
  const body = Object.fromEntries(Object.entries(read).filter(([k]) => !VIEW_ONLY.includes(k)));
  const theirs = '全市城市桥梁定期检测记录（另一编目人员修改）';
  const saved = await page.request.put(`${e2e.baseUrl}/api/v1/catalog/${entryId}`, {
    data: { ...body, summary: theirs }, headers: { 'If-Match': `"${read.updatedAt}"` },
  });
  assert.equal(saved.status(), 200, await saved.text());
  await page.getByTestId('field-summary').fill('我的修改：不应覆盖他人的保存');
  await page.getByTestId('save-draft').click();
  await page.getByTestId('editor-reload-changed').click();
  await page.waitForFunction((text) => (document.querySelector('[data-testid="field-summary"]') as HTMLTextAreaElement | null)?.value === text, theirs, { timeout: 15_000 });
  await shot(page, '07-fgw-edit-conflict', false);
  const kept = await (await page.request.get(`${e2e.baseUrl}/api/v1/catalog/${entryId}?version=2`)).json() as { summary: string };
  assert.equal(kept.summary, theirs, 'the other editor\'s save stands');

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  await context.close();
});
