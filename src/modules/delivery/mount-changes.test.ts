/**
 * 挂接变更 (§16, §17, §30(二)): a change of a mount consumers depend on waits for the authority over the
 * entry's region; meanwhile the data API keeps serving the current mount, and after approval the new one.
 * Every denial is checked as carefully as the successes.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { acceptAgreement, ITEMS, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('mount changes reviewed by the authority', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  let world: Awaited<ReturnType<typeof sharingWorld>>['world'];
  let client: GdxClient;
  let path = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const permitsV2 = { kind: 'table', schema: 'qzk_gaj', table: 'permits_v2' };
  const regs = async () => {
    const res = await client.request('GET', `${path}?limit=10`);
    const body = await res.json() as { items: { registration_no: string }[] };
    assert.equal(res.status, 200, JSON.stringify(body));
    return body.items.map((r) => r.registration_no);
  };
  const audits = async (action: string) => (await t().db.selectFrom('audit_record').select(['action', 'detail'])
    .where('action', '=', action).where('outcome', '=', 'success').execute()).length;
  const statusOf = async (user: string, id: string) => (await call(user, 'GET', `/catalog/${id}`)).body.mountStatus;

  before(async () => {
    server = await startTestServer(t().db);
    ({ tok, entries, world } = await sharingWorld(t().db, server));
    await sql.raw(`INSERT INTO qzk_gaj.permits VALUES ('OLD-1', '旧表单位', '13800000001')`).execute(t().db);
    await sql.raw('CREATE TABLE qzk_gaj.permits_v2 (registration_no text PRIMARY KEY, holder_name text, phone text)').execute(t().db);
    await sql.raw(`INSERT INTO qzk_gaj.permits_v2 VALUES ('NEW-1', '新表单位', '13900000001')`).execute(t().db);
    const r = await call('fgw', 'POST', '/requests', request(entries.conditional, { validUntil: '2027-06-30' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
    assert.ok(granted.body.grantId, JSON.stringify(granted.body));
    await acceptAgreement(server, tok.fgw!, granted.body.grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '并联审批系统' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    path = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${entries.conditional}`)).body.code)}`;
  });
  after(() => server.close());

  it('entries show 未挂接 / 已挂接 in their detail and in the lists', async () => {
    assert.equal(await statusOf('gaj', entries.unmounted), 'unmounted');
    assert.equal(await statusOf('fgw', entries.conditional), 'mounted');
    const mine = (await call('gaj', 'GET', '/catalog?view=mine&limit=50')).body.items;
    assert.equal(mine.find((e: { id: string }) => e.id === entries.unmounted).mountStatus, 'unmounted');
    assert.equal(mine.find((e: { id: string }) => e.id === entries.open).mountStatus, 'mounted');
    const shown = await call('gaj', 'GET', `/catalog/${entries.conditional}/mount`);
    assert.equal(shown.body.status, 'mounted');
    assert.equal(shown.body.pendingChange, null);
  });

  it('a change with no live grant applies at once, as before', async () => {
    const put = await call('gaj', 'PUT', `/catalog/${entries.open}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'permits' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.outcome, 'applied');
    assert.equal(put.body.config.table, 'permits');
    assert.equal(put.body.status, 'mounted');
  });

  it('the same mount while grants are live is refused in both languages; an invalid proposal is refused as a mount is', async () => {
    const same = await call('gaj', 'PUT', `/catalog/${entries.conditional}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'permits' });
    assert.equal(same.status, 400);
    assert.equal(same.body.error.code, 'MOUNT_UNCHANGED');
    assert.match(same.body.error.zh, /相同/);
    assert.match(same.body.error.en, /same as the current mount/);
    const missing = await call('gaj', 'PUT', `/catalog/${entries.conditional}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'nowhere' });
    assert.equal(missing.body.error.code, 'MOUNT_TABLE_MISSING');
    assert.equal((await call('sjj', 'GET', '/mount-changes?status=pending')).body.total, 0, 'nothing was proposed');
  });

  it('a change while grants are live waits for the authority; consumers keep the old mount meanwhile', async () => {
    assert.deepEqual(await regs(), ['OLD-1']);
    const put = await call('gaj', 'PUT', `/catalog/${entries.conditional}/mount`, permitsV2);
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.outcome, 'pending');
    assert.equal(put.body.status, 'change_pending');
    assert.equal(put.body.config.table, 'permits', 'the current mount is unchanged');
    assert.equal(put.body.pendingChange.config.table, 'permits_v2');
    assert.equal(put.body.pendingChange.proposedBy, 'gaj');
    assert.deepEqual(await regs(), ['OLD-1'], 'the consumer is served from the current mount');
    assert.equal(await statusOf('gaj', entries.conditional), 'change_pending');
    assert.equal(await statusOf('sjj', entries.conditional), 'change_pending');
    assert.equal(await statusOf('fgw', entries.conditional), 'mounted', 'a consumer sees the mount that serves it');
    const mine = (await call('gaj', 'GET', '/catalog?view=mine&limit=50')).body.items;
    assert.equal(mine.find((e: { id: string }) => e.id === entries.conditional).mountStatus, 'change_pending');
    const found = (await call('fgw', 'GET', `/catalog?q=${encodeURIComponent('特种行业许可')}`)).body.items;
    assert.equal(found.find((e: { id: string }) => e.id === entries.conditional).mountStatus, 'mounted');
    const queue = await call('sjj', 'GET', '/mount-changes?status=pending');
    assert.equal(queue.body.total, 1);
    assert.equal(queue.body.items[0].entryId, entries.conditional);
    assert.equal(queue.body.items[0].liveGrants, 1);
    assert.equal(queue.body.items[0].current.config.table, 'permits');
    assert.equal(await audits('catalog.mount.change.propose'), 1);
  });

  it('a new proposal replaces the pending one: at most one per entry', async () => {
    const again = await call('gaj', 'PUT', `/catalog/${entries.conditional}/mount`, { ...permitsV2, keyColumns: ['registration_no'] });
    assert.equal(again.body.outcome, 'pending');
    const queue = await call('sjj', 'GET', '/mount-changes?status=pending');
    assert.equal(queue.body.total, 1);
    assert.deepEqual(queue.body.items[0].config.keyColumns, ['registration_no']);
    assert.equal((await call('gaj', 'GET', '/mount-changes?status=withdrawn')).body.total, 1, 'the replaced one is withdrawn');
  });

  it('who may not decide or withdraw: other departments, consumers, the provider itself, another county\'s authority', async () => {
    const id = entries.conditional;
    for (const [user, expected] of [['fgw', 403], ['gaj', 403], ['fgw.req', 403], ['auditor', 403], ['zzx.sjj', 404]] as const) {
      const approve = await call(user, 'POST', `/catalog/${id}/mount/change/approve`);
      assert.equal(approve.status, expected, `${user} approve: ${JSON.stringify(approve.body)}`);
      assert.ok(approve.body.error.zh && approve.body.error.en);
      assert.equal((await call(user, 'POST', `/catalog/${id}/mount/change/reject`, { reason: '不同意' })).status, expected, `${user} reject`);
    }
    // Withdrawing is the provider's steward's: another department's steward does not see the change, authorities and requesters lack the role.
    for (const [user, expected] of [['fgw', 404], ['zzx.zrzyj', 404], ['sjj', 403], ['gaj.req', 403]] as const) {
      assert.equal((await call(user, 'DELETE', `/catalog/${id}/mount/change`)).status, expected, `${user} withdraw`);
    }
    assert.equal((await call('fgw', 'PUT', `/catalog/${id}/mount`, permitsV2)).status, 403, 'another department cannot propose');
    assert.equal((await call('zzx.sjj', 'GET', '/mount-changes?status=pending')).body.total, 0, 'the county authority does not see the city\'s changes');
    assert.equal((await call('fgw', 'GET', '/mount-changes')).body.total, 0, 'a department sees only its own');
    assert.equal((await call('fgw.req', 'GET', '/mount-changes')).status, 403);
    assert.equal((await call('fgw', 'GET', `/catalog/${id}/mount`)).status, 403, 'the pending change is the provider\'s and the authority\'s');
    const blank = await call('sjj', 'POST', `/catalog/${id}/mount/change/reject`, { reason: '  ' });
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error.code, 'REASON_REQUIRED');
    assert.match(blank.body.error.zh, /理由/);
    assert.equal((await call('sjj', 'POST', `/catalog/${id}/mount/change/reject`, {})).status, 400, 'no reason at all');
    assert.equal((await call('sjj', 'GET', '/mount-changes?status=pending')).body.total, 1, 'still pending after every refusal');
    assert.deepEqual(await regs(), ['OLD-1']);
  });

  it('the authority rejects with a reason: the current mount stays, the provider sees why', async () => {
    const rejected = await call('sjj', 'POST', `/catalog/${entries.conditional}/mount/change/reject`, { reason: '新表缺少近三年的数据' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.equal(rejected.body.status, 'mounted');
    assert.equal(rejected.body.pendingChange, null);
    assert.equal(rejected.body.config.table, 'permits');
    const seen = (await call('gaj', 'GET', `/catalog/${entries.conditional}/mount`)).body;
    assert.deepEqual([seen.lastRejection?.reason, seen.lastRejection?.decidedBy], ['新表缺少近三年的数据', 'sjj'], 'the steward sees why on the mount');
    const mine = await call('gaj', 'GET', '/mount-changes?status=rejected');
    assert.equal(mine.body.items[0].reason, '新表缺少近三年的数据');
    assert.equal(mine.body.items[0].decidedBy, 'sjj');
    assert.equal((await call('sjj', 'POST', `/catalog/${entries.conditional}/mount/change/approve`)).body.error.code, 'NO_PENDING_CHANGE');
    assert.equal(await audits('catalog.mount.change.reject'), 1);
    assert.deepEqual(await regs(), ['OLD-1']);
  });

  it('the provider\'s steward withdraws its pending change', async () => {
    const proposed = await call('gaj', 'PUT', `/catalog/${entries.conditional}/mount`, permitsV2);
    assert.equal(proposed.body.outcome, 'pending');
    assert.equal(proposed.body.lastRejection, null, 'a new proposal supersedes the last refusal');
    const withdrawn = await call('gaj', 'DELETE', `/catalog/${entries.conditional}/mount/change`);
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    assert.equal(withdrawn.body.lastRejection, null, 'the refusal before the withdrawn proposal is history');
    assert.equal(withdrawn.body.pendingChange, null);
    assert.equal(withdrawn.body.config.table, 'permits');
    const twice = await call('gaj', 'DELETE', `/catalog/${entries.conditional}/mount/change`);
    assert.equal(twice.status, 400);
    assert.equal(twice.body.error.code, 'NO_PENDING_CHANGE');
    assert.equal(await audits('catalog.mount.change.withdraw'), 1);
  });

  it('approval puts the proposal in place: consumers get the new mount\'s data', async () => {
    assert.equal((await call('gaj', 'PUT', `/catalog/${entries.conditional}/mount`, permitsV2)).body.outcome, 'pending');
    assert.deepEqual(await regs(), ['OLD-1']);
    const approved = await call('sjj', 'POST', `/catalog/${entries.conditional}/mount/change/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.config.table, 'permits_v2');
    assert.equal(approved.body.status, 'mounted');
    assert.equal(approved.body.mountedBy, 'gaj', 'the mount is the steward\'s, approved by the authority');
    assert.deepEqual(await regs(), ['NEW-1']);
    const events = (await call('gaj', 'GET', `/catalog/${entries.conditional}`)).body.events.map((e: { action: string }) => e.action);
    assert.ok(events.includes('mount_change_approved') && events.includes('mount_change_proposed'), events.join());
    assert.equal(await audits('catalog.mount.change.approve'), 1);
    assert.equal((await call('sjj', 'GET', '/mount-changes?status=approved')).body.total, 1);
  });

  it('a county entry\'s change is reviewed by its county\'s authority (or the city\'s), not by another region\'s', async () => {
    const e = await call('zzx.zrzyj', 'POST', '/catalog', entryBody({ name: '泽州县采矿权登记信息', items: ITEMS, storageLevel: 'county' }));
    assert.equal(e.status, 201, JSON.stringify(e.body));
    await call('zzx.zrzyj', 'POST', `/catalog/${e.body.id}/submit`);
    assert.equal((await call('zzx.sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' })).status, 200);
    await sql.raw('CREATE SCHEMA IF NOT EXISTS qzk_zrzyj').execute(t().db);
    for (const table of ['mining', 'mining_v2']) {
      await sql.raw(`CREATE TABLE qzk_zrzyj.${table} (registration_no text PRIMARY KEY, holder_name text, phone text)`).execute(t().db);
    }
    const first = await call('zzx.zrzyj', 'PUT', `/catalog/${e.body.id}/mount`, { kind: 'table', schema: 'qzk_zrzyj', table: 'mining' });
    assert.equal(first.body.outcome, 'applied', 'a first mount applies at once');
    // A live grant held by fgw (what the sharing flow would leave).
    await t().db.insertInto('share_grant').values({
      entry_id: e.body.id, provider_id: world.orgs.zrzyj, consumer_id: world.orgs.fgw, items: ['registration_no'], method: 'api',
      conditions: JSON.stringify({}), purpose: '项目审批', scenario: '并联审批', valid_from: '2026-01-01', valid_until: '2027-12-31',
      status: 'suspended', granted_by: 'provider',
    }).execute();
    assert.equal((await call('zzx.zrzyj', 'PUT', `/catalog/${e.body.id}/mount`, { kind: 'table', schema: 'qzk_zrzyj', table: 'mining_v2' })).body.outcome, 'pending',
      'a suspended grant is live: it may be resumed');
    assert.equal((await call('zzx.sjj', 'GET', '/mount-changes?status=pending')).body.total, 1);
    assert.equal((await call('sjj', 'GET', '/mount-changes?status=pending')).body.total, 1, 'the city authority covers the counties');
    assert.equal(await statusOf('zzx.sjj', e.body.id), 'change_pending');
    assert.equal(await statusOf('gaj', e.body.id), 'mounted');
    const approved = await call('zzx.sjj', 'POST', `/catalog/${e.body.id}/mount/change/approve`);
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.config.table, 'mining_v2');
  });
});
