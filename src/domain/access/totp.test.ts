/** TOTP against the RFC test vectors, and the acceptance window and replay rule (security rules §14). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, checkTotp, hotp, otpauthUri, totp, totpStep } from './totp.ts';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226 Appendix D)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => {
    it(`counter ${counter} → ${code}`, () => assert.equal(hotp(RFC_SECRET, counter), code));
  });
});

describe('TOTP SHA-1 (RFC 6238 Appendix B)', () => {
  const vectors: [seconds: number, step: string, code8: string][] = [
    [59, '0000000000000001', '94287082'],
    [1111111109, '00000000023523EC', '07081804'],
    [1111111111, '00000000023523ED', '14050471'],
    [1234567890, '000000000273EF07', '89005924'],
    [2000000000, '0000000003F940AA', '69279037'],
    [20000000000, '0000000027BC86AA', '65353130'],
  ];
  for (const [seconds, step, code8] of vectors) {
    it(`T=${seconds}: step ${step}, 8 digits ${code8}, 6 digits ${code8.slice(2)}`, () => {
      const at = new Date(seconds * 1000);
      assert.equal(totpStep(at), Number.parseInt(step, 16));
      assert.equal(totp(RFC_SECRET, at, 8), code8);
      assert.equal(totp(RFC_SECRET, at), code8.slice(2), 'the 6-digit code is the same number mod 10^6');
    });
  }
});

describe('checking a code', () => {
  const now = new Date(1111111111 * 1000);
  const step = totpStep(now);
  const at = (d: number) => new Date(now.getTime() + d * 30_000);

  const cases: { code: string; lastStep?: number; want: ReturnType<typeof checkTotp>; why: string }[] = [
    { code: totp(RFC_SECRET, now), want: { ok: true, step }, why: 'the current step' },
    { code: totp(RFC_SECRET, at(-1)), want: { ok: true, step: step - 1 }, why: 'one step behind (clock drift)' },
    { code: totp(RFC_SECRET, at(1)), want: { ok: true, step: step + 1 }, why: 'one step ahead' },
    { code: totp(RFC_SECRET, at(-2)), want: { ok: false, reason: 'wrong' }, why: 'two steps behind: outside the window' },
    { code: totp(RFC_SECRET, at(2)), want: { ok: false, reason: 'wrong' }, why: 'two steps ahead' },
    { code: totp(RFC_SECRET, now), lastStep: step, want: { ok: false, reason: 'replayed' }, why: 'the step already used' },
    { code: totp(RFC_SECRET, at(-1)), lastStep: step, want: { ok: false, reason: 'replayed' }, why: 'an older step after a newer was used' },
    { code: totp(RFC_SECRET, at(1)), lastStep: step, want: { ok: true, step: step + 1 }, why: 'a later step after one was used' },
    { code: '12345', want: { ok: false, reason: 'malformed' }, why: 'five digits' },
    { code: '12345a', want: { ok: false, reason: 'malformed' }, why: 'not digits' },
  ];
  for (const c of cases) {
    it(c.why, () => assert.deepEqual(checkTotp(RFC_SECRET, c.code, now, c.lastStep), c.want));
  }
});

describe('base32 and the otpauth URI', () => {
  it('encodes RFC 4648 test vectors without padding, and decodes them back', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(Buffer.from(plain)), encoded);
      assert.equal(base32Decode(encoded).toString(), plain);
    }
    assert.equal(base32Encode(RFC_SECRET), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.equal(base32Decode('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq').toString(), '12345678901234567890');
  });

  it('names issuer, account, algorithm, digits and period', () => {
    const uri = otpauthUri('GDX 政务数据共享交换平台', 'fgw', RFC_SECRET);
    assert.match(uri, /^otpauth:\/\/totp\/GDX%20%E6%94%BF/);
    const url = new URL(uri);
    assert.equal(url.searchParams.get('secret'), 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.equal(url.searchParams.get('algorithm'), 'SHA1');
    assert.equal(url.searchParams.get('digits'), '6');
    assert.equal(url.searchParams.get('period'), '30');
    assert.ok(decodeURIComponent(url.pathname).endsWith(':fgw'));
  });
});
