/**
 * Deadlines that run themselves, on both databases: grants expire (§31), idle grants are flagged
 * (§31), a step is reminded one working day before its deadline and marked overdue after it
 * (§28, §30), notifications go out by webhook — all through the real job queue.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, it } from 'node:test';
import { buildJobQueue } from '../../jobs.ts';
import { buildServices } from '../../services.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { webhookOutbound } from '../inbox/webhook.ts';
import { request, sharingWorld } from './test-kit.ts';

forEachDatabase('deadline sweeps', (t) => {
  let server: TestServer;
  let hook: Server;
  const received: any[] = [];
  let now = new Date('2024-03-04T02:00:00Z'); // Monday
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  let queue: ReturnType<typeof buildJobQueue>;
  const sweep = async () => {
    await queue.tick();
    return queue.runDue();
  };

  before(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const port = (hook.address() as { port: number }).port;
    server = await startTestServer(t().db, { now: () => now, outbound: webhookOutbound });
    ({ tok, entries } = await sharingWorld(t().db, server));
    queue = buildJobQueue({
      db: t().db, services: buildServices({ db: t().db, sessionHours: 8 }), sweepSeconds: 60,
      webhookUrl: `http://127.0.0.1:${port}/notify`, now: () => now, workerId: 'test-worker',
    });
  });
  after(async () => {
    await server.close();
    await new Promise((r) => hook.close(r));
  });

  it('§28 reminds the authority one working day before the review deadline, then marks it overdue', async () => {
    const created = await call('fgw', 'POST', '/requests', request(entries.conditional));
    assert.equal(created.body.steps[0].dueOn, '2024-03-06');
    await sweep();
    let step = (await t().db.selectFrom('share_request_step').selectAll().where('request_id', '=', created.body.id).executeTakeFirstOrThrow());
    assert.equal(step.warned_at, null, 'two working days left: no reminder yet');
    now = new Date('2024-03-05T02:00:00Z');
    await sweep();
    step = (await t().db.selectFrom('share_request_step').selectAll().where('request_id', '=', created.body.id).executeTakeFirstOrThrow());
    assert.ok(step.warned_at, 'one working day left: reminded');
    now = new Date('2024-03-07T01:00:00Z');
    await sweep();
    step = (await t().db.selectFrom('share_request_step').selectAll().where('request_id', '=', created.body.id).executeTakeFirstOrThrow());
    assert.ok(step.overdue_at, 'past 24:00 of 03-06: overdue');
    const kinds = (await t().db.selectFrom('notification').select('kind').execute()).map((n) => n.kind);
    assert.equal(kinds.filter((k) => k === 'deadline.due_soon').length >= 1, true);
    assert.equal(kinds.filter((k) => k === 'deadline.overdue').length >= 1, true);
    await sweep();
    const overdueAudits = await t().db.selectFrom('audit_record').select('id').where('action', '=', 'deadline.overdue').execute();
    assert.equal(overdueAudits.length, 1, 'marked once, not on every sweep');
  });

  it('§31 a grant past its end expires by itself and stops working at once', async () => {
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
    const created = await call('fgw', 'POST', '/requests', request(entries.open, { validUntil: '2024-03-08' }));
    const granted = await call('sjj', 'POST', `/requests/${created.body.id}/compliance-review`, { decision: 'pass' });
    const grantId = granted.body.grantId;
    const { grants } = buildServices({ db: t().db, sessionHours: 8, now: () => now });
    await grants.assertLive(t().db, grantId, now);
    now = new Date('2024-03-08T15:59:00Z'); // 23:59 in 晋城 on the last day
    await sweep();
    assert.equal((await call('fgw', 'GET', `/grants/${grantId}`)).status, 401, 'sessions from days ago have expired');
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
    assert.equal((await call('fgw', 'GET', `/grants/${grantId}`)).body.status, 'active');
    now = new Date('2024-03-08T16:00:01Z'); // 00:00:01 on 03-09
    await assert.rejects(grants.assertLive(t().db, grantId, now), (err: any) => err.code === 'GRANT_NOT_LIVE' && err.status === 403, 'no grace period before the sweep');
    await sweep();
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
    assert.equal((await call('fgw', 'GET', `/grants/${grantId}`)).body.status, 'expired');
  });

  it('§31 flags a grant unused for more than three months; the provider may then revoke it', async () => {
    const created = await call('zzx.zrzyj', 'POST', '/requests', request(entries.open, { validUntil: '2025-12-31' }));
    const granted = await call('sjj', 'POST', `/requests/${created.body.id}/compliance-review`, { decision: 'pass' });
    const grantId = granted.body.grantId;
    now = new Date('2024-06-10T02:00:00Z');
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
    await sweep();
    const g = await call('gaj', 'GET', `/grants/${grantId}`);
    assert.equal(g.body.idle, true);
    const flagged = await t().db.selectFrom('notification').select('kind').where('kind', '=', 'grant.idle').execute();
    assert.ok(flagged.length >= 1);
    assert.equal((await call('zzx.zrzyj', 'POST', `/grants/${grantId}/revoke`, { reason: '自己收回' })).status, 403, 'the consumer does not revoke');
    const revoked = await call('gaj', 'POST', `/grants/${grantId}/revoke`, { reason: '超过三个月未使用（第三十一条）' });
    assert.equal(revoked.body.status, 'revoked');
  });

  it('delivers notifications to the webhook', async () => {
    await sweep();
    assert.ok(received.length > 0, 'the city messaging system received notifications');
    const first = received[0].notifications[0];
    assert.ok(first.id && first.title && first.recipient.username);
    const failed = await t().db.selectFrom('job').select(['kind', 'status', 'last_error']).where('status', '=', 'failed').execute();
    assert.deepEqual(failed, []);
  });
});
