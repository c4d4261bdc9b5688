/**
 * The password policy where passwords are set — a user's own change, the operator's reset, a new
 * account — with every reason given in Chinese and English, the last five not reused, other sessions
 * ended; and sessions that end when idle (security rules §14).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, make, TEST_PASSWORD } from '../../testing/make.ts';
import { MAX_FAILED_LOGINS, SESSION_IDLE_MINUTES } from './service.ts';

forEachDatabase('passwords and sessions', (t) => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof basicWorld>>;
  const change = (token: string, currentPassword: string, newPassword: string) =>
    server.call('POST', '/api/v1/auth/password', { token, body: { currentPassword, newPassword } });

  before(async () => {
    world = await basicWorld(t().db);
    server = await startTestServer(t().db);
  });
  after(() => server.close());

  it('refuses a weak new password with every reason, in Chinese and English', async () => {
    const token = await server.login('fgw');
    const weak = await change(token, TEST_PASSWORD, 'fgw123');
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.code, 'PASSWORD_POLICY');
    assert.deepEqual(weak.body.error.details.map((d: any) => d.code), ['too_short', 'classes', 'contains_username']);
    for (const d of weak.body.error.details) {
      assert.equal(d.field, 'body.newPassword');
      assert.ok(d.zh && d.en);
    }
    assert.match(weak.body.error.zh, /至少 12 位/);
    const common = await change(token, TEST_PASSWORD, 'Password@123');
    assert.deepEqual(common.body.error.details.map((d: any) => d.code), ['common']);
    const same = await change(token, TEST_PASSWORD, TEST_PASSWORD);
    assert.deepEqual(same.body.error.details.map((d: any) => d.code), ['reused']);
    const wrongCurrent = await change(token, 'Not-the-passw0rd', 'Brand-new-passw0rd-1');
    assert.equal(wrongCurrent.status, 400, 'a wrong current password does not end the session');
    assert.equal(wrongCurrent.body.error.code, 'CURRENT_PASSWORD_WRONG');
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token })).status, 200);
  });

  it('changes the own password, ends the other sessions, keeps this one, and refuses the last five again', async () => {
    const other = await server.login('gaj');
    const token = await server.login('gaj');
    const passwords = ['Police-secret-0001', 'Police-secret-0002', 'Police-secret-0003', 'Police-secret-0004', 'Police-secret-0005'];
    let current = TEST_PASSWORD;
    for (const next of passwords) {
      const res = await change(token, current, next);
      assert.equal(res.status, 204, JSON.stringify(res.body));
      current = next;
    }
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token: other })).status, 401, 'the other session ended');
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token })).status, 200, 'this one goes on');
    for (const old of passwords.slice(1)) {
      const again = await change(token, current, old);
      assert.deepEqual(again.body.error.details.map((d: any) => d.code), ['reused'], old);
    }
    assert.equal((await change(token, current, TEST_PASSWORD)).status, 204, 'the sixth password back may be used again');
    assert.ok(await server.login('gaj', TEST_PASSWORD));
    const history = await t().db.selectFrom('password_history').select('id').where('user_id', '=', world.users.gaj.id).execute();
    assert.equal(history.length, 5, 'only the last five hashes are kept');
    const audited = await t().db.selectFrom('audit_record').select('outcome').where('action', '=', 'auth.password.change').where('actor_name', '=', 'gaj').execute();
    assert.equal(audited.filter((a) => a.outcome === 'success').length, 6);
  });

  it('counts a wrong current password as a failed login: a stolen session cannot guess the password, the lock ends every session', async () => {
    await make.user(t().db, { username: 'zzx.guessed', org_id: world.orgs.zrzyj, roles: ['requester'] });
    const other = await server.login('zzx.guessed');
    const token = await server.login('zzx.guessed');
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const res = await change(token, `Guess-number-${i}`, 'Fresh-password-0001');
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'CURRENT_PASSWORD_WRONG');
    }
    const last = await change(token, `Guess-number-${MAX_FAILED_LOGINS}`, 'Fresh-password-0001');
    assert.equal(last.status, 423);
    assert.equal(last.body.error.code, 'ACCOUNT_LOCKED');
    assert.match(last.body.error.zh, /锁定/);
    for (const session of [token, other]) assert.equal((await server.call('GET', '/api/v1/auth/me', { token: session })).status, 401, 'sessions ended');
    const login = await server.call('POST', '/api/v1/auth/login', { body: { username: 'zzx.guessed', password: TEST_PASSWORD } });
    assert.equal(login.body.error.code, 'ACCOUNT_LOCKED', 'locked even for the right password until the lock ends');
    const audited = await t().db.selectFrom('audit_record').select(['outcome', 'detail']).where('action', '=', 'auth.password.change')
      .where('actor_name', '=', 'zzx.guessed').orderBy('id').execute();
    assert.equal(audited.length, MAX_FAILED_LOGINS);
    assert.deepEqual((audited.at(-1)!.detail as any).code, 'ACCOUNT_LOCKED');
  });

  it('lets the operator reset a password under the same policy, ending the user\'s sessions', async () => {
    const admin = await server.login('admin');
    const victim = await server.login('zzx.zrzyj');
    const weak = await server.call('POST', `/api/v1/users/${world.users.zrzyj.id}/password`, { token: admin, body: { password: 'zzx.zrzyj-2024' } });
    assert.equal(weak.status, 400);
    assert.deepEqual(weak.body.error.details.map((d: any) => d.code), ['contains_username']);
    assert.equal((await server.call('POST', `/api/v1/users/${world.users.zrzyj.id}/password`, { token: await server.login('sjj'), body: { password: 'Reset-by-sjj-01' } })).status, 403);
    const ok = await server.call('POST', `/api/v1/users/${world.users.zrzyj.id}/password`, { token: admin, body: { password: 'Temporary-Pass-01' } });
    assert.equal(ok.status, 204);
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token: victim })).status, 401);
    assert.ok(await server.login('zzx.zrzyj', 'Temporary-Pass-01'));
    const audit = await t().db.selectFrom('audit_record').select(['actor_name', 'outcome']).where('action', '=', 'user.password.reset').execute();
    assert.deepEqual(audit.map((a) => `${a.actor_name}:${a.outcome}`).sort(), ['admin:failure', 'admin:success', 'sjj:denied']);
  });

  it('applies the policy to new accounts and records their first roles', async () => {
    const admin = await server.login('admin');
    const body = { username: 'newclerk', displayName: '新办事员', orgId: world.orgs.fgw, roles: ['requester'] };
    const common = await server.call('POST', '/api/v1/users', { token: admin, body: { ...body, password: 'Admin@123456' } });
    assert.equal(common.status, 400);
    assert.ok(common.body.error.details.some((d: any) => d.code === 'common' && d.field === 'body.password'));
    const ok = await server.call('POST', '/api/v1/users', { token: admin, body: { ...body, password: 'Clerk-passw0rd' } });
    assert.equal(ok.status, 201);
    const change = await t().db.selectFrom('role_change').selectAll().where('user_id', '=', ok.body.id).executeTakeFirstOrThrow();
    assert.deepEqual([change.before, change.after, change.changed_by], [[], ['requester'], world.users.admin.id]);
  });

  it(`ends a session idle for more than ${SESSION_IDLE_MINUTES} minutes`, async () => {
    const token = await server.login('fgw.req');
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token })).status, 200);
    await t().db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - (SESSION_IDLE_MINUTES + 1) * 60_000) })
      .where('user_id', '=', world.users.fgwViewer.id).execute();
    const idle = await server.call('GET', '/api/v1/auth/me', { token });
    assert.equal(idle.status, 401);
    assert.equal(idle.body.error.code, 'UNAUTHENTICATED');
    const fresh = await server.login('fgw.req');
    await t().db.updateTable('user_session').set({ last_seen_at: new Date(Date.now() - (SESSION_IDLE_MINUTES - 1) * 60_000) })
      .where('user_id', '=', world.users.fgwViewer.id).where('revoked_at', 'is', null).execute();
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token: fresh })).status, 200, 'a request in time keeps it alive');
    const seen = await t().db.selectFrom('user_session').select('last_seen_at').where('user_id', '=', world.users.fgwViewer.id)
      .orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    assert.ok(seen.last_seen_at && Date.now() - seen.last_seen_at.getTime() < 60_000, 'and moves its last activity');
  });
});
