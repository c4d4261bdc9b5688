/** Departments with their §6 filing, users with separated roles (security rules §13–§14). */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld } from '../../testing/make.ts';

forEachDatabase('departments and users', (t) => {
  let server: TestServer;
  const tok: Record<string, string> = {};
  let world: Awaited<ReturnType<typeof basicWorld>>;
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });

  before(async () => {
    world = await basicWorld(t().db);
    server = await startTestServer(t().db);
    for (const u of ['admin', 'fgw', 'sjj']) tok[u] = await server.login(u);
  });
  after(() => server.close());

  it('§6 lists departments with their responsible unit and person, by region', async () => {
    const res = await call('fgw', 'GET', '/orgs?regionCode=140525');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items.map((o: any) => o.key).sort(), ['zzx.sjj', 'zzx.zrzyj']);
    assert.ok(res.body.items.every((o: any) => o.responsibleUnit && o.responsiblePerson));
    const regions = await call('fgw', 'GET', '/regions');
    assert.deepEqual(regions.body.items.map((r: any) => r.code), ['140500', '140525']);
  });

  it('lets only the super admin add departments; §6 filing fields are required', async () => {
    const body = { key: 'sjyj', name: '晋城市审计局', shortName: '市审计局', regionCode: '140500', kind: 'department',
      responsibleUnit: '信息中心', responsiblePerson: '王五', responsiblePhone: '0356-2021234' };
    assert.equal((await call('sjj', 'POST', '/orgs', body)).status, 403);
    const missing = await call('admin', 'POST', '/orgs', { ...body, responsiblePerson: undefined });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.details[0].field, 'body.responsiblePerson');
    const created = await call('admin', 'POST', '/orgs', body);
    assert.equal(created.status, 201);
    assert.equal((await call('admin', 'POST', '/orgs', body)).status, 409);
    const secondAuthority = await call('admin', 'POST', '/orgs', { ...body, key: 'sjj2', name: '另一个主管部门', kind: 'authority' });
    assert.equal(secondAuthority.status, 409, 'one authority per region (§5)');
  });

  it('security rules §14: super admin and auditor roles stand alone; the authority role needs an authority org', async () => {
    const base = { username: 'newuser', displayName: '新用户', orgId: world.orgs.fgw, password: 'Strong-passw0rd' };
    const mixed = await call('admin', 'POST', '/users', { ...base, roles: ['super_admin', 'catalog_editor'] });
    assert.equal(mixed.status, 400);
    assert.match(mixed.body.error.en, /cannot be combined/);
    const authorityInDept = await call('admin', 'POST', '/users', { ...base, roles: ['authority'] });
    assert.equal(authorityInDept.status, 400);
    const weak = await call('admin', 'POST', '/users', { ...base, roles: ['requester'], password: 'password' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.details[0].field, 'body.password');
    const ok = await call('admin', 'POST', '/users', { ...base, roles: ['requester'] });
    assert.equal(ok.status, 201);
    assert.equal((await call('admin', 'POST', '/users', { ...base, roles: ['requester'] })).status, 409);
    assert.equal((await server.login('newuser', 'Strong-passw0rd')).length > 20, true);
    assert.equal((await call('fgw', 'GET', '/users')).status, 403);
  });
});
