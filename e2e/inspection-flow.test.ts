/**
 * Browser test of a data security inspection through its four steps (security rules §30–§33) on the
 * demo world: 市大数据应用局 (sjj) plans it for 市公安局 → 市公安局's security officer (gaj.sec) files the
 * self-assessment item by item → sjj records the on-site check with one finding and its working-day
 * deadline → gaj.sec reports the rectification → sjj accepts it and closes the inspection with a
 * summary → the auditor reads the closed plan and is offered no action. Each step is checked by what
 * the page then shows (phase, department status, finding status). Screenshots: test-output/e2e/ (inspection-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { CHECK_ITEMS, CHECK_ITEM_LABELS } from '../src/domain/oversight/vocabulary.ts';
import { confirmWithComment, followLink, login as loginAt, logout, modal, openPage, pickOption, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

const TITLE = '第四季度政务数据安全专项检查';
const ORG = '晋城市公安局';
const FINDING = '视频监控点位数据导出未经审批登记';
const SUMMARY = '市公安局完成自查与实地检查，发现问题一项，已整改验收。';

const phase = (page: Page): Locator => page.getByTestId('inspection-head').locator('.ant-tag');
/** The plan's own facts (deadline, items, summary) above the departments' cards. */
const planFacts = (page: Page): Locator => page.getByTestId('inspection-detail').locator('.ant-descriptions').first();
const target = (page: Page): Locator => page.getByTestId('inspection-target').filter({ hasText: ORG });
/** The department's status tag: in its card's own head, not in a finding's. */
const targetStatus = (page: Page): Locator => target(page).locator(':scope > .ant-card-head .ant-tag').first();
const finding = (page: Page): Locator => target(page).getByTestId('finding').filter({ hasText: FINDING });
const findingStatus = (page: Page): Locator => finding(page).locator('.ant-card-head .ant-tag').filter({ hasText: /整改中|已报送整改情况|已验收/ });

test('inspection: plan, self-assessment, on-site finding, rectification, close; the auditor reads it', { timeout: 180_000 }, async () => {
  const { context, page, pageErrors } = await openPage(e2e);
  try {
    // 1. 安排部署: the authority plans the inspection for one department (Sec §32(一)).
    await login(page, 'sjj');
    await page.goto(`${e2e.baseUrl}/security/inspections`);
    await page.getByTestId('inspection-new').click();
    const plan = modal(page, '制定检查方案');
    await plan.getByLabel('检查方案').fill(TITLE);
    await plan.getByLabel('检查重点').fill('视频监控点位数据的共享与导出管理');
    await pickOption(page, plan.getByLabel('受检部门'), `${ORG}（`, ORG);
    await shot(page, 'inspection-01-plan-form', false);
    await plan.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/security\/inspections\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const planUrl = page.url();
    const planPath = new URL(planUrl).pathname;
    /** This plan's row of the list, by its link (the title alone may repeat). */
    const row = () => page.getByTestId('inspections-table').locator('tr', { has: page.locator(`a[href="${planPath}"]`) });
    await phase(page).getByText('自查评估').waitFor();
    assert.match(await targetStatus(page).innerText(), /自查评估中/);
    assert.match(await planFacts(page).innerText(), /自查报送期限[\s\S]*剩 10 个工作日/, 'Sec §32(一): 10 working days unless the plan says otherwise');
    // The self-assessment is the department's; the on-site check waits for it; nothing to close yet.
    for (const id of ['self-assess', 'onsite', 'inspection-close']) assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered to sjj now`);
    await shot(page, 'inspection-02-planned');
    await logout(page);

    // 2. 自查评估: the department's security officer answers each check item (Sec §32(二)).
    await login(page, 'gaj.sec');
    await page.goto(`${e2e.baseUrl}/security/inspections`);
    await followLink(page, row().getByRole('link', { name: TITLE }), planPath);
    await page.getByTestId('self-assess').click();
    const self = modal(page, '报送自查报告');
    await pickOption(page, self.getByLabel('开展政务数据安全培训情况'), '部分符合');
    await self.locator('#n_training').fill('本年度培训仅覆盖信息中心');
    await self.getByLabel('自查报告').fill('本局已建立数据安全管理制度，视频监控点位数据按审批导出，年度培训尚未全员覆盖。');
    await self.locator('.ant-modal-footer .ant-btn-primary').click();
    await targetStatus(page).getByText('待实地检查').waitFor();
    await phase(page).getByText('实地检查').waitFor();
    assert.doesNotMatch(await planFacts(page).innerText(), /剩 \d+ 个工作日/, 'no countdown once every department has reported');
    const selfTable = target(page).locator('.ant-table');
    // Item by item, in the plan's order (the form proposes Sec §31 (一)–(八)).
    assert.deepEqual(await selfTable.locator('tbody tr.ant-table-row td:first-child').allInnerTexts(), CHECK_ITEMS.slice(0, 8).map((c) => CHECK_ITEM_LABELS[c].zh));
    assert.match(await selfTable.locator('tr', { hasText: '开展政务数据安全培训情况' }).innerText(), /部分符合[\s\S]*本年度培训仅覆盖信息中心/);
    assert.match(await selfTable.locator('tr', { hasText: '建立和执行政务数据安全制度情况' }).innerText(), /符合/);
    assert.equal(await page.getByTestId('onsite').count(), 0, 'the on-site check is the authority\'s');
    await shot(page, 'inspection-03-self-assessed');
    await logout(page);

    // 3. 实地检查: the authority records the check with one finding (Sec §32(三)); general: 15 working days.
    await login(page, 'sjj');
    await page.goto(planUrl);
    await page.getByTestId('onsite').click();
    const onsite = modal(page, '登记实地检查');
    await onsite.getByLabel('检查复核意见').fill('现场抽查导出记录，发现问题一项。');
    await onsite.getByRole('button', { name: /添加问题/ }).click();
    await pickOption(page, onsite.getByLabel('检查内容'), '对发现和通报的安全隐患及时排查和处置情况');
    await onsite.getByLabel('问题描述').fill(FINDING);
    await onsite.getByLabel('处理意见').fill('建立导出审批登记制度并补登本年度导出记录');
    await shot(page, 'inspection-04-onsite-form', false);
    await onsite.locator('.ant-modal-footer .ant-btn-primary').click();
    await targetStatus(page).getByText('整改中').waitFor();
    await phase(page).getByText('整改提高').waitFor();
    await findingStatus(page).getByText('整改中').waitFor();
    assert.match(await finding(page).innerText(), /一般问题/);
    assert.match(await finding(page).innerText(), /剩 15 个工作日/);
    assert.equal(await page.getByTestId('inspection-close').count(), 0, 'not closable while the department rectifies');
    assert.equal(await finding(page).getByTestId('finding-accept').count(), 0, 'nothing reported to accept yet');
    await shot(page, 'inspection-05-finding');
    await logout(page);

    // 4. 整改提高: the department reports its rectification (Sec §32(四)).
    await login(page, 'gaj.sec');
    await page.goto(planUrl);
    await finding(page).getByTestId('finding-report').click();
    await confirmWithComment(page, '已制定数据导出审批登记制度，补登导出记录 12 条。');
    await findingStatus(page).getByText('已报送整改情况').waitFor();
    assert.equal(await finding(page).getByTestId('finding-accept').count(), 0, 'the department does not accept its own rectification');
    await logout(page);

    // 5. The authority accepts it; the department is rectified and the inspection closes with a summary.
    await login(page, 'sjj');
    await page.goto(planUrl);
    await finding(page).getByTestId('finding-accept').click();
    await confirmWithComment(page, '复核通过');
    await findingStatus(page).getByText('已验收').waitFor();
    await targetStatus(page).getByText('整改完成').waitFor();
    await phase(page).getByText('待结束').waitFor();
    await page.getByTestId('inspection-close').click();
    await confirmWithComment(page, SUMMARY);
    await phase(page).getByText('已结束').waitFor();
    assert.match(await page.getByTestId('inspection-detail').innerText(), new RegExp(SUMMARY));
    assert.equal(await page.getByTestId('inspection-close').count(), 0);
    await shot(page, 'inspection-06-closed');
    await logout(page);

    // 6. The auditor finds it closed in the list and reads every step, with nothing to press.
    await login(page, 'auditor');
    await page.goto(`${e2e.baseUrl}/security/inspections`);
    assert.equal(await page.getByTestId('inspection-new').count(), 0, 'an auditor plans nothing');
    await row().getByText('已结束').waitFor();
    await followLink(page, row().getByRole('link', { name: TITLE }), planPath);
    await phase(page).getByText('已结束').waitFor();
    const text = await target(page).innerText();
    for (const seen of ['整改完成', '部分符合', '现场抽查导出记录', FINDING, '已验收', '已制定数据导出审批登记制度', '复核通过']) {
      assert.ok(text.includes(seen), `the auditor sees ${seen}`);
    }
    for (const id of ['self-assess', 'onsite', 'inspection-close', 'finding-report', 'finding-accept', 'finding-return', 'finding-suspend']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered to the auditor`);
    }
    const refused = await page.request.post(`${e2e.baseUrl}/api/v1${planPath}/close`, { data: { summary: '审计员尝试' } });
    assert.equal(refused.status(), 403, 'the server refuses the auditor too');
    await shot(page, 'inspection-07-auditor');
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } finally {
    await context.close();
  }
});
