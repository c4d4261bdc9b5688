/**
 * Browser test of the catalog's main path (§9–§13, §27) on the real server:
 * 市发展改革委 (fgw) compiles an entry with two data items and submits it → 市大数据应用局 (sjj)
 * approves it from the review queue → the entry has its unified code → a Chinese keyword search
 * finds it. Screenshots go to test-output/e2e/.
 *
 * Starts `src/main.ts` on a free port with a fresh PGlite data dir and the demo world
 * (GDX_DEMO_PASSWORD), waits for /api/v1/health, and stops it afterwards.
 * To run against a server that is already up instead: GDX_E2E_BASE_URL=http://127.0.0.1:8090
 * (and GDX_E2E_PASSWORD when its users have another password).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = process.env.GDX_E2E_PASSWORD ?? 'Demo-passw0rd';
const STARTUP_MS = 180_000;

let server: ChildProcess | undefined;
let serverLog = '';
let dataDir: string | undefined;
let baseUrl = process.env.GDX_E2E_BASE_URL ?? '';
let browser: Browser | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${serverLog.slice(-4000)}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${ms} ms (${last}):\n${serverLog.slice(-4000)}`);
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  if (!baseUrl) {
    // The server serves web/dist; build it when missing or older than its sources.
    const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(build.status, 0, 'building the web app failed');
    const port = await freePort();
    dataDir = mkdtempSync(path.join(tmpdir(), 'gdx-e2e-'));
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GDX_DATA_DIR: dataDir,
        GDX_DEMO_PASSWORD: PASSWORD,
        GDX_DEMO: '1',
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => { serverLog += d.toString(); });
    server.stderr?.on('data', (d: Buffer) => { serverLog += d.toString(); });
    baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl, STARTUP_MS);
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close().catch(() => undefined);
  if (server && server.exitCode === null) {
    const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server?.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Screenshot once the page has settled: requests done, no spinner left. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 }).catch(async (err: unknown) => {
    const msg = await page.getByTestId('login-error').textContent().catch(() => null);
    throw new Error(`login as ${username} failed: ${msg ?? String(err)} (is the demo seed in place?)`);
  });
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
}

/** Picks an option of an antd Select by its visible label. */
async function choose(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first();
  await option.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

test('catalog flow: compile, submit, review, code, search', { timeout: 240_000 }, async () => {
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const suffix = Date.now().toString(36).slice(-4).toUpperCase();
  const keyword = '桥梁定期检测';
  const name = `晋城市城市桥梁定期检测记录${suffix}`;

  // 1. 市发展改革委 compiles the entry (§9–§10).
  await login(page, 'fgw');
  await page.getByTestId('result-card').or(page.locator('.ant-empty')).first().waitFor();
  await shot(page, '01-fgw-discovery');
  await page.goto(`${baseUrl}/catalog/new`);
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
  await page.getByTestId('item-0-key').check();
  await page.getByTestId('add-item').click();
  await page.getByTestId('item-1-name').fill('contact_phone');
  await page.getByTestId('item-1-label').fill('检测单位联系人手机号');
  await page.getByTestId('item-1-length').fill('11');
  await choose(page, 'item-1-sensitive', '手机号');
  // Choosing a sensitive type fills in its default masking (security rules §27).
  assert.match(await page.getByTestId('item-1-masking').innerText(), /手机号脱敏/);

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
  await page.goto(`${baseUrl}/review`);
  const row = page.getByTestId('review-table').locator('tr', { hasText: name });
  await row.waitFor();
  await shot(page, '04-sjj-review-queue');
  await row.getByTestId('queue-approve').click();
  await page.getByTestId('comment-text').fill('目录要素完整，符合编目规范');
  await page.getByTestId('comment-ok').click();
  await row.waitFor({ state: 'detached', timeout: 20_000 });

  // 3. Published with its unified code.
  await page.goto(`${baseUrl}/catalog/${entryId}`);
  const code = (await page.getByTestId('entry-code').innerText()).trim();
  assert.ok(code.length > 0, 'the approved entry has a code');
  await page.getByText('已发布').first().waitFor();
  await shot(page, '05-sjj-published');

  // 4. Discovery (§27): a Chinese keyword from the name finds it.
  await page.goto(`${baseUrl}/catalog`);
  await page.getByTestId('search-input').fill(keyword);
  await page.getByTestId('search-input').press('Enter');
  const card = page.getByTestId('result-card').filter({ hasText: name });
  await card.waitFor({ timeout: 15_000 });
  assert.match(await card.getByTestId('result-code').innerText(), new RegExp(code.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
  await shot(page, '06-search-result');

  assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  await context.close();
});
