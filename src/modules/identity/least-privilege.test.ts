/**
 * Least privilege (security rules §13–§14): walked from the OpenAPI document, so a new route is
 * covered the day it is added — the super admin is refused every business route, business users
 * every route only the super admin may call, and each refusal is on the audit trail. Then the
 * stories behind it: the operator's own department's drafts and grants stay closed to them; role
 * changes are made with a reason and recorded; the access review shows accounts and changes.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { isOwnAccountRoute, OPERATOR_USER_ROUTES } from '../../domain/access/separation.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody, make } from '../../testing/make.ts';

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
/** Signed by consumer apps, not called with a login. */
const APP_ROUTE = /^\/api\/v1\/(data|verify|files)\//;
const PUBLIC = new Set(['GET /api/v1/health', 'POST /api/v1/auth/login', 'POST /api/v1/auth/login/totp', 'GET /api/v1/catalog/template.xlsx',
  'GET /api/v1/audit/public-key', 'GET /api/v1/docs/{name}']);
/**
 * Routes the operator shares with oversight roles, reviewed one by one: they show no business data.
 * A new one fails the walk until it is looked at and listed here.
 */
const SHARED_WITH_OVERSIGHT = new Map([
  ['GET /api/v1/security/keys', 'platform key ids and rotation dates, no data (security rules §23)'],
]);
/** Fastify's pattern of an OpenAPI path: /orgs/{id} → /orgs/:id. */
const fastifyUrl = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

forEachDatabase('least privilege', (t) => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof basicWorld>>;
  const tok: Record<string, string> = {};
  let routes: { method: string; path: string }[] = [];
  let seq = 0;
  const call = (user: string, method: string, path: string, body?: unknown) => {
    const requestId = `lp-${String(++seq).padStart(8, '0')}`;
    return server.call(method, path, { token: tok[user], body: body ?? (method === 'GET' ? undefined : {}), headers: { 'x-request-id': requestId } })
      .then((res) => ({ ...res, requestId }));
  };
  const deniedAudits = async (requestIds: string[]) => {
    if (requestIds.length === 0) return new Set<string>();
    const rows = await t().db.selectFrom('audit_record').select('request_id')
      .where('request_id', 'in', requestIds).where('outcome', '=', 'denied').execute();
    return new Set(rows.map((r) => r.request_id));
  };

  before(async () => {
    world = await basicWorld(t().db);
    await make.user(t().db, { username: 'sjj.sec', org_id: world.orgs.sjj, roles: ['security_officer'] });
    await make.user(t().db, { username: 'fgw.sec', org_id: world.orgs.fgw, roles: ['security_officer'] });
    await make.user(t().db, { username: 'sjj.editor', org_id: world.orgs.sjj, roles: ['catalog_editor', 'data_steward', 'requester'] });
    server = await startTestServer(t().db);
    for (const u of ['admin', 'sjj', 'fgw', 'fgw.req', 'auditor', 'sjj.sec', 'fgw.sec', 'sjj.editor']) tok[u] = await server.login(u);
    const doc = (await server.call('GET', '/api/openapi.json')).body;
    routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m)).map((m) => ({ method: m.toUpperCase(), path })))
      .filter((r) => !PUBLIC.has(`${r.method} ${r.path}`) && !APP_ROUTE.test(r.path) && !(r.method === 'POST' && r.path === '/api/v1/auth/logout'));
  });
  after(() => server.close());

  it('refuses the super admin every business route and business users every operator route, auditing each refusal (security rules §13–§14, §17)', async () => {
    assert.ok(routes.length > 30, `found ${routes.length} routes`);
    const operatorOnly: string[] = [];
    const deniedIds: string[] = [];
    for (const r of routes) {
      const res = await call('admin', r.method, r.path.replace(/\{[^}]+\}/g, SAMPLE_ID));
      const pattern = `${r.method} ${fastifyUrl(r.path)}`;
      if (res.status === 403) {
        assert.ok(['ROLE_REQUIRED', 'OPERATOR_NO_BUSINESS_ACCESS'].includes(res.body.error.code), `${pattern}: ${res.body.error.code}`);
        deniedIds.push(res.requestId);
        continue;
      }
      if (isOwnAccountRoute(fastifyUrl(r.path)) || OPERATOR_USER_ROUTES.has(pattern)) continue;
      operatorOnly.push(pattern);
    }
    for (const must of ['POST /api/v1/orgs', 'GET /api/v1/users', 'POST /api/v1/users', 'PUT /api/v1/users/:id/roles', 'POST /api/v1/users/:id/password']) {
      assert.ok(operatorOnly.includes(must), `${must} is the operator's`);
    }
    for (const must of ['GET /api/v1/catalog', 'GET /api/v1/catalog/{id}', 'GET /api/v1/grants', 'GET /api/v1/requests', 'POST /api/v1/requests/{id}/compliance-review', 'GET /api/v1/audit']) {
      const [method, path] = must.split(' ');
      const res = await call('admin', method!, path!.replace(/\{[^}]+\}/g, SAMPLE_ID), method === 'POST' ? { decision: 'pass' } : undefined);
      assert.equal(res.status, 403, must);
      deniedIds.push(res.requestId);
    }
    const audited = await deniedAudits(deniedIds);
    assert.deepEqual(deniedIds.filter((id) => !audited.has(id)), [], 'every refusal of the super admin is audited');

    const businessIds: string[] = [];
    const shared = new Set<string>();
    for (const pattern of operatorOnly) {
      const [method, url] = pattern.split(' ') as [string, string];
      for (const user of ['sjj', 'fgw', 'fgw.req', 'sjj.editor', 'auditor', 'sjj.sec']) {
        const res = await call(user, method, url.replace(/:[^/]+/g, SAMPLE_ID));
        if (res.status !== 403) {
          shared.add(pattern);
          continue;
        }
        assert.equal(res.body.error.code, 'ROLE_REQUIRED');
        businessIds.push(res.requestId);
      }
    }
    assert.deepEqual([...shared].sort(), [...SHARED_WITH_OVERSIGHT.keys()].sort(), 'routes open to the operator and to others are only the reviewed ones');
    const businessAudited = await deniedAudits(businessIds);
    assert.deepEqual(businessIds.filter((id) => !businessAudited.has(id)), [], 'every refusal of a business user is audited');
  });

  it('keeps the operator out of their own department\'s drafts and grants (security rules §13)', async () => {
    const draft = await call('sjj.editor', 'POST', '/api/v1/catalog', entryBody({ name: '大数据局内部台账' }));
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    assert.equal((await call('sjj.editor', 'GET', `/api/v1/catalog/${draft.body.id}`)).status, 200, 'the department sees its draft');
    const seen = await call('admin', 'GET', `/api/v1/catalog/${draft.body.id}`);
    assert.equal(seen.status, 403);
    assert.equal(seen.body.error.code, 'OPERATOR_NO_BUSINESS_ACCESS');
    assert.match(seen.body.error.zh, /安全细则第十三条/);
    assert.equal((await call('admin', 'GET', '/api/v1/grants?view=mine')).status, 403);
    assert.equal((await call('admin', 'GET', '/api/v1/access-records')).status, 403);
    const audit = await t().db.selectFrom('audit_record').select(['action', 'detail']).where('request_id', '=', seen.requestId).executeTakeFirstOrThrow();
    assert.equal(audit.action, 'access.denied');
    assert.equal((audit.detail as { route: string }).route, 'GET /api/v1/catalog/:id');
  });

  it('changes roles only with a reason, never one\'s own, and records who gave which role to whom', async () => {
    const target = world.users.fgwViewer.id;
    const noReason = await call('admin', 'PUT', `/api/v1/users/${target}/roles`, { roles: ['requester', 'data_steward'], reason: ' ' });
    assert.equal(noReason.status, 400);
    const mixed = await call('admin', 'PUT', `/api/v1/users/${target}/roles`, { roles: ['auditor', 'requester'], reason: '兼任' });
    assert.equal(mixed.status, 400, 'separation of duties still holds (§14)');
    const own = await call('admin', 'PUT', `/api/v1/users/${world.users.admin.id}/roles`, { roles: ['authority'], reason: '自行提权' });
    assert.equal(own.status, 403);
    assert.equal(own.body.error.code, 'OWN_ROLES');
    assert.equal((await call('fgw', 'PUT', `/api/v1/users/${target}/roles`, { roles: ['approver'], reason: 'x' })).status, 403);

    assert.equal((await call('fgw.req', 'GET', '/api/v1/apps')).status, 200, 'a requester lists the department\'s apps');
    assert.equal((await call('fgw.req', 'POST', '/api/v1/apps', { name: '审批系统' })).status, 403, 'but may not register one');
    const changed = await call('admin', 'PUT', `/api/v1/users/${target}/roles`, { roles: ['requester', 'data_steward'], reason: '兼任本部门数据管理员' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual(changed.body.roles, ['requester', 'data_steward']);
    assert.equal((await call('fgw.req', 'POST', '/api/v1/apps', { name: '审批系统' })).status, 201, 'the new role applies at once');

    const row = await t().db.selectFrom('role_change').selectAll().where('user_id', '=', target).executeTakeFirstOrThrow();
    assert.deepEqual([row.before, row.after, row.changed_by, row.reason], [['requester'], ['requester', 'data_steward'], world.users.admin.id, '兼任本部门数据管理员']);
    const audit = await t().db.selectFrom('audit_record').select(['actor_name', 'detail']).where('action', '=', 'user.roles.change').where('outcome', '=', 'success').executeTakeFirstOrThrow();
    assert.equal(audit.actor_name, 'admin');
    assert.deepEqual((audit.detail as Record<string, unknown>).after, ['requester', 'data_steward']);
    const refused = await t().db.selectFrom('audit_record').select(['actor_name', 'detail']).where('action', '=', 'user.roles.change').where('outcome', '=', 'denied').execute();
    const onThese = refused.filter((r) => [target, world.users.admin.id].some((id) => String((r.detail as { url: string }).url).includes(id)));
    assert.deepEqual(onThese.map((r) => r.actor_name).sort(), ['admin', 'fgw']);
  });

  it('shows security officers and auditors the accounts in their scope, role changes and inactivity, and records a review', async () => {
    const long = new Date(Date.now() - 120 * 86_400_000);
    await t().db.updateTable('app_user').set({ created_at: long } as never).where('username', '=', 'zzx.zrzyj').execute();
    const view = await call('sjj.sec', 'GET', '/api/v1/security/access-review');
    assert.equal(view.status, 200, JSON.stringify(view.body));
    const byName = new Map(view.body.users.map((u: any) => [u.username, u]));
    assert.ok(byName.size >= 11, 'the city authority\'s security officer sees every account');
    assert.ok((byName.get('fgw') as any).lastLoginAt, 'last login is shown');
    assert.equal((byName.get('zzx.zrzyj') as any).inactive, true, 'never used in 120 days: inactive');
    assert.equal((byName.get('fgw') as any).inactive, false);
    assert.deepEqual((byName.get('fgw.req') as any).roles, ['requester', 'data_steward']);
    const change = view.body.roleChanges.find((c: any) => c.username === 'fgw.req');
    assert.deepEqual([change.changedBy, change.before, change.after], ['admin', ['requester'], ['requester', 'data_steward']]);
    assert.equal(view.body.reviewOverdue, true, 'no review yet: one is due');

    const dept = await call('fgw.sec', 'GET', '/api/v1/security/access-review');
    assert.deepEqual([...new Set(dept.body.users.map((u: any) => u.orgName))], ['晋城市发展和改革委员会'], 'a department\'s officer sees its own accounts');

    assert.equal((await call('admin', 'GET', '/api/v1/security/access-review')).status, 403, 'the operator does not review itself');
    assert.equal((await call('fgw', 'GET', '/api/v1/security/access-review')).status, 403);
    assert.equal((await call('sjj.sec', 'POST', '/api/v1/security/access-reviews', { remarks: '' })).status, 400);
    const recorded = await call('sjj.sec', 'POST', '/api/v1/security/access-reviews', { remarks: '季度复核：zzx.zrzyj 长期未登录，建议停用' });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    assert.equal(recorded.body.reviewer, 'sjj.sec');
    assert.ok(recorded.body.summary.inactive >= 1);
    assert.ok(recorded.body.summary.roleChangesSinceLastReview >= 1);
    const byAuditor = await call('auditor', 'GET', '/api/v1/security/access-review');
    assert.equal(byAuditor.body.reviews[0].remarks, '季度复核：zzx.zrzyj 长期未登录，建议停用');
    assert.equal(byAuditor.body.reviewOverdue, false);
    const audit = await t().db.selectFrom('audit_record').select('actor_name').where('action', '=', 'access_review.record').where('outcome', '=', 'success').execute();
    assert.deepEqual(audit.map((a) => a.actor_name), ['sjj.sec']);
  });
});
