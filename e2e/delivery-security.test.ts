/**
 * Browser test of the table and file channels and of the auditor's view, on the demo world:
 * 市发展改革委 (fgw) runs its table sync (§17 库表) from the 库表同步 page and sees it finish with every row,
 * downloads a file of its 文件 grant and finds the trace mark naming the grant (§39); the auditor verifies
 * the audit hash chain (security rules §17) and opens the security posture page. Screenshots go to
 * test-output/e2e/ (delivery-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { Grant } from '../web/src/types.ts';
import { login as loginAt, logout, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

test('table sync with progress, a traced file download, and the auditor verifying the chain', { timeout: 300_000 }, async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  try {
    // 1. fgw's table sync: run it, watch it finish, every row copied.
    await login(page, 'fgw');
    await page.goto(`${e2e.baseUrl}/sync`);
    type Run = { id: string; status: string; rowsDone: number; rowsTotal: number | null };
    const latestRun = async (): Promise<Run | undefined> => {
      const r = await page.request.get(`${e2e.baseUrl}/api/v1/sync/runs?limit=1`);
      assert.equal(r.status(), 200);
      return ((await r.json()) as { items: Run[] }).items[0];
    };
    const before = await latestRun(); // the demo seed ran it once already
    const targets = page.getByTestId('sync-targets');
    // A double click queues one run and says so once — not also "already queued" as an error.
    await targets.getByTestId('sync-run').first().dblclick();
    await page.locator('.ant-message-success').first().waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.ant-message-error').count(), 0, 'no error toast after a double click');
    let run = await latestRun();
    for (let i = 0; i < 240 && (run?.id === before?.id || run?.status === 'queued' || run?.status === 'running'); i++) {
      await page.waitForTimeout(500);
      run = await latestRun();
    }
    assert.notEqual(run?.id, before?.id, 'the click started a new run');
    assert.equal(run?.status, 'succeeded');
    assert.ok(run!.rowsDone > 0 && run!.rowsDone === run!.rowsTotal, `rows ${run!.rowsDone}/${run!.rowsTotal}`);
    // The page polls while a run is active: it ends showing this run done with every row.
    await targets.getByTestId('sync-progress').getByText(`${run!.rowsDone.toLocaleString()}/${run!.rowsTotal!.toLocaleString()}`).first().waitFor({ timeout: 30_000 });
    // Each run names its resource: with several targets the list is not anonymous.
    await page.getByTestId('sync-runs').getByText('地下水污染防治重点区').first().waitFor();
    await shot(page, 'delivery-01-sync-done');

    // 2. fgw's file grant: download the CSV; the trace mark names the grant.
    const list = await page.request.get(`${e2e.baseUrl}/api/v1/grants?view=mine&status=active`);
    const grant = ((await list.json()) as { items: Grant[] }).items.find((g) => g.method === 'file');
    assert.ok(grant, 'fgw holds a live file grant in the demo');
    await page.goto(`${e2e.baseUrl}/grants/${grant.id}`);
    const files = page.getByTestId('grant-files');
    const csvButton = files.locator('[data-testid^="grant-file-"][data-testid$=".csv"]').first();
    await csvButton.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
    const text = await readFile((await download.path())!, 'utf8');
    assert.match(text.split('\n')[0]!, new RegExp(`^\\uFEFF?# GDX-TRACE grant=${grant.id} `)); // BOM first, for Excel
    assert.ok(text.trim().split('\n').length > 2, 'a header and data rows follow the trace line');
    await shot(page, 'delivery-02-file-grant');
    await logout(page);

    // 3. The auditor verifies the chain and opens the posture page.
    await login(page, 'auditor');
    await page.goto(`${e2e.baseUrl}/audit`);
    await page.getByTestId('audit-chain-verify').click();
    const result = page.getByTestId('audit-chain-result');
    await result.waitFor({ timeout: 60_000 });
    assert.match(await result.innerText(), /审计链完整/);
    await shot(page, 'delivery-03-audit-chain', false);
    await page.goto(`${e2e.baseUrl}/security/posture`);
    await page.getByTestId('posture').waitFor();
    assert.equal(await page.getByTestId('posture-unavailable').count(), 0, 'every part of the posture page is available');
    await shot(page, 'delivery-04-posture');
  } finally {
    await page.close();
  }
});
