/**
 * Upstream-API mounts (服务接口挂接, §17) on both databases, against a real HTTP upstream started
 * here: the data API governs the upstream's rows as it governs a table's — signature, live grant,
 * granted fields, row scope, filters only on unmasked items, masking — and an upstream that is slow,
 * failing, malformed or chatty reaches the consumer as 504/502 without its URL, credential or body.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { acceptAgreement, mountApproved, request, sharingWorld } from '../sharing/test-kit.ts';

const KEY = 'upstream-key-Zx81';
const TOKEN = 'Bearer upstream-token-Qw27';
const ROWS = [
  { reg: 'LG-0003', holder: { name: '泽州县如家快捷酒店' }, tel: '13800000003' },
  { reg: 'LG-0001', holder: { name: '晋城市迎宾馆' }, tel: 13800000001 },
  { reg: 'LG-0002', holder: { name: '晋城市锦江之星' }, tel: '13800000002' },
  { reg: 'LG-0004', holder: { name: '高平市长平宾馆' }, tel: null },
];

/** The provider's upstream: answers only with its key (query) and token (header); other paths misbehave. */
function upstream(): Promise<{ url: string; close(): Promise<void>; seen: { auth?: string }[] }> {
  const seen: { auth?: string }[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push({ auth: req.headers.authorization });
    const secretBody = `internal error at db://admin:${KEY}@10.0.0.9 token ${TOKEN}`;
    switch (url.pathname) {
      case '/rows':
        if (url.searchParams.get('key') !== KEY || req.headers.authorization !== TOKEN) {
          res.writeHead(401).end(secretBody);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 0, data: { list: ROWS } }));
        return;
      case '/slow':
        setTimeout(() => res.writeHead(200).end('[]'), 5000).unref();
        return;
      case '/trickle':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        return; // never ends
      case '/fail':
        res.writeHead(500, { 'content-type': 'text/plain' }).end(secretBody);
        return;
      case '/malformed':
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data": ${secretBody}`);
        return;
      case '/redirect':
        res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  })));
}

forEachDatabase('upstream-API mounts', (t) => {
  let server: TestServer;
  let up: Awaited<ReturnType<typeof upstream>>;
  let tok: Record<string, string>;
  let client: GdxClient;
  let entryId = '';
  let path = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const read = async (query = '') => {
    const res = await client.request('GET', `${path}${query}`);
    return { status: res.status, body: await res.json() as any };
  };
  // A re-mount under the live grant is a change the authority approves (§16): the helper approves it.
  const mount = (over: Record<string, unknown>) => mountApproved(server, tok, entryId, {
    kind: 'api', url: `${up.url}/rows?key=${KEY}`, authValue: TOKEN, rowsPath: 'data.list', timeoutMs: 400,
    fields: { registration_no: 'reg', holder_name: 'holder.name', phone: 'tel' }, ...over,
  });

  before(async () => {
    up = await upstream();
    server = await startTestServer(t().db);
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    entryId = world.entries.unmounted;
    assert.equal((await mount({})).status, 200);
    const r = await call('fgw', 'POST', '/requests', request(entryId, { items: ['registration_no', 'holder_name', 'phone'], validUntil: '2027-06-30' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const g = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, {
      decision: 'grant', conditions: { rowScope: [{ item: 'holder_name', op: 'prefix', values: ['晋城市'] }] },
    });
    assert.ok(g.body.grantId, JSON.stringify(g.body));
    await acceptAgreement(server, tok.fgw!, g.body.grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '旅馆业核查系统' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    path = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${entryId}`)).body.code)}`;
  });
  after(async () => {
    await server.close();
    await up.close();
  });

  it('validates the mount and never shows its credential or URL query values', async () => {
    for (const [url, field] of [['ftp://10.0.0.1/rows', 'body.url'], [`http://admin:${KEY}@127.0.0.1/rows`, 'body.url'], ['rows', 'body.url']]) {
      const bad = await mount({ url });
      assert.equal(bad.status, 400, url);
      assert.equal(bad.body.error.details[0].field, field);
    }
    assert.equal((await mount({ fields: { owner: 'x' } })).body.error.details[0].field, 'body.fields.owner');
    const shown = await call('gaj', 'GET', `/catalog/${entryId}/mount`);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.config.url, `${up.url}/rows?key=***`);
    assert.equal(shown.body.config.hasAuth, true);
    assert.equal(shown.body.config.authHeader, 'Authorization');
    const text = JSON.stringify(shown.body) + JSON.stringify(await t().db.selectFrom('catalog_mount').select('config').where('entry_id', '=', entryId).executeTakeFirst());
    assert.ok(!text.includes(KEY) && !text.includes('Qw27'), 'sealed in the database, never shown');
  });

  it('serves the upstream\'s rows inside the grant\'s row scope, mapped, filtered, sorted and masked like a table\'s', async () => {
    const all = await read();
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.deepEqual(all.body.items, [
      { registration_no: 'LG-0001', holder_name: '晋城市迎宾馆', phone: '138****0001' },
      { registration_no: 'LG-0002', holder_name: '晋城市锦江之星', phone: '138****0002' },
    ], 'only 晋城市… rows (the scope); 泽州县 and 高平市 never leave');
    assert.equal(up.seen.at(-1)!.auth, TOKEN, 'the sealed credential is sent upstream');
    const sorted = await read('?sort=-registration_no&fields=registration_no');
    assert.deepEqual(sorted.body.items, [{ registration_no: 'LG-0002' }, { registration_no: 'LG-0001' }]);
    assert.deepEqual((await read('?registration_no=LG-0002')).body.items.map((r: any) => r.registration_no), ['LG-0002']);
    assert.deepEqual((await read('?registration_no=LG-0003')).body.items, [], 'a filter cannot reach outside the scope');
    const page = await read('?limit=1');
    assert.equal(page.body.items.length, 1);
    assert.deepEqual((await read(`?limit=1&cursor=${page.body.nextCursor}`)).body.items.map((r: any) => r.registration_no), ['LG-0002']);
    assert.equal((await read('?phone=13800000001')).body.error.code, 'FILTER_ON_MASKED');
    assert.equal((await read('?fields=secret')).status, 403);
  });

  // Each case re-mounts the entry; `over(url)` gets the upstream's address once it listens.
  const failures: [string, (url: string) => Record<string, unknown>, number, string, RegExp][] = [
    ['a slow upstream answers 504 within the mount\'s timeout', (u) => ({ url: `${u}/slow` }), 504, 'UPSTREAM_TIMEOUT', /400 毫秒/],
    ['an upstream that never finishes its answer: 504 too', (u) => ({ url: `${u}/trickle` }), 504, 'UPSTREAM_TIMEOUT', /400 ms/],
    ['an upstream error: 502 naming the status only', (u) => ({ url: `${u}/fail` }), 502, 'UPSTREAM_FAILED', /HTTP 500/],
    ['a wrong credential: 502, the upstream\'s answer withheld', () => ({ authValue: 'Bearer wrong' }), 502, 'UPSTREAM_FAILED', /HTTP 401/],
    ['malformed JSON: 502', (u) => ({ url: `${u}/malformed` }), 502, 'UPSTREAM_FAILED', /JSON/],
    ['rows not where the mount says: 502', () => ({ rowsPath: 'data.items' }), 502, 'UPSTREAM_FAILED', /data\.items/],
    ['a redirect is refused (it could carry the credential elsewhere): 502', (u) => ({ url: `${u}/redirect` }), 502, 'UPSTREAM_FAILED', /reached/],
    ['an unreachable upstream: 502', () => ({ url: 'http://127.0.0.1:9/rows' }), 502, 'UPSTREAM_FAILED', /reached/],
  ];
  for (const [name, over, status, code, message] of failures) {
    it(name, async () => {
      assert.equal((await mount(over(up.url))).status, 200);
      const started = Date.now();
      const res = await read();
      assert.ok(Date.now() - started < 3000, 'never hangs');
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.error.code, code);
      assert.match(`${res.body.error.zh} ${res.body.error.en}`, message);
      const text = JSON.stringify(res.body);
      for (const secret of [KEY, 'Qw27', '10.0.0.9', up.url, '127.0.0.1', 'internal error']) assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
    });
  }

  it('records each upstream failure as an access record', async () => {
    const rows = await t().db.selectFrom('access_record').select(['status', 'error_code', 'outcome']).where('outcome', '=', 'failure').execute();
    assert.equal(rows.filter((r) => r.error_code === 'UPSTREAM_TIMEOUT' && r.status === 504).length, 2);
    assert.equal(rows.filter((r) => r.error_code === 'UPSTREAM_FAILED' && r.status === 502).length, 6);
  });
});
