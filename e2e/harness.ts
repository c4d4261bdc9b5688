/**
 * Shared setup of the browser tests: starts `src/main.ts` on a free port with a fresh PGlite data dir
 * and the demo world (GDX_DEMO_PASSWORD), waits for /api/v1/health, launches Chromium, and stops
 * both afterwards; plus the page helpers every flow uses. Screenshots go to test-output/e2e/.
 * To run against a server that is already up instead: GDX_E2E_BASE_URL=http://127.0.0.1:8090
 * (and GDX_E2E_PASSWORD when its users have another password).
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SHOTS = path.join(ROOT, 'test-output', 'e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PASSWORD = process.env.GDX_E2E_PASSWORD ?? 'Demo-passw0rd';
const STARTUP_MS = 180_000;

export interface E2E {
  /** http://127.0.0.1:<port> of the server under test (set once `before` ran). */
  readonly baseUrl: string;
  readonly browser: Browser;
}

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

async function waitForHealth(url: string, ms: number, server: ChildProcess | undefined, log: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  let last = '';
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log().slice(-4000)}`);
    try {
      const r = await fetch(`${url}/api/v1/health`);
      if (r.ok) return;
      last = `HTTP ${r.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${ms} ms (${last}):\n${log().slice(-4000)}`);
}

/** Registers the before/after hooks of a test file: its own server (unless GDX_E2E_BASE_URL) and browser. */
export function useE2E(): E2E {
  let server: ChildProcess | undefined;
  let serverLog = '';
  let dataDir: string | undefined;
  let baseUrl = process.env.GDX_E2E_BASE_URL ?? '';
  let browser: Browser | undefined;

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
      await waitForHealth(baseUrl, STARTUP_MS, server, () => serverLog);
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

  return {
    get baseUrl() {
      return baseUrl;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not running (before() has not run)');
      return browser;
    },
  };
}

/** A fresh zh-CN browser context and its page; the page's uncaught errors are collected in `pageErrors`. */
export async function openPage(e2e: Pick<E2E, 'browser'>, width = 1400): Promise<{ context: BrowserContext; page: Page; pageErrors: string[] }> {
  const context = await e2e.browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, pageErrors };
}

/** Screenshot once the page has settled: requests done, no spinner left. A drawer or modal is shot as the viewport shows it. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 }).catch(async (err: unknown) => {
    const msg = await page.getByTestId('login-error').textContent().catch(() => null);
    throw new Error(`login as ${username} failed: ${msg ?? String(err)} (is the demo seed in place?)`);
  });
}

/**
 * Follows a link to `path`. On a loaded host a click made while the list is still re-rendering can
 * be lost; the link is clicked again (at most three times) rather than the test waiting out its timeout.
 */
export async function followLink(page: Page, link: Locator, path: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await link.click();
    const arrived = await page.waitForURL((u) => u.pathname === path, { timeout: 5000 }).then(() => true, () => false);
    if (arrived) return;
    if (attempt === 3) throw new Error(`three clicks on the link did not lead to ${path}`);
  }
}

/**
 * Ticks an antd checkbox (its wrapper label). A click made while its modal is still opening can be
 * lost on a loaded host; the box is clicked again (at most three times) until it reads as checked.
 */
export async function tick(wrapper: Locator): Promise<void> {
  const input = wrapper.locator('input[type="checkbox"]');
  for (let attempt = 1; ; attempt++) {
    await wrapper.click();
    for (let i = 0; i < 20; i++) {
      if (await input.isChecked()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (attempt === 3) throw new Error('three clicks did not tick the checkbox');
  }
}

/**
 * Checks a checkbox (the input itself, or what getByLabel finds). Playwright's check() fails with
 * "Clicking the checkbox did not change its state" when a click is lost on a loaded host (seen in
 * CI); it is tried again, at most three times — check() does nothing to a box already checked.
 */
export async function check(box: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await box.check();
      return;
    } catch (err) {
      if (await box.isChecked().catch(() => false)) return;
      if (attempt === 3) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL((u) => u.pathname.startsWith('/login'));
}

/** Picks an option of an antd Select by its visible label. */
export async function choose(page: Page, testId: string, label: string): Promise<void> {
  await pickOption(page, page.getByTestId(testId), label);
}

/**
 * Opens the antd Select `field` (found by test id or by its form label) and picks the first option
 * whose text contains `label` ('' = the first option); answers the option's text. `search` is typed
 * first in a searchable select: its list is virtual, so options far down are not rendered. A multiple
 * select stays open after a pick: Escape closes it (rc-select stops it there while open, so an
 * enclosing modal stays; Tab would pick the active option once more, that is, unpick it). A single
 * select closes by itself, and an Escape then would close the modal.
 */
export async function pickOption(page: Page, field: Locator, label: string, search?: string): Promise<string> {
  // Click the select itself: a chosen value covers its search input.
  const select = field.locator('xpath=ancestor-or-self::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const multiple = await select.evaluate((el) => el.classList.contains('ant-select-multiple'));
  await select.click();
  if (search) await page.keyboard.type(search);
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const option = open.locator('.ant-select-item-option').filter({ hasText: label }).first();
  const text = (await option.innerText()).trim();
  // On a busy machine a click on the list while it still moves can be lost (seen with 8+ options):
  // click until the pick shows — the option marked chosen, or a single select closed.
  for (let attempt = 1; ; attempt++) {
    await option.click();
    const shown = multiple ? open.locator('.ant-select-item-option-selected').filter({ hasText: label }).first() : open;
    const took = await shown.waitFor({ state: multiple ? 'visible' : 'hidden', timeout: 3_000 }).then(() => true, () => false);
    if (took) break;
    if (attempt === 3) throw new Error(`could not pick "${text}"`);
  }
  if (multiple) await page.keyboard.press('Escape');
  await open.waitFor({ state: 'hidden' }).catch(() => undefined);
  return text;
}

/** The open antd modal titled `title`. */
export function modal(page: Page, title: string): Locator {
  return page.locator('.ant-modal').filter({ visible: true }).filter({ has: page.locator('.ant-modal-title', { hasText: title }) });
}

/**
 * Fills the comment modal of an action (CommentModal), confirms it and waits until it has closed.
 * A click while the modal is still opening can be lost on a busy machine (seen in CI: the modal
 * stayed open, its OK never pressed): OK is pressed again, but only when it is not busy with the
 * first press's request, so an action is never sent twice.
 */
export async function confirmWithComment(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('comment-text');
  const ok = page.getByTestId('comment-ok');
  await box.fill(text);
  for (let attempt = 0; attempt < 3; attempt++) {
    await ok.click().catch(() => undefined);
    for (let wait = 0; wait < 3; wait++) {
      if (await box.waitFor({ state: 'detached', timeout: 5_000 }).then(() => true, () => false)) return;
      const busy = await ok.evaluate((el) => el.classList.contains('ant-btn-loading')).catch(() => false);
      if (!busy) break;
    }
  }
  await box.waitFor({ state: 'detached' });
}
