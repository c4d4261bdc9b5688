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
});
