/**
 * The governed data API over real HTTP on both databases, called the way a department's system
 * calls it — with the signing client: only under a live grant, only granted fields, masked, filters
 * only on unmasked items, every call recorded, a revoked grant refused at once (issue 4; §38–§40,
 * security rules §24–§27).
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('governed data API', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let client: GdxClient;
  let appKey = '';
  let path = '';
  let grantId = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const read = async (query = '') => {
    const res = await client.request('GET', `${path}${query}`);
    const text = await res.text();
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, headers: res.headers };
  };

  before(async () => {
    server = await startTestServer(t().db);
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    for (let i = 1; i <= 25; i++) {
      await sql`INSERT INTO qzk_gaj.permits VALUES (${`JC-${String(i).padStart(4, '0')}`}, ${i % 2 ? '张三丰' : '李四光'}, ${`1380000${String(i).padStart(4, '0')}`})`.execute(t().db);
    }
    const r = await call('fgw', 'POST', '/requests', request(world.entries.conditional, { items: ['registration_no', 'holder_name', 'phone'], validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant', conditions: { masking: { holder_name: 'name' } } });
    grantId = granted.body.grantId;
    assert.ok(grantId, JSON.stringify(granted.body));
    await acceptAgreement(server, tok.fgw!, grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    appKey = app.body.appKey;
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey, secret: app.body.secret });
    const entry = await call('fgw', 'GET', `/catalog/${world.entries.conditional}`);
    path = `/data/${encodeURIComponent(entry.body.code)}`;
  });
  after(() => server.close());

  it('serves the granted fields, masked by the entry\'s rules and the grant\'s, with the purpose attached (§39)', async () => {
    const res = await read('?limit=5');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.items.length, 5);
    assert.deepEqual(res.body.items[0], { registration_no: 'JC-0001', holder_name: '张**', phone: '138****0001' });
    assert.equal(res.body.grant.id, grantId);
    assert.ok(res.body.grant.purpose);
    const next = await read(`?limit=20&cursor=${res.body.nextCursor ?? ''}`);
    assert.equal(next.body.items.length, 20);
    assert.equal(next.body.items[0].registration_no, 'JC-0006');
  });

  it('filters and sorts only on unmasked granted items; asking for ungranted or masked ones is refused, naming them', async () => {
    const one = await read('?registration_no=JC-0007');
    assert.deepEqual(one.body.items.map((r: any) => r.registration_no), ['JC-0007']);
    const range = await read('?registration_no.gte=JC-0020&sort=-registration_no&fields=registration_no');
    assert.deepEqual(range.body.items.map((r: any) => r.registration_no), ['JC-0025', 'JC-0024', 'JC-0023', 'JC-0022', 'JC-0021', 'JC-0020']);
    assert.deepEqual(Object.keys(range.body.items[0]), ['registration_no']);
    const masked = await read(`?holder_name=${encodeURIComponent('张三丰')}`);
    assert.equal(masked.status, 403);
    assert.equal(masked.body.error.code, 'FILTER_ON_MASKED');
    const sortMasked = await read('?sort=phone');
    assert.equal(sortMasked.body.error.code, 'FILTER_ON_MASKED');
    const injection = await read(`?registration_no=${encodeURIComponent("x' OR '1'='1")}`);
    assert.deepEqual(injection.body.items, [], 'values are bound, never spliced into SQL');
    assert.equal((await read('?limit=5000')).status, 400);
    assert.equal((await read('?drop_table=1')).status, 403);
  });

  it('answers CSV on request', async () => {
    const res = await read('?format=csv&fields=registration_no,phone&limit=2');
    assert.equal(res.status, 200);
    assert.match(String(res.body), /registration_no,phone\r\nJC-0001,138\*\*\*\*0001\r\n/);
    // §39: the grant's purpose and scenario travel with CSV data too, in headers (percent-encoded UTF-8).
    const json = await read('?limit=1');
    assert.equal(res.headers.get('x-gdx-grant'), json.body.grant.id);
    assert.equal(decodeURIComponent(res.headers.get('x-gdx-grant-purpose') ?? ''), json.body.grant.purpose);
    assert.equal(decodeURIComponent(res.headers.get('x-gdx-grant-scenario') ?? ''), json.body.grant.scenario);
    assert.equal(res.headers.get('x-gdx-grant-valid-until'), json.body.grant.validUntil);
    assert.match(json.body.grant.purpose, /[\u4e00-\u9fff]/, 'the purpose is Chinese text, so the header must encode it');
  });

  it('pages CSV by the X-GDX-Next-Cursor header, each field once', async () => {
    const first = await read('?format=csv&fields=registration_no,%20registration_no&limit=2');
    assert.equal(first.status, 200);
    assert.equal(String(first.body), 'registration_no\r\nJC-0001\r\nJC-0002\r\n');
    const cursor = first.headers.get('x-gdx-next-cursor');
    assert.ok(cursor, 'a CSV answer has no room for nextCursor: it comes as a header');
    const second = await read(`?format=csv&fields=registration_no&limit=2&cursor=${cursor}`);
    assert.equal(String(second.body), 'registration_no\r\nJC-0003\r\nJC-0004\r\n');
    const json = await read('?limit=2');
    assert.equal(json.headers.get('x-gdx-next-cursor'), json.body.nextCursor);
  });

  it('refuses an unknown format, a repeated reserved parameter, an empty fields list, a bare "-" sort and a GET body — clearly, and records each', async () => {
    const refused = async (query: string, code: string) => {
      const res = await read(query);
      assert.equal(res.status, 400, `${query}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code, query);
      assert.ok(res.body.error.zh && res.body.error.en, 'in both languages');
      return res;
    };
    await refused('?format=xml', 'FORMAT_INVALID');
    await refused('?format=CSV', 'FORMAT_INVALID');
    await refused('?limit=1&limit=5000', 'PARAM_REPEATED');
    await refused('?fields=registration_no&fields=phone', 'PARAM_REPEATED');
    await refused('?fields=,', 'FIELDS_INVALID');
    await refused('?sort=-', 'SORT_INVALID');
    // A GET with a body, its hash signed as docs/signing.md says: told to drop the body, not "signature does not match".
    const body = JSON.stringify({ limit: 5 });
    const signed = client.sign('GET', `${path}?limit=1`, body, { 'content-type': 'application/json' });
    const res = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = httpRequest(signed.url, { method: 'GET', headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) } }, (r) => {
        let text = '';
        r.on('data', (c) => { text += c; });
        r.on('end', () => resolve({ status: r.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(body);
    });
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'BODY_NOT_ALLOWED', JSON.stringify(res.body));
    const codes = (await t().db.selectFrom('access_record').select('error_code').where('channel', '=', 'api').execute()).map((r) => r.error_code);
    for (const code of ['FORMAT_INVALID', 'PARAM_REPEATED', 'FIELDS_INVALID', 'SORT_INVALID', 'BODY_NOT_ALLOWED']) assert.ok(codes.includes(code), `${code} is recorded`);
  });

  it('refuses unsigned, tampered, replayed and unknown-app calls with 401 and the reason', async () => {
    const unsigned = await server.call('GET', `/api/v1${path}`);
    assert.equal(unsigned.status, 401);
    assert.equal(unsigned.body.error.code, 'SIGNATURE_MISSING');
    const wrong = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: 'gdx_00000000000000000000', secret: 'x'.repeat(43) });
    assert.equal((await wrong.request('GET', path)).status, 401);
    const signed = client.sign('GET', `${path}?limit=1`);
    const first = await fetch(signed.url, { method: signed.method, headers: signed.headers });
    assert.equal(first.status, 200);
    const replay = await fetch(signed.url, { method: signed.method, headers: signed.headers });
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).error.code, 'NONCE_REUSED');
    const tampered = await fetch(signed.url.replace('limit=1', 'limit=2'), { method: signed.method, headers: { ...signed.headers, 'X-GDX-Nonce': 'another-nonce-123456' } });
    assert.equal(tampered.status, 401, 'a changed query breaks the signature');
  });

  it('names the app in the record of a refused signature under its AppKey, so a leaked key or a guessed secret can be investigated', async () => {
    const guessed = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey, secret: 'y'.repeat(43) });
    const res = await guessed.request('GET', path);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error.code, 'SIGNATURE_INVALID');
    const records = await t().db.selectFrom('access_record').select(['app_key', 'app_id']).where('error_code', '=', 'SIGNATURE_INVALID').execute();
    assert.ok(records.some((r) => r.app_key === appKey && r.app_id), JSON.stringify(records));
  });

  it('answers a request sent many times at once with data once — to one server or to two on the same database', async () => {
    const other = await startTestServer(t().db, { platformKey: server.platformKey });
    try {
      const outcomes = async () => (await t().db.selectFrom('access_record').select(['outcome', 'error_code']).execute());
      const before = await outcomes();
      const signed = client.sign('GET', `${path}?limit=2`);
      const at = (origin: string) => fetch(signed.url.replace(server.url, origin), { method: signed.method, headers: signed.headers });
      const answers = await Promise.all([server.url, other.url, server.url, other.url, server.url, other.url].map(async (origin) => {
        const res = await at(origin);
        return { status: res.status, body: await res.json() as { items?: unknown[]; error?: { code: string } } };
      }));
      const served = answers.filter((a) => a.status === 200);
      assert.equal(served.length, 1, JSON.stringify(answers.map((a) => a.status)));
      assert.equal(served[0]!.body.items!.length, 2);
      for (const refused of answers.filter((a) => a.status !== 200)) {
        assert.equal(refused.status, 401, JSON.stringify(refused.body));
        assert.equal(refused.body.error!.code, 'NONCE_REUSED');
        assert.equal(refused.body.items, undefined, 'no rows leave with a refusal');
      }
      const added = (await outcomes()).slice(before.length);
      assert.equal(added.length, 6, 'every attempt is recorded');
      assert.equal(added.filter((r) => r.outcome === 'success').length, 1);
      assert.equal(added.filter((r) => r.outcome === 'denied' && r.error_code === 'NONCE_REUSED').length, 5);
    } finally {
      await other.close();
    }
  });

  it('records every call, allowed or refused, and the grant\'s last use (§31)', async () => {
    const records = await t().db.selectFrom('access_record').select(['outcome', 'status', 'error_code', 'rows', 'grant_id']).execute();
    assert.ok(records.filter((r) => r.outcome === 'success').length >= 5);
    assert.ok(records.some((r) => r.error_code === 'FILTER_ON_MASKED' && r.grant_id === grantId));
    assert.ok(records.some((r) => r.status === 401));
    const grant = await call('fgw', 'GET', `/grants/${grantId}`);
    assert.ok(grant.body.lastUsedAt, 'a real delivery is what "use" means');
    const mine = await call('fgw', 'GET', '/access-records?view=mine&outcome=success');
    assert.ok(mine.body.items.length >= 5);
    assert.equal(mine.body.items[0].appName, '投资项目在线审批监管平台');
    const provided = await call('gaj', 'GET', `/access-records?view=provided&grantId=${grantId}`);
    assert.ok(provided.body.items.some((r: any) => r.consumerName === '晋城市发展和改革委员会' && r.rows > 0), 'the provider sees who used its data');
    assert.equal((await call('zzx.zrzyj', 'GET', '/access-records?view=provided')).body.items.length, 0);
    assert.equal((await call('fgw', 'GET', '/access-records?view=all')).status, 403);
    assert.ok((await call('auditor', 'GET', '/access-records?view=all')).body.items.length >= 5);
  });

  it('stops at once when the grant is revoked (§40), and for a disabled app', async () => {
    assert.equal((await read('?limit=1')).status, 200);
    await call('gaj', 'POST', `/grants/${grantId}/revoke`, { reason: '超范围使用（第四十条）' });
    const after = await read('?limit=1');
    assert.equal(after.status, 404, 'no live grant: the resource is not there for this app');
    const apps = await call('fgw', 'GET', '/apps');
    await call('fgw', 'POST', `/apps/${apps.body.items[0].id}/disable`);
    assert.equal((await read('?limit=1')).status, 401);
  });
});
