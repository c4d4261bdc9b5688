/** Consumer apps (issue 4): registered by the data steward, secret shown once and kept sealed, rotated, disabled. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld } from '../../testing/make.ts';
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

  it('lets a listed IPv4 address in when it arrives IPv4-mapped (a server on ::), and an IPv6 one however it is spelt', () => {
    const app = { ip_allowlist: ['10.1.2.3', '2001:DB8:0::1'] };
    for (const ip of ['10.1.2.3', '::ffff:10.1.2.3', '::FFFF:10.1.2.3', '2001:db8::1']) assert.doesNotThrow(() => assertAllowedIp(app, ip), ip);
    for (const ip of ['10.1.2.4', '::ffff:10.1.2.4', '2001:db8::2']) {
      assert.throws(() => assertAllowedIp(app, ip), (e: any) => e.code === 'IP_NOT_ALLOWED' && e.zh.includes('白名单'), ip);
    }
    assert.doesNotThrow(() => assertAllowedIp({ ip_allowlist: ['::ffff:127.0.0.1'] }, '127.0.0.1'), 'a mapped address listed lets its IPv4 one in');
  });
});
