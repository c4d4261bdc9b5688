/** The demo world seeds once, through the real services, on both databases. */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase } from '../testing/databases.ts';
import { startTestServer, type TestServer } from '../testing/http.ts';
import { DEMO_ENTRIES } from './entries.ts';
import { rowsFor } from './rows.ts';
import { seedDemoIfEmpty } from './seed.ts';

const PASSWORD = 'Demo-passw0rd';
const quiet = { info() {} };

forEachDatabase('demo world seed', (t) => {
  let server: TestServer;
  before(async () => {
    const result = await seedDemoIfEmpty(t().db, { password: PASSWORD, log: quiet });
    assert.equal(result.seeded, true);
    server = await startTestServer(t().db);
  });
  after(() => server.close());

  it('creates the demo users of the issue, who can log in', async () => {
    for (const u of ['admin', 'sjj', 'zzx.sjj', 'auditor', 'fgw', 'jtj', 'gaj', 'wlj', 'sthjj', 'scjgj', 'spj', 'gzw', 'yjj', 'zzx.zrzyj']) {
      assert.ok(await server.login(u, PASSWORD), u);
    }
  });

  it('seeds only once', async () => {
    const again = await seedDemoIfEmpty(t().db, { password: PASSWORD, log: quiet });
    assert.equal(again.seeded, false);
    const { n } = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM catalog_entry`.execute(t().db)).rows[0]!;
    assert.equal(n, DEMO_ENTRIES.length);
  });

  it('brings each entry to its planned status; published ones carry unified codes (§13)', async () => {
    const rows = await t().db.selectFrom('catalog_entry').select(['name', 'status', 'code']).execute();
    const planned = DEMO_ENTRIES.map((e) => e.status === 'published' && e.key === 'groundwater-monitoring-wells' ? 'withdrawing' : e.status).sort();
    assert.deepEqual(rows.map((r) => r.status).sort(), planned);
    for (const r of rows.filter((x) => x.status === 'published' || x.status === 'withdrawing')) {
      assert.match(r.code ?? '', /^[123]\d{5}\/\d{6}$/, r.name);
    }
  });

  it('loads every entry\'s rows into its department\'s 前置库', async () => {
    const projects = await sql<{ n: number }>`SELECT count(*)::int AS n FROM qzk_fgw.key_projects_2024`.execute(t().db);
    assert.equal(projects.rows[0]!.n, 198);
    const people = await sql<{ n: number }>`SELECT count(*)::int AS n FROM qzk_gaj.population`.execute(t().db);
    assert.equal(people.rows[0]!.n, rowsFor('population').length);
  });

  it('has sharing requests in every state, some due soon and some overdue; grants near expiry and idle; an objection; a dispute', async () => {
    const token = await server.login('auditor', PASSWORD);
    const all = await server.call('GET', '/api/v1/requests?view=all&limit=200', { token });
    const statuses = new Set(all.body.items.map((r: any) => r.status));
    for (const s of ['reviewing', 'returned', 'rejected', 'forwarded', 'granted', 'refused', 'negotiation', 'coordination', 'cancelled']) {
      assert.ok(statuses.has(s), `a request ${s}`);
    }
    const open = all.body.items.flatMap((r: any) => r.steps.filter((s: any) => s.status === 'open' && s.dueAt));
    assert.ok(open.some((s: any) => s.overdue), 'one overdue');
    assert.ok(open.some((s: any) => s.dueSoon), 'one due within a working day');
    assert.ok(open.some((s: any) => s.kind === 'provider_reply' && !s.overdue), 'one with the provider');
    const grants = (await server.call('GET', '/api/v1/grants?view=all', { token })).body.items;
    assert.ok(grants.some((g: any) => g.idle), 'an idle grant (§31)');
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    assert.ok(grants.some((g: any) => g.validUntil <= soon && g.status === 'active'), 'a grant near its end');
    const objections = (await server.call('GET', '/api/v1/objections?view=all', { token })).body.items;
    assert.equal(objections.filter((o: any) => o.status === 'open').length, 1);
  });

  it('has live deadlines: an overdue §12 change event and a running one; a §19 withdrawal waiting', async () => {
    const token = await server.login('sjj', PASSWORD);
    const events = await server.call('GET', '/api/v1/change-events?state=open', { token });
    assert.deepEqual(events.body.items.map((e: any) => e.state).sort(), ['open', 'overdue']);
    const w = await server.call('GET', '/api/v1/withdrawals?status=pending', { token });
    assert.equal(w.body.total, 1);
  });
  it('has a file-mounted entry with a live 文件 grant for fgw, who downloads a traced CSV and the PDF (§17)', async () => {
    const token = await server.login('fgw', PASSWORD);
    const grants = (await server.call('GET', '/api/v1/grants', { token })).body.items;
    const grant = grants.find((g: any) => g.method === 'file' && g.status === 'active' && g.entryName === '铸造高炉产能置换方案公示');
    assert.ok(grant, 'a live file grant');
    const list = await server.call('GET', `/api/v1/grants/${grant.id}/files`, { token });
    assert.equal(list.status, 200, JSON.stringify(list.body));
    assert.deepEqual(list.body.files.map((f: any) => [f.kind, f.deliverable]).sort(), [['csv', true], ['pdf', true]]);
    const csv = list.body.files.find((f: any) => f.kind === 'csv');
    assert.equal(csv.structured, true, 'its header names the entry\'s items');
    const res = await fetch(`${server.url}/api/v1/grants/${grant.id}/files/${csv.id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[0]!, /^# GDX-TRACE grant=/);
    assert.equal(lines[1]!.split(',').length, grant.items.length, 'the granted items only');
    const pdf = await fetch(`${server.url}/api/v1/grants/${grant.id}/files/${list.body.files.find((f: any) => f.kind === 'pdf').id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.ok(pdf.headers.get('x-gdx-trace'));
    await pdf.arrayBuffer();
  });
});
