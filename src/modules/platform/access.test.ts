/**
 * Every API route declares who may call it, and refuses anyone else: walked from the OpenAPI
 * document, so a new route is covered the day it is added.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld } from '../../testing/make.ts';

const PUBLIC = new Set(['GET /api/v1/health', 'POST /api/v1/auth/login', 'POST /api/v1/auth/login/totp', 'GET /api/v1/catalog/template.xlsx', 'GET /api/v1/audit/public-key', 'GET /api/v1/docs/{name}']);
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

forEachDatabase('route access', (t) => {
  let server: TestServer;
  let routes: { method: string; path: string }[] = [];
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
    const doc = (await server.call('GET', '/api/openapi.json')).body;
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m)).map((m) => ({ method: m.toUpperCase(), path })));
  });
  after(() => server.close());

  it('refuses every non-public route without a login (401), with the error shape', async () => {
    assert.ok(routes.length > 20, `found ${routes.length} routes`);
    for (const r of routes) {
      const path = r.path.replace(/\{[^}]+\}/g, SAMPLE_ID);
      if (PUBLIC.has(`${r.method} ${r.path}`)) continue;
      const res = await server.call(r.method, path, r.method === 'GET' ? {} : { body: {} });
      assert.equal(res.status, 401, `${r.method} ${r.path} answered ${res.status}`);
      // Data, verification and file-download routes are called by consumer apps, which sign each request instead of logging in.
      assert.equal(res.body.error.code, /^\/api\/v1\/(data|verify)\/|^\/api\/v1\/files\/\{\*\}$/.test(r.path) ? 'SIGNATURE_MISSING' : 'UNAUTHENTICATED', r.path);
    }
  });

  it('serves the developer documents without a login, and nothing beside them', async () => {
    const res = await fetch(`${server.url}/api/v1/docs/signing.md`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/markdown; charset=utf-8/);
    assert.match(await res.text(), /X-GDX-Signature/);
    for (const name of ['..%2Fpackage.json', 'nope.md', '.env', 'signing.md%00']) {
      const refused = await server.call('GET', `/api/v1/docs/${name}`);
      assert.equal(refused.status, 404, name);
      assert.equal(refused.body.error.code, 'NOT_FOUND', name);
    }
  });

  it('refuses a forged or garbage token the same way', async () => {
    const res = await server.call('GET', '/api/v1/catalog', { token: 'x'.repeat(43) });
    assert.equal(res.status, 401);
  });

  it('keeps the super admin out of business actions and business users out of admin ones (security rules §13–§14)', async () => {
    const admin = await server.login('admin');
    const fgw = await server.login('fgw');
    assert.equal((await server.call('POST', '/api/v1/catalog', { token: admin, body: {} })).status, 403);
    assert.equal((await server.call('POST', `/api/v1/catalog/${SAMPLE_ID}/review`, { token: admin, body: { decision: 'approve' } })).status, 403);
    assert.equal((await server.call('GET', '/api/v1/audit', { token: admin })).status, 403);
    assert.equal((await server.call('GET', '/api/v1/users', { token: fgw })).status, 403);
    assert.equal((await server.call('POST', '/api/v1/orgs', { token: fgw, body: {} })).status, 403);
  });
});
