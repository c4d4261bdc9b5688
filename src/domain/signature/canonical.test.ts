import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CanonicalError, EMPTY_BODY_SHA256, bodySha256Hex, canonicalQuery, canonicalRequest, encodeRfc3986, parseRawQuery,
  sign, sm3Available, splitRawUrl, type SignatureMethod,
} from './canonical.ts';

interface Vector {
  name: string;
  method: string;
  path: string;
  rawQuery: string;
  query: Array<[string, string]>;
  body?: string;
  bodyBase64?: string;
  timestamp: string;
  nonce: string;
  expected: {
    canonicalQuery: string;
    bodySha256: string;
    canonical: string;
    signatures: Record<SignatureMethod, string>;
  };
}
const file = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as {
  secret: string;
  vectors: Vector[];
};
const bodyOf = (v: Vector): Uint8Array | string | undefined =>
  v.body ?? (v.bodyBase64 !== undefined ? Buffer.from(v.bodyBase64, 'base64') : undefined);

for (const v of file.vectors) {
  test(`vector ${v.name}: canonical string from the raw query and from the decoded pairs`, () => {
    const base = { method: v.method, path: v.path, body: bodyOf(v), timestamp: v.timestamp, nonce: v.nonce };
    assert.equal(bodySha256Hex(bodyOf(v)), v.expected.bodySha256);
    assert.equal(canonicalQuery(v.rawQuery), v.expected.canonicalQuery);
    assert.equal(canonicalRequest({ ...base, query: v.rawQuery }), v.expected.canonical);
    assert.equal(canonicalRequest({ ...base, query: v.query }), v.expected.canonical);
    assert.equal(canonicalRequest({ ...base, query: new URLSearchParams(v.query) }), v.expected.canonical);
    assert.deepEqual(parseRawQuery(v.rawQuery), v.query);
  });

  test(`vector ${v.name}: signatures (computed by the openssl CLI)`, (t) => {
    assert.equal(sign(file.secret, v.expected.canonical, 'HMAC-SHA256'), v.expected.signatures['HMAC-SHA256']);
    assert.equal(sign(file.secret, v.expected.canonical), v.expected.signatures['HMAC-SHA256']);
    if (!sm3Available()) return t.skip('this OpenSSL has no sm3');
    assert.equal(sign(file.secret, v.expected.canonical, 'HMAC-SM3'), v.expected.signatures['HMAC-SM3']);
  });
}

test('RFC 3986 encoding: unreserved kept, everything else %XX upper-case, space %20 never +', () => {
  const cases: Array<[string, string]> = [
    ['AZaz09-._~', 'AZaz09-._~'],
    [' ', '%20'],
    ['+', '%2B'],
    ["!*'()", '%21%2A%27%28%29'],
    ['&=?#/:@,;$[]', '%26%3D%3F%23%2F%3A%40%2C%3B%24%5B%5D'],
    ['%', '%25'],
    ['晋城', '%E6%99%8B%E5%9F%8E'],
    ['😀', '%F0%9F%98%80'],
    ['', ''],
  ];
  for (const [raw, encoded] of cases) assert.equal(encodeRfc3986(raw), encoded, raw);
  assert.throws(() => encodeRfc3986('\uD800'), CanonicalError);
});

test('query: the record form expands arrays into repeated keys; all forms agree', () => {
  const expected = 'a=1&a=2&q=%E4%BA%BA%E5%8F%A3%20%E5%BA%93';
  assert.equal(canonicalQuery({ q: '人口 库', a: ['2', '1'] }), expected);
  assert.equal(canonicalQuery([['q', '人口 库'], ['a', '2'], ['a', '1']]), expected);
  assert.equal(canonicalQuery('q=%E4%BA%BA%E5%8F%A3+%E5%BA%93&a=2&a=1'), expected);
  assert.equal(canonicalQuery('?q=%E4%BA%BA%E5%8F%A3%20%E5%BA%93&a=2&a=1'), expected);
  assert.equal(canonicalQuery(undefined), '');
  assert.equal(canonicalQuery(''), '');
  assert.equal(canonicalQuery('&&'), '', 'empty pieces are skipped');
});

test('query: values equal after decoding sort by their encoded form, byte order', () => {
  // '%' (0x25) < digits < upper < '_' < lower < '~': byte order, not locale order.
  assert.equal(canonicalQuery([['k', 'b'], ['k', 'B'], ['k', '~'], ['k', '_'], ['k', '1'], ['k', ' ']]), 'k=%20&k=1&k=B&k=_&k=b&k=~');
  assert.equal(canonicalQuery([['b', '1'], ['B', '1'], ['a b', '1']]), 'B=1&a%20b=1&b=1');
});

test('query: malformed percent-escapes and invalid UTF-8 are refused, not guessed at', () => {
  for (const raw of ['q=100%', 'q=%ZZ', 'q=%FF', 'q=%C0%80', 'q=%ED%A0%80', '%E4%BA=1']) {
    assert.throws(() => canonicalQuery(raw), (e: unknown) => e instanceof CanonicalError && /UTF-8/.test(e.en), raw);
  }
});

test('path: used verbatim, and must be in wire form', () => {
  const base = { method: 'GET', query: '', timestamp: '1', nonce: 'n' };
  for (const path of ['/', '/a/../b', '/A%2fb', '/a//b', "/x;y=1/!$&'()*+,:@[]|^~"]) {
    assert.equal(canonicalRequest({ ...base, path }).split('\n')[1], path);
  }
  for (const path of ['', 'api/v1', '/a b', '/人口', '/a?b=1', '/a#f', '/a\nb', '/a\tb']) {
    assert.throws(() => canonicalRequest({ ...base, path }), CanonicalError, JSON.stringify(path));
  }
});

test('method upper-cased; a method, timestamp or nonce that could break the lines is refused', () => {
  const base = { path: '/x', timestamp: '1', nonce: 'n' };
  assert.equal(canonicalRequest({ ...base, method: 'patch' }).split('\n')[0], 'PATCH');
  assert.throws(() => canonicalRequest({ ...base, method: 'GET\n/y' }), CanonicalError);
  assert.throws(() => canonicalRequest({ ...base, method: '' }), CanonicalError);
  assert.throws(() => canonicalRequest({ ...base, method: 'GET', timestamp: '1\n2' }), CanonicalError);
  assert.throws(() => canonicalRequest({ ...base, method: 'GET', nonce: 'n\r' }), CanonicalError);
});

test('body hash: exact bytes; string as UTF-8; none and empty are the empty-string hash', () => {
  assert.equal(bodySha256Hex(undefined), EMPTY_BODY_SHA256);
  assert.equal(bodySha256Hex(''), EMPTY_BODY_SHA256);
  assert.equal(bodySha256Hex(new Uint8Array()), EMPTY_BODY_SHA256);
  assert.equal(bodySha256Hex('人'), bodySha256Hex(Buffer.from([0xe4, 0xba, 0xba])));
  assert.notEqual(bodySha256Hex('{"a":1}'), bodySha256Hex('{"a":1}\n'));
  assert.equal(bodySha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('splitRawUrl: path and raw query of a request target, fragment dropped', () => {
  assert.deepEqual(splitRawUrl('/api/v1/data/X?a=1&b=%E4%BA%BA'), { rawPath: '/api/v1/data/X', rawQuery: 'a=1&b=%E4%BA%BA' });
  assert.deepEqual(splitRawUrl('/p'), { rawPath: '/p', rawQuery: '' });
  assert.deepEqual(splitRawUrl('/p?'), { rawPath: '/p', rawQuery: '' });
  assert.deepEqual(splitRawUrl('/p?a=1?b#frag'), { rawPath: '/p', rawQuery: 'a=1?b' });
  assert.deepEqual(splitRawUrl('http://gdx.example:8080/p?a=1'), { rawPath: '/p', rawQuery: 'a=1' });
  assert.deepEqual(splitRawUrl('http://gdx.example'), { rawPath: '/', rawQuery: '' });
});

test('sign: base64 of a 32-byte HMAC under both methods', (t) => {
  const sig = sign('s', 'c');
  assert.match(sig, /^[A-Za-z0-9+/]{43}=$/);
  if (!sm3Available()) return t.skip('this OpenSSL has no sm3');
  const sm3 = sign('s', 'c', 'HMAC-SM3');
  assert.match(sm3, /^[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(sm3, sig);
});
