/** The password policy, security rules §14 (建立和完善密码保障体系): one row per rule. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMON_PASSWORDS, PASSWORD_MIN_LENGTH, passwordProblems } from './password-policy.ts';

const cases: { password: string; username?: string; codes: string[]; why: string }[] = [
  { password: 'Test-passw0rd', codes: [], why: 'the tests\' password: 13 characters, four classes' },
  { password: 'Demo-passw0rd', username: 'fgw', codes: [], why: 'the e2e demo password (GDX_DEMO_PASSWORD) stays valid' },
  { password: 'Strong-passw0rd', codes: [], why: 'four classes' },
  { password: 'abcdefgh1234', codes: ['classes'], why: 'two classes only' },
  { password: 'abcdefgh12-4', codes: [], why: 'three classes: lower, digits, symbol' },
  { password: 'ABCDEFGH12-4', codes: [], why: 'three classes: upper, digits, symbol' },
  { password: 'Abcdefghijkl', codes: ['classes'], why: 'upper and lower only' },
  { password: 'Ab1-', codes: ['too_short'], why: `shorter than ${PASSWORD_MIN_LENGTH}` },
  { password: 'Ab1-Ab1-Ab1', codes: ['too_short'], why: '11 characters' },
  { password: 'Ab1-Ab1-Ab1-', codes: [], why: 'exactly 12 characters' },
  { password: 'short', codes: ['too_short', 'classes'], why: 'every reason is given at once' },
  { password: 'Fgw-2024-secret', username: 'fgw', codes: ['contains_username'], why: 'contains the username, any case' },
  { password: 'my.zzx.zrzyj-Pass1', username: 'zzx.zrzyj', codes: ['contains_username'], why: 'dotted usernames too' },
  { password: 'Password@123', codes: ['common'], why: 'on the common list' },
  { password: 'JINCHENG@2024', codes: ['common'], why: 'common, compared case-insensitively' },
  { password: '政务数据共享平台Ab1-', codes: [], why: 'Chinese characters count as symbols' },
  { password: 'A1-'.repeat(43), codes: ['too_long'], why: 'more than 128 characters' },
];

describe('password policy (security rules §14)', () => {
  for (const c of cases) {
    it(`${JSON.stringify(c.password.slice(0, 20))}: ${c.why}`, () => {
      assert.deepEqual(passwordProblems(c.password, { username: c.username }).map((p) => p.code), c.codes);
    });
  }

  it('gives every reason in Chinese and English', () => {
    for (const p of passwordProblems('ab', { username: 'ab' })) {
      assert.match(p.zh, /[\u4e00-\u9fff]/);
      assert.match(p.en, /^[\x20-\x7e]+$/);
    }
  });

  it('keeps every common password otherwise valid, so only the list refuses it', () => {
    for (const p of COMMON_PASSWORDS) {
      assert.deepEqual(passwordProblems(p).map((x) => x.code), ['common'], p);
    }
  });
});
