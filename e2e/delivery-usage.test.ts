/**
 * Browser test of the provider's mount editor and of the usage views (数据使用记录, §38) on the real
 * server. 市公安局 (gaj), as data steward, is told in the form when its 前置库 has no such table, and
 * mounts an upstream API named by a bare intranet host; 市发展改革委 (fgw) calls the shared-bike data
 * from 应用系统's 接口调试 panel — which names the grant and its items in Chinese — and finds the call
 * under 数据使用记录; the provider 市交通运输局 (jtj) sees who used its data and 市大数据应用局 (sjj)
 * sees every record. Screenshots go to test-output/e2e/ (usage-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedBikes } from '../src/demo/entries-society.ts';
import type { CatalogEntry, ConsumerAppWithSecret, Grant, ListResponse } from '../web/src/types.ts';
import { choose, login as loginAt, logout, openPage, shot, SHOTS, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);
const APP = '交通运行监测调度系统';
const ENTRY = sharedBikes.body.name;
const VIDEO_POINTS = '公共安全视频监控点位信息';

test('mount editor and usage views: a refused mount stays in view, an intranet API mounts, the call shows to consumer, provider and authority', { timeout: 300_000 }, async () => {
  const { context, page, pageErrors } = await openPage(e2e, 1440);

  // 1. gaj mounts its published entry: no such table → the refusal stays in the form, not only in a toast.
  await login(page, 'gaj');
  const mine = await page.request.get(`${e2e.baseUrl}/api/v1/catalog?view=mine&limit=50`);
  const entry = ((await mine.json()) as ListResponse<CatalogEntry>).items.find((e) => e.name === VIDEO_POINTS);
  assert.ok(entry, `${VIDEO_POINTS} is gaj's published entry`);
  await page.goto(`${e2e.baseUrl}/catalog/${entry.id}?tab=mount`);
  await page.getByTestId('mount-edit').click();
  const form = page.getByTestId('mount-form');
  await page.getByTestId('mount-schema').fill('qzk_gaj');
  await page.getByTestId('mount-table').fill('no_such_table');
  await page.getByTestId('mount-save').click();
  await form.locator('.ant-alert-error').getByText('no_such_table').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(4000); // the toast is gone; the form still says why
  assert.match(await form.locator('.ant-alert-error').innerText(), /前置库中没有表 qzk_gaj\.no_such_table/);
  await form.screenshot({ path: path.join(SHOTS, 'usage-01-mount-refused.png') });

  // An upstream API on the government network, named by a bare host, passes the form's first check.
  await page.getByTestId('mount-kind').getByText('接口').click();
  await page.getByTestId('mount-url').fill('http://qzk-gaj:8080/api/points');
  await page.getByTestId('mount-save').click();
  await page.getByTestId('mount-current').getByText('http://qzk-gaj:8080/api/points').waitFor({ timeout: 15_000 });
  // The files section follows the new mount at once.
  await page.getByTestId('mount-files').getByText('接口').waitFor();
  assert.doesNotMatch(await page.getByTestId('mount-files').innerText(), /库表（前置库）/);
  await shot(page, 'usage-02-mounted-api');
  await logout(page);

  // 2. fgw calls the shared-bike data from 应用系统 with a new app of its own.
  await login(page, 'fgw');
  const made = await page.request.post(`${e2e.baseUrl}/api/v1/apps`, { data: { name: APP } });
  assert.equal(made.status(), 201, await made.text());
  const app = (await made.json()) as ConsumerAppWithSecret;
  const grants = await page.request.get(`${e2e.baseUrl}/api/v1/grants?view=mine&status=active`);
  const grant = ((await grants.json()) as ListResponse<Grant>).items.find((g) => g.method === 'api' && g.entryName === ENTRY);
  assert.ok(grant, 'the demo gives fgw an API grant on the shared-bike data');
  await page.getByRole('menuitem', { name: '应用系统' }).click();
  const panel = page.getByTestId('tryit');
  await panel.waitFor();
  // The only grant is named, and its items carry their Chinese names.
  assert.match(await panel.getByTestId('tryit-grant-name').innerText(), new RegExp(ENTRY));
  const firstItem = sharedBikes.body.items.find((i) => i.name === grant.items[0])!;
  await panel.locator('label.ant-checkbox-wrapper', { has: page.getByTestId(`tryit-field-${firstItem.name}`) }).getByText(firstItem.label!, { exact: true }).waitFor();
  await choose(page, 'tryit-app', APP);
  await panel.getByTestId('tryit-secret').fill(app.secret);
  await panel.getByTestId('tryit-limit').fill('3');
  await panel.getByTestId('tryit-send').click();
  await panel.getByTestId('tryit-status').getByText('HTTP 200').waitFor({ timeout: 20_000 });
  // The call counts against the app's use today, shown in the table above.
  await page.getByTestId('apps-table').locator('tr', { hasText: APP }).getByTestId('app-limits-usage').getByText(/接口及文件下载 1\//).waitFor();
  await shot(page, 'usage-03-tryit');

  await page.getByRole('menuitem', { name: '数据使用记录' }).click();
  const mineRow = page.getByTestId('usage-table').locator('tr', { hasText: APP });
  await mineRow.waitFor();
  assert.match(await mineRow.innerText(), new RegExp(`${ENTRY}[\\s\\S]*接口[\\s\\S]*成功`));
  await shot(page, 'usage-04-mine');
  // From the grant, its own records.
  await page.goto(`${e2e.baseUrl}/grants/${grant.id}`);
  await page.getByTestId('grant-usage').click();
  await page.waitForURL((u) => u.pathname === '/usage' && u.searchParams.get('grantId') === grant.id);
  await page.getByTestId('usage-table').locator('tr', { hasText: APP }).waitFor();
  await logout(page);

  // 3. The provider sees who used its data; the authority sees every record.
  await login(page, 'jtj');
  await page.goto(`${e2e.baseUrl}/usage`);
  await page.getByTestId('usage-views').getByText('本部门数据被谁使用').click();
  const providedRow = page.getByTestId('usage-table').locator('tr', { hasText: APP });
  await providedRow.waitFor();
  assert.match(await providedRow.innerText(), /晋城市发展和改革委员会/);
  await shot(page, 'usage-05-provided');
  await logout(page);

  await login(page, 'sjj');
  await page.goto(`${e2e.baseUrl}/usage`);
  await page.getByTestId('usage-table').locator('tr', { hasText: APP }).waitFor();
  await shot(page, 'usage-06-all');

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  await context.close();
});
