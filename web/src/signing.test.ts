/**
 * The browser signer (web/src/signing.ts, WebCrypto) against the shared vectors the server's
 * signer is held to (src/domain/signature/vectors.json; docs/signing.md).
 *   node --import tsx --test web/src/signing.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bodySha256Hex, canonicalQuery, canonicalRequest, curlCommand, dataPath, signGet, signHmacSha256 } from './signing.ts';

interface Vector {
  name: string; method: string; path: string; rawQuery: string; query: [string, string][];
  body?: string; bodyBase64?: string; timestamp: string; nonce: string;
  expected: { canonicalQuery: string; bodySha256: string; canonical: string; signatures: Record<string, string> };
}
const file = JSON.parse(readFileSync(new URL('../../src/domain/signature/vectors.json', import.meta.url), 'utf8')) as { secret: string; vectors: Vector[] };

for (const v of file.vectors) {
  test(`vector ${v.name}`, async () => {
    const body = v.bodyBase64 !== undefined ? new Uint8Array(Buffer.from(v.bodyBase64, 'base64')) : v.body;
    assert.equal(canonicalQuery(v.rawQuery), v.expected.canonicalQuery, 'query line from the raw query');
    assert.equal(canonicalQuery(v.query), v.expected.canonicalQuery, 'query line from the decoded pairs');
    assert.equal(await bodySha256Hex(body), v.expected.bodySha256);
    const canonical = await canonicalRequest({ method: v.method, path: v.path, query: v.rawQuery, body, timestamp: v.timestamp, nonce: v.nonce });
    assert.equal(canonical, v.expected.canonical);
    assert.equal(await signHmacSha256(file.secret, canonical), v.expected.signatures['HMAC-SHA256']);
  });
}

test('signGet sends the canonical query and signs what it sends', async () => {
  const signed = await signGet({
    appKey: 'gdx_x', secret: file.secret, path: dataPath('301020/000042'), now: 1718000000000, nonce: 'AbCdEfGhIjKlMnOpQrStUv',
    query: [['limit', '10'], ['fields', 'a,b'], ['area', '城区']],
  });
  assert.equal(signed.url, '/api/v1/data/301020%2F000042?area=%E5%9F%8E%E5%8C%BA&fields=a%2Cb&limit=10');
  assert.equal(signed.canonical.split('\n')[2], signed.url.split('?')[1]);
  assert.equal(signed.headers['X-GDX-Signature'], await signHmacSha256(file.secret, signed.canonical));
  assert.match(curlCommand('http://h', signed), /^curl -sS \\\n {2}-H 'X-GDX-App: gdx_x'/);
});
