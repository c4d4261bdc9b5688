/**
 * Browser test of a data security incident (security rules §34, §7(四)) on the demo world:
 * 市发展改革委's security officer (fgw.sec) reports a suspected leak with the emergency plan started
 * and one of its live grants affected → 市大数据应用局 (sjj) responds and suspends that grant in one
 * step (Sec §33–§34: data stops at once) → fgw.sec records the resolution → sjj closes the case with a
 * summary and lifts the suspension → the auditor reads the closed case and its timeline and is offered
 * no action. Screenshots go to test-output/e2e/ (incident-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { confirmWithComment, login as loginAt, logout, modal, openPage, pickOption, shot, tick, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

const TITLE = '投资项目审批数据疑似经接口外泄';
const SUMMARY = '泄露源为接口调用账号共用，已整改并通报各部门排查同类问题。';

const head = (page: Page): Locator => page.getByTestId('incident-head');

test('incident: report, respond, suspend the affected grant, resolve, close, lift; the auditor reads it', { timeout: 180_000 }, async () => {
  const { context, page, pageErrors } = await openPage(e2e);
  try {
    // 1. The department's security officer reports at once, plan started, naming an affected grant (Sec §34).
    await login(page, 'fgw.sec');
    await page.goto(`${e2e.baseUrl}/security/incidents`);
    await page.getByTestId('incident-report').click();
    const form = modal(page, '报送安全事件');
    await pickOption(page, form.getByLabel('事件情形'), '公民、法人信息或重要政务数据泄露');
    await form.getByLabel('事件名称').fill(TITLE);
    await form.getByLabel('影响范围').fill('投资项目在线审批监管平台的数据接口');
    await form.getByLabel('涉及数据').fill('项目单位联系人姓名、手机号码约 300 条');
    // The grants it holds or provides are offered; take the first and remember how the page names it.
    const grantLabel = await pickOption(page, form.getByLabel('受影响授权'), '');
    const [entryName] = grantLabel.split(' · ');
    assert.ok(entryName, `an affected grant was offered (${grantLabel})`);
    await form.getByLabel('已采取的补救措施').fill('已停用该接口调用账号，轮换 AppKey 密钥，排查访问日志');
    assert.ok(await form.getByLabel('已启动应急预案').isChecked(), 'the plan is marked started by default');
    await shot(page, 'incident-01-report-form', false);
    await form.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForURL(/\/security\/incidents\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const incidentUrl = page.url();
    const incidentPath = new URL(incidentUrl).pathname;
    /** This incident's row of the list, by its link (the title alone may repeat). */
    const row = () => page.getByTestId('incidents-table').locator('tr', { has: page.locator(`a[href="${incidentPath}"]`) });
    await head(page).getByText('已报送').waitFor();
    const detail = page.getByTestId('incident-detail');
    const affected = detail.locator('.ant-descriptions-row', { hasText: '受影响授权' });
    await affected.getByText(entryName!).waitFor();
    assert.match(await affected.getByTestId('grant-status').innerText(), /有效/);
    assert.doesNotMatch(await detail.innerText(), /未登记启动应急预案/);
    // The department reports; responding, suspending and closing are the authority's (Sec §7(四)).
    for (const id of ['incident-respond', 'incident-suspend', 'incident-close', 'incident-resolve']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered to the department`);
    }
    await shot(page, 'incident-02-reported');
    await logout(page);

    // 2. The authority finds it in the list, responds, and suspends the affected grant in one step.
    await login(page, 'sjj');
    await page.goto(`${e2e.baseUrl}/security/incidents`);
    await row().getByText('已报送').waitFor();
    await row().getByRole('link', { name: TITLE }).click();
    await page.getByTestId('incident-respond').click();
    await confirmWithComment(page, '请于三日内报送接口访问日志排查结果；核实前暂停相关授权。');
    await head(page).getByText('处置中').waitFor();
    await page.getByTestId('incident-suspend').click();
    const suspend = modal(page, '暂停授权');
    await tick(suspend.locator('.ant-checkbox-wrapper', { hasText: grantLabel }).first());
    await suspend.locator('textarea').fill('数据疑似外泄，核实前暂停授权');
    await shot(page, 'incident-03-suspend', false);
    await suspend.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('incident-suspension').first().waitFor();
    await affected.getByTestId('grant-status').getByText('已暂停').waitFor();
    assert.match(await page.getByTestId('incident-suspension').first().innerText(), new RegExp(entryName!));
    assert.match(await detail.innerText(), /暂停授权 1 项：数据疑似外泄，核实前暂停授权/);
    // The grant itself is suspended: the delivery layer serves only active grants.
    const grantId = await affected.getByRole('link').first().getAttribute('href').then((h) => h!.split('/').pop()!);
    const grant = await page.request.get(`${e2e.baseUrl}/api/v1/grants/${grantId}`);
    assert.equal((await grant.json()).status, 'suspended');
    await shot(page, 'incident-04-responding-suspended');
    await logout(page);

    // 3. The department records the resolution (the plan was started, so it may).
    await login(page, 'fgw.sec');
    await page.goto(incidentUrl);
    await page.getByTestId('incident-resolve').click();
    await confirmWithComment(page, '接口账号已按用途分设，日志排查确认外泄范围，已通知受影响人员。');
    await head(page).getByText('已处置').waitFor();
    await logout(page);

    // 4. The authority closes it with a summary, then lifts the suspension: the grant is live again.
    await login(page, 'sjj');
    await page.goto(incidentUrl);
    await page.getByTestId('incident-close').click();
    await confirmWithComment(page, SUMMARY);
    await head(page).getByText('已结案').waitFor();
    assert.match(await detail.locator('.ant-descriptions-row', { hasText: '事件总结' }).innerText(), new RegExp(SUMMARY));
    assert.equal(await page.getByTestId('incident-suspend').count(), 0, 'nothing more is suspended on a closed case');
    await page.getByTestId('incident-suspension').first().getByTestId('suspension-lift').click();
    await page.getByTestId('incident-suspension').first().getByText('已解除').waitFor();
    await affected.getByTestId('grant-status').getByText('有效').waitFor();
    await shot(page, 'incident-05-closed-lifted');
    await logout(page);

    // 5. The auditor reads the closed case and its whole timeline, and is offered nothing to do.
    await login(page, 'auditor');
    await page.goto(`${e2e.baseUrl}/security/incidents`);
    await row().getByText('已结案').waitFor();
    assert.equal(await page.getByTestId('incident-report').count(), 0, 'an auditor reports nothing');
    await row().getByRole('link', { name: TITLE }).click();
    await head(page).getByText('已结案').waitFor();
    const timeline = await detail.locator('.ant-timeline').innerText();
    let at = 0;
    for (const step of ['报送', '启动应急预案', '主管部门响应', '暂停授权', '处置完成', '结案']) {
      const found = timeline.indexOf(step, at);
      assert.ok(found >= 0, `the timeline shows ${step} after the steps before it:\n${timeline}`);
      at = found + step.length;
    }
    for (const id of ['incident-plan', 'incident-respond', 'incident-resolve', 'incident-close', 'incident-suspend', 'suspension-lift']) {
      assert.equal(await page.getByTestId(id).count(), 0, `${id} is not offered to the auditor`);
    }
    const refused = await page.request.post(`${e2e.baseUrl}/api/v1${incidentPath}/suspend-grants`, { data: { grantIds: [grantId], reason: '审计员尝试' } });
    assert.equal(refused.status(), 403, 'the server refuses the auditor too');
    await shot(page, 'incident-06-auditor');
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } finally {
    await context.close();
  }
});
