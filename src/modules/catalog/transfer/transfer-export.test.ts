/**
 * Catalog export over HTTP on both databases, and the round trips: what GDX exports (CSV or Excel)
 * imports back as the same bodies; an export never shows what the caller may not see (another
 * department's drafts); a 10,000-row file is imported, or refused with its full error list, in one go.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../../testing/http.ts';
import { basicWorld } from '../../../testing/make.ts';
import type { CatalogEntryBody } from '../../../domain/catalog/types.ts';
import { bodyOf, download, exportedNames, genBody, upload, workbookOf } from './test-kit.ts';

/** Values that stress quoting and the formula guard, plus every optional field. */
const TRICKY: CatalogEntryBody[] = [
  genBody('往返测试：含逗号, "引号" 的目录', 2, {
    summary: '第一行，含逗号, 和 "双引号"\n第二行\n=SUM(A1:A2) 不是公式',
    parallelApproval: true, relatedCodes: ['301020/000001', '301020/000002'], structure: '-- 主表：登记信息', openMethod: undefined,
  }),
  genBody('往返测试：不予共享', 1, {
    shareType: 'none', notShareBasis: '《中华人民共和国保守国家秘密法》', grade: 3, important: true, shareMethod: 'table', updateCycle: 'irregular',
    items: [{ name: 'id_number', label: '公民身份号码', type: 'string', length: 18, key: true, sensitiveType: 'id_card', masking: 'id_card', description: '+86 开头的不是号码' }],
  }),
  genBody('往返测试：开放数据', 2, { shareType: 'unconditional', grade: 1, openType: 'open', openMethod: '数据下载', category: { kind: 'department', item: '05' } }),
].map((b) => JSON.parse(JSON.stringify(b)) as CatalogEntryBody); // drop the undefined fields, as a stored body has none
delete (TRICKY[1] as { shareScope?: string }).shareScope;
delete (TRICKY[2] as { shareScope?: string }).shareScope;

forEachDatabase('catalog export', (t) => {
  let server: TestServer;
  const tok: Record<string, string> = {};
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
    for (const u of ['fgw', 'gaj', 'sjj', 'fgw.req', 'zzx.zrzyj']) tok[u] = await server.login(u);
  });
  after(() => server.close());

  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  const entryCount = async () => Number((await t().db.selectFrom('catalog_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const namesOf = async (user: string, query: string) => {
    const res = await download(server.url, tok[user]!, `/catalog/export?${query}`);
    assert.equal(res.status, 200, res.bytes.toString());
    return exportedNames(res.bytes);
  };

  it('setup: fgw files the tricky entries as drafts and publishes one more; gaj has a draft', async () => {
    const res = await upload(server.url, tok.fgw, 'tricky.xlsx', await workbookOf(TRICKY));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const pub = await call('fgw', 'POST', '/catalog', genBody('发改已发布目录'));
    await call('fgw', 'POST', `/catalog/${pub.body.id}/submit`);
    assert.equal((await call('sjj', 'POST', `/catalog/${pub.body.id}/review`, { decision: 'approve' })).status, 200);
    assert.equal((await call('gaj', 'POST', '/catalog', genBody('公安草稿目录'))).status, 201);
  });

  it('export respects visibility: another department\'s drafts never appear', async () => {
    const drafts = TRICKY.map((b) => b.name);
    assert.deepEqual(await namesOf('gaj', 'format=xlsx'), ['发改已发布目录'], 'published view: only what is published');
    assert.deepEqual(await namesOf('gaj', 'view=mine'), ['公安草稿目录']);
    assert.deepEqual((await namesOf('fgw.req', 'view=mine')).sort(), [...drafts, '发改已发布目录'].sort(), 'my department, all statuses');
    assert.deepEqual(await namesOf('sjj', 'view=review'), [], 'the authority sees nothing unsubmitted');
    assert.deepEqual(await namesOf('sjj', 'view=published&shareType=unconditional'), [], 'filters apply');
    const review = await download(server.url, tok.gaj!, '/catalog/export?view=review');
    assert.equal(review.status, 403);
    for (const format of ['xlsx', 'csv']) {
      for (const user of ['gaj', 'sjj']) {
        const res = await download(server.url, tok[user]!, `/catalog/export?format=${format}&view=mine`);
        for (const name of drafts) assert.ok(!res.bytes.toString('utf8').includes(name.slice(0, 8)), `${user} ${format} leaks ${name}`);
      }
    }
  });

  it('exports CSV (UTF-8 with BOM, dated Chinese file name) that imports back as the same bodies', async () => {
    const res = await download(server.url, tok.fgw!, '/catalog/export?view=mine&format=csv&sort=name');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    const cd = res.headers.get('content-disposition') ?? '';
    assert.match(cd, /filename="gdx-catalog-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    assert.match(decodeURIComponent(cd.split("UTF-8''")[1]!), /^政务数据目录-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.deepEqual([...res.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = res.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFF统一编码,提供部门,状态,版本,数据资源名称'));
    assert.ok(text.includes(",'-- 主表：登记信息,") && text.includes(",'+86 开头的不是号码,"), 'cells that look like formulas are guarded');

    const before = await entryCount();
    const back = await upload(server.url, tok.gaj, 'export.csv', res.bytes);
    assert.equal(back.status, 201, JSON.stringify(back.body));
    assert.equal(back.body.imported, TRICKY.length + 1);
    assert.equal(await entryCount(), before + TRICKY.length + 1);
    for (const original of TRICKY) {
      const created = back.body.entries.find((e: any) => e.name === original.name);
      const got = await call('gaj', 'GET', `/catalog/${created.id}`);
      assert.deepEqual(bodyOf(got.body), original, original.name);
    }
  });

  it('exports Excel (目录 and 数据项 sheets with the export columns) that imports back as the same bodies', async () => {
    const res = await download(server.url, tok.fgw!, '/catalog/export?view=mine&q=往返测试');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /spreadsheetml/);
    assert.deepEqual((await exportedNames(res.bytes)).sort(), TRICKY.map((b) => b.name).sort());
    const again = await upload(server.url, tok.fgw, 'export.xlsx', res.bytes);
    assert.equal(again.status, 400, 'fgw has these entries already: importing them again would file second copies');
    assert.ok(again.body.error.details.every((d: any) => d.column === '数据资源名称' && d.zh.includes('本部门已有同名目录')));
    const back = await upload(server.url, tok['zzx.zrzyj'], 'export.xlsx', res.bytes);
    assert.equal(back.status, 201, JSON.stringify(back.body));
    for (const original of TRICKY) {
      const created = back.body.entries.find((e: any) => e.name === original.name);
      assert.deepEqual(bodyOf((await call('zzx.zrzyj', 'GET', `/catalog/${created.id}`)).body), original, original.name);
    }
  });

  it('a 10,000-item-row file with errors scattered through it: the full list, nothing imported', async () => {
    const bodies = Array.from({ length: 500 }, (_, i) => genBody(`万行测试目录${String(i + 1).padStart(3, '0')}`, 20));
    const file = await workbookOf(bodies, undefined, (r) => {
      const type = r.itemHeader.indexOf('类型');
      for (let i = 0; i < r.items.length; i += 100) r.items[i]![type] = '长文本';
    });
    const before = await entryCount();
    const started = Date.now();
    const res = await upload(server.url, tok.fgw, 'big-bad.xlsx', file);
    console.log(`  10,000 item rows with 100 errors [${t().kind}]: ${Date.now() - started} ms`);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details.length, 100);
    assert.deepEqual(res.body.error.details.slice(0, 2).map((d: any) => `${d.sheet}!${d.row}:${d.column}`), ['数据项!2:类型', '数据项!102:类型']);
    assert.equal(await entryCount(), before);
  });

  it('a valid 10,000-item-row file imports in one go', async () => {
    const bodies = Array.from({ length: 500 }, (_, i) => genBody(`万行导入目录${String(i + 1).padStart(3, '0')}`, 20));
    const file = await workbookOf(bodies);
    const before = await entryCount();
    const started = Date.now();
    const res = await upload(server.url, tok.gaj, 'big.xlsx', file);
    console.log(`  10,000 item rows imported [${t().kind}]: ${Date.now() - started} ms (${(file.length / 1024).toFixed(0)} KB)`);
    assert.equal(res.status, 201, JSON.stringify(res.body).slice(0, 500));
    assert.equal(res.body.imported, 500);
    assert.equal(await entryCount(), before + 500);
    const startedExport = Date.now();
    const exported = await download(server.url, tok.gaj!, '/catalog/export?view=mine&format=csv&q=万行导入目录');
    console.log(`  exported them as CSV [${t().kind}]: ${Date.now() - startedExport} ms`);
    assert.equal(exported.bytes.toString('utf8').split('\r\n').filter((l) => l.includes('万行导入目录')).length, 10_000);
  });
});
