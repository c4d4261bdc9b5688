/**
 * Browser test of a data destruction with approval, record and filing (security rules §29) on the
 * demo world: 市市场监管局 (scjgj, its data steward) asks to destroy the rows of its 特种设备使用登记信息
 * in its 前置库 (a table entry no grant relies on) and may not approve its own request → a second
 * person of the department, an approver the platform operator added, approves it → the steward
 * executes it and the record shows every row counted before and none after, with bytes and checksum →
 * 市大数据应用局 (sjj) acknowledges the filing → the auditor reads the filed record and may change
 * nothing. Screenshots go to test-output/e2e/ (destruction-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_ENTRIES } from '../src/demo/entries.ts';
import { rowsFor } from '../src/demo/rows.ts';
import { confirmWithComment, login as loginAt, logout, modal, openPage, PASSWORD, pickOption, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

/** Mounted from its 前置库 table by the demo, and no grant relies on it (a live one would refuse: LIVE_GRANTS). */
const demo = DEMO_ENTRIES.find((e) => e.key === 'special-equipment-registration')!;
const ENTRY = demo.body.name;
const STEWARD = demo.provider;
const APPROVER = `${STEWARD}.approver`;
const ROWS = rowsFor(demo.key).length;

/** The platform operator adds the department's second person: the demo has one user per department. */
async function addApprover(baseUrl: string): Promise<void> {
  const call = async (path: string, init: RequestInit = {}, token?: string) => {
    const r = await fetch(`${baseUrl}/api/v1${path}`, {
      ...init, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const body = await r.json();
    assert.ok(r.ok, `${path}: ${JSON.stringify(body)}`);
    return body;
  };
  const { token } = await call('/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  const orgs = await call('/orgs', {}, token) as { items: { id: string; key: string }[] };
  const org = orgs.items.find((o) => o.key === STEWARD);
  assert.ok(org, `the demo has ${STEWARD}`);
  await call('/users', {
    method: 'POST', body: JSON.stringify({ username: APPROVER, displayName: '市市场监管局审批人', orgId: org.id, roles: ['approver'], password: PASSWORD }),
  }, token);
}

const head = (page: Page): Locator => page.getByTestId('destruction-head');
/** The record's row labelled exactly `label` (the verification nests labels of its own). */
const fact = (page: Page, label: string): Locator => page.getByTestId('destruction-detail')
  .locator('th.ant-descriptions-item-label').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=..');

test('destruction: request, approval by another person, execution with a record, filing; the auditor reads it', { timeout: 180_000 }, async () => {
  assert.ok(ROWS > 0, 'the demo loads rows for the entry');
  await addApprover(e2e.baseUrl);
  const { context, page, pageErrors } = await openPage(e2e);
  try {
    // 1. The data steward asks to destroy the entry's 前置库 rows, with a reason (Sec §29).
    await login(page, STEWARD);
    await page.goto(`${e2e.baseUrl}/security/destructions`);
    await page.getByTestId('destruction-new').click();
    const form = modal(page, '申请销毁');
    assert.match(await form.locator('.ant-select').first().innerText(), /前置库中目录资源的数据/);
    await pickOption(page, form.getByLabel('目录资源'), ENTRY, ENTRY.slice(0, 4));
    await form.getByLabel('销毁理由').fill('特种设备使用登记数据迁移至省级平台统一管理，本级前置库数据按规定清理');
    await shot(page, 'destruction-01-request-form', false);
    await form.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/security\/destructions\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const url = page.url();
    const path = new URL(url).pathname;
    await head(page).getByText('待审批').waitFor();
    assert.match(await fact(page, '目录资源').innerText(), new RegExp(ENTRY));
    assert.match(await fact(page, '销毁方式').innerText(), /删除前置库表中全部记录/);
    // It holds the approver role too, but never approves its own request (Sec §29 审批).
    assert.equal(await page.getByTestId('destruction-approve').count(), 0, 'no approval of one\'s own request');
    assert.equal(await page.getByTestId('destruction-cancel').count(), 1, 'the steward may still withdraw it');
    const self = await page.request.post(`${e2e.baseUrl}/api/v1${path}/approve`, { data: {} });
    assert.equal(self.status(), 403);
    assert.equal((await self.json()).error.code, 'SELF_APPROVAL');
    await shot(page, 'destruction-02-pending');
    await logout(page);

    // 2. Another person of the department, an approver, finds it among the requests and approves it.
    await login(page, APPROVER);
    await page.goto(`${e2e.baseUrl}/security/destructions`);
    const row = page.getByTestId('destructions-table').locator('tr', { has: page.locator(`a[href="${path}"]`) });
    await row.getByText('待审批').waitFor();
    assert.match(await row.innerText(), new RegExp(ENTRY));
    assert.equal(await page.getByTestId('destruction-new').count(), 0, 'an approver asks for no destruction');
    await row.locator(`a[href="${path}"]`).click();
    await page.getByTestId('destruction-approve').click();
    await confirmWithComment(page, '同意销毁，请按规定留存记录');
    await head(page).getByText('待执行').waitFor();
    assert.match(await fact(page, '审批').innerText(), /市市场监管局审批人[\s\S]*同意销毁，请按规定留存记录/);
    assert.equal(await page.getByTestId('destruction-execute').count(), 0, 'the steward executes, not the approver');
    await logout(page);

    // 3. The steward executes it: the record counts every row before and none after (Sec §29 记录).
    await login(page, STEWARD);
    await page.goto(url);
    await page.getByTestId('destruction-execute').click();
    await page.getByText('销毁不可恢复').waitFor();
    await confirmWithComment(page, '已删除前置库表全部记录');
    await head(page).getByText('已销毁待备案').waitFor();
    assert.equal((await fact(page, '记录数').innerText()).replace(/\D+/g, ''), String(ROWS));
    assert.ok(Number((await fact(page, '数据量（字节）').innerText()).replace(/\D+/g, '')) > 0, 'the bytes destroyed are recorded');
    assert.match(await fact(page, '校验值').innerText(), /[0-9a-f]{32}/);
    const verification = await page.getByTestId('destruction-verification').innerText();
    assert.match(verification, new RegExp(`销毁前记录数\\s*${ROWS}\\b`));
    assert.match(verification, /销毁后记录数\s*0\b/);
    assert.match(verification, /执行说明\s*已删除前置库表全部记录/);
    await shot(page, 'destruction-03-executed');
    await logout(page);

    // 4. The authority acknowledges the filing.
    await login(page, 'sjj');
    await page.goto(url);
    await page.getByTestId('destruction-file').click();
    await confirmWithComment(page, '已备案');
    await head(page).getByText('已备案').waitFor();
    assert.match(await fact(page, '备案').innerText(), /郭晓峰[\s\S]*已备案/);
    await logout(page);

    // 5. The auditor reads the filed record among all of them and is offered nothing to do.
    await login(page, 'auditor');
    await page.goto(`${e2e.baseUrl}/security/destructions`);
    const filed = page.getByTestId('destructions-table').locator('tr', { has: page.locator(`a[href="${path}"]`) });
    await filed.getByText('已备案').waitFor();
    assert.match(await filed.innerText(), new RegExp(`${ENTRY}[\\s\\S]*${ROWS}`), 'the list shows the entry and the rows destroyed');
    await filed.locator(`a[href="${path}"]`).click();
    await head(page).getByText('已备案').waitFor();
    assert.match(await page.getByTestId('destruction-verification').innerText(), /销毁后记录数\s*0\b/);
    for (const id of ['destruction-approve', 'destruction-reject', 'destruction-cancel', 'destruction-execute', 'destruction-file']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered to the auditor`);
    }
    const refused = await page.request.post(`${e2e.baseUrl}/api/v1${path}/file`, { data: {} });
    assert.equal(refused.status(), 403, 'the server refuses the auditor too');
    await shot(page, 'destruction-04-auditor');
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } finally {
    await context.close();
  }
});
