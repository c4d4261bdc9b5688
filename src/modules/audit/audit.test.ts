/** Reading the audit trail (security rules §17): who may read what, and the filters. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody, make } from '../../testing/make.ts';

forEachDatabase('audit trail', (t) => {
  let server: TestServer;
  const tok: Record<string, string> = {};
  const call = (user: string, path: string) => server.call('GET', `/api/v1${path}`, { token: tok[user] });

  before(async () => {
    const world = await basicWorld(t().db);
    await make.user(t().db, { username: 'fgw.sec', org_id: world.orgs.fgw, roles: ['security_officer'] });
    await make.user(t().db, { username: 'sjj.sec', org_id: world.orgs.sjj, roles: ['security_officer'] });
    await make.user(t().db, { username: 'zzx.sec', org_id: world.orgs.zzxSjj, roles: ['security_officer'] });
    server = await startTestServer(t().db);
    for (const u of ['fgw', 'gaj', 'sjj', 'zzx.sjj', 'auditor', 'fgw.sec', 'sjj.sec', 'zzx.sec']) tok[u] = await server.login(u);
    await server.call('POST', '/api/v1/catalog', { token: tok.fgw, body: entryBody() });
    await server.call('POST', '/api/v1/catalog', { token: tok.gaj, body: entryBody() });
    await server.call('POST', '/api/v1/auth/login', { body: { username: 'fgw', password: 'wrong-password' } });
  });
  after(() => server.close());

  it('records time, actor, department, action, target, outcome, IP and request id', async () => {
    const res = await call('auditor', '/audit?action=catalog.create');
    assert.equal(res.status, 200);
    assert.equal(res.body.total, 2);
    const r = res.body.items[0];
    assert.ok(r.at && r.actorName && r.orgName && r.targetId && r.requestId);
    assert.equal(r.outcome, 'success');
    assert.equal(r.ip, '127.0.0.1');
  });

  it('filters by outcome and actor; pages by cursor', async () => {
    const failures = await call('auditor', '/audit?outcome=failure&action=auth.login');
    assert.equal(failures.body.total, 1);
    assert.equal(failures.body.items[0].actorName, 'fgw');
    const page = await call('auditor', '/audit?limit=2');
    assert.equal(page.body.items.length, 2);
    const next = await call('auditor', `/audit?limit=2&cursor=${page.body.nextCursor}`);
    assert.ok(next.body.items[0].id < page.body.items[1].id + 1);
    assert.ok(next.body.items.every((i: any) => i.id < page.body.items[1].id));
  });

  it('a security officer reads only its department; a county authority only its region; others not at all', async () => {
    const own = await call('fgw.sec', '/audit?action=catalog.create');
    assert.equal(own.body.total, 1);
    assert.equal(own.body.items[0].orgName, '晋城市发展和改革委员会');
    const county = await call('zzx.sjj', '/audit?action=catalog.create');
    assert.equal(county.body.total, 0);
    const city = await call('sjj', '/audit?action=catalog.create');
    assert.equal(city.body.total, 2);
    const denied = await call('fgw', '/audit');
    assert.equal(denied.status, 403);
    const trail = await call('auditor', '/audit?action=audit.read&outcome=denied');
    assert.equal(trail.body.total, 1, 'the refused read is itself audited');
  });

  it('a security officer reads the accounts it reviews: the city authority\'s every department, a county authority\'s its region', async () => {
    const city = await call('sjj.sec', '/audit?action=catalog.create');
    assert.equal(city.body.total, 2, 'the city security officer investigates incidents in every department (Sec §17)');
    const county = await call('zzx.sec', '/audit?action=catalog.create');
    assert.equal(county.body.total, 0);
  });

  it('a failed login against an account is filed under the account\'s department, so its security officer sees the attack', async () => {
    const own = await call('fgw.sec', '/audit?action=auth.login&outcome=failure');
    assert.equal(own.body.total, 1);
    assert.equal(own.body.items[0].actorName, 'fgw');
    assert.equal(own.body.items[0].orgName, '晋城市发展和改革委员会');
    const other = await call('zzx.sec', '/audit?action=auth.login&outcome=failure');
    assert.equal(other.body.total, 0);
  });
});
