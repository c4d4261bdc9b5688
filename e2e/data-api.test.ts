/**
 * Browser test of data delivery by API (docs/signing.md) on the real server: 市发展改革委 (fgw), as
 * its data steward, registers a consumer app and copies the secret from the once-only modal, then
 * opens its live API grant on 互联网租赁自行车运营数据 (of 市交通运输局) and calls the data API from
 * the 接口调试 panel, which signs in the browser with WebCrypto: a wrong secret is refused with
 * SIGNATURE_INVALID, the right one returns rows. Screenshots go to test-output/e2e/ (data-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { APIRequestContext, Page } from 'playwright-core';
import { sharedBikes } from '../src/demo/entries-society.ts';
import type { Grant } from '../web/src/types.ts';
import { openPage, PASSWORD, choose, login as loginAt, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);
const APP = '重点工程交通调度系统';
const ENTRY = sharedBikes.body.name;

async function apiGrantOf(request: APIRequestContext): Promise<Grant | undefined> {
  const r = await request.get(`${e2e.baseUrl}/api/v1/grants?view=mine&status=active`);
  assert.equal(r.status(), 200);
  const { items } = (await r.json()) as { items: Grant[] };
  return items.find((g) => g.method === 'api' && g.entryName === ENTRY);
}

/** When the demo has no API grant for fgw: fgw asks, 市大数据应用局 passes, the platform grants (无条件共享). */
async function makeApiGrant(fgw: APIRequestContext, sjj: APIRequestContext): Promise<void> {
  const found = await fgw.get(`${e2e.baseUrl}/api/v1/catalog?q=${encodeURIComponent(ENTRY)}`);
  const entry = ((await found.json()) as { items: { id: string; name: string }[] }).items.find((e) => e.name === ENTRY)!;
  assert.ok(entry, `${ENTRY} is in the catalog`);
  const validUntil = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  const asked = await fgw.post(`${e2e.baseUrl}/api/v1/requests`, {
    data: {
      entryId: entry.id, items: sharedBikes.body.items.slice(0, 4).map((i) => i.name), method: 'api', validUntil,
      purpose: '重点工程周边交通组织与共享单车停放调度', scenario: '重点工程调度平台交通组织模块', basis: '本部门“三定”规定所列法定职责',
    },
  });
  assert.equal(asked.status(), 201, await asked.text());
  const { id } = (await asked.json()) as { id: string };
  const login = await sjj.post(`${e2e.baseUrl}/api/v1/auth/login`, { data: { username: 'sjj', password: PASSWORD } });
  assert.equal(login.status(), 200, await login.text());
  const passed = await sjj.post(`${e2e.baseUrl}/api/v1/requests/${id}/compliance-review`, { data: { decision: 'pass' } });
  assert.equal(passed.status(), 200, await passed.text());
}

test('data API: register an app, copy its secret once, call under an API grant from the try-it panel', { timeout: 300_000 }, async () => {
  const { context, page, pageErrors } = await openPage(e2e, 1440);

  // 1. fgw registers an app under 数据交付 → 应用系统; the secret is shown once, with a warning.
  await login(page, 'fgw');
  await page.getByRole('menuitem', { name: '应用系统' }).click();
  await page.getByTestId('apps-page').waitFor();
  await page.getByTestId('app-register').click();
  await page.getByTestId('app-name').fill(APP);
  await page.getByTestId('app-description').fill('按授权调用共享单车运营数据');
  // On a loaded machine the first click can land while the form is still settling: click until the
  // request goes out (the register button leaves the page), then wait for the secret.
  const modal = page.getByTestId('secret-modal');
  for (let i = 0; i < 5 && !(await modal.isVisible()); i++) {
    if (await page.getByTestId('app-register-ok').isVisible()) await page.getByTestId('app-register-ok').click().catch(() => undefined);
    await modal.waitFor({ timeout: 8_000 }).catch(() => undefined);
  }
  if (!(await modal.isVisible())) await shot(page, 'data-00-register-stuck', false);
  await modal.waitFor({ timeout: 10_000 });
  await modal.getByText('密钥只显示一次，请妥善保存').waitFor();
  await page.getByTestId('app-register-ok').waitFor({ state: 'detached' });
  const secret = (await page.getByTestId('secret-value').innerText()).trim();
  const appKey = (await page.getByTestId('secret-appkey').innerText()).trim();
  assert.match(secret, /^[A-Za-z0-9_-]{43}$/, 'a 32-byte base64url secret');
  assert.match(appKey, /^gdx_[0-9a-f]{20}$/);
  await shot(page, 'data-01-secret-once', false);
  await page.getByTestId('secret-done').click();
  await modal.waitFor({ state: 'detached' });
  const row = page.getByTestId('apps-table').locator('tr', { hasText: APP });
  await row.waitFor();
  assert.equal((await row.getByTestId('app-key').innerText()).trim(), appKey);
  assert.match(await row.getByTestId('app-status').innerText(), /启用/);
  assert.ok(!(await page.content()).includes(secret), 'the secret is gone from the page once the modal is closed');
  await shot(page, 'data-02-apps');
  // The signing rules are linked from the page and served by the platform: a department's developer has its address, not its source.
  const doc = await page.request.get(`${e2e.baseUrl}${await page.getByTestId('apps-signing-doc').getAttribute('href')}`);
  assert.equal(doc.status(), 200);
  assert.match(await doc.text(), /X-GDX-Signature/);

  // 2. The live API grant on the shared-bike data (made here when the demo has none).
  let grant = await apiGrantOf(page.request);
  if (!grant) {
    const sjj = await e2e.browser.newContext();
    await makeApiGrant(page.request, sjj.request);
    await sjj.close();
    grant = await apiGrantOf(page.request);
  }
  assert.ok(grant?.entryCode, 'fgw has an active API grant with an entry code');
  // The demo accepts this grant's data-security agreement; a grant made here is accepted now (security rules §27).
  const agreement = await page.request.get(`${e2e.baseUrl}/api/v1/grants/${grant.id}/agreement`);
  if (!((await agreement.json()) as { acceptedAt: string | null }).acceptedAt) {
    const accepted = await page.request.post(`${e2e.baseUrl}/api/v1/grants/${grant.id}/agreement`, { data: { accept: true } });
    assert.equal(accepted.status(), 200, await accepted.text());
  }

  // 3. The try-it panel on the grant: a wrong secret is refused, the right one returns rows.
  await page.goto(`${e2e.baseUrl}/grants/${grant.id}`);
  await page.getByTestId('grant-detail').waitFor();
  const panel = page.getByTestId('tryit');
  await panel.waitFor();
  await choose(page, 'tryit-app', APP);
  await panel.getByTestId('tryit-secret').fill(`${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`);
  await panel.getByTestId('tryit-send').click();
  await panel.getByTestId('tryit-error').waitFor({ timeout: 20_000 });
  assert.match(await panel.getByTestId('tryit-status').innerText(), /401/);
  assert.match(await panel.getByTestId('tryit-error').innerText(), /SIGNATURE_INVALID/);
  await panel.getByTestId('tryit-result').scrollIntoViewIfNeeded();
  await shot(page, 'data-03-tryit-refused', false);

  const fields = grant.items.slice(0, 3);
  await panel.getByTestId('tryit-secret').fill(secret);
  // The panel may re-render while the grant reloads after the refused call: tick until it sticks.
  for (const f of fields) {
    const box = panel.getByTestId(`tryit-field-${f}`);
    for (let i = 0; i < 20 && !(await box.isChecked()); i++) {
      await box.click().catch(() => undefined);
      await page.waitForTimeout(150);
    }
    assert.ok(await box.isChecked(), `field ${f} ticked`);
  }
  await panel.getByTestId('tryit-limit').fill('5');
  await panel.getByTestId('tryit-send').click();
  await panel.getByTestId('tryit-status').getByText('HTTP 200').waitFor({ timeout: 20_000 });
  const rows = panel.getByTestId('tryit-table').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 5);
  const headers = await panel.getByTestId('tryit-table').locator('thead th').allInnerTexts();
  assert.equal(headers.length, fields.length);
  for (const [i, f] of fields.entries()) assert.match(headers[i]!, new RegExp(f));
  const curl = await panel.getByTestId('tryit-curl').innerText();
  assert.match(curl, new RegExp(`X-GDX-App: ${appKey}`));
  assert.match(curl, /X-GDX-Signature: [A-Za-z0-9+/]{43}=/);
  assert.match(curl, /\/api\/v1\/data\/[^?]+\?fields=/);
  assert.ok(!curl.includes(secret), 'the curl line carries the signature, never the secret');
  await panel.getByTestId('tryit-result').scrollIntoViewIfNeeded();
  await shot(page, 'data-04-tryit-rows', false);

  // The call is the grant's use (§31): the page reloads the grant, which now shows a last use.
  const used = await page.request.get(`${e2e.baseUrl}/api/v1/grants/${grant.id}`);
  assert.ok(((await used.json()) as Grant).lastUsedAt, 'the grant records its last use');
  await page.getByTestId('grant-detail').getByText('从未使用').waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await rows.count(), 5, 'the result stays through the reload');
  await shot(page, 'data-05-grant-detail');

  // 4. Disabled: its row says so instead of offering actions, and the page's try-it panel no longer offers it.
  await page.goto(`${e2e.baseUrl}/apps`);
  const appRow = page.getByTestId('apps-table').locator('tr', { hasText: APP });
  await appRow.getByTestId('app-disable').click();
  await page.locator('.ant-popover:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
  await appRow.getByTestId('app-disabled-note').waitFor({ timeout: 10_000 });
  assert.match(await appRow.getByTestId('app-status').innerText(), /停用/);
  let offered: string[] = [];
  for (let i = 0; i < 10; i++) {
    await page.getByTestId('tryit').getByTestId('tryit-app').click();
    offered = await page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts();
    await page.keyboard.press('Escape');
    if (offered.length > 0 && !offered.some((o) => o.includes(APP))) break;
    await page.waitForTimeout(300);
  }
  assert.ok(offered.length > 0 && !offered.some((o) => o.includes(APP)), `the disabled app is not offered: ${offered.join(' | ')}`);
  await shot(page, 'data-06-app-disabled');

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  await context.close();
});
