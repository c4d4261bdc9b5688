import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MaskingError } from './errors.ts';
import { checkHashConfig, deriveGrantSalt, hashInput, hmacHex, sm3Supported } from './masking-hash.ts';

const PLATFORM_KEY = 'test-platform-masking-key-0123456789';
const saltA = deriveGrantSalt(PLATFORM_KEY, 'grant-a');
const saltB = deriveGrantSalt(PLATFORM_KEY, 'grant-b');
const ID = '140525199001011234';

/** RFC 2104 HMAC built by hand from a plain hash: an independent check of what Node computes. */
function manualHmac(alg: string, key: Buffer, msg: string): string {
  const block = Buffer.alloc(64);
  (key.length > 64 ? createHash(alg).update(key).digest() : key).copy(block);
  const pad = (b: number) => Buffer.from(block.map((x) => x ^ b));
  const inner = createHash(alg).update(pad(0x36)).update(msg).digest();
  return createHash(alg).update(pad(0x5c)).update(inner).digest('hex');
}

test('Sec §25 哈希: HMAC-SHA256 matches the published test vector', () => {
  assert.equal(
    hmacHex('The quick brown fox jumps over the lazy dog', 'key', 'sha256'),
    'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
  );
});

test('Sec §25 哈希: SM3 is available here and is the GB/T 32905 algorithm', () => {
  assert.ok(sm3Supported(), 'this Node/OpenSSL build should offer sm3');
  // GB/T 32905-2016 附录 A 示例 1: SM3("abc").
  assert.equal(createHash('sm3').update('abc').digest('hex'), '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  assert.equal(hmacHex(ID, saltA, 'sm3'), manualHmac('sm3', saltA, ID));
  assert.equal(hmacHex(ID, saltA, 'sha256'), manualHmac('sha256', saltA, ID));
});

test('Sec §25 哈希: same value, same grant → same hash (joinable within a grant)', () => {
  for (const alg of ['sha256', 'sm3'] as const) {
    const h = hmacHex(ID, saltA, alg);
    assert.match(h, /^[0-9a-f]{64}$/);
    assert.equal(hmacHex(ID, deriveGrantSalt(PLATFORM_KEY, 'grant-a'), alg), h);
    assert.notEqual(hmacHex('140525199001011242', saltA, alg), h);
  }
});

test('Sec §25 不得超出授权范围: same value, different grants → different hashes (not joinable across grants)', () => {
  for (const alg of ['sha256', 'sm3'] as const) {
    assert.notEqual(hmacHex(ID, saltA, alg), hmacHex(ID, saltB, alg));
  }
});

test('Sec §25 哈希: SM3 and SHA-256 give different digests of the same input', () => {
  assert.notEqual(hmacHex(ID, saltA, 'sm3'), hmacHex(ID, saltA, 'sha256'));
});

test('Sec §25 哈希: the salt depends on the platform key, not only on the grant id the consumer knows', () => {
  assert.notDeepEqual(deriveGrantSalt('another-platform-key-0123456789', 'grant-a'), saltA);
  assert.equal(saltA.length, 32);
});

const configErrors: Array<[string, () => unknown]> = [
  ['no salt', () => checkHashConfig(undefined)],
  ['empty string salt', () => hmacHex(ID, '')],
  ['empty buffer salt', () => hmacHex(ID, Buffer.alloc(0))],
  ['unknown algorithm', () => hmacHex(ID, saltA, 'md5')],
  ['empty platform key', () => deriveGrantSalt('', 'grant-a')],
];
for (const [what, run] of configErrors) {
  test(`Sec §27 哈希 fails clearly on ${what}`, () => {
    assert.throws(run, (e: unknown) => e instanceof MaskingError && ['missing_salt', 'unsupported_algorithm'].includes(e.code));
  });
}

const inputs: Array<[unknown, string | undefined]> = [
  ['abc', 'abc'],
  [' abc ', ' abc '],
  [42, '42'],
  [4.5, '4.5'],
  [12345678901234567890n, '12345678901234567890'],
  [true, 'true'],
  [new Date('2024-03-01T00:00:00Z'), '2024-03-01T00:00:00.000Z'],
  [{ a: 1 }, '{"a":1}'],
  [new Date('invalid'), undefined],
  [{ big: 1n }, undefined],
];
for (const [value, expected] of inputs) {
  test(`Sec §25 哈希 input of ${typeof value} ${String(value)} is ${JSON.stringify(expected)}`, () => {
    assert.equal(hashInput(value), expected);
  });
}

test('Sec §25 哈希 of binary values hashes their bytes', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  assert.equal(hashInput(bytes), bytes);
});
