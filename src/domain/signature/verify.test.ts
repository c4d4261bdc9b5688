import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { canonicalRequest } from './canonical.ts';
import {
  MAX_CLOCK_SKEW_MS, resolveSignatureMethod, sign, sm3Available, verifySignedRequest,
  type SignatureMethod, type SignedRequest, type VerifyResult,
} from './verify.ts';

const APP = 'gdx_app_fgw_0001';
const SECRET = 'fgw-secret-4c1f9e2a7b';
const NOW = new Date('2024-06-10T08:00:00Z');
const TS = String(NOW.getTime());
const NONCE = 'q3X9vLm2Tz8Kp1Rw7Yb4';

interface Draft {
  method: string;
  rawPath: string;
  rawQuery: string;
  body?: string;
  timestamp?: string;
  nonce?: string;
  signatureMethod?: SignatureMethod;
  secret?: string;
}

/** Headers a correct client would send for the draft. */
function signedHeaders(d: Draft): Record<string, string> {
  const timestamp = d.timestamp ?? TS;
  const nonce = d.nonce ?? NONCE;
  const canonical = canonicalRequest({ method: d.method, path: d.rawPath, query: d.rawQuery, body: d.body, timestamp, nonce });
  return {
    'x-gdx-app': APP,
    'x-gdx-timestamp': timestamp,
    'x-gdx-nonce': nonce,
    'x-gdx-signature': sign(d.secret ?? SECRET, canonical, d.signatureMethod ?? 'HMAC-SHA256'),
    ...(d.signatureMethod ? { 'x-gdx-signature-method': d.signatureMethod } : {}),
  };
}

function harness() {
  const used = new Set<string>();
  const lookups: string[] = [];
  const nonceChecks: string[] = [];
  return {
    used, lookups, nonceChecks,
    verify(req: { headers: SignedRequest['headers'] } & Draft & { now?: Date; concealUnknownApp?: boolean }): Promise<VerifyResult> {
      return verifySignedRequest({
        headers: req.headers, method: req.method, rawPath: req.rawPath, rawQuery: req.rawQuery, body: req.body,
        now: req.now ?? NOW,
        concealUnknownApp: req.concealUnknownApp,
        lookupSecret: async (appKey) => {
          lookups.push(appKey);
          return appKey === APP ? SECRET : undefined;
        },
        seenNonce: (appKey, nonce) => {
          nonceChecks.push(nonce);
          const key = `${appKey}\n${nonce}`;
          if (used.has(key)) return true;
          used.add(key);
          return false;
        },
      });
    },
  };
}

const GET: Draft = { method: 'GET', rawPath: '/api/v1/data/JC-FGW-0001', rawQuery: 'limit=10&name=%E6%99%8B%E5%9F%8E+%E5%B8%82' };
const POST: Draft = { method: 'POST', rawPath: '/api/v1/verify/JC-GAJ-0002', rawQuery: '', body: '{"records":[{"姓名":"张三"}]}' };

test('a correctly signed GET and POST are accepted and name the app', async () => {
  const h = harness();
  assert.deepEqual(await h.verify({ ...GET, headers: signedHeaders(GET) }), { ok: true, appKey: APP, method: 'HMAC-SHA256' });
  const post = { ...POST, nonce: 'another-nonce-000000001' };
  assert.deepEqual(await h.verify({ ...post, headers: signedHeaders(post) }), { ok: true, appKey: APP, method: 'HMAC-SHA256' });
});

test('HMAC-SM3 when the server has SM3; the method header is case-insensitive', async (t) => {
  if (!sm3Available()) return t.skip('this OpenSSL has no sm3');
  const d: Draft = { ...GET, signatureMethod: 'HMAC-SM3' };
  const headers = { ...signedHeaders(d), 'x-gdx-signature-method': 'hmac-sm3' };
  assert.deepEqual(await harness().verify({ ...d, headers }), { ok: true, appKey: APP, method: 'HMAC-SM3' });
  // Signed with SM3 but declared as SHA-256 (or not declared): no match.
  const undeclared = signedHeaders(d);
  delete undeclared['x-gdx-signature-method'];
  assert.equal(((await harness().verify({ ...d, headers: undeclared })) as { code: string }).code, 'SIGNATURE_INVALID');
});

test('the vectors verify at their own timestamps', async () => {
  const file = JSON.parse(readFileSync(new URL('./vectors.json', import.meta.url), 'utf8')) as {
    secret: string; appKey: string;
    vectors: Array<{ method: string; path: string; rawQuery: string; body?: string; bodyBase64?: string; timestamp: string; nonce: string;
      expected: { signatures: Record<SignatureMethod, string> } }>;
  };
  for (const v of file.vectors) {
    for (const method of sm3Available() ? (['HMAC-SHA256', 'HMAC-SM3'] as const) : (['HMAC-SHA256'] as const)) {
      const r = await verifySignedRequest({
        headers: {
          'x-gdx-app': file.appKey, 'x-gdx-timestamp': v.timestamp, 'x-gdx-nonce': v.nonce,
          'x-gdx-signature': v.expected.signatures[method], 'x-gdx-signature-method': method,
        },
        method: v.method, rawPath: v.path, rawQuery: v.rawQuery,
        body: v.body ?? (v.bodyBase64 !== undefined ? Buffer.from(v.bodyBase64, 'base64') : undefined),
        now: new Date(Number(v.timestamp) + 1000),
        lookupSecret: (k) => (k === file.appKey ? file.secret : undefined),
        seenNonce: () => false,
      });
      assert.deepEqual(r, { ok: true, appKey: file.appKey, method }, `${v.method} ${v.path} ${method}`);
    }
  }
});

type Case = [title: string, code: string, make: () => { headers: Record<string, string | string[]> } & Draft & { now?: Date }];
const without = (name: string) => (): { headers: Record<string, string> } & Draft => {
  const headers = signedHeaders(GET);
  delete headers[name];
  return { ...GET, headers };
};
const withHeader = (name: string, value: string | string[], d: Draft = GET) => () => ({ ...d, headers: { ...signedHeaders(d), [name]: value } });

const cases: Case[] = [
  ['unsigned', 'SIGNATURE_MISSING', () => ({ ...GET, headers: {} })],
  ['no X-GDX-App', 'SIGNATURE_MISSING', without('x-gdx-app')],
  ['no X-GDX-Timestamp', 'SIGNATURE_MISSING', without('x-gdx-timestamp')],
  ['no X-GDX-Nonce', 'SIGNATURE_MISSING', without('x-gdx-nonce')],
  ['no X-GDX-Signature', 'SIGNATURE_MISSING', without('x-gdx-signature')],
  ['empty X-GDX-Signature', 'SIGNATURE_MISSING', withHeader('x-gdx-signature', '')],
  ['unknown method', 'SIGNATURE_METHOD_UNSUPPORTED', withHeader('x-gdx-signature-method', 'HMAC-MD5')],
  ['timestamp in ISO form', 'TIMESTAMP_INVALID', withHeader('x-gdx-timestamp', '2024-06-10T08:00:00Z')],
  ['negative timestamp', 'TIMESTAMP_INVALID', withHeader('x-gdx-timestamp', '-1')],
  ['timestamp 5 min + 1 ms old', 'TIMESTAMP_SKEW', () => {
    const d = { ...GET, timestamp: String(NOW.getTime() - MAX_CLOCK_SKEW_MS - 1) };
    return { ...d, headers: signedHeaders(d) };
  }],
  ['timestamp 5 min + 1 ms ahead', 'TIMESTAMP_SKEW', () => {
    const d = { ...GET, timestamp: String(NOW.getTime() + MAX_CLOCK_SKEW_MS + 1) };
    return { ...d, headers: signedHeaders(d) };
  }],
  ['nonce of 15 characters', 'NONCE_INVALID', () => ({ ...GET, nonce: 'abcdefghijklmno', headers: signedHeaders({ ...GET, nonce: 'abcdefghijklmno' }) })],
  ['nonce of 65 characters', 'NONCE_INVALID', () => ({ ...GET, headers: signedHeaders({ ...GET, nonce: 'a'.repeat(65) }) })],
  ['nonce with "/" and "+"', 'NONCE_INVALID', () => ({ ...GET, headers: signedHeaders({ ...GET, nonce: 'abcd/efgh+ijklmnop' }) })],
  ['signature not base64 of 32 bytes', 'SIGNATURE_INVALID', withHeader('x-gdx-signature', 'deadbeef')],
  ['signature in base64url', 'SIGNATURE_INVALID', () => {
    const headers = signedHeaders(GET);
    return { ...GET, headers: { ...headers, 'x-gdx-signature': (headers['x-gdx-signature'] ?? '').replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, '') } };
  }],
  ['wrong secret', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders({ ...GET, secret: 'guessed' }) })],
  ['tampered body', 'SIGNATURE_INVALID', () => ({ ...POST, headers: signedHeaders(POST), body: '{"records":[{"姓名":"李四"}]}' })],
  ['body dropped', 'SIGNATURE_INVALID', () => ({ ...POST, headers: signedHeaders(POST), body: undefined })],
  ['query value changed', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders(GET), rawQuery: 'limit=1000&name=%E6%99%8B%E5%9F%8E+%E5%B8%82' })],
  ['query parameter added', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders(GET), rawQuery: `${GET.rawQuery}&fields=name` })],
  ['%2B turned into + (a different value for the server)', 'SIGNATURE_INVALID', () => {
    const d = { ...GET, rawQuery: 'q=a%2Bb' };
    return { ...d, headers: signedHeaders(d), rawQuery: 'q=a+b' };
  }],
  ['path changed', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders(GET), rawPath: '/api/v1/data/JC-GAJ-0001' })],
  ['%2F turned into / in the path', 'SIGNATURE_INVALID', () => {
    const d = { ...GET, rawPath: '/api/v1/data/301020%2F000042' };
    return { ...d, headers: signedHeaders(d), rawPath: '/api/v1/data/301020/000042' };
  }],
  ['method changed', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders(GET), method: 'DELETE' })],
  ['timestamp changed within the window', 'SIGNATURE_INVALID', () => ({ ...GET, headers: { ...signedHeaders(GET), 'x-gdx-timestamp': String(NOW.getTime() + 1) } })],
  ['nonce changed', 'SIGNATURE_INVALID', () => ({ ...GET, headers: { ...signedHeaders(GET), 'x-gdx-nonce': 'a-different-nonce-0001' } })],
  ['malformed query on the wire', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders(GET), rawQuery: 'q=100%' })],
  ['raw non-ASCII path on the wire', 'SIGNATURE_INVALID', () => ({ ...GET, headers: signedHeaders(GET), rawPath: '/api/v1/data/人口' })],
  ['repeated X-GDX-Nonce header', 'NONCE_INVALID', withHeader('x-gdx-nonce', [NONCE, NONCE])],
  ['unknown AppKey', 'APP_UNKNOWN', withHeader('x-gdx-app', 'gdx_app_nobody')],
  ['overlong AppKey (not looked up)', 'APP_UNKNOWN', withHeader('x-gdx-app', 'x'.repeat(129))],
];

for (const [title, code, make] of cases) {
  test(`401 ${code}: ${title}`, async () => {
    const r = await harness().verify(make());
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.code, code);
    assert.ok(r.zh.length > 0 && /[\u4e00-\u9fff]/.test(r.zh), 'a Chinese message');
    assert.ok(r.en.length > 0 && !/[\u4e00-\u9fff]/.test(r.en), 'an English message');
  });
}

test('exactly 5 minutes off either way is still accepted', async () => {
  for (const ms of [NOW.getTime() - MAX_CLOCK_SKEW_MS, NOW.getTime() + MAX_CLOCK_SKEW_MS]) {
    const d = { ...GET, timestamp: String(ms) };
    assert.equal((await harness().verify({ ...d, headers: signedHeaders(d) })).ok, true);
  }
});

test('messages say precisely what is wrong', async () => {
  const h = harness();
  const missing = await h.verify({ ...GET, headers: { 'x-gdx-app': APP, 'x-gdx-timestamp': TS } });
  assert.deepEqual(missing, {
    ok: false, code: 'SIGNATURE_MISSING',
    zh: '缺少签名请求头：X-GDX-Nonce、X-GDX-Signature', en: 'missing signature headers: X-GDX-Nonce, X-GDX-Signature',
  });
  const stale = { ...GET, timestamp: String(NOW.getTime() - 6 * 60_000) };
  const skew = await h.verify({ ...stale, headers: signedHeaders(stale) });
  assert.ok(!skew.ok && skew.zh.startsWith('时间戳与服务器时间相差超过 5 分钟') && skew.en.startsWith('timestamp more than 5 minutes from server time'));
  assert.ok(!skew.ok && skew.en.includes(String(NOW.getTime())), 'tells the server time');
  const seconds = { ...GET, timestamp: String(Math.floor(NOW.getTime() / 1000)) };
  const secondsResult = await h.verify({ ...seconds, headers: signedHeaders(seconds) });
  assert.ok(!secondsResult.ok && secondsResult.code === 'TIMESTAMP_SKEW' && /seconds/.test(secondsResult.en) && /秒/.test(secondsResult.zh));
  const md5 = await h.verify(withHeader('x-gdx-signature-method', 'HMAC-MD5')());
  assert.ok(!md5.ok && md5.en === 'unsupported signature method "HMAC-MD5"; X-GDX-Signature-Method must be HMAC-SHA256 or HMAC-SM3');
  const odd = await h.verify(withHeader('x-gdx-signature-method', '<script>')());
  assert.ok(!odd.ok && !odd.en.includes('<script>'), 'odd input is not echoed');
});

test('no SM3 in OpenSSL: HMAC-SM3 is refused with a clear reason', () => {
  const r = resolveSignatureMethod('HMAC-SM3', false);
  assert.ok(typeof r !== 'string' && r.code === 'SIGNATURE_METHOD_UNSUPPORTED');
  assert.ok(typeof r !== 'string' && /SM3/.test(r.zh) && /OpenSSL does not provide SM3/.test(r.en));
  assert.equal(resolveSignatureMethod(undefined, false), 'HMAC-SHA256');
  assert.equal(resolveSignatureMethod('hmac-sha256', false), 'HMAC-SHA256');
  assert.equal(resolveSignatureMethod('HMAC-SM3', true), 'HMAC-SM3');
});

test('a replayed request is rejected as NONCE_REUSED', async () => {
  const h = harness();
  const headers = signedHeaders(GET);
  assert.equal((await h.verify({ ...GET, headers })).ok, true);
  const again = await h.verify({ ...GET, headers });
  assert.ok(!again.ok && again.code === 'NONCE_REUSED');
  assert.ok(!again.ok && again.zh.includes('重放') && again.en.includes('replayed'));
});

test('order: nothing reaches the app or nonce store before the secret-free checks pass', async () => {
  const h = harness();
  for (const make of [
    () => ({ ...GET, headers: { 'x-gdx-app': 'gdx_app_nobody' } }),
    withHeader('x-gdx-timestamp', '0'),
    withHeader('x-gdx-nonce', 'short'),
    withHeader('x-gdx-signature', 'not-base64'),
    withHeader('x-gdx-signature-method', 'RSA'),
  ]) {
    const req = make();
    const r = await h.verify({ ...req, headers: { ...req.headers, 'x-gdx-app': 'gdx_app_nobody' } });
    assert.ok(!r.ok && r.code !== 'APP_UNKNOWN', 'an AppKey is not confirmed or denied to a malformed or stale request');
  }
  assert.deepEqual(h.lookups, []);
  assert.deepEqual(h.nonceChecks, []);
});

test('order: a wrong signature or an unknown app does not record the nonce', async () => {
  const h = harness();
  await h.verify({ ...GET, headers: signedHeaders({ ...GET, secret: 'wrong' }) });
  await h.verify(withHeader('x-gdx-app', 'gdx_app_nobody')());
  assert.deepEqual(h.nonceChecks, []);
  // The genuine request with that nonce still goes through afterwards.
  assert.equal((await h.verify({ ...GET, headers: signedHeaders(GET) })).ok, true);
});

test('concealUnknownApp: an unknown AppKey looks exactly like a wrong signature', async () => {
  const h = harness();
  const unknown = await h.verify({ ...withHeader('x-gdx-app', 'gdx_app_nobody')(), concealUnknownApp: true });
  const wrong = await h.verify({ ...GET, headers: signedHeaders({ ...GET, secret: 'wrong' }), concealUnknownApp: true });
  assert.deepEqual(unknown, wrong);
  assert.ok(!unknown.ok && unknown.code === 'SIGNATURE_INVALID');
});

test('an app whose stored secret is empty counts as unknown (an empty HMAC key is forgeable)', async () => {
  const headers = signedHeaders({ ...GET, secret: '' });
  const r = await verifySignedRequest({
    headers, method: GET.method, rawPath: GET.rawPath, rawQuery: GET.rawQuery, now: NOW,
    lookupSecret: () => '', seenNonce: () => false,
  });
  assert.ok(!r.ok && r.code === 'APP_UNKNOWN');
});

test('store errors are not swallowed', async () => {
  await assert.rejects(verifySignedRequest({
    headers: signedHeaders(GET), method: GET.method, rawPath: GET.rawPath, rawQuery: GET.rawQuery, now: NOW,
    lookupSecret: () => { throw new Error('database down'); },
    seenNonce: () => false,
  }), /database down/);
});
