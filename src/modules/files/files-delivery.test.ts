/**
 * 文件方式交付 over real HTTP on both databases (§17, §38–§40; security rules §24–§27): downloads by a
 * consumer app (signed) and by a user of the consumer department, only under a live 文件 grant with
 * the agreement accepted; structured files and table exports carry only granted items, masked, in
 * the row scope; every delivered file carries its trace (read back from the delivered CSV, XLSX and
 * PDF bytes), grade ≥ 3 files a watermark; one access record with the delivered checksum per download;
 * every refusal recorded.
 */
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { GdxClient } from '../../client/gdx-client.ts';
import { parseTrace } from '../../domain/files/trace.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { ITEMS, sharingWorld } from '../sharing/test-kit.ts';
import { acceptAgreement, csvLines, download, grantFile, pdfOf, sha256, upload, userGet, xlsxOf } from './test-kit.ts';

const PERMITS_CSV = Buffer.from('\uFEFFregistration_no,holder_name,phone,备注\r\nJC-1,甲公司,13800001111,内部\r\nJC-2,乙公司,13900002222,内部\r\n', 'utf8');
const README_CSV = Buffer.from('标题,内容\r\n说明,本文件为填报说明\r\n', 'utf8');
// As departments keep them: a title line above the header row.
const TITLED_CSV = Buffer.from('晋城市特种行业许可证登记表,,\r\n登记证编号,持证单位,联系电话\r\nJC-5,丙公司,13700005555\r\n', 'utf8');

/** A 填报说明 sheet first; a data sheet under a title and a unit line; a second data sheet with its header on top. */
async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('填报说明').addRows([['填报说明'], ['联系电话须为11位手机号码'], ['备注栏可不填']]);
  wb.addWorksheet('2024年').addRows([['晋城市特种行业许可证登记表'], ['填报单位：晋城市公安局', null, null, '单位：户'],
    ['登记证编号', '持证单位', '联系电话', '备注'], ['JC-6', '丁公司', '13600006666', '内部'], ['JC-7', '戊公司', '13500007777', '内部']]);
  wb.addWorksheet('2023年').addRows([['登记证编号', '联系电话'], ['JC-3', '13300003333']]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

/** The text drawn on PDF pages: content streams inflated, hex strings decoded. */
function pdfDrawnText(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      const content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
      for (const h of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) out.push(Buffer.from(h[1]!, 'hex').toString('latin1'));
    } catch {
      // not a Flate stream
    }
  }
  return out.join('\n');
}

forEachDatabase('files: granted delivery, trace, watermark', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let world: Awaited<ReturnType<typeof sharingWorld>>['world'];
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  let client: GdxClient;
  let other: GdxClient;
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};
  const grants: Record<string, string> = {};
  const delivered: Record<string, Buffer> = {};
  const appGet = async (c: GdxClient, path: string) => download(await c.request('GET', path));
  const filePath = (code: string, rest = '') => `/files/${encodeURIComponent(code)}${rest}`;

  before(async () => {
    server = await startTestServer(t().db);
    ({ tok, entries, world } = await sharingWorld(t().db, server));
    tok['zzx.zrzyj'] ??= await server.login('zzx.zrzyj');
    for (let i = 1; i <= 25; i++) {
      await sql`INSERT INTO qzk_gaj.permits VALUES (${`JC-${String(i).padStart(4, '0')}`}, ${i % 2 ? '张三丰' : '李四光'}, ${`1380000${String(i).padStart(4, '0')}`})`.execute(t().db);
    }
    // Entries shared by 文件 (§17): a file format, monthly updates.
    const publish = async (name: string, over: Record<string, unknown>) => {
      const e = await server.call('POST', '/api/v1/catalog', { token: tok.gaj, body: entryBody({ name, items: ITEMS, shareMethod: 'file', updateCycle: 'monthly', ...over }) });
      assert.equal(e.status, 201, JSON.stringify(e.body));
      await server.call('POST', `/api/v1/catalog/${e.body.id}/submit`, { token: tok.gaj });
      const r = await server.call('POST', `/api/v1/catalog/${e.body.id}/review`, { token: tok.sjj, body: { decision: 'approve' } });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return e.body.id as string;
    };
    ids.fileEntry = await publish('特种行业许可证照文件', { format: 'csv' });
    ids.tableEntry = await publish('特种行业许可台账', { format: 'xlsx' });
    ids.grade3 = await publish('重点场所治安检查记录', { format: 'pdf', grade: 3 });
    const m = await server.call('PUT', `/api/v1/catalog/${ids.tableEntry}/mount`, { token: tok.gaj, body: { kind: 'table', schema: 'qzk_gaj', table: 'permits' } });
    assert.equal(m.status, 200, JSON.stringify(m.body));

    const up = async (entry: string, name: string, bytes: Buffer) => {
      const r = await upload(server, tok.gaj, `/catalog/${entry}/files`, name, bytes);
      assert.equal(r.status, 201, `${name}: ${JSON.stringify(r.body)}`);
      return r.body.id as string;
    };
    ids.csv = await up(ids.fileEntry!, 'permits.csv', PERMITS_CSV);
    ids.xlsx = await up(ids.fileEntry!, '许可.xlsx', await xlsxOf([['登记证编号', '持证单位', '联系电话'], ['JC-1', '甲公司', '13800001111'], ['JC-2', '乙公司', 13900002222]]));
    ids.pdf = await up(ids.fileEntry!, 'report.pdf', await pdfOf(2));
    ids.readme = await up(ids.fileEntry!, 'readme.csv', README_CSV);
    ids.bin = await up(ids.fileEntry!, 'data.bin', Buffer.from([1, 2, 3, 4]));
    ids.titled = await up(ids.fileEntry!, '登记表.xlsx', await templateWorkbook());
    ids.titledCsv = await up(ids.fileEntry!, 'titled.csv', TITLED_CSV);
    ids.pdf3 = await up(ids.grade3, 'inspection.pdf', await pdfOf(3));
    ids.xlsx3 = await up(ids.grade3, 'inspection.xlsx', await xlsxOf([['registration_no', 'phone'], ['JC-9', '13600009999']]));
    ids.bin3 = await up(ids.grade3, 'inspection.bin', Buffer.from([9, 9]));

    grants.file = await grantFile(server, tok, ids.fileEntry!, ['registration_no', 'phone']);
    grants.table = await grantFile(server, tok, ids.tableEntry!, ['registration_no', 'holder_name', 'phone'], { masking: { holder_name: 'name' } });
    await sql`UPDATE share_grant SET conditions = conditions || ${JSON.stringify({ rowScope: [{ item: 'registration_no', op: 'lte', values: ['JC-0010'] }] })}::jsonb
      WHERE id = ${grants.table}`.execute(t().db);
    grants.grade3 = await grantFile(server, tok, ids.grade3!, ['registration_no', 'phone'], {}, 'file',
      { assessment: { internalReview: '经内部审查，同意按最小必要原则提供', securityAssessment: '安全评估通过：脱敏并加水印后提供' } });
    grants.api = await grantFile(server, tok, entries.open, ['registration_no'], {}, 'api');
    for (const g of [grants.table, grants.grade3, grants.api]) await acceptAgreement(server, tok.fgw!, g!);

    const app = await server.call('POST', '/api/v1/apps', { token: tok.fgw, body: { name: '项目审批系统' } });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    const zApp = await server.call('POST', '/api/v1/apps', { token: tok['zzx.zrzyj'], body: { name: '自然资源系统' } });
    other = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: zApp.body.appKey, secret: zApp.body.secret });
    for (const [k, id] of [['file', ids.fileEntry!], ['table', ids.tableEntry!], ['grade3', ids.grade3], ['open', entries.open]] as const) {
      codes[k] = (await server.call('GET', `/api/v1/catalog/${id}`, { token: tok.fgw })).body.code;
    }
  });
  after(() => server.close());

  it('delivers nothing before the consumer accepts the data-security agreement (security rules §27)', async () => {
    const res = await appGet(client, filePath(codes.file!, '/permits.csv'));
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'AGREEMENT_NOT_ACCEPTED');
    await acceptAgreement(server, tok.fgw!, grants.file!);
  });

  describe('downloads', () => {
    it('app: lists, then downloads a structured CSV — trace line, granted columns only, masked, recorded with the delivered checksum', async () => {
      const list = await appGet(client, filePath(codes.file!));
      assert.equal(list.status, 200, JSON.stringify(list.json));
      assert.deepEqual(list.json.files.map((f: any) => f.name).sort(), ['data.bin', 'permits.csv', 'readme.csv', 'report.pdf', 'titled.csv', '登记表.xlsx', '许可.xlsx']);
      assert.deepEqual(list.json.exports, []);
      const res = await appGet(client, filePath(codes.file!, `/${encodeURIComponent('permits.csv')}`));
      assert.equal(res.status, 200, res.bytes.toString());
      delivered.csv = res.bytes;
      const lines = csvLines(res.bytes);
      const mark = parseTrace(lines[0]!);
      assert.ok(lines[0]!.startsWith('# GDX-TRACE '), lines[0]);
      assert.equal(mark?.grantId, grants.file);
      assert.equal(mark?.consumerId, world.orgs.fgw);
      assert.equal(mark?.deliveryId, res.headers.get('x-gdx-delivery'));
      assert.deepEqual(lines.slice(1), ['registration_no,phone', 'JC-1,138****1111', 'JC-2,139****2222']);
      assert.ok(!res.bytes.toString().includes('甲公司') && !res.bytes.toString().includes('内部'), 'ungranted and unknown columns are absent');
      const record = await t().db.selectFrom('access_record').selectAll().where('delivery_id', '=', mark!.deliveryId).executeTakeFirstOrThrow();
      assert.equal(record.channel, 'file');
      assert.equal(record.outcome, 'success');
      assert.equal(record.sha256, sha256(res.bytes));
      assert.equal(record.bytes, res.bytes.length);
      assert.equal(record.rows, 2);
      assert.deepEqual(record.items, ['registration_no', 'phone']);
      assert.ok(record.app_id);
      const d = await t().db.selectFrom('file_delivery').selectAll().where('id', '=', mark!.deliveryId).executeTakeFirstOrThrow();
      assert.equal(d.outcome, 'completed');
      assert.equal(d.access_record_id, record.id);
      assert.ok((await server.call('GET', `/api/v1/grants/${grants.file}`, { token: tok.fgw })).body.lastUsedAt, 'a download is a use (§31)');
    });

    it('user of the consumer department: downloads the XLSX — trace in the document properties, masked, only the data sheet', async () => {
      const list = await userGet(server, tok['fgw.req']!, `/grants/${grants.file}/files`);
      assert.equal(list.status, 200, JSON.stringify(list.json));
      const res = await userGet(server, tok['fgw.req']!, `/grants/${grants.file}/files/${ids.xlsx}`);
      assert.equal(res.status, 200, res.bytes.toString());
      delivered.xlsx = res.bytes;
      const wb = await workbook(res.bytes);
      const mark = parseTrace(wb.keywords ?? '');
      assert.equal(mark?.grantId, grants.file);
      assert.equal(mark?.deliveryId, res.headers.get('x-gdx-delivery'));
      assert.equal(wb.worksheets.length, 1, 'sheets outside the data dictionary are not delivered');
      const rows: unknown[][] = [];
      wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
      assert.deepEqual(rows, [['登记证编号', '联系电话'], ['JC-1', '138****1111'], ['JC-2', '139****2222']]);
      assert.equal(wb.worksheets[0]!.headerFooter?.oddHeader ?? '', '', 'grade 2: no watermark');
      const record = await t().db.selectFrom('access_record').selectAll().where('delivery_id', '=', mark!.deliveryId).executeTakeFirstOrThrow();
      assert.equal(record.sha256, sha256(res.bytes));
      assert.ok(record.user_id);
      // The provider sees who downloaded which delivery and its checksum in 数据使用记录 (§38).
      const provided = await server.call('GET', `/api/v1/access-records?view=provided&grantId=${grants.file}`, { token: tok.gaj });
      const seen = provided.body.items.find((r: any) => r.id === record.id);
      assert.deepEqual([seen?.deliveryId, seen?.sha256, seen?.userName], [mark!.deliveryId, sha256(res.bytes), 'fgw.req']);
    });

    it('finds the header row under a title and past a 填报说明 sheet: every data sheet projected and masked, nothing else delivered', async () => {
      const stored = (await server.call('GET', `/api/v1/catalog/${ids.fileEntry}/files`, { token: tok.gaj })).body.items as any[];
      const titled = stored.find((f) => f.id === ids.titled);
      assert.equal(titled.structured, true, 'not taken for a document to deliver whole');
      assert.deepEqual(titled.header, ['登记证编号', '持证单位', '联系电话', '备注']);
      assert.equal(stored.find((f) => f.id === ids.titledCsv).structured, true);

      const res = await userGet(server, tok['fgw.req']!, `/grants/${grants.file}/files/${ids.titled}`);
      assert.equal(res.status, 200, res.bytes.toString());
      const wb = await workbook(res.bytes);
      assert.deepEqual(wb.worksheets.map((w) => w.name), ['2024年', '2023年'], 'the 填报说明 sheet is not delivered');
      const rows = (i: number) => {
        const out: unknown[][] = [];
        wb.worksheets[i]!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
        return out;
      };
      assert.deepEqual(rows(0), [['登记证编号', '联系电话'], ['JC-6', '136****6666'], ['JC-7', '135****7777']], 'title and unit lines dropped');
      assert.deepEqual(rows(1), [['登记证编号', '联系电话'], ['JC-3', '133****3333']]);
      assert.ok(!res.bytes.includes(Buffer.from('丁公司')) && !res.bytes.includes(Buffer.from('13600006666')));
      const record = await t().db.selectFrom('access_record').select(['items', 'rows']).where('delivery_id', '=', res.headers.get('x-gdx-delivery')).executeTakeFirstOrThrow();
      assert.deepEqual(record, { items: ['registration_no', 'phone'], rows: 3 });

      const csv = await appGet(client, filePath(codes.file!, '/titled.csv'));
      assert.equal(csv.status, 200, csv.bytes.toString());
      assert.deepEqual(csvLines(csv.bytes).slice(1), ['登记证编号,联系电话', 'JC-5,137****5555']);
    });

    it('PDF: delivered whole with the trace in its Info Keywords (the provider\'s kept), no watermark at grade 2', async () => {
      const res = await appGet(client, filePath(codes.file!, `/${ids.pdf}`));
      assert.equal(res.status, 200, res.bytes.toString());
      assert.equal(res.headers.get('content-type'), 'application/pdf');
      delivered.pdf = res.bytes;
      const doc = await PDFDocument.load(res.bytes);
      assert.equal(doc.getPageCount(), 2);
      assert.match(doc.getKeywords() ?? '', /provider-keyword/);
      assert.equal(parseTrace(doc.getKeywords() ?? '')?.deliveryId, res.headers.get('x-gdx-delivery'));
      assert.ok(!pdfDrawnText(res.bytes).includes('GDX - for'), 'no watermark below grade 3');
    });

    it('a CSV naming no data item is delivered whole, behind the trace line; an "other" file as it is', async () => {
      const res = await appGet(client, filePath(codes.file!, `/${encodeURIComponent('readme.csv')}`));
      const text = res.bytes.toString('utf8');
      assert.ok(parseTrace(text.split('\r\n')[0]!));
      assert.equal(text.slice(text.indexOf('\r\n') + 2), README_CSV.toString('utf8'));
      const bin = await appGet(client, filePath(codes.file!, '/data.bin'));
      assert.deepEqual([...bin.bytes], [1, 2, 3, 4]);
      assert.ok(parseTrace(bin.headers.get('x-gdx-trace') ?? ''), 'the trace travels in the header and the record');
    });

    it('table-mounted entry: exports the table as CSV (app) and XLSX (user) — granted items, masked, inside the row scope', async () => {
      const list = await appGet(client, filePath(codes.table!));
      assert.deepEqual(list.json.exports, ['csv', 'xlsx']);
      const res = await appGet(client, filePath(codes.table!, '/export.csv'));
      assert.equal(res.status, 200, res.bytes.toString());
      const lines = csvLines(res.bytes);
      assert.ok(parseTrace(lines[0]!));
      assert.equal(lines[1], 'registration_no,holder_name,phone');
      assert.equal(lines.length, 2 + 10, 'registration_no ≤ JC-0010 only');
      assert.equal(lines[2], 'JC-0001,张**,138****0001');
      assert.ok(!res.bytes.toString().includes('张三丰'));
      const record = await t().db.selectFrom('access_record').select(['rows', 'sha256']).where('delivery_id', '=', res.headers.get('x-gdx-delivery')).executeTakeFirstOrThrow();
      assert.deepEqual(record, { rows: 10, sha256: sha256(res.bytes) });
      const x = await userGet(server, tok.fgw!, `/grants/${grants.table}/export?format=xlsx`);
      assert.equal(x.status, 200, x.bytes.toString());
      const wb = await workbook(x.bytes);
      assert.ok(parseTrace(wb.keywords ?? ''));
      assert.equal(wb.worksheets[0]!.rowCount, 11);
      assert.deepEqual((wb.worksheets[0]!.getRow(11).values as unknown[]).slice(1), ['JC-0010', '李**', '138****0010']);
    });
  });

  it('trace lookup: the authority reads a copy\'s mark and learns the grant and delivery record — CSV, XLSX, PDF; others may not ask', async () => {
    const trace = async (token: string, name: string, bytes: Buffer) => upload(server, token, '/files/trace', name, bytes);
    for (const kind of ['csv', 'xlsx', 'pdf'] as const) {
      const res = await trace(tok.sjj!, `leaked.${kind}`, delivered[kind]!);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.mark.grantId, grants.file);
      const d = res.body.deliveries.find((x: any) => x.id === res.body.mark.deliveryId);
      assert.ok(d, `${kind}: the delivery record is named`);
      assert.equal(d.grantId, grants.file);
      assert.equal(d.consumerName, '晋城市发展和改革委员会');
      assert.equal(d.intact, true);
      assert.equal(d.markMatches, true);
      assert.ok(d.accessRecordId);
    }
    // The CSV opened in Excel and saved as a workbook: its trace line is now the first cell, not a property.
    const resaved = new ExcelJS.Workbook();
    resaved.addWorksheet('permits').addRows(csvLines(delivered.csv!).map((l) => l.split(',')));
    const fromExcel = await trace(tok.sjj!, 'leaked.xlsx', Buffer.from(await resaved.xlsx.writeBuffer()));
    assert.equal(fromExcel.body.carrier, 'csv-line');
    assert.equal(fromExcel.body.mark?.deliveryId, parseTrace(csvLines(delivered.csv!)[0]!)!.deliveryId);
    assert.deepEqual(fromExcel.body.deliveries.map((d: any) => [d.grantId, d.markMatches, d.intact]), [[grants.file, true, false]]);
    const edited = Buffer.concat([delivered.csv!, Buffer.from('JC-3,x\r\n')]);
    const changed = await trace(tok.auditor!, 'edited.csv', edited);
    assert.equal(changed.body.deliveries[0].intact, false, 'an edited copy still names its delivery, but is not the delivered bytes');
    assert.equal((await trace(tok.fgw!, 'x.csv', delivered.csv!)).status, 403);
    const audit = await t().db.selectFrom('audit_record').select('action').where('action', '=', 'file.trace').execute();
    assert.ok(audit.length >= 4);
  });

  it('grade 3: a watermark naming the consumer and delivery on every PDF page and in the XLSX header/footer; unmarkable files refused', async () => {
    const list = await userGet(server, tok.fgw!, `/grants/${grants.grade3}/files`);
    assert.equal(list.json.watermark, true);
    const bin = list.json.files.find((f: any) => f.name === 'inspection.bin');
    assert.equal(bin.deliverable, false);
    assert.equal(bin.refusal.code, 'UNMARKABLE_AT_GRADE');
    const pdf = await userGet(server, tok.fgw!, `/grants/${grants.grade3}/files/${ids.pdf3}`);
    const id = pdf.headers.get('x-gdx-delivery')!;
    const drawn = pdfDrawnText(pdf.bytes);
    assert.equal(drawn.split('\n').filter((l) => l.includes(`for fgw only`) && l.includes(id)).length, 3 * 2, 'diagonal and footer on each of 3 pages');
    const xlsx = await userGet(server, tok.fgw!, `/grants/${grants.grade3}/files/${ids.xlsx3}`);
    const ws = (await workbook(xlsx.bytes)).worksheets[0]!;
    assert.match(ws.headerFooter?.oddHeader ?? '', new RegExp(`晋城市发展和改革委员会.*${xlsx.headers.get('x-gdx-delivery')}`));
    assert.match(ws.headerFooter?.oddFooter ?? '', /仅供晋城市发展和改革委员会/);
    const refused = await appGet(client, filePath(codes.grade3!, '/inspection.bin'));
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'UNMARKABLE_AT_GRADE');
  });

  it('refuses: unsigned (401), another department (403), the wrong method, unknown resources, and a revoked grant at once', async () => {
    const unsigned = await server.call('GET', `/api/v1${filePath(codes.file!, '/permits.csv')}`);
    assert.equal(unsigned.status, 401);
    const cases: Array<[string, Promise<{ status: number; json: any }>, number, string]> = [
      ['other department\'s app', appGet(other, filePath(codes.file!, '/permits.csv')), 403, 'NO_LIVE_FILE_GRANT'],
      ['other department\'s user', userGet(server, tok['zzx.zrzyj']!, `/grants/${grants.file}/files/${ids.csv}`), 403, 'NOT_CONSUMER'],
      ['provider is not the consumer', userGet(server, tok.gaj!, `/grants/${grants.file}/files/${ids.csv}`), 403, 'NOT_CONSUMER'],
      ['an API grant is not a file grant (user)', userGet(server, tok.fgw!, `/grants/${grants.api}/files`), 403, 'WRONG_METHOD'],
      ['an API grant is not a file grant (app)', appGet(client, filePath(codes.open!, '/export.csv')), 403, 'NO_LIVE_FILE_GRANT'],
      ['unknown code looks the same', appGet(client, filePath('JC-NO-SUCH/CODE', '/x.csv')), 403, 'NO_LIVE_FILE_GRANT'],
      ['no export of a file-mounted entry', appGet(client, filePath(codes.file!, '/export.csv')), 404, 'NOT_FOUND'],
      ['a retired or unknown file', appGet(client, filePath(codes.file!, '/nope.csv')), 404, 'NOT_FOUND'],
    ];
    for (const [name, pending, status, code] of cases) {
      const res = await pending;
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.json)}`);
      assert.equal(res.json.error.code, code, name);
    }
    assert.equal((await appGet(client, filePath(codes.file!, '/permits.csv'))).status, 200);
    const revoked = await server.call('POST', `/api/v1/grants/${grants.file}/revoke`, { token: tok.gaj, body: { reason: '超范围使用（第四十条）' } });
    assert.equal(revoked.status, 200);
    const app = await appGet(client, filePath(codes.file!, '/permits.csv'));
    assert.equal(app.status, 403);
    const user = await userGet(server, tok.fgw!, `/grants/${grants.file}/files/${ids.csv}`);
    assert.equal(user.status, 403);
    assert.equal(user.json.error.code, 'GRANT_NOT_LIVE');
    const refusals = await t().db.selectFrom('access_record').select(['error_code', 'status']).where('channel', '=', 'file').where('outcome', '=', 'denied').execute();
    for (const code of ['NO_LIVE_FILE_GRANT', 'NOT_CONSUMER', 'GRANT_NOT_LIVE', 'UNMARKABLE_AT_GRADE', 'AGREEMENT_NOT_ACCEPTED']) {
      assert.ok(refusals.some((r) => r.error_code === code), `refusal ${code} recorded`);
    }
  });
});
