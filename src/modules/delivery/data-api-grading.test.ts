/**
 * The data API masks a sensitive item that names no masking rule by the grading rule set in force
 * (security rules §16, §25, §27), on both databases: the authority's edit applies at once in the
 * process that saved it, and within a second in every other process (grading-in-force.ts).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import type { GradingRuleSet } from '../../domain/grading/index.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { GradingInForce, RECHECK_MS } from '../security/grading-in-force.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('data API under the grading rule set in force', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let client: GdxClient;
  let path = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const firstRow = async () => {
    const res = await client.request('GET', `${path}?limit=1`);
    const body = await res.json() as { items: Array<Record<string, unknown>> };
    assert.equal(res.status, 200, JSON.stringify(body));
    return body.items[0]!;
  };
  /** Saves the rule set in force, changed by `change`, as `user`. */
  const editRules = async (user: string, change: (rules: GradingRuleSet) => void) => {
    const current = await call(user, 'GET', '/security/grading');
    const rules: GradingRuleSet = structuredClone(current.body.rules);
    change(rules);
    return call(user, 'PUT', '/security/grading', { rules, baseVersion: current.body.version, comment: '调整手机号默认脱敏' });
  };

  before(async () => {
    server = await startTestServer(t().db);
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    await sql`INSERT INTO qzk_gaj.permits VALUES ('JC-0001', '张三丰', '13800000001')`.execute(t().db);
    // An entry catalogued before MASKING_REQUIRED, or received by cascade: its 联系电话 is marked sensitive
    // but names no masking rule. The catalog refuses to publish such an entry today, so it is written here.
    const versions = await t().db.selectFrom('catalog_entry_version').select(['entry_id', 'version', 'body'])
      .where('entry_id', '=', world.entries.conditional).execute();
    for (const v of versions) {
      const body = v.body as unknown as CatalogEntryBody;
      const items = body.items.map(({ masking: _m, maskingParam: _p, ...item }) => item);
      await t().db.updateTable('catalog_entry_version').set({ body: JSON.stringify({ ...body, items }) })
        .where('entry_id', '=', v.entry_id).where('version', '=', v.version).execute();
    }
    const r = await call('fgw', 'POST', '/requests', request(world.entries.conditional, { items: ['registration_no', 'phone'], validUntil: '2027-06-30' }));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
    assert.ok(granted.body.grantId, JSON.stringify(granted.body));
    await acceptAgreement(server, tok.fgw!, granted.body.grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    path = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.conditional}`)).body.code)}`;
  });
  after(() => server.close());

  it('Sec §16/§27: masks by the default in force — the edited one from the next call on, not the built-in one', async () => {
    assert.deepEqual(await firstRow(), { registration_no: 'JC-0001', phone: '138****0001' }, 'built-in default: 手机号脱敏');

    const denied = await editRules('fgw', (r) => { r.sensitiveTypes.phone = { minGrade: 1, masking: 'none' as never }; });
    assert.equal(denied.status, 403, 'only the city authority edits the rules');
    assert.equal((await firstRow()).phone, '138****0001', 'a refused edit changes nothing');

    const saved = await editRules('sjj', (r) => { r.sensitiveTypes.phone = { minGrade: 1, masking: 'keep_first', maskingParam: 3 }; });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(await firstRow(), { registration_no: 'JC-0001', phone: '138********' }, 'the edited default applies at once');

    const stricter = await editRules('sjj', (r) => { r.sensitiveTypes.phone = { minGrade: 2, masking: 'redact' }; });
    assert.equal(stricter.status, 200, JSON.stringify(stricter.body));
    assert.equal((await firstRow()).phone, '***');
  });

  it('Sec §16: another process holds the set for at most a second, then reads the saved version', async () => {
    let clock = 0;
    const elsewhere = new GradingInForce({ db: t().db, clock: () => clock });
    const held = await elsewhere.current();
    const saved = await editRules('sjj', (r) => { r.sensitiveTypes.phone = { minGrade: 1, masking: 'keep_last', maskingParam: 4 }; });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    clock += RECHECK_MS - 1;
    assert.equal((await elsewhere.current()).version, held.version, 'within the second the held set serves, unread');
    clock += 1;
    const seen = await elsewhere.current();
    assert.equal(seen.version, saved.body.version);
    assert.deepEqual(seen.rules.sensitiveTypes.phone, { minGrade: 1, masking: 'keep_last', maskingParam: 4 });
    assert.equal((await firstRow()).phone, '*******0001', 'and this process already delivers by it');
  });
});
