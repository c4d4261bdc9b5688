/**
 * The optional TOTP second factor over HTTP on both databases (security rules §14 密码保障): enrolment
 * with the secret shown once and sealed at rest, the two-step login, wrong and replayed codes, the
 * lock-out counting codes with passwords, the authority's requirement for chosen roles, the
 * operator's reset.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { base32Decode, totp } from '../../domain/access/totp.ts';
import { sealedBy } from '../security/secret-box.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, make, TEST_PASSWORD } from '../../testing/make.ts';
import { MAX_FAILED_LOGINS } from './service.ts';

const STEP = 30_000;
/** A code some steps from now: +1 is inside the window and never the step a test just used. */
const codeAt = (secret: Buffer, steps: number) => totp(secret, new Date(Date.now() + steps * STEP));

forEachDatabase('TOTP second factor', (t) => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof basicWorld>>;
  const password = (username: string) => server.call('POST', '/api/v1/auth/login', { body: { username, password: TEST_PASSWORD } });
  const second = (challenge: string, code: string) => server.call('POST', '/api/v1/auth/login/totp', { body: { challenge, code } });

  /** Enrols `username` (confirmed with the current step's code); the decoded secret and the session. */
  async function enrol(username: string): Promise<{ secret: Buffer; token: string }> {
    const token = await server.login(username);
    const started = await server.call('POST', '/api/v1/auth/totp/enrol', { token });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const secret = base32Decode(started.body.secret);
    const ok = await server.call('POST', '/api/v1/auth/totp/confirm', { token, body: { code: codeAt(secret, 0) } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    return { secret, token };
  }
  let fgwSecret: Buffer = Buffer.alloc(0);

  before(async () => {
    world = await basicWorld(t().db);
    server = await startTestServer(t().db);
  });
  after(() => server.close());

  it('enrols with the secret shown once as an otpauth URI, sealed at rest, confirmed by a code', async () => {
    const token = await server.login('fgw');
    assert.deepEqual((await server.call('GET', '/api/v1/auth/totp', { token })).body, { enrolled: false, pending: false, confirmedAt: null, required: false });
    const started = await server.call('POST', '/api/v1/auth/totp/enrol', { token });
    assert.equal(started.status, 200);
    assert.match(started.body.secret, /^[A-Z2-7]{32}$/);
    const uri = new URL(started.body.otpauthUri);
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.searchParams.get('secret'), started.body.secret);
    assert.ok(decodeURIComponent(uri.pathname).endsWith(':fgw'));
    const stored = await t().db.selectFrom('user_totp').selectAll().where('user_id', '=', world.users.fgw.id).executeTakeFirstOrThrow();
    assert.ok(sealedBy(stored.secret_sealed), 'sealed with the platform key');
    assert.ok(!stored.secret_sealed.includes(started.body.secret) && !stored.secret_sealed.includes(base32Decode(started.body.secret).toString('base64')));
    assert.equal((await server.call('GET', '/api/v1/auth/totp', { token })).body.pending, true);

    const secret = base32Decode(started.body.secret);
    fgwSecret = secret;
    const wrong = await server.call('POST', '/api/v1/auth/totp/confirm', { token, body: { code: codeAt(secret, 5) } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'TOTP_INVALID');
    const ok = await server.call('POST', '/api/v1/auth/totp/confirm', { token, body: { code: codeAt(secret, 0) } });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.enrolled, true);
    const again = await server.call('POST', '/api/v1/auth/totp/enrol', { token });
    assert.equal(again.status, 409, 'a confirmed factor is not silently replaced');
    const actions = await t().db.selectFrom('audit_record').select(['action', 'outcome']).where('actor_name', '=', 'fgw').where('action', 'like', 'auth.totp.%').execute();
    assert.deepEqual(actions.map((a) => `${a.action}:${a.outcome}`).sort(), ['auth.totp.confirm:failure', 'auth.totp.confirm:success', 'auth.totp.enrol:failure', 'auth.totp.enrol:success']);
  });

  it('asks an enrolled user for a code after the password, and refuses a wrong or replayed one', async () => {
    const pw = await password('fgw');
    assert.equal(pw.status, 200);
    assert.equal(pw.body.totpRequired, true);
    assert.equal(pw.body.token, undefined, 'no session from the password alone');
    assert.equal(pw.headers.get('set-cookie'), null);
    assert.ok(new Date(pw.body.expiresAt).getTime() - Date.now() <= 5 * 60_000 + 1000, 'the challenge lives five minutes');
    const bad = await second(pw.body.challenge, codeAt(fgwSecret, 10));
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'TOTP_INVALID');
  });

  it('logs in with password and code; the same code is refused the next time; a used challenge is spent', async () => {
    const { secret } = await enrol('gaj');
    const first = await password('gaj');
    const code = codeAt(secret, 1);
    const ok = await second(first.body.challenge, code);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.match(ok.body.token, /^[\w-]{40,}$/);
    assert.match(ok.headers.get('set-cookie') ?? '', /gdx_session=/);
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token: ok.body.token })).body.username, 'gaj');

    assert.equal((await second(first.body.challenge, codeAt(secret, 1))).body.error.code, 'LOGIN_CHALLENGE_INVALID', 'a challenge is used once');
    const next = await password('gaj');
    const replay = await second(next.body.challenge, code);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, 'TOTP_INVALID');
    assert.match(replay.body.error.en, /already used/);
    assert.equal((await second('x'.repeat(43), codeAt(secret, 1))).body.error.code, 'LOGIN_CHALLENGE_INVALID');

    const logins = await t().db.selectFrom('audit_record').select(['outcome', 'detail']).where('action', '=', 'auth.login').where('target_id', '=', world.users.gaj.id).execute();
    assert.ok(logins.some((l) => l.outcome === 'success' && (l.detail as { factor?: string }).factor === 'totp'));
    assert.ok(logins.some((l) => l.outcome === 'failure' && (l.detail as { reason?: string }).reason === 'totp_replayed'));
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} failures, wrong codes counted with wrong passwords`, async () => {
    const { secret } = await enrol('zzx.zrzyj');
    const wrongPassword = await server.call('POST', '/api/v1/auth/login', { body: { username: 'zzx.zrzyj', password: 'Wrong-passw0rd' } });
    assert.equal(wrongPassword.status, 401);
    let last;
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const pw = await password('zzx.zrzyj');
      assert.equal(pw.status, 200, `attempt ${i}: the password is right`);
      last = await second(pw.body.challenge, codeAt(secret, 10));
      assert.equal(last.status, 401);
    }
    const locked = await password('zzx.zrzyj');
    assert.equal(locked.status, 423);
    assert.equal(locked.body.error.code, 'ACCOUNT_LOCKED');
    const row = await t().db.selectFrom('app_user').select('locked_until').where('id', '=', world.users.zrzyj.id).executeTakeFirstOrThrow();
    assert.ok(row.locked_until && row.locked_until > new Date());
  });

  it('lets the city authority require a second factor for its roles: until enrolled, only the own account is open', async () => {
    const sjj = await server.login('sjj');
    assert.equal((await server.call('PUT', '/api/v1/security/totp-policy', { token: await server.login('zzx.sjj'), body: { requiredRoles: ['authority'] } })).status, 403, 'a county authority may not');
    assert.equal((await server.call('PUT', '/api/v1/security/totp-policy', { token: sjj, body: { requiredRoles: ['requester'] } })).status, 400, 'only authority and security officers');
    const set = await server.call('PUT', '/api/v1/security/totp-policy', { token: sjj, body: { requiredRoles: ['authority', 'security_officer'] } });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body.requiredRoles, ['authority', 'security_officer']);

    const login = await password('zzx.sjj');
    assert.equal(login.status, 200);
    assert.equal(login.body.user.totpEnrolmentPending, true);
    const token = login.body.token;
    const blocked = await server.call('GET', '/api/v1/catalog', { token });
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, 'TOTP_ENROLMENT_REQUIRED');
    assert.equal((await server.call('GET', '/api/v1/auth/totp', { token })).body.required, true);
    const started = await server.call('POST', '/api/v1/auth/totp/enrol', { token });
    const secret = base32Decode(started.body.secret);
    assert.equal((await server.call('POST', '/api/v1/auth/totp/confirm', { token, body: { code: codeAt(secret, 0) } })).status, 200);
    assert.equal((await server.call('GET', '/api/v1/catalog', { token })).status, 200, 'the same session opens once enrolled');
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token })).body.totpEnrolmentPending, false);
    const remove = await server.call('POST', '/api/v1/auth/totp/remove', { token, body: { code: codeAt(secret, 1) } });
    assert.equal(remove.status, 403);
    assert.equal(remove.body.error.code, 'TOTP_REQUIRED');
    assert.equal((await password('fgw.req')).body.token !== undefined, true, 'other roles are not asked');
    await server.call('PUT', '/api/v1/security/totp-policy', { token: sjj, body: { requiredRoles: [] } });
  });

  it('lets a user remove their factor with an unused code, and the operator clear one for a lost device', async () => {
    const { secret, token } = await enrol('fgw.req');
    const spent = await server.call('POST', '/api/v1/auth/totp/remove', { token, body: { code: codeAt(secret, 0) } });
    assert.equal(spent.status, 400, 'the code that confirmed enrolment is spent');
    const removed = await server.call('POST', '/api/v1/auth/totp/remove', { token, body: { code: codeAt(secret, 1) } });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(removed.body.enrolled, false);
    assert.ok((await password('fgw.req')).body.token, 'the password alone logs in again');

    assert.equal((await server.call('POST', `/api/v1/users/${world.users.gaj.id}/totp/reset`, { token: await server.login('sjj') })).status, 403);
    assert.equal((await password('gaj')).body.totpRequired, true);
    const reset = await server.call('POST', `/api/v1/users/${world.users.gaj.id}/totp/reset`, { token: await server.login('admin') });
    assert.equal(reset.status, 204);
    assert.ok((await password('gaj')).body.token, 'gaj logs in with the password alone again');
    const audit = await t().db.selectFrom('audit_record').select(['actor_name', 'outcome']).where('action', '=', 'user.totp.reset').execute();
    assert.deepEqual(audit.map((a) => `${a.actor_name}:${a.outcome}`).sort(), ['admin:success', 'sjj:denied']);
  });

  it('counts wrong codes given to remove the factor with wrong logins: a stolen session cannot guess its way to removing it', async () => {
    await make.user(t().db, { username: 'fgw.guessed', org_id: world.orgs.fgw, roles: ['requester'] });
    const { secret, token } = await enrol('fgw.guessed');
    const wrong = () => server.call('POST', '/api/v1/auth/totp/remove', { token, body: { code: codeAt(secret, 1000) } });
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) assert.equal((await wrong()).status, 400);
    const last = await wrong();
    assert.equal(last.status, 423);
    assert.equal(last.body.error.code, 'ACCOUNT_LOCKED');
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token })).status, 401, 'the session ended');
    assert.equal((await password('fgw.guessed')).body.error.code, 'ACCOUNT_LOCKED');
    const factor = await t().db.selectFrom('user_totp').select('confirmed_at').innerJoin('app_user as u', 'u.id', 'user_totp.user_id')
      .where('u.username', '=', 'fgw.guessed').executeTakeFirst();
    assert.ok(factor?.confirmed_at, 'the factor stays');
  });
});
