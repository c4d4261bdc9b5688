/**
 * 文件挂接 (§17) over real HTTP on both databases: the provider's data steward uploads files of a
 * published entry — checksum, size, media type, versions kept, retirement, the entry's file mount
 * kept in step — and everything else is refused with a named error (413 beyond the limit).
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { sharingWorld } from '../sharing/test-kit.ts';
import { pdfOf, sha256, upload, xlsxOf } from './test-kit.ts';

const LIMIT = 256 * 1024;

forEachDatabase('files: upload, versions, retirement', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
  const files = (id: string) => `/catalog/${id}/files`;

  before(async () => {
    server = await startTestServer(t().db, { fileMaxBytes: LIMIT });
    ({ tok, entries } = await sharingWorld(t().db, server));
  });
  after(() => server.close());

  it('stores a CSV with its checksum, size and media type, and mounts the entry as files (§17)', async () => {
    const csv = Buffer.from('\uFEFFregistration_no,holder_name,phone\r\nJC-1,甲公司,13800001111\r\n', 'utf8');
    const res = await upload(server, tok.gaj, files(entries.unmounted), '旅馆登记.csv', csv, 'application/vnd.ms-excel');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.sha256, sha256(csv));
    assert.equal(res.body.bytes, csv.length);
    assert.equal(res.body.mediaType, 'text/csv');
    assert.equal(res.body.version, 1);
    assert.equal(res.body.structured, true, 'its header names the entry\'s data items');
    assert.deepEqual(res.body.header, ['registration_no', 'holder_name', 'phone']);
    assert.equal(res.body.mountKind, 'file');
    const mount = await server.call('GET', `/api/v1/catalog/${entries.unmounted}/mount`, { token: tok.gaj });
    assert.equal(mount.body.kind, 'file');
    assert.deepEqual(mount.body.config.files.map((f: any) => [f.name, f.version, f.sha256]), [['旅馆登记.csv', 1, sha256(csv)]]);
  });

  it('re-uploading a name makes a new version; old versions are kept and listed; the mount lists the current one', async () => {
    const v2 = Buffer.from('registration_no,phone\r\nJC-2,13900002222\r\n', 'utf8');
    const res = await upload(server, tok.gaj, files(entries.unmounted), '旅馆登记.csv', v2);
    assert.equal(res.body.version, 2);
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0d, 0x0a]); // 姓名 / 张三 in GB18030
    assert.equal((await upload(server, tok.gaj, files(entries.unmounted), 'gbk.csv', gbk)).body.encoding, 'gb18030');
    const pdf = await pdfOf(2);
    const p = await upload(server, tok.gaj, files(entries.unmounted), '年度报告.pdf', pdf);
    assert.equal(p.status, 201, JSON.stringify(p.body));
    assert.equal(p.body.mediaType, 'application/pdf');
    const x = await upload(server, tok.gaj, files(entries.unmounted), '登记.xlsx', await xlsxOf([['登记证编号', '联系电话'], ['JC-3', '13700003333']]));
    assert.equal(x.body.structured, true, 'Chinese labels name the items too');
    const list = await server.call('GET', `/api/v1${files(entries.unmounted)}`, { token: tok.gaj });
    const csvVersions = list.body.items.filter((f: any) => f.name === '旅馆登记.csv');
    assert.deepEqual(csvVersions.map((f: any) => [f.version, f.current]), [[2, true], [1, false]]);
    const mount = await server.call('GET', `/api/v1/catalog/${entries.unmounted}/mount`, { token: tok.gaj });
    assert.deepEqual(mount.body.config.files.map((f: any) => `${f.name} v${f.version}`).sort(), ['gbk.csv v1', '年度报告.pdf v1', '旅馆登记.csv v2', '登记.xlsx v1'].sort());
  });

  it('a header row with empty cells (merged group headers, a blank column) is stored and listed, the blanks as ""', async () => {
    const book = await xlsxOf([['晋城市旅馆登记表'], [null, '登记证编号', null, '联系电话'], [null, 'JC-8', null, '13800008888']]);
    const res = await upload(server, tok.gaj, files(entries.unmounted), '合并表头.xlsx', book);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.header, ['', '登记证编号', '', '联系电话']);
    const list = await server.call('GET', `/api/v1${files(entries.unmounted)}`, { token: tok.gaj });
    assert.equal(list.status, 200, JSON.stringify(list.body));
  });

  it('retires a file: no longer current nor in the mount, its versions still listed', async () => {
    const other = await upload(server, tok.gaj, files(entries.unmounted), 'notes.txt', Buffer.from('internal notes'));
    assert.equal(other.body.kind, 'other');
    assert.equal(other.body.mediaType, 'application/octet-stream');
    const retired = await server.call('POST', `/api/v1${files(entries.unmounted)}/${other.body.id}/retire`, { token: tok.gaj, body: { reason: '误传' } });
    assert.equal(retired.status, 200, JSON.stringify(retired.body));
    assert.ok(retired.body.retiredAt);
    const mount = await server.call('GET', `/api/v1/catalog/${entries.unmounted}/mount`, { token: tok.gaj });
    assert.ok(!mount.body.config.files.some((f: any) => f.name === 'notes.txt'));
    const list = await server.call('GET', `/api/v1${files(entries.unmounted)}`, { token: tok.gaj });
    assert.deepEqual(list.body.items.filter((f: any) => f.name === 'notes.txt').map((f: any) => f.current), [false]);
    const again = await server.call('POST', `/api/v1${files(entries.unmounted)}/${other.body.id}/retire`, { token: tok.gaj, body: { reason: '再次' } });
    assert.equal(again.body.error.code, 'FILE_RETIRED');
  });

  it('keeps a table mount; PUT mount {kind:"file"} lists the stored files, never claimed ones', async () => {
    const res = await upload(server, tok.gaj, files(entries.conditional), 'extra.csv', Buffer.from('a,b\r\n1,2\r\n'));
    assert.equal(res.status, 201);
    assert.equal(res.body.mountKind, 'table', 'the file waits until the entry is mounted as files');
    const claimed = await server.call('PUT', `/api/v1/catalog/${entries.conditional}/mount`, {
      token: tok.gaj, body: { kind: 'file', files: [{ name: 'ghost.csv', sha256: 'a'.repeat(64), bytes: 1 }] },
    });
    assert.equal(claimed.status, 400);
    assert.equal(claimed.body.error.code, 'MOUNT_INVALID');
  });

  it('refuses: not the provider\'s steward, unpublished, bad names, wrong content, empty, oversized (413), not multipart', async () => {
    const csv = Buffer.from('a\r\n1\r\n');
    assert.equal((await upload(server, tok.fgw, files(entries.unmounted), 'x.csv', csv)).status, 403);
    assert.equal((await upload(server, tok['gaj.req'], files(entries.unmounted), 'x.csv', csv)).status, 403);
    assert.equal((await upload(server, undefined, files(entries.unmounted), 'x.csv', csv)).status, 401);
    const cases: Array<[string, Buffer, number, string]> = [
      ['fake.pdf', Buffer.from('not a pdf'), 400, 'FILE_TYPE_MISMATCH'],
      ['fake.xlsx', Buffer.from('a,b'), 400, 'FILE_TYPE_MISMATCH'],
      ['broken.pdf', Buffer.from('%PDF-1.7 garbage'), 400, 'FILE_UNREADABLE'],
      ['empty.csv', Buffer.alloc(0), 400, 'FILE_EMPTY'],
      ['bom-only.csv', Buffer.from([0xef, 0xbb, 0xbf]), 400, 'FILE_EMPTY'],
      ['unicode-text.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('登记证编号\t联系电话\r\nJC-1\t13800001111\r\n', 'utf16le')]), 400, 'FILE_ENCODING_UNSUPPORTED'],
      ['huge.csv', Buffer.alloc(LIMIT + 10_000, 0x41), 413, 'FILE_TOO_LARGE'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await upload(server, tok.gaj, files(entries.unmounted), name, bytes);
      assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code, name);
      assert.ok(res.body.error.zh && res.body.error.en);
    }
    // A workbook stored as "other" would be delivered whole to every 文件 grant: ungranted columns, nothing masked.
    const book = await xlsxOf([['registration_no', 'holder_name', 'phone'], ['JC-9', '乙公司', '13800009999']]);
    const sheets: Array<[string, Buffer, string]> = [
      ['旅馆登记.xls', book, 'FILE_FORMAT_UNSUPPORTED'], ['旅馆登记.et', book, 'FILE_FORMAT_UNSUPPORTED'],
      ['旅馆登记', book, 'FILE_TYPE_MISMATCH'], ['旅馆登记.zip', book, 'FILE_TYPE_MISMATCH'],
    ];
    for (const [name, bytes, code] of sheets) {
      const res = await upload(server, tok.gaj, files(entries.unmounted), name, bytes);
      assert.equal(res.status, 400, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code, name);
      assert.match(res.body.error.zh, /xlsx/);
    }
    const json = await server.call('POST', `/api/v1${files(entries.unmounted)}`, { token: tok.gaj, body: { name: 'x' } });
    assert.equal(json.body.error.code, 'FILE_MISSING');
    const left = await t().db.selectFrom('entry_file').select('id').where('state', '=', 'uploading').execute();
    assert.deepEqual(left, [], 'refused uploads leave no partial rows');
    const list = await server.call('GET', `/api/v1${files(entries.unmounted)}`, { token: tok.gaj });
    assert.ok(!list.body.items.some((f: any) => ['fake.pdf', 'huge.csv', 'empty.csv'].includes(f.name)));
    assert.equal((await server.call('GET', `/api/v1${files(entries.unmounted)}`, { token: tok.fgw })).status, 403);
  });
});
