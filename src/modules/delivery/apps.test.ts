/** Consumer apps (issue 4): registered by the data steward, secret shown once and kept sealed, edited, rotated, disabled. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld } from '../../testing/make.ts';
import { GdxClient } from '../../client/gdx-client.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';
import { platformKeyFrom } from '../security/secret-box.ts';
import { AppService, assertAllowedIp } from './apps.ts';

forEachDatabase('consumer apps', (t) => {
  let server: TestServer;
  const key = platformKeyFrom(randomBytes(32));
  const tok: Record<string, string> = {};
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });

  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db, { platformKey: key });
    for (const u of ['fgw', 'gaj', 'fgw.req', 'admin']) tok[u] = await server.login(u);
  });
  after(() => server.close());

  it('registers an app, shows its secret once, and keeps it sealed in the database', async () => {
    const created = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台', ipAllowlist: ['127.0.0.1'] });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.appKey, /^gdx_[0-9a-f]{20}$/);
    assert.ok(created.body.secret.length >= 40);
    const listed = await call('fgw', 'GET', '/apps');
    assert.equal(listed.body.items.length, 1);
    assert.equal(listed.body.items[0].secret, undefined, 'never shown again');
    const row = await t().db.selectFrom('consumer_app').selectAll().executeTakeFirstOrThrow();
    assert.ok(!row.secret_sealed.includes(created.body.secret), 'sealed, not stored in clear');
    const service = new AppService({ db: t().db, platformKey: key });
    assert.equal((await service.signingSecret(t().db, created.body.appKey))!.secret, created.body.secret);
  });

  it('rotates the secret (the old one stops) and disables the app (it stops altogether)', async () => {
    const app = (await call('fgw', 'GET', '/apps')).body.items[0];
    const service = new AppService({ db: t().db, platformKey: key });
    const before = (await service.signingSecret(t().db, app.appKey))!.secret;
    const rotated = await call('fgw', 'POST', `/apps/${app.id}/rotate`);
    assert.notEqual(rotated.body.secret, before);
    assert.equal((await service.signingSecret(t().db, app.appKey, true))!.secret, rotated.body.secret);
    assert.equal((await call('fgw', 'POST', `/apps/${app.id}/disable`)).body.disabled, true);
    assert.equal(await service.signingSecret(t().db, app.appKey, true), undefined);
    assert.equal((await call('fgw', 'POST', `/apps/${app.id}/rotate`)).status, 409);
  });

  it('keeps apps inside their department and to the roles that manage them', async () => {
    const app = (await call('fgw', 'GET', '/apps')).body.items[0];
    assert.equal((await call('gaj', 'POST', `/apps/${app.id}/rotate`)).status, 404);
    assert.equal((await call('gaj', 'GET', '/apps')).body.total, 0);
    assert.equal((await call('fgw.req', 'POST', '/apps', { name: 'x' })).status, 403, 'a requester does not register apps');
    assert.equal((await call('admin', 'POST', '/apps', { name: 'x' })).status, 403);
    const badIp = await call('fgw', 'POST', '/apps', { name: '坏地址', ipAllowlist: ['10.0.0.999'] });
    assert.equal(badIp.status, 400);
    const dup = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    assert.equal(dup.status, 409);
  });

  it('edits an app\'s allow-list and description in place — the steward of its department only, never a disabled app', async () => {
    const app = (await call('fgw', 'POST', '/apps', { name: '重大项目调度系统', description: '旧说明', ipAllowlist: ['10.0.0.1'] })).body;
    const edited = await call('fgw', 'PATCH', `/apps/${app.id}`, { ipAllowlist: ['10.0.0.2', '2001:db8::1'], description: '迁移到新机房' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.deepEqual(edited.body.ipAllowlist, ['10.0.0.2', '2001:db8::1']);
    assert.equal(edited.body.description, '迁移到新机房');
    assert.equal(edited.body.appKey, app.appKey, 'the same AppKey');
    assert.equal(edited.body.secret, undefined, 'no secret shown: it is unchanged');
    const onlyDescription = await call('fgw', 'PATCH', `/apps/${app.id}`, { description: '' });
    assert.deepEqual(onlyDescription.body.ipAllowlist, ['10.0.0.2', '2001:db8::1'], 'a field left out stays as it was');
    const audit = await t().db.selectFrom('audit_record').select(['detail', 'outcome']).where('action', '=', 'app.edit').where('target_id', '=', app.id).orderBy('at').execute();
    assert.equal(audit.length, 2);
    assert.deepEqual((audit[0]!.detail as any).ipAllowlist, { from: ['10.0.0.1'], to: ['10.0.0.2', '2001:db8::1'] });

    const other = await call('gaj', 'PATCH', `/apps/${app.id}`, { ipAllowlist: [] });
    assert.equal(other.status, 404, 'another department\'s app is not found');
    assert.equal((await call('fgw.req', 'PATCH', `/apps/${app.id}`, { ipAllowlist: [] })).status, 403, 'a requester does not edit apps');
    assert.equal((await call('admin', 'PATCH', `/apps/${app.id}`, { ipAllowlist: [] })).status, 403);
    const badIp = await call('fgw', 'PATCH', `/apps/${app.id}`, { ipAllowlist: ['10.0.0.3', '10.0.0.999'] });
    assert.equal(badIp.status, 400);
    assert.equal(badIp.body.error.code, 'APP_INVALID');
    assert.match(badIp.body.error.message, /10\.0\.0\.999/);
    const nothing = await call('fgw', 'PATCH', `/apps/${app.id}`, {});
    assert.equal(nothing.status, 400, 'nothing to change');
    assert.ok(nothing.body.error.zh.includes('白名单') && nothing.body.error.en.includes('allow-list'), JSON.stringify(nothing.body));
    assert.equal((await call('fgw', 'PATCH', `/apps/${app.id}`, { name: '改名' })).status, 400, 'the name is not edited here');
    const disabled = (await call('fgw', 'GET', '/apps')).body.items.find((a: any) => a.disabled);
    const refused = await call('fgw', 'PATCH', `/apps/${disabled.id}`, { ipAllowlist: ['10.0.0.4'] });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'APP_DISABLED');
    const after = (await call('fgw', 'GET', '/apps')).body.items.find((a: any) => a.id === app.id);
    assert.deepEqual(after.ipAllowlist, ['10.0.0.2', '2001:db8::1'], 'refused edits changed nothing');
  });

  it('lets a listed IPv4 address in when it arrives IPv4-mapped (a server on ::), and an IPv6 one however it is spelt', () => {
    const app = { ip_allowlist: ['10.1.2.3', '2001:DB8:0::1'] };
    for (const ip of ['10.1.2.3', '::ffff:10.1.2.3', '::FFFF:10.1.2.3', '2001:db8::1']) assert.doesNotThrow(() => assertAllowedIp(app, ip), ip);
    for (const ip of ['10.1.2.4', '::ffff:10.1.2.4', '2001:db8::2']) {
      assert.throws(() => assertAllowedIp(app, ip), (e: any) => e.code === 'IP_NOT_ALLOWED' && e.zh.includes('白名单'), ip);
    }
    assert.doesNotThrow(() => assertAllowedIp({ ip_allowlist: ['::ffff:127.0.0.1'] }, '127.0.0.1'), 'a mapped address listed lets its IPv4 one in');
  });
});

forEachDatabase('editing an app\'s allow-list', (t) => {
  let servers: TestServer[] = [];
  let tok: Record<string, string>;
  let appId = '';
  let clients: GdxClient[] = [];
  let path = '';
  const edit = (ipAllowlist: string[]) => servers[0]!.call('PATCH', `/api/v1/apps/${appId}`, { token: tok.fgw, body: { ipAllowlist } });
  const read = async (client: GdxClient) => {
    const res = await client.request('GET', `${path}?limit=1`);
    return { status: res.status, body: await res.json() as any };
  };

  before(async () => {
    // Two processes on one database: the edit is made in the first, the calls go to both.
    servers = [await startTestServer(t().db)];
    servers.push(await startTestServer(t().db, { platformKey: servers[0]!.platformKey }));
    const world = await sharingWorld(t().db, servers[0]!);
    tok = world.tok;
    const call = (user: string, method: string, p: string, body?: unknown) => servers[0]!.call(method, `/api/v1${p}`, { token: tok[user], body });
    const r = await call('fgw', 'POST', '/requests', request(world.entries.conditional, { validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const grantId = (await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' })).body.grantId;
    assert.ok(grantId);
    await acceptAgreement(servers[0]!, tok.fgw!, grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台', ipAllowlist: ['127.0.0.1'] });
    appId = app.body.id;
    clients = servers.map((s) => new GdxClient({ baseUrl: `${s.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret }));
    path = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.conditional}`)).body.code)}`;
  });
  after(() => Promise.all(servers.map((s) => s.close())));

  it('refuses a removed address and lets an added one in at the very next call, in every process', async () => {
    for (const c of clients) assert.equal((await read(c)).status, 200, 'each process holds the app\'s secret now');
    assert.equal((await edit(['10.20.30.40'])).status, 200);
    for (const c of clients) {
      const refused = await read(c);
      assert.equal(refused.status, 403, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'IP_NOT_ALLOWED');
    }
    // Added back in another spelling: compared in canonical form, as the gate does.
    assert.equal((await edit(['10.20.30.40', '::ffff:127.0.0.1'])).status, 200);
    for (const c of clients) assert.equal((await read(c)).status, 200);
    assert.equal((await edit([])).status, 200, 'an empty list admits any address');
    for (const c of clients) assert.equal((await read(c)).status, 200);
  });
});
