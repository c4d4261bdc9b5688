/**
 * Excel/CSV import over HTTP on both databases (§9–§11): the template a department downloads
 * imports as drafts; a file with any error imports nothing and lists every error by sheet, row and
 * column; bad files are refused with a named error, never a stack trace; rows are graded by the
 * grading rule set in force (security rules §16).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../../testing/http.ts';
import { basicWorld } from '../../../testing/make.ts';
import ExcelJS from 'exceljs';
import { bodyOf, csvOf, download, genBody, loadWorkbook, upload, workbookOf } from './test-kit.ts';

forEachDatabase('catalog import', (t) => {
  let server: TestServer;
  let world: Awaited<ReturnType<typeof basicWorld>>;
  const tok: Record<string, string> = {};
  before(async () => {
    world = await basicWorld(t().db);
    server = await startTestServer(t().db);
    for (const u of ['fgw', 'gaj', 'sjj', 'auditor', 'fgw.req']) tok[u] = await server.login(u);
  });
  after(() => server.close());

  const entryCount = async () => Number((await t().db.selectFrom('catalog_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  let template: ArrayBuffer;

  it('serves the template to any user, as a static route before /catalog/:id', async () => {
    const res = await download(server.url, tok['fgw.req']!, '/catalog/template.xlsx');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /spreadsheetml/);
    const cd = res.headers.get('content-disposition') ?? '';
    assert.match(cd, /^attachment; filename="gdx-catalog-template\.xlsx"; filename\*=UTF-8''/);
    assert.equal(decodeURIComponent(cd.split("UTF-8''")[1]!), '政务数据目录导入模板.xlsx');
    assert.equal(res.bytes.subarray(0, 2).toString(), 'PK');
    template = new Uint8Array(res.bytes).buffer;
    const wb = await loadWorkbook(res.bytes);
    assert.deepEqual(wb.worksheets.map((w) => w.name), ['目录', '数据项', '填写说明', '选项']);
    const header = (wb.getWorksheet('目录')!.getRow(1).values as unknown[]).slice(1);
    for (const h of ['数据资源名称', '存储层级', '共享属性', '共享范围', '共享方式', '开放属性', '更新周期']) assert.ok(header.includes(h), h);
    const guide = JSON.stringify(wb.getWorksheet('填写说明')!.getSheetValues());
    for (const article of ['§9', '§23', '§17']) assert.ok(guide.includes(article), `the guide cites ${article}`);
    const unfilled = await upload(server.url, tok.fgw, 'template.xlsx', res.bytes);
    assert.equal(unfilled.status, 400, 'the template as downloaded imports nothing (its example lives in 填写说明)');
    assert.equal(unfilled.body.error.code, 'IMPORT_EMPTY');
  });

  it('imports the filled template: three drafts of the uploader\'s department, audited', async () => {
    const bodies = [genBody('导入测试目录甲'), genBody('导入测试目录乙', 5), genBody('导入测试目录丙', 1, { shareType: 'unconditional', shareScope: undefined })];
    delete (bodies[2] as { shareScope?: string }).shareScope;
    const before = await entryCount();
    const res = await upload(server.url, tok.fgw, '目录.xlsx', await workbookOf(bodies, template));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.imported, 3);
    assert.deepEqual(res.body.entries.map((e: any) => e.name), bodies.map((b) => b.name));
    assert.equal(await entryCount(), before + 3);
    for (const [i, e] of res.body.entries.entries()) {
      const got = await server.call('GET', `/api/v1/catalog/${e.id}`, { token: tok.fgw });
      assert.equal(got.body.status, 'draft');
      assert.equal(got.body.providerId, world.orgs.fgw);
      assert.deepEqual(bodyOf(got.body), bodies[i]);
    }
    const audit = await t().db.selectFrom('audit_record').select(['action', 'detail']).where('action', 'in', ['catalog.import', 'catalog.create'])
      .where('actor_name', '=', 'fgw').where('outcome', '=', 'success').execute();
    assert.equal(audit.filter((a) => a.action === 'catalog.create').length, 3, 'one record per entry');
    const imp = audit.find((a) => a.action === 'catalog.import');
    assert.equal((imp?.detail as any)?.entries, 3);
  });

  it('§11 the same file uploaded again imports nothing: each entry named like one the department has is an error at its name', async () => {
    const file = csvOf([genBody('重复上传目录甲'), genBody('重复上传目录乙', 2)]);
    assert.equal((await upload(server.url, tok.fgw, '重复.csv', file)).status, 201);
    const before = await entryCount();
    const again = await upload(server.url, tok.fgw, '重复.csv', file);
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'IMPORT_INVALID');
    assert.deepEqual(again.body.error.details.map((d: any) => `${d.sheet}!${d.row}:${d.column}`), ['CSV!2:数据资源名称', 'CSV!5:数据资源名称']);
    assert.ok(again.body.error.details[0].zh.includes('本部门已有同名目录「重复上传目录甲」（草稿）'));
    assert.ok(again.body.error.details[0].en.includes('already has an entry named'));
    assert.equal(await entryCount(), before, 'no second copy');
    assert.equal((await upload(server.url, tok.gaj, '重复.csv', file)).status, 201, 'another department may use the same names');
  });

  it('a file with errors in several rows imports nothing and lists every error at its cell', async () => {
    const before = await entryCount();
    const file = await workbookOf([genBody('错误测试甲'), genBody('错误测试乙'), genBody('错误测试丙')], undefined, (r) => {
      const e = (h: string) => r.entryHeader.indexOf(h);
      const it = (h: string) => r.itemHeader.indexOf(h);
      r.entries[0]![e('共享属性')] = '看情况';          // bad enum, 目录 row 2
      r.entries[1]![e('共享范围')] = null;              // §23: 有条件共享 without scope, 目录 row 3
      r.entries[2]![e('摘要')] = '';                   // empty required, 目录 row 4
      r.items[4]![it('长度')] = '很长';                 // non-numeric, 数据项 row 6
      r.items.push(['不存在的目录', 'x_1', '某字段', '字符型', 10]); // unknown entry, 数据项 row 11
    });
    const res = await upload(server.url, tok.fgw, 'bad.xlsx', file);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'IMPORT_INVALID');
    const at = res.body.error.details.map((d: any) => `${d.sheet}!${d.row}:${d.column}`);
    assert.deepEqual(at, ['目录!2:共享属性', '目录!3:共享范围', '目录!4:摘要', '数据项!6:长度', '数据项!11:数据资源名称']);
    for (const d of res.body.error.details) assert.ok(d.zh && d.en);
    assert.match(res.body.error.message, /5 处错误/);
    assert.ok(!JSON.stringify(res.body).includes('    at '), 'no stack trace');
    assert.equal(await entryCount(), before, 'nothing created');
  });

  it('wrong columns: unknown and missing headers are reported on row 1', async () => {
    const file = await workbookOf([genBody('列错误测试')], undefined, (r) => {
      r.entryHeader[r.entryHeader.indexOf('更新周期')] = '更新频次';
      r.itemHeader[r.itemHeader.indexOf('类型')] = '字段类型';
    });
    const res = await upload(server.url, tok.fgw, 'cols.xlsx', file);
    assert.equal(res.status, 400);
    const at = res.body.error.details.map((d: any) => `${d.sheet}!${d.row}:${d.column}`);
    assert.deepEqual(at, ['目录!1:更新频次', '目录!1:更新周期', '数据项!1:字段类型', '数据项!1:类型']);
  });

  it('a workbook without the 数据项 sheet: one clear error', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('目录').addRow(['数据资源名称']);
    const res = await upload(server.url, tok.fgw, 'one-sheet.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    assert.equal(res.status, 400);
    const missing = res.body.error.details.filter((d: any) => d.sheet === '数据项');
    assert.deepEqual(missing.map((d: any) => `${d.row}:${d.column}`), ['1:'], 'one error for the whole missing sheet');
    assert.match(missing[0].zh, /缺少工作表「数据项」/);
  });

  it('§14 an entry of another lead department\'s basic database is an error at that cell; §15 duplicates only warn', async () => {
    await t().db.insertInto('subject_database').values({ kind: 'basic', name: '人口综合库', lead_org_id: world.orgs.gaj }).execute();
    const published = await server.call('POST', '/api/v1/catalog', { token: tok.gaj, body: genBody('公安人口信息', 2) });
    await server.call('POST', `/api/v1/catalog/${published.body.id}/submit`, { token: tok.gaj });
    assert.equal((await server.call('POST', `/api/v1/catalog/${published.body.id}/review`, { token: tok.sjj, body: { decision: 'approve' } })).status, 200);

    const sdb = await t().db.selectFrom('subject_database').select(['id', 'name', 'kind']).where('name', '=', '人口综合库').executeTakeFirstOrThrow();
    const inDb = genBody('发改人口库目录', 1, { category: { kind: 'basic', item: '02' }, basicDb: sdb.id });
    const csv = csvOf([inDb], { subjectDatabases: [sdb] });
    assert.ok(csv.toString('utf8').includes(',人口综合库,'), 'the cell names the database');
    const notLead = await upload(server.url, tok.fgw, 'basic.csv', csv);
    assert.equal(notLead.status, 400);
    assert.deepEqual(notLead.body.error.details.map((d: any) => `${d.sheet}!${d.row}:${d.column}`), ['CSV!2:所属基础库/主题库']);
    assert.match(notLead.body.error.details[0].zh, /牵头/);

    const dup = await upload(server.url, tok.fgw, 'dup.csv', csvOf([genBody('发改重复采集目录', 2, { items: genBody('公安人口信息', 2).items })]));
    assert.equal(dup.status, 201, JSON.stringify(dup.body));
    assert.deepEqual(dup.body.warnings.map((w: any) => `${w.sheet}!${w.row}:${w.column}`), ['CSV!2:数据项英文名', 'CSV!3:数据项英文名']);
    assert.match(dup.body.warnings[0].zh, /晋城市公安局/);
  });

  it('refuses users without the catalog_editor role, and audits it', async () => {
    const file = await workbookOf([genBody('无权导入')]);
    for (const user of ['fgw.req', 'auditor', 'sjj']) {
      const res = await upload(server.url, tok[user], 'x.xlsx', file);
      assert.equal(res.status, 403, user);
      assert.equal(res.body.error.code, 'ROLE_REQUIRED');
    }
    assert.equal((await upload(server.url, undefined, 'x.xlsx', file)).status, 401);
    const denied = await t().db.selectFrom('audit_record').select('actor_name').where('action', '=', 'catalog.import').where('outcome', '=', 'denied').execute();
    assert.deepEqual(denied.map((d) => d.actor_name ?? 'anonymous').sort(), ['anonymous', 'auditor', 'fgw.req', 'sjj']);
  });

  it('refuses bad files with a named error: not multipart, .xls, corrupt xlsx, unclosed quote, oversized, too many rows', async () => {
    const json = await server.call('POST', '/api/v1/catalog/import', { token: tok.fgw, body: { file: 'x' } });
    assert.equal(json.status, 400);
    assert.equal(json.body.error.code, 'IMPORT_NO_FILE');
    const cases: Array<[string, Uint8Array, number, string]> = [
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 400, 'IMPORT_UNSUPPORTED_FORMAT'],
      ['broken.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), 400, 'IMPORT_UNREADABLE'],
      ['quote.csv', Buffer.from('数据资源名称,摘要\r\n"未闭合,x\r\n'), 400, 'IMPORT_UNREADABLE'],
      ['notes.pdf', Buffer.from('%PDF-1.4'), 400, 'IMPORT_UNSUPPORTED_FORMAT'],
      ['empty.csv', Buffer.alloc(0), 400, 'IMPORT_EMPTY'],
      ['huge.csv', Buffer.alloc(11 * 1024 * 1024, 0x41), 413, 'FILE_TOO_LARGE'],
      ['rows.csv', Buffer.from('数据资源名称,数据项英文名\r\n' + 'a,b\r\n'.repeat(20_001)), 400, 'IMPORT_TOO_LARGE'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await upload(server.url, tok.fgw, name, bytes);
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code, name);
      assert.ok(!JSON.stringify(res.body).includes('    at '), 'no stack trace');
    }
    const failures = await t().db.selectFrom('audit_record').select('detail').where('action', '=', 'catalog.import').where('outcome', '=', 'failure').execute();
    assert.ok(failures.length >= cases.length, 'failed imports are audited');
  });

  // Last in the file: it changes the platform's rule set for whatever would follow.
  it('Sec §16: the pre-check grades rows by the rule set in force, as the authority edited it', async () => {
    const open = (name: string) => {
      const b = genBody(name, 1, { shareType: 'unconditional' });
      delete (b as { shareScope?: string }).shareScope;
      return b;
    };
    const withPhone = (name: string) => genBody(name, 1, {
      items: [...genBody(name, 1).items, { name: 'contact_phone', label: '联系人手机号', type: 'string', length: 11, sensitiveType: 'phone', masking: 'phone' }],
    });
    const gradeWarnings = (res: { body: any }) => res.body.warnings.filter((w: any) => w.column === '分级');
    const before = await upload(server.url, tok.fgw, 'grading-before.csv', csvOf([open('分级规则导入甲'), withPhone('分级规则导入乙')]));
    assert.equal(before.status, 201, JSON.stringify(before.body));
    assert.deepEqual(gradeWarnings(before), [], 'built-in rules: L2 may be 无条件共享 and a phone does not raise the grade');

    const current = await server.call('GET', '/api/v1/security/grading', { token: tok.sjj });
    const rules = structuredClone(current.body.rules);
    rules.grades[2].maxShareType = 'conditional';
    rules.sensitiveTypes.phone.minGrade = 3;
    const saved = await server.call('PUT', '/api/v1/security/grading', { token: tok.sjj, body: { rules, baseVersion: current.body.version, comment: 'L2 只能有条件共享；手机号至少 L3' } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));

    const after = await upload(server.url, tok.fgw, 'grading-after.csv', csvOf([open('分级规则导入丙'), withPhone('分级规则导入丁')]));
    assert.equal(after.status, 400, 'the same kind of file is now refused');
    assert.equal(after.body.error.code, 'IMPORT_INVALID');
    assert.deepEqual(after.body.error.details.map((d: any) => `${d.sheet}!${d.row}:${d.column}`), ['CSV!2:共享属性']);
    assert.match(after.body.error.details[0].zh, /最高为「有条件共享」.*Sec §27/);
    const warned = await upload(server.url, tok.fgw, 'grading-warning.csv', csvOf([withPhone('分级规则导入戊')]));
    assert.equal(warned.status, 201, JSON.stringify(warned.body));
    assert.deepEqual(gradeWarnings(warned).map((w: any) => `${w.sheet}!${w.row}`), ['CSV!2']);
    assert.match(gradeWarnings(warned)[0].zh, /建议至少 L3/);
  });
});
