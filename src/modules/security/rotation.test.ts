/**
 * Key rotation on both databases through the API (security rules §23 加密存储): an installation still
 * holding a v1-sealed secret rotates its key file and re-seals; every app keeps calling with the
 * secret it was given, nothing stays under the old key, new values use the new key, and hashed
 * (哈希替换) values of a grant stay equal, so the consumer can still join them (security rules §25).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';
import type { Keyring } from './keyring.ts';
import { loadPlatformKey, rotateKeyFile } from './platform-key.ts';
import { resealAll, sealedValueCounts } from './reseal.ts';
import { open, sealedBy } from './secret-box.ts';
import { sealV1 } from './test-kit.ts';

forEachDatabase('key rotation', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let keyFile = '';
  let legacyKey: Buffer;
  let serverKeyring: Keyring;
  let dataPath = '';
  const clients: Record<string, GdxClient> = {};
  let oldAppKey = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const read = async (client: GdxClient) => {
    const res = await client.request('GET', `${dataPath}?limit=3`);
    return { status: res.status, body: JSON.parse(await res.text()) };
  };

  before(async () => {
    // An installation from before keyrings: a one-line key file.
    keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'gdx-rotation-')), 'platform.key');
    legacyKey = randomBytes(32);
    await writeFile(keyFile, `${legacyKey.toString('base64')}\n`, { mode: 0o600 });
    // Looks at the key file on every use (a minute in production), so the test need not wait.
    serverKeyring = (await loadPlatformKey(keyFile, { create: false, pollMs: 0 })).key;
    server = await startTestServer(t().db, { platformKey: serverKeyring });
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    for (let i = 1; i <= 3; i++) await sql`INSERT INTO qzk_gaj.permits VALUES (${`JC-${i}`}, ${'张三丰'}, ${`1380000000${i}`})`.execute(t().db);
    const r = await call('fgw', 'POST', '/requests', request(world.entries.conditional, { items: ['registration_no', 'phone'], validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant', conditions: { masking: { phone: 'hash' } } });
    assert.ok(granted.body.grantId, JSON.stringify(granted.body));
    await acceptAgreement(server, tok.fgw!, granted.body.grantId);
    dataPath = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.conditional}`)).body.code)}`;
    const fresh = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    clients.fresh = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: fresh.body.appKey, secret: fresh.body.secret });
    // An app whose secret was sealed by the old format.
    const old = await call('fgw', 'POST', '/apps', { name: '旧版应用' });
    const oldSecret = 'secret-sealed-before-keyrings-0123456789';
    await t().db.updateTable('consumer_app').set({ secret_sealed: sealV1(legacyKey, oldSecret) }).where('id', '=', old.body.id).execute();
    oldAppKey = old.body.appKey;
    clients.old = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: old.body.appKey, secret: oldSecret });
  });
  after(() => server.close());

  it('rotates, re-seals every sealed column, and every app still signs its calls; hashes stay joinable', async () => {
    const before = await read(clients.fresh!);
    assert.equal(before.status, 200, JSON.stringify(before.body));
    assert.match(before.body.items[0].phone, /^[0-9a-f]{64}$/, 'phone is hash-masked');
    assert.equal((await read(clients.old!)).status, 200, 'a v1-sealed secret opens');
    const oldId = serverKeyring.id;

    // What `gdx keys rotate` does, as another process: a new active key in the file, then re-seal.
    await rotateKeyFile(keyFile);
    const cli = (await loadPlatformKey(keyFile, { create: false })).key;
    assert.notEqual(cli.id, oldId);
    const progress: number[] = [];
    const report = await resealAll(t().db, cli, { type: 'system', name: 'cli:test' }, { batchSize: 1, onProgress: (p) => progress.push(p.scanned) });
    const apps = report.columns.find((c) => c.table === 'consumer_app')!;
    assert.deepEqual({ total: apps.total, resealed: apps.resealed, failed: apps.failed }, { total: 2, resealed: 2, failed: 0 });
    assert.deepEqual(progress, [1, 2], 'progress is reported per batch');
    assert.deepEqual((await sealedValueCounts(t().db)).filter((c) => c.table === 'consumer_app').map((c) => [c.keyId, c.count]), [[cli.id, 2]]);

    // The running server has not restarted: it re-reads the changed key file.
    const after = await read(clients.fresh!);
    assert.equal(after.status, 200, JSON.stringify(after.body));
    assert.equal((await read(clients.old!)).status, 200);
    assert.deepEqual(after.body.items.map((r: any) => r.phone), before.body.items.map((r: any) => r.phone), 'the masking salt did not change');
    assert.equal(serverKeyring.id, cli.id);
    // Every re-sealed secret opens, in this process and in one started afresh from the key file.
    const restarted = (await loadPlatformKey(keyFile, { create: false })).key;
    for (const app of await t().db.selectFrom('consumer_app').select(['name', 'secret_sealed']).execute()) {
      assert.equal(open(serverKeyring, app.secret_sealed), open(restarted, app.secret_sealed), app.name);
    }
    const oldRow = await t().db.selectFrom('consumer_app').select('secret_sealed').where('app_key', '=', oldAppKey).executeTakeFirstOrThrow();
    assert.equal(open(restarted, oldRow.secret_sealed), 'secret-sealed-before-keyrings-0123456789');

    // New secrets are sealed with the new key.
    const third = await call('fgw', 'POST', '/apps', { name: '第三个应用' });
    const row = await t().db.selectFrom('consumer_app').select('secret_sealed').where('id', '=', third.body.id).executeTakeFirstOrThrow();
    assert.equal(sealedBy(row.secret_sealed)!.keyId, cli.id);

    // Running it again finds nothing to do; the audit trail has both runs.
    const again = await resealAll(t().db, cli, { type: 'system', name: 'cli:test' });
    assert.equal(again.columns[0]!.resealed, 0);
    const runs = await t().db.selectFrom('audit_record').select('outcome').where('action', '=', 'security.keys.reseal').execute();
    assert.deepEqual(runs.map((r) => r.outcome), ['success', 'success']);
  });

  it('shows key ids and ages to those who oversee security, never the secrets', async () => {
    const status = await call('auditor', 'GET', '/security/keys');
    assert.equal(status.status, 200, JSON.stringify(status.body));
    assert.equal(status.body.keys.length, 2);
    assert.equal(status.body.cipher, 'sm4');
    assert.deepEqual(status.body.keys.map((k: any) => [k.active, k.salt]), [[false, true], [true, false]]);
    assert.ok(!JSON.stringify(status.body).includes(legacyKey.toString('base64')));
    assert.equal((await call('fgw', 'GET', '/security/keys')).status, 403);
  });

  it('a server checking its key file once a minute serves an app whose secret was re-sealed a moment ago', async () => {
    const steady = await startTestServer(t().db, { platformKey: (await loadPlatformKey(keyFile, { create: false })).key });
    try {
      // Apps never called through `steady`: each secret is opened there at its app's first call.
      const made = [await call('fgw', 'POST', '/apps', { name: '不动产登记协同系统' }), await call('fgw', 'POST', '/apps', { name: '社会信用信息平台' })];
      const [first, second] = made.map((a) => new GdxClient({ baseUrl: `${steady.url}/api/v1`, appKey: a.body.appKey, secret: a.body.secret }));
      const rotateAndReseal = async () => {
        await rotateKeyFile(keyFile);
        await resealAll(t().db, (await loadPlatformKey(keyFile, { create: false })).key, { type: 'system', name: 'cli:test' });
      };
      await rotateAndReseal();
      assert.equal((await read(first!)).status, 200, 'the new key is read from the file at its first use');
      // Rotated again within the second after that read: the next new key is read at once too.
      await rotateAndReseal();
      const res = await read(second!);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    } finally {
      await steady.close();
    }
  });
});
