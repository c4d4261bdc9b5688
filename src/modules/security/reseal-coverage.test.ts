/**
 * Rotation re-seals EVERY sealed value (security rules §23 加密存储), on both databases: a table mount
 * on a separate 前置库, a sync target in the consumer's own database, and an upstream-API mount whose
 * URL and credential are sealed inside the mount's JSON config. After `rotate` + `reseal` each of them
 * names the new key, still opens to what was given, the rest of the config is untouched, and the
 * upstream call still works.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { createTestDatabase, forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { acceptAgreement, ITEMS, request, sharingWorld } from '../sharing/test-kit.ts';
import type { Keyring } from './keyring.ts';
import { loadPlatformKey, rotateKeyFile } from './platform-key.ts';
import { resealAll, sealedValueCounts } from './reseal.ts';
import { open, sealedBy } from './secret-box.ts';

const TOKEN = 'Bearer upstream-token-Rk93';

/** An upstream that answers only with its key (query) and token (header). */
function upstream(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    if (url.searchParams.get('key') !== 'k-77' || req.headers.authorization !== TOKEN) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ reg: 'LG-1', holder: '晋城市迎宾馆' }]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  })));
}

forEachDatabase('re-sealing every sealed value', (t) => {
  let server: TestServer;
  let up: Awaited<ReturnType<typeof upstream>>;
  let front: Awaited<ReturnType<typeof createTestDatabase>>;
  let keyFile = '';
  let serverKeyring: Keyring;
  let tok: Record<string, string>;
  let client: GdxClient;
  let apiEntry = '';
  let tableEntry = '';
  let dataPath = '';
  const call = async (user: string, method: string, p: string, body?: unknown) => {
    const res = await server.call(method, `/api/v1${p}`, { token: tok[user], body });
    assert.ok(res.status < 300, `${method} ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const read = async () => {
    const res = await client.request('GET', dataPath);
    return { status: res.status, body: await res.json() as any };
  };
  const apiConfig = async () => (await t().db.selectFrom('catalog_mount').select('config').where('entry_id', '=', apiEntry).executeTakeFirstOrThrow()).config as Record<string, any>;
  /** Every sealed value the three places hold, by where it is. */
  const sealedValues = async () => {
    const config = await apiConfig();
    const mount = await t().db.selectFrom('catalog_mount').select('connection_sealed').where('entry_id', '=', tableEntry).executeTakeFirstOrThrow();
    const target = await t().db.selectFrom('sync_target').select('connection_sealed').executeTakeFirstOrThrow();
    return { url: config.urlSealed as string, auth: config.authSealed as string, front: mount.connection_sealed!, target: target.connection_sealed! };
  };

  before(async () => {
    keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'gdx-reseal-')), 'platform.key');
    await writeFile(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    serverKeyring = (await loadPlatformKey(keyFile, { create: false, pollMs: 0 })).key;
    up = await upstream();
    front = await createTestDatabase('postgres');
    await sql.raw('CREATE SCHEMA qzk_gaj; CREATE TABLE qzk_gaj.permits (registration_no text PRIMARY KEY, holder_name text, phone text)').execute(front.db);
    server = await startTestServer(t().db, { platformKey: serverKeyring });
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    apiEntry = world.entries.unmounted;
    const table = await call('gaj', 'POST', '/catalog', entryBody({ name: '特种行业许可信息（库表）', items: ITEMS, shareMethod: 'table' }));
    await call('gaj', 'POST', `/catalog/${table.id}/submit`);
    await call('sjj', 'POST', `/catalog/${table.id}/review`, { decision: 'approve' });
    tableEntry = table.id;

    // 服务接口挂接: URL (with its key) and credential sealed inside catalog_mount.config.
    await call('gaj', 'PUT', `/catalog/${apiEntry}/mount`, {
      kind: 'api', url: `${up.url}/rows?key=k-77`, authValue: TOKEN, timeoutMs: 2000, fields: { registration_no: 'reg', holder_name: 'holder' },
    });
    const r = await call('fgw', 'POST', '/requests', request(apiEntry, { validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${r.id}/compliance-review`, { decision: 'pass' });
    const g = await call('gaj', 'POST', `/requests/${r.id}/reply`, { decision: 'grant' });
    await acceptAgreement(server, tok.fgw!, g.grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '旅馆业核查系统' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.appKey, secret: app.secret });
    dataPath = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${apiEntry}`)).code)}`;

    // A table mount on a separate 前置库, and a table grant synced into the consumer's own database.
    await call('gaj', 'PUT', `/catalog/${tableEntry}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'permits', connection: front.url });
    const tr = await call('fgw', 'POST', '/requests', request(tableEntry, { method: 'table', validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${tr.id}/compliance-review`, { decision: 'pass' });
    const tg = await call('gaj', 'POST', `/requests/${tr.id}/reply`, { decision: 'grant' });
    await acceptAgreement(server, tok.fgw!, tg.grantId);
    await call('fgw', 'POST', '/sync/targets', { grantId: tg.grantId, schema: 'ods', connection: front.url });
  });
  after(async () => {
    await server.close();
    await up.close();
    await front.drop();
  });

  it('re-seals connections and the sealed paths of upstream-API configs; everything still opens and the upstream still answers', async () => {
    const before = await read();
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.deepEqual(before.body.items, [{ registration_no: 'LG-1', holder_name: '晋城市迎宾馆' }]);
    const oldId = serverKeyring.id;
    const was = await sealedValues();
    for (const [where, v] of Object.entries(was)) assert.equal(sealedBy(v)!.keyId, oldId, where);
    const configBefore = await apiConfig();

    await rotateKeyFile(keyFile);
    const cli = (await loadPlatformKey(keyFile, { create: false })).key;
    assert.notEqual(cli.id, oldId);
    const report = await resealAll(t().db, cli, { type: 'system', name: 'cli:test' }, { batchSize: 1 });
    const of = (table: string, column: string) => report.columns.find((c) => c.table === table && c.column === column)!;
    assert.deepEqual(['catalog_mount.connection_sealed', 'sync_target.connection_sealed', 'catalog_mount.config'].map((k) => {
      const c = of(k.split('.')[0]!, k.split('.')[1]!);
      return [k, c.total, c.resealed, c.failed];
    }), [
      ['catalog_mount.connection_sealed', 1, 1, 0],
      ['sync_target.connection_sealed', 1, 1, 0],
      ['catalog_mount.config', 2, 2, 0], // the URL and the credential of the one upstream-API mount
    ]);

    // Every value now names the new key and opens, here and in a process started afresh, to what was given.
    const now = await sealedValues();
    const restarted = (await loadPlatformKey(keyFile, { create: false })).key;
    for (const [where, v] of Object.entries(now)) {
      assert.equal(sealedBy(v)!.keyId, cli.id, where);
      assert.equal(open(restarted, v), open(serverKeyring, was[where as keyof typeof was]), where);
    }
    assert.equal(open(restarted, now.url), `${up.url}/rows?key=k-77`);
    assert.equal(open(restarted, now.auth), TOKEN);
    assert.equal(open(restarted, now.front), front.url);
    const { urlSealed: _u, authSealed: _a, ...rest } = await apiConfig();
    const { urlSealed: _u0, authSealed: _a0, ...restBefore } = configBefore;
    assert.deepEqual(rest, restBefore, 'the rest of the mount config is untouched');
    for (const c of ['connection_sealed', 'config.urlSealed', 'config.authSealed']) {
      assert.deepEqual((await sealedValueCounts(t().db)).filter((s) => s.table === 'catalog_mount' && s.column === c).map((s) => [s.keyId, s.count]), [[cli.id, 1]], c);
    }

    // The running server (not restarted) still calls the upstream with the re-sealed URL and credential.
    const after = await read();
    assert.equal(after.status, 200, JSON.stringify(after.body));
    assert.deepEqual(after.body.items, before.body.items);
    // A second run finds nothing left to do.
    const again = await resealAll(t().db, cli, { type: 'system', name: 'cli:test' });
    assert.equal(again.columns.reduce((n, c) => n + c.resealed, 0), 0);
  });
});
