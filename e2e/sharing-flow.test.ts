/**
 * Browser test of the sharing workflow's main path (§27–§31) on the real server:
 * 市发展改革委 (fgw) asks for the demo's one 有条件共享 entry whose data is not mounted yet
 * (UNMOUNTED_DEMO_ENTRY: 经营性自建房安全排查台账 of 市住建局) from its detail page → 市大数据应用局
 * (sjj) passes it in the review queue (§28, 2 working days) → the provider, given 10 working days
 * (§30(二)), tries to grant, is told the data must be published first, mounts its 前置库 table as
 * the data steward, and grants fewer items with a row scope → fgw finds the grant in 我获得的授权,
 * bound to the purpose asked for (§39). Screenshots go to test-output/e2e/ (sharing-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_ENTRIES } from '../src/demo/entries.ts';
import { UNMOUNTED_DEMO_ENTRY } from '../src/demo/seed-sharing.ts';
import { check, login as loginAt, logout, openPage, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

const demo = DEMO_ENTRIES.find((e) => e.key === UNMOUNTED_DEMO_ENTRY)!;
const ENTRY = demo.body.name;
const PROVIDER = demo.provider;
/** The demo loads each entry's rows into `qzk_<department>.<entry key>` of its 前置库 (src/demo/seed.ts). */
const SCHEMA = `qzk_${PROVIDER.replace(/\./g, '_')}`;
const TABLE = demo.key.replace(/-/g, '_');
const ITEMS = demo.body.items.slice(0, 6);
const DROPPED = ITEMS[ITEMS.length - 1]!;
const PURPOSE = '重点工程周边经营性自建房安全风险排查';

test('sharing flow: request, compliance review, mount, grant, my grants', { timeout: 300_000 }, async () => {
  const { context, page, pageErrors } = await openPage(e2e, 1440);

  // 1. 市发展改革委 finds the entry (§27) and asks for it from its detail page (§20, §30).
  assert.equal(demo.body.shareType, 'conditional', 'the test needs a 有条件共享 entry');
  await login(page, 'fgw');
  await page.getByTestId('search-input').fill(ENTRY);
  await page.getByTestId('search-input').press('Enter');
  await page.getByTestId('result-card').filter({ hasText: ENTRY }).getByTestId('result-name').click();
  await page.getByTestId('entry-detail').waitFor();
  await page.getByTestId('action-request').click();
  await page.getByTestId('request-drawer').waitFor();
  // Nothing is preselected; the live check (validateShareRequest) names what is missing.
  assert.equal(await page.getByTestId('request-items').locator('input:checked').count(), 0);
  await page.getByTestId('request-submit').click();
  await page.getByText('请填写申请数据项').first().waitFor();
  for (const item of ITEMS) await check(page.getByTestId(`request-items-${item.name}`));
  await page.getByTestId('request-purpose').fill(PURPOSE);
  await page.getByTestId('request-scenario').fill('市重点工程调度平台周边风险核查模块');
  await page.getByTestId('request-basis').fill('市发展改革委负责市重点工程项目调度和安全生产协调（“三定”规定）');
  // Only what the entry offers: a 库表 entry also by API, and by verification since it has a key item.
  assert.deepEqual(await page.getByTestId('request-method').locator('input[type=radio]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ['table', 'api', 'verify']);
  await check(page.getByTestId('request-method-table'));
  await page.getByTestId('request-validUntil').click();
  const picker = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  // On a loaded host a click can land while the dropdown is still opening and be lost: pick until it closes.
  for (let attempt = 1; ; attempt++) {
    await picker.locator('.ant-picker-presets li').filter({ hasText: '1 年' }).click();
    const closed = await picker.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false);
    if (closed) break;
    assert.ok(attempt < 3, 'the date picker stays open after picking a preset three times');
  }
  await page.getByTestId('request-check').getByText('申请要素完整').waitFor();
  await shot(page, 'sharing-01-fgw-request-form', false);
  await page.getByTestId('request-submit').click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const requestUrl = page.url();
  const requestId = new URL(requestUrl).pathname.split('/').pop()!;
  const row = `tr[data-row-key="${requestId}"]`;
  await page.getByTestId('request-detail').waitFor();
  assert.match(await page.getByTestId('request-status').innerText(), /审查中/);
  assert.match(await page.getByTestId('request-current-step').innerText(), /符合性审查[\s\S]*(剩余 \d+ 个工作日|今天到期)/);
  await shot(page, 'sharing-02-fgw-request-detail');
  await logout(page);

  // 2. 市大数据应用局 passes it from the review queue (§28), which lists it with its deadline.
  await login(page, 'sjj');
  await page.goto(`${e2e.baseUrl}/requests/review`);
  const queued = page.getByTestId('requests-table').locator(row);
  await queued.waitFor();
  assert.match(await queued.getByTestId('request-step').innerText(), /符合性审查/);
  await shot(page, 'sharing-03-sjj-review-queue');
  await queued.getByTestId('queue-pass').click();
  await page.getByTestId('request-summary').getByText(PURPOSE).waitFor();
  await page.getByTestId('comment-text').fill('用途、场景与履职依据相符，在共享范围内');
  await page.getByTestId('comment-ok').click();
  await queued.getByText('已转提供部门').waitFor({ timeout: 20_000 });
  await logout(page);

  // 3. The provider answers. Its data is not on the platform yet: 10 working days, and no grant before the mount (§30(二)).
  await login(page, PROVIDER);
  await page.goto(`${e2e.baseUrl}/requests/incoming`);
  const incoming = page.getByTestId('requests-table').locator(row);
  await incoming.waitFor();
  assert.match(await incoming.getByTestId('request-step').innerText(), /提供部门答复[\s\S]*剩余 10 个工作日/);
  await incoming.getByTestId('request-link').click();
  await page.getByTestId('action-grant').click();
  await page.getByTestId('not-mounted-warning').waitFor();
  await page.getByTestId('grant-ok').click();
  await page.getByTestId('data-not-mounted').getByText('尚未在平台发布').waitFor();
  await page.getByTestId('data-not-mounted').scrollIntoViewIfNeeded();
  await shot(page, 'sharing-04-provider-not-mounted', false);
  // As the data steward, mount the table of its 前置库 (§17), then come back to the request.
  await page.getByTestId('data-not-mounted').getByTestId('mount-link').click();
  await page.getByTestId('mount-none').waitFor();
  await page.getByTestId('mount-edit').click();
  await page.getByTestId('mount-schema').fill(SCHEMA);
  await page.getByTestId('mount-table').fill(TABLE);
  await page.getByTestId('mount-save').click();
  await page.getByTestId('mount-current').getByText(`${SCHEMA}.${TABLE}`).waitFor({ timeout: 20_000 });
  await shot(page, 'sharing-05-provider-mounted');
  await page.goto(requestUrl);
  await page.getByTestId('action-grant').click();
  await page.getByTestId('grant-terms').waitFor();
  // §39: a grant may narrow the request — one item fewer — and add conditions.
  await page.getByTestId(`terms-items-${DROPPED.name}`).uncheck();
  await page.getByTestId('terms-rowFilter').fill('仅限重点工程周边 500 米范围内的房屋');
  await page.getByTestId('grant-comment').fill(`同意共享，不含${DROPPED.label}`);
  // Grade 3 data: the provider's internal review and security assessment go with the grant (Sec §27).
  await page.getByTestId('grant-internal-review').fill('经本部门数据安全小组审查，同意按最小必要原则共享');
  await page.getByTestId('grant-security-assessment').fill('风险可控：已脱敏，限定用途与期限');
  await page.getByTestId('grant-ok').click();
  await page.getByTestId('request-grant-link').waitFor({ timeout: 20_000 });
  assert.match(await page.getByTestId('request-status').innerText(), /已授权/);
  await page.getByTestId('step-provider_reply').getByTestId('step-decision').getByText('同意授权').waitFor();
  await shot(page, 'sharing-06-provider-granted');
  await logout(page);

  // 4. 市发展改革委 sees the grant in 我获得的授权, with the purpose it asked for (§39).
  await login(page, 'fgw');
  await page.goto(`${e2e.baseUrl}/grants`);
  const granted = page.getByTestId('grants-table').locator('tr', { hasText: ENTRY });
  await granted.waitFor();
  assert.match(await granted.getByTestId('grant-status').innerText(), /有效/);
  assert.match(await granted.innerText(), /从未使用/);
  await shot(page, 'sharing-07-fgw-my-grants');
  await granted.getByTestId('grant-link').click();
  await page.getByTestId('grant-detail').waitFor();
  await page.getByTestId('purpose-bound').waitFor();
  // Item names turn into their Chinese labels once the entry has loaded.
  await page.getByTestId('grant-detail').getByText(ITEMS[0]!.label, { exact: true }).first().waitFor();
  const detail = await page.getByTestId('grant-detail').innerText();
  assert.match(detail, new RegExp(PURPOSE));
  assert.match(detail, /仅限重点工程周边 500 米范围内的房屋/);
  for (const item of ITEMS.slice(0, -1)) assert.ok(detail.includes(item.label), `${item.label} is granted`);
  assert.ok(!detail.includes(DROPPED.label), 'the item the provider left out is not granted');
  await shot(page, 'sharing-08-fgw-grant-detail');

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  await context.close();
});
