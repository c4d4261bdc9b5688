/**
 * Browser test of the TOTP second factor (security rules §13–§14 密码保障) on the demo world:
 * 市大数据应用局 (sjj, the city authority) requires it of security officers on the account page; the
 * bureau's security officer (`security`) is held on the account page at the next login until it
 * enrols — a wrong confirmation code is refused there — then signs in again, is asked for the code
 * after the password, is refused a wrong one with a visible error and gets in with the right one.
 * Codes are computed from the secret the page shows with the platform's own RFC 6238 code.
 * Screenshots go to test-output/e2e/ (totp-*.png).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { base32Decode, totp, TOTP_STEP_SECONDS } from '../src/domain/access/totp.ts';
import { check, login as loginAt, logout, openPage, PASSWORD, shot, useE2E } from './harness.ts';

const e2e = useE2E();
const login = (page: Page, username: string) => loginAt(page, e2e.baseUrl, username);

/** The code of `steps` time steps from now: 0 to confirm, +1 for the next login (a step is accepted once), far off for a wrong one. */
const codeAt = (secret: Buffer, steps: number) => totp(secret, new Date(Date.now() + steps * TOTP_STEP_SECONDS * 1000));

/** The antd message toast (success or error) currently shown with `text`. */
const toast = (page: Page, kind: 'success' | 'error', text: string) =>
  page.locator(`.ant-message-notice .ant-message-${kind}`).filter({ hasText: text }).first();

test('a required second factor: enrolment on the account page, then password and code at login', { timeout: 120_000 }, async () => {
  const { context, page, pageErrors } = await openPage(e2e);
  try {
    // 1. The city authority requires a second factor of security officers.
    await login(page, 'sjj');
    await page.getByTestId('header-account').click();
    const policy = page.getByTestId('totp-policy');
    await check(policy.getByLabel('安全管理员'));
    await page.getByTestId('totp-policy-save').click();
    await toast(page, 'success', '动态口令要求已保存').waitFor();
    assert.ok(await page.getByTestId('totp-policy-save').isDisabled(), 'saved: nothing left to save');
    await shot(page, 'totp-01-sjj-policy');
    await logout(page);

    // 2. The security officer is held on the account page until it enrols (§14).
    await login(page, 'security');
    await page.waitForURL((u) => u.pathname === '/account');
    await page.getByTestId('totp-must-enrol').waitFor();
    assert.match(await page.getByTestId('totp-status').innerText(), /未绑定/);
    await page.goto(`${e2e.baseUrl}/security/inspections`);
    await page.waitForURL((u) => u.pathname === '/account');
    await page.getByTestId('totp-start').click();
    const shown = (await page.getByTestId('totp-secret').innerText()).trim();
    assert.match(shown, /^[A-Z2-7]{32}$/, 'a base32 secret of 20 bytes');
    const secret = base32Decode(shown);
    await shot(page, 'totp-02-security-enrol');
    // A wrong code does not confirm the factor, and says so.
    await page.getByTestId('totp-confirm-code').fill(codeAt(secret, 10));
    await page.getByTestId('totp-confirm').click();
    await toast(page, 'error', '动态口令不正确').waitFor();
    assert.match(await page.getByTestId('totp-status').innerText(), /未绑定/);
    await page.getByTestId('totp-confirm-code').fill(codeAt(secret, 0));
    await page.getByTestId('totp-confirm').click();
    await toast(page, 'success', '动态口令已绑定').waitFor();
    await page.getByTestId('totp-status').getByText(/已绑定/).waitFor();
    await page.getByTestId('totp-must-enrol').waitFor({ state: 'detached' });
    // Required for the role: no way offered to remove it.
    assert.equal(await page.getByText('输入一个新的动态口令以解除绑定').count(), 0);
    await shot(page, 'totp-03-security-enrolled');
    // The rest of the platform is open now.
    await page.goto(`${e2e.baseUrl}/security/inspections`);
    await page.getByTestId('inspections-table').waitFor();
    await logout(page);

    // 3. The next login asks for the code after the password; a wrong one is refused visibly.
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByTestId('login-username').fill('security');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-totp-code').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login', 'no session from the password alone');
    await page.getByTestId('login-totp-code').fill(codeAt(secret, -10));
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('login-error').getByText('动态口令不正确').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await shot(page, 'totp-04-login-wrong-code', false);
    // The confirmation spent the current step: the next step's code (inside the drift window) gets in.
    await page.getByTestId('login-totp-code').fill(codeAt(secret, 1));
    await page.getByTestId('login-totp-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 15_000 });
    assert.equal(await page.getByTestId('header-account').innerText(), '安全管理员');
    const me = await page.request.get(`${e2e.baseUrl}/api/v1/auth/totp`);
    assert.deepEqual(await me.json().then((s: { enrolled: boolean; required: boolean }) => [s.enrolled, s.required]), [true, true]);
    await shot(page, 'totp-05-signed-in');
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  } finally {
    await context.close();
  }
});
