import assert from 'node:assert/strict';
import { before, after, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, TEST_PASSWORD } from '../../testing/make.ts';
import { MAX_FAILED_LOGINS } from './service.ts';

forEachDatabase('identity API', (t) => {
  let server: TestServer;
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
  });
  after(() => server.close());

  it('answers health without login', async () => {
    const res = await server.call('GET', '/api/v1/health');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'ok');
    assert.ok(res.headers.get('x-request-id'));
  });

  it('answers a path with invalid percent-encoding with the bilingual error body', async () => {
    const res = await server.call('GET', '/api/v1/catalog/%E4');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'URL_INVALID');
    assert.match(res.body.error.zh, /百分号编码/);
    assert.match(res.body.error.en, /percent-encoding/);
    assert.ok(res.body.error.requestId);
  });

  it('logs in with a bearer token, an expiry and an HttpOnly cookie, and audits it', async () => {
    const res = await server.call('POST', '/api/v1/auth/login', { body: { username: 'fgw', password: TEST_PASSWORD } });
    assert.equal(res.status, 200);
    assert.match(res.body.token, /^[\w-]{40,}$/);
    assert.ok(new Date(res.body.expiresAt).getTime() > Date.now());
    assert.equal(res.body.user.username, 'fgw');
    assert.deepEqual(res.body.user.roles, ['catalog_editor', 'data_steward', 'approver', 'requester']);
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /gdx_session=/);
    assert.match(cookie, /HttpOnly/i);
    const me = await server.call('GET', '/api/v1/auth/me', { token: res.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.orgName, '晋城市发展和改革委员会');
    const audit = await t().db.selectFrom('audit_record').selectAll()
      .where('action', '=', 'auth.login').where('actor_name', '=', 'fgw').where('outcome', '=', 'success').execute();
    assert.equal(audit.length, 1);
    assert.ok(audit[0]!.request_id);
  });

  it('accepts the session cookie instead of the bearer header', async () => {
    const res = await server.call('POST', '/api/v1/auth/login', { body: { username: 'gaj', password: TEST_PASSWORD } });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await server.call('GET', '/api/v1/auth/me', { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'gaj');
  });

  it('refuses a wrong password and an unknown user with the same answer, auditing both', async () => {
    const wrong = await server.call('POST', '/api/v1/auth/login', { body: { username: 'sjj', password: 'nope-nope' } });
    const unknown = await server.call('POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'nope-nope' } });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.body.error.message, unknown.body.error.message);
    const failures = await t().db.selectFrom('audit_record').select(['actor_name', 'outcome'])
      .where('action', '=', 'auth.login').where('outcome', '=', 'failure').execute();
    assert.deepEqual(failures.map((f) => f.actor_name).sort(), ['nobody', 'sjj']);
  });

  it(`locks the account after ${MAX_FAILED_LOGINS} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const r = await server.call('POST', '/api/v1/auth/login', { body: { username: 'zzx.zrzyj', password: 'bad-password' } });
      assert.equal(r.status, 401);
    }
    const locked = await server.call('POST', '/api/v1/auth/login', { body: { username: 'zzx.zrzyj', password: TEST_PASSWORD } });
    assert.equal(locked.status, 423);
    assert.equal(locked.body.error.code, 'ACCOUNT_LOCKED');
    assert.ok(new Date(locked.body.error.details.lockedUntil) > new Date(), 'the unlock time is given as data');
    const denied = await t().db.selectFrom('audit_record').select('detail')
      .where('action', '=', 'auth.login').where('outcome', '=', 'denied').execute();
    assert.equal(denied.length, 1);
  });

  it('ends the session at logout', async () => {
    const token = await server.login('auditor');
    assert.equal((await server.call('POST', '/api/v1/auth/logout', { token })).status, 204);
    const me = await server.call('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'UNAUTHENTICATED');
  });

  it('refuses an expired session', async () => {
    const token = await server.login('fgw.req');
    await t().db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', (await t().db.selectFrom('app_user').select('id').where('username', '=', 'fgw.req').executeTakeFirstOrThrow()).id)
      .execute();
    assert.equal((await server.call('GET', '/api/v1/auth/me', { token })).status, 401);
  });

  it('validates the login body: missing field, unknown field, malformed JSON, oversized body', async () => {
    const missing = await server.call('POST', '/api/v1/auth/login', { body: { username: 'fgw' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.code, 'VALIDATION_FAILED');
    assert.match(missing.body.error.message, /password/);
    assert.match(missing.body.error.en, /body\.password is required/);
    const extra = await server.call('POST', '/api/v1/auth/login', { body: { username: 'fgw', password: 'x', admin: true } });
    assert.equal(extra.status, 400);
    assert.match(extra.body.error.en, /unknown field body\.admin/);
    const malformed = await server.call('POST', '/api/v1/auth/login', { raw: '{"username":', headers: { 'content-type': 'application/json' } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'MALFORMED_BODY');
    const huge = await server.call('POST', '/api/v1/auth/login', { body: { username: 'fgw', password: 'x'.repeat(2 * 1024 * 1024) } });
    assert.equal(huge.status, 413);
    assert.ok(!JSON.stringify(huge.body).includes('at '), 'no stack trace');
  });

  it('answers English when asked', async () => {
    const res = await server.call('GET', '/api/v1/auth/me', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.message, res.body.error.en);
  });

  it('answers unknown API routes with the error shape', async () => {
    const res = await server.call('GET', '/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'NO_SUCH_ROUTE');
  });

  it('serves the OpenAPI 3.1 document', async () => {
    const res = await server.call('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    assert.ok(res.body.paths['/api/v1/auth/login']);
  });
});
