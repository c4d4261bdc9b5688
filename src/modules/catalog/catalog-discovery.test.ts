/**
 * Discovery (§27) over HTTP on both databases: Chinese keyword search, facets, the three columns,
 * paging — and that nobody finds what they may not see.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { departmentNames, indexTerms } from '../../domain/search/terms.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody } from '../../testing/make.ts';
import { rebuildSearchDocs, searchDoc, SEARCH_DOC_VERSION } from './store.ts';

forEachDatabase('catalog discovery', (t) => {
  let server: TestServer;
  const tok: Record<string, string> = {};
  const call = (user: string, path: string) => server.call('GET', `/api/v1${path}`, { token: tok[user] });
  const publish = async (user: string, body: Record<string, unknown>) => {
    const e = await server.call('POST', '/api/v1/catalog', { token: tok[user], body });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    await server.call('POST', `/api/v1/catalog/${e.body.id}/submit`, { token: tok[user] });
    const reviewer = user === 'zzx.zrzyj' ? 'zzx.sjj' : 'sjj';
    const p = await server.call('POST', `/api/v1/catalog/${e.body.id}/review`, { token: tok[reviewer], body: { decision: 'approve' } });
    assert.equal(p.status, 200, JSON.stringify(p.body));
    return e.body.id as string;
  };

  before(async () => {
    await basicWorld(t().db);
    // The short name the demo world and the gazette give the department (src/demo/departments.ts).
    await t().db.updateTable('org').set({ short_name: '市发展改革委' }).where('key', '=', 'fgw').execute();
    server = await startTestServer(t().db);
    for (const u of ['fgw', 'gaj', 'sjj', 'zzx.sjj', 'zzx.zrzyj', 'auditor']) tok[u] = await server.login(u);
    await publish('fgw', entryBody({
      name: '2024年省市重点工程项目名单', summary: '晋城市2024年省市重点工程项目', shareType: 'unconditional', shareScope: undefined,
      format: 'xlsx', shareMethod: 'file', updateCycle: 'yearly', grade: 1, openType: 'open', openMethod: '下载',
      items: [{ name: 'project_name', label: '项目名称', type: 'string', length: 200 }, { name: 'location', label: '建设地点', type: 'string', length: 100 }],
    }));
    await publish('gaj', entryBody({
      name: '互联网租赁自行车运营数据', summary: '市区共享单车实时运营', updateCycle: 'realtime',
      category: { kind: 'theme', item: '03', subItem: '001' },
    }));
    await publish('zzx.zrzyj', entryBody({ name: '泽州县地质灾害隐患点', storageLevel: 'county', summary: '隐患点位置与等级' }));
    // A draft of 市发展改革委 that nobody else may find.
    await server.call('POST', '/api/v1/catalog', { token: tok.fgw, body: entryBody({ name: '内部草稿重点工程调度' }) });
  });
  after(() => server.close());

  it('§27 finds entries by a Chinese fragment of the name, a data item or the summary', async () => {
    const byName = await call('gaj', `/catalog?q=${encodeURIComponent('重点工程')}`);
    assert.deepEqual(byName.body.items.map((i: any) => i.name), ['2024年省市重点工程项目名单']);
    const byItem = await call('gaj', `/catalog?q=${encodeURIComponent('建设地点')}`);
    assert.equal(byItem.body.total, 1);
    const bySummary = await call('fgw', `/catalog?q=${encodeURIComponent('共享单车')}`);
    assert.deepEqual(bySummary.body.items.map((i: any) => i.name), ['互联网租赁自行车运营数据']);
    const none = await call('fgw', `/catalog?q=${encodeURIComponent('文物')}`);
    assert.equal(none.body.total, 0);
  });

  const names = async (user: string, q: string) =>
    (await call(user, `/catalog?q=${encodeURIComponent(q)}`)).body.items.map((i: any) => i.name);

  it('§27 finds a department\'s entries by its full name, its short name and its common abbreviation', async () => {
    for (const q of ['晋城市发展和改革委员会', '市发展改革委', '发展改革委', '发改委']) {
      assert.deepEqual(await names('gaj', q), ['2024年省市重点工程项目名单'], q);
    }
    assert.deepEqual(await names('fgw', '市公安局'), ['互联网租赁自行车运营数据']);
    assert.deepEqual(await names('fgw', '市监局'), [], 'no department of this world is 市场监管');
  });

  it('rebuilds the search documents an earlier start built by older rules, so they find short names too', async () => {
    const db = t().db;
    // What the first indexing rules stored: the provider by its full name only (a database of an earlier `npm start`).
    const orgs = await db.selectFrom('org').select(['id', 'name', 'short_name']).execute();
    for (const o of orgs) {
      const full = new Set(indexTerms(o.name));
      const added = indexTerms(departmentNames(o.name, o.short_name)).filter((term) => !full.has(term));
      await sql`UPDATE catalog_entry_version v SET search_doc = ts_delete(v.search_doc, ${added}::text[]), search_version = 1
        FROM catalog_entry e WHERE e.id = v.entry_id AND e.provider_id = ${o.id}`.execute(db);
    }
    assert.deepEqual(await names('gaj', '发改委'), [], 'the old documents do not know the abbreviation');
    assert.deepEqual(await names('gaj', '晋城市发展和改革委员会'), ['2024年省市重点工程项目名单']);

    const versions = (await db.selectFrom('catalog_entry_version').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    assert.equal(await rebuildSearchDocs(db, 2), Number(versions), 'every version, published and draft, in batches');
    assert.equal(await rebuildSearchDocs(db), 0, 'nothing left to rebuild at the next start');
    for (const q of ['市发展改革委', '发改委']) assert.deepEqual(await names('gaj', q), ['2024年省市重点工程项目名单'], q);
    assert.equal((await call('fgw', `/catalog?view=mine&q=${encodeURIComponent('发改委')}`)).body.total, 2, 'the draft too');

    const rows = await db.selectFrom('catalog_entry_version as v').innerJoin('catalog_entry as e', 'e.id', 'v.entry_id')
      .innerJoin('org as o', 'o.id', 'e.provider_id')
      .select(['v.body', 'v.search_version', sql<string>`v.search_doc::text`.as('doc'), 'o.name', 'o.short_name']).execute();
    for (const r of rows) {
      assert.equal(r.search_version, SEARCH_DOC_VERSION);
      const fresh = (await sql<{ doc: string }>`SELECT (${searchDoc(r.body as any, { name: r.name, shortName: r.short_name })})::text AS doc`.execute(db)).rows[0]!.doc;
      assert.equal(r.doc, fresh, 'the same document a save writes today');
    }
  });

  it('never shows another department\'s draft, in results or in counts', async () => {
    for (const user of ['gaj', 'sjj', 'auditor']) {
      const res = await call(user, `/catalog?q=${encodeURIComponent('内部草稿')}`);
      assert.equal(res.body.total, 0, user);
    }
    const mine = await call('fgw', `/catalog?view=mine&q=${encodeURIComponent('内部草稿')}`);
    assert.equal(mine.body.total, 1);
    assert.equal(mine.body.items[0].status, 'draft');
  });

  it('counts facets with the other filters applied, labelled in Chinese', async () => {
    const all = await call('auditor', '/catalog');
    assert.equal(all.body.total, 3);
    const share = Object.fromEntries(all.body.facets.shareType.map((f: any) => [f.value, [f.label, f.count]]));
    assert.deepEqual(share, { conditional: ['有条件共享', 2], unconditional: ['无条件共享', 1] });
    const regions = Object.fromEntries(all.body.facets.regionCode.map((f: any) => [f.label, f.count]));
    assert.deepEqual(regions, { 晋城市: 2, 泽州县: 1 });
    const filtered = await call('auditor', '/catalog?shareType=conditional');
    assert.equal(filtered.body.total, 2);
    assert.equal(filtered.body.facets.shareType.length, 2, 'a facet ignores its own filter');
    assert.equal(filtered.body.facets.regionCode.reduce((n: number, f: any) => n + f.count, 0), 2);
  });

  it('§27 separates the 部门资源 and 政务主题 columns; 省市级联 is empty until cascade exists', async () => {
    const theme = await call('fgw', '/catalog?column=theme');
    assert.deepEqual(theme.body.items.map((i: any) => i.name), ['互联网租赁自行车运营数据']);
    assert.equal((await call('fgw', '/catalog?column=department')).body.total, 2);
    assert.equal((await call('fgw', '/catalog?column=cascade')).body.total, 0);
  });

  it('pages with an opaque cursor and sorts by name', async () => {
    const first = await call('fgw', '/catalog?limit=2&sort=name');
    assert.equal(first.body.items.length, 2);
    assert.ok(first.body.nextCursor);
    const second = await call('fgw', `/catalog?limit=2&sort=name&cursor=${first.body.nextCursor}`);
    assert.equal(second.body.items.length, 1);
    assert.equal(second.body.nextCursor, undefined);
    const names = [...first.body.items, ...second.body.items].map((i: any) => i.name);
    assert.equal(new Set(names).size, 3);
    const bad = await call('fgw', '/catalog?cursor=not-a-cursor');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'INVALID_CURSOR');
    assert.equal((await call('fgw', '/catalog?limit=1000')).status, 400);
  });

  it('gives a review queue only to authorities, each for its regions', async () => {
    assert.equal((await call('fgw', '/catalog?view=review')).status, 403);
    assert.equal((await call('sjj', '/catalog?view=review')).body.total, 0);
  });
});
