/**
 * Data destruction over HTTP on both databases (Sec §29 审批、记录和备案): a department's request,
 * its approver's decision (never the requester's own), the execution with rows, bytes, checksum and
 * the count afterwards, the filing with the authority; the task a table grant's end creates for the
 * consumer, its deadline and overdue flag, executed through the exchange module — with every
 * refusal (wrong role, wrong department, wrong state, live grants).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { buildJobQueue } from '../../jobs.ts';
import { buildServices } from '../../services.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { insertGrant } from '../sharing/grants.ts';
import { oversightWorld } from './test-kit.ts';

forEachDatabase('data destruction', (t) => {
  let server: TestServer;
  let now = new Date('2024-09-27T02:00:00Z');
  let w: Awaited<ReturnType<typeof oversightWorld>>;
  let queue: ReturnType<typeof buildJobQueue>;
  let id = '';
  const sweep = async () => {
    await queue.tick();
    await queue.runDue();
  };

  before(async () => {
    server = await startTestServer(t().db, { now: () => now });
    w = await oversightWorld(t().db, server, () => now);
    queue = buildJobQueue({ db: t().db, services: buildServices({ db: t().db, sessionHours: 8 }), sweepSeconds: 60, now: () => now, workerId: 'test' });
    for (let i = 1; i <= 12; i++) await sql`INSERT INTO qzk_gaj.vehicles VALUES (${`晋E${1000 + i}`}, ${'晋城市运输公司'}, ${'13800000000'})`.execute(t().db);
  });
  after(() => server.close());

  it('Sec §29 the data steward asks to destroy its own front-end data; data with live grants cannot be', async () => {
    const body = { target: 'front_table', entryId: w.entries.open, reason: '机动车登记数据迁移至省级平台，本地前置库数据清理' };
    assert.equal((await w.call('fgw.req', 'POST', '/security/destructions', body)).status, 403, 'not a data steward');
    assert.equal((await w.call('fgw', 'POST', '/security/destructions', body)).status, 404, 'another department\'s entry');
    const live = await w.call('gaj', 'POST', '/security/destructions', { ...body, entryId: w.entries.conditional });
    assert.equal(live.status, 409);
    assert.equal(live.body.error.code, 'LIVE_GRANTS');
    assert.equal((await w.call('gaj', 'POST', '/security/destructions', { ...body, entryId: w.entries.unmounted })).body.error.code, 'NOT_TABLE_MOUNT');
    const res = await w.call('gaj', 'POST', '/security/destructions', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    id = res.body.id;
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.method, 'delete_rows');
    assert.ok((await w.call('gaj.appr', 'GET', '/inbox')).body.items.some((n: any) => n.kind === 'destruction.pending'));
  });

  it('Sec §29 审批: an approver of the department other than the requester decides', async () => {
    assert.equal((await w.call('gaj', 'POST', `/security/destructions/${id}/approve`, {})).body.error.code, 'SELF_APPROVAL');
    assert.equal((await w.call('fgw', 'POST', `/security/destructions/${id}/approve`, {})).status, 404);
    assert.equal((await w.call('gaj', 'POST', `/security/destructions/${id}/execute`, {})).body.error.code, 'ILLEGAL_TRANSITION', 'not approved yet');
    const approved = await w.call('gaj.appr', 'POST', `/security/destructions/${id}/approve`, { comment: '同意，执行后留存记录' });
    assert.equal(approved.body.status, 'approved');
    assert.equal((await w.call('gaj.appr', 'POST', `/security/destructions/${id}/reject`, { comment: '改主意' })).status, 409);
  });

  it('Sec §29 记录: the steward executes; the record says how much, how, by whom, with a checksum and the count after', async () => {
    assert.equal((await w.call('gaj.appr', 'POST', `/security/destructions/${id}/execute`, {})).status, 403, 'an approver does not execute');
    const expected = (await sql<{ digest: string; bytes: number }>`SELECT md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest,
      sum(octet_length(t::text))::bigint AS bytes FROM qzk_gaj.vehicles t`.execute(t().db)).rows[0]!;
    const done = await w.call('gaj', 'POST', `/security/destructions/${id}/execute`, { note: '执行人核对后删除' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'executed');
    assert.equal(done.body.rows, 12);
    assert.equal(done.body.bytes, Number(expected.bytes));
    assert.equal(done.body.checksum, `md5:${expected.digest}`);
    assert.deepEqual({ ...done.body.verification, table: undefined }, { table: undefined, countBefore: 12, countAfter: 0, note: '执行人核对后删除' });
    assert.equal(done.body.executedBy, 'gaj');
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM qzk_gaj.vehicles`.execute(t().db);
    assert.equal(left.rows[0]!.n, 0);
    assert.equal((await w.call('gaj', 'POST', `/security/destructions/${id}/execute`, {})).status, 409);
  });

  it('Sec §29 备案: the authority of the region acknowledges the filing; the whole path is in the audit trail', async () => {
    assert.equal((await w.call('auditor', 'POST', `/security/destructions/${id}/file`, {})).status, 403);
    assert.equal((await w.call('zzx.sjj', 'POST', `/security/destructions/${id}/file`, {})).status, 404);
    const filed = await w.call('sjj', 'POST', `/security/destructions/${id}/file`, { comment: '已备案' });
    assert.equal(filed.body.status, 'filed');
    assert.equal((await w.call('auditor', 'GET', `/security/destructions/${id}`)).body.filedBy, 'sjj');
    assert.equal((await w.call('fgw', 'GET', `/security/destructions/${id}`)).status, 404);
    assert.equal((await w.call('fgw', 'GET', '/security/destructions?view=all')).status, 403);
    const audit = await t().db.selectFrom('audit_record').select(['action', 'outcome', 'detail']).where('target_id', '=', id).execute();
    assert.deepEqual(audit.filter((a) => a.outcome === 'success').map((a) => a.action), ['destruction.request', 'destruction.approve', 'destruction.execute', 'destruction.file']);
    assert.equal((audit.find((a) => a.action === 'destruction.execute')!.detail as any).rows, 12);
  });

  it('Sec §29 a rejection needs a reason; a requester may cancel a pending request', async () => {
    const files = [{ name: '2019年归档数据.zip', bytes: 1024, sha256: 'a'.repeat(64) }];
    const r = await w.call('gaj', 'POST', '/security/destructions', { target: 'files', files, reason: '超过保存期限' });
    assert.equal((await w.call('gaj.appr', 'POST', `/security/destructions/${r.body.id}/reject`, {})).status, 400);
    assert.equal((await w.call('gaj.appr', 'POST', `/security/destructions/${r.body.id}/reject`, { comment: '尚在保存期限内' })).body.status, 'rejected');
    const c = await w.call('gaj', 'POST', '/security/destructions', { target: 'files', files, reason: '重复' });
    assert.equal((await w.call('gaj', 'POST', `/security/destructions/${c.body.id}/cancel`, {})).body.status, 'cancelled');
    const f = await w.call('gaj', 'POST', '/security/destructions', { target: 'files', files, reason: '超过保存期限' });
    await w.call('gaj.appr', 'POST', `/security/destructions/${f.body.id}/approve`, {});
    const done = await w.call('gaj', 'POST', `/security/destructions/${f.body.id}/execute`, { note: '光盘已物理粉碎' });
    assert.equal(done.body.bytes, 1024);
    assert.match(done.body.checksum, /^sha256:[0-9a-f]{64}$/);
  });

  let taskId = '';
  it('Sec §29 a revoked table grant gives the consumer a destruction task due in 5 working days', async () => {
    const grantId = await insertGrant(t().db, {
      requestId: null, entryId: w.entries.conditional, providerId: w.world.orgs.gaj, consumerId: w.world.orgs.fgw, items: ['registration_no'],
      method: 'table', conditions: {}, purpose: '库表同步', scenario: '审批系统', validFrom: '2024-01-01', validUntil: '2025-12-31',
      grantedBy: 'provider', grantedByUser: null,
    });
    const live = await w.call('fgw', 'POST', '/security/destructions', { target: 'synced_copy', grantId, reason: '不再使用' });
    assert.equal(live.body.error.code, 'GRANT_LIVE');
    await w.call('gaj', 'POST', `/grants/${grantId}/revoke`, { reason: '超范围使用（第四十条）' });
    await sweep();
    const tasks = await w.call('fgw', 'GET', '/security/destructions?origin=grant_end');
    assert.equal(tasks.body.total, 1);
    const task = tasks.body.items[0];
    taskId = task.id;
    assert.equal(task.status, 'approved', 'the end of the grant is the order: no approval asked');
    assert.equal(task.dueOn, '2024-10-10', 'from Friday 09-27: 5 working days across 国庆');
    assert.equal(task.target, 'synced_copy');
    assert.ok((await w.call('fgw', 'GET', '/inbox')).body.items.some((n: any) => n.kind === 'destruction.task'));
    await sweep();
    assert.equal((await w.call('fgw', 'GET', '/security/destructions?origin=grant_end')).body.total, 1, 'one task per grant');
    assert.equal((await w.call('fgw', 'POST', '/security/destructions', { target: 'synced_copy', grantId, reason: 'x' })).body.error.code, 'TASK_EXISTS');
  });

  it('flags the task overdue, then the consumer executes it through the exchange module and it is filed', async () => {
    now = new Date('2024-10-11T02:00:00Z');
    await w.relogin();
    await sweep();
    const overdue = await w.call('sjj', 'GET', '/security/destructions?view=all&overdue=true');
    assert.deepEqual(overdue.body.items.map((d: any) => d.id), [taskId]);
    assert.ok((await w.call('sjj', 'GET', '/inbox')).body.items.some((n: any) => n.kind === 'deadline.overdue' && n.title.includes('数据销毁逾期')));
    assert.equal((await w.call('gaj', 'POST', `/security/destructions/${taskId}/execute`, {})).status, 404, 'the provider does not destroy the consumer\'s copy');
    const done = await w.call('fgw', 'POST', `/security/destructions/${taskId}/execute`, {});
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.rows, 0, 'no copy had been synced');
    assert.equal(done.body.verification.by, 'exchange.dropSyncedCopy');
    assert.equal((await w.call('sjj', 'POST', `/security/destructions/${taskId}/file`, {})).body.status, 'filed');
    const audit = await t().db.selectFrom('audit_record').select('action').where('target_id', '=', taskId).execute();
    assert.deepEqual(audit.map((a) => a.action), ['destruction.task_created', 'oversight.overdue', 'destruction.execute', 'destruction.file']);
  });
});
