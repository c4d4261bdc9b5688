import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sm3Available } from '../domain/signature/canonical.ts';
import { GdxClient, newNonce, withQuery } from './gdx-client.ts';
import { startVerifyingServer, type Echo, type ErrorReply, type VerifyingServer } from './test-server.ts';

const APP = 'gdx_app_jtj_0001';
const SECRET = 'jtj-secret-5f0c3b81d2e94a67';
let server: VerifyingServer;
let gdx: GdxClient;

before(async () => {
  server = await startVerifyingServer({ [APP]: SECRET });
  gdx = new GdxClient({ baseUrl: `${server.origin}/api/v1`, appKey: APP, secret: SECRET });
});
after(() => server.close());

async function ok(res: Response): Promise<Echo> {
  const body = (await res.json()) as Echo | ErrorReply;
  assert.equal(res.status, 200, JSON.stringify(body));
  return body as Echo;
}
async function rejected(res: Response, code: string): Promise<ErrorReply['error']> {
  const body = (await res.json()) as ErrorReply;
  assert.equal(res.status, 401, JSON.stringify(body));
  assert.equal(body.error.code, code);
  return body.error;
}

test('round trip: GET and POST are accepted under the base path', async () => {
  const got = await ok(await gdx.get('/data/JC-JTJ-0004', { fields: 'name,code', limit: 20 }));
  assert.equal(got.appKey, APP);
  assert.equal(got.path, '/api/v1/data/JC-JTJ-0004');
  assert.deepEqual(got.query, [['fields', 'name,code'], ['limit', '20']]);
  const posted = await ok(await gdx.post('/verify/JC-GAJ-0002', { records: [{ 姓名: '张三', 公民身份号码: '140502199001011234' }] }));
  assert.equal(posted.method, 'POST');
  assert.deepEqual(JSON.parse(posted.body), { records: [{ 姓名: '张三', 公民身份号码: '140502199001011234' }] });
});

test('query with Chinese, spaces, reserved characters and repeated keys is accepted and read as sent', async () => {
  const viaObject = await ok(await gdx.get('/data/JC-WLJ-0007', {
    name: '晋城 市', district: ['泽州县', '城区'], q: "a+b & c=d!*'()", empty: '', n: 3, on: true,
  }));
  assert.deepEqual(viaObject.query, [
    ['name', '晋城 市'], ['district', '泽州县'], ['district', '城区'], ['q', "a+b & c=d!*'()"], ['empty', ''], ['n', '3'], ['on', 'true'],
  ]);
  // Written straight into the path: the URL parser encodes it as fetch sends it, and that is what is signed.
  const viaPath = await ok(await gdx.request('GET', '/data/人口 库?name=张 三&tag=b&tag=a&tag=b&x=%e4%b8%80'));
  assert.equal(viaPath.path, '/api/v1/data/%E4%BA%BA%E5%8F%A3%20%E5%BA%93');
  assert.deepEqual(viaPath.query, [['name', '张 三'], ['tag', 'b'], ['tag', 'a'], ['tag', 'b'], ['x', '一']]);
  // Dot segments are resolved before signing, as fetch resolves them before sending.
  assert.equal((await ok(await gdx.request('GET', '/data/x/../JC-1'))).path, '/api/v1/data/JC-1');
});

test('tampered body → SIGNATURE_INVALID', async () => {
  const signed = gdx.sign('POST', '/verify/JC-GAJ-0002', '{"records":[{"姓名":"张三"}]}', { 'Content-Type': 'application/json' });
  const res = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: '{"records":[{"姓名":"李四"}]}' });
  await rejected(res, 'SIGNATURE_INVALID');
});

test('replayed nonce → NONCE_REUSED', async () => {
  const signed = gdx.sign('GET', '/data/JC-JTJ-0004?limit=1');
  await ok(await fetch(signed.url, { method: signed.method, headers: signed.headers }));
  const replay = await rejected(await fetch(signed.url, { method: signed.method, headers: signed.headers }), 'NONCE_REUSED');
  assert.match(replay.zh, /重放/);
});

test('stale timestamp → TIMESTAMP_SKEW', async () => {
  const late = new GdxClient({ baseUrl: `${server.origin}/api/v1`, appKey: APP, secret: SECRET, clock: () => Date.now() - 6 * 60_000 });
  const e = await rejected(await late.get('/data/JC-JTJ-0004'), 'TIMESTAMP_SKEW');
  assert.match(e.en, /^timestamp more than 5 minutes from server time/);
});

test('wrong secret → SIGNATURE_INVALID; unknown AppKey → APP_UNKNOWN', async () => {
  await rejected(await new GdxClient({ baseUrl: server.origin, appKey: APP, secret: 'wrong' }).get('/api/v1/health'), 'SIGNATURE_INVALID');
  await rejected(await new GdxClient({ baseUrl: server.origin, appKey: 'gdx_app_nobody', secret: SECRET }).get('/api/v1/health'), 'APP_UNKNOWN');
});

test('unsigned → SIGNATURE_MISSING', async () => {
  await rejected(await fetch(`${server.origin}/api/v1/data/JC-JTJ-0004`), 'SIGNATURE_MISSING');
});

test('HMAC-SM3 round trip', async (t) => {
  if (!sm3Available()) return t.skip('this OpenSSL has no sm3');
  const sm3 = new GdxClient({ baseUrl: `${server.origin}/api/v1`, appKey: APP, secret: SECRET, method: 'HMAC-SM3' });
  const got = await ok(await sm3.post('/verify/JC-GAJ-0002', { records: [{ 姓名: '王五' }] }));
  assert.equal(got.signatureMethod, 'HMAC-SM3');
  const signed = sm3.sign('GET', '/x');
  assert.equal(signed.headers['X-GDX-Signature-Method'], 'HMAC-SM3');
});

test('nonces are fresh, 24 characters of base64url', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const n = newNonce();
    assert.match(n, /^[A-Za-z0-9_-]{24}$/);
    seen.add(n);
  }
  assert.equal(seen.size, 1000);
  assert.notEqual(gdx.sign('GET', '/a').headers['X-GDX-Nonce'], gdx.sign('GET', '/a').headers['X-GDX-Nonce']);
});

test('withQuery: RFC 3986 encoding, arrays repeat the key, undefined skipped, appends to an existing query', () => {
  assert.equal(withQuery('/d', { a: 'x y', b: ['1', 2], c: undefined }), '/d?a=x%20y&b=1&b=2');
  assert.equal(withQuery('/d?z=1', [['k', '人']]), '/d?z=1&k=%E4%BA%BA');
  assert.equal(withQuery('/d', new URLSearchParams('q=a+b')), '/d?q=a%20b');
  assert.equal(withQuery('/d', {}), '/d');
  assert.equal(withQuery('/d'), '/d');
});

test('bad options and paths are refused early', () => {
  assert.throws(() => new GdxClient({ baseUrl: 'ftp://x', appKey: APP, secret: SECRET }), TypeError);
  assert.throws(() => new GdxClient({ baseUrl: 'http://x/api?v=1', appKey: APP, secret: SECRET }), TypeError);
  assert.throws(() => new GdxClient({ baseUrl: 'http://x', appKey: '', secret: SECRET }), TypeError);
  assert.throws(() => gdx.sign('GET', 'data/x'), TypeError);
  assert.throws(() => gdx.sign('GET', '/data/x?q=100%'), /percent-encoded/);
});
