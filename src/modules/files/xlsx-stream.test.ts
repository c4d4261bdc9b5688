/**
 * The zip walk under exceljs's streaming reader hands out every entry before it ends (xlsx-stream.ts),
 * and a truncated or foreign file still fails instead of waiting.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, it } from 'node:test';
import { Readable, type Duplex } from 'node:stream';
import ExcelJS from 'exceljs';
import { plainCell } from '../catalog/transfer/xlsx.ts';
import { xlsxOf } from './test-kit.ts';
import { workbookStream, zipParse } from './xlsx-stream.ts';

type Entry = Readable & { path: string; autodrain(): void };

const sample = () => xlsxOf([['登记证编号', '联系电话'], ['JC-1', '13800001111'], ['JC-2', '13900002222']]);

async function* delivered(bytes: Buffer, size = bytes.length) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Feeds the zip and lets unzipper parse all of it before anyone reads an entry — the slow consumer of the race. */
async function parsedUnread(bytes: Buffer): Promise<{ zip: Duplex; endedEarly: () => boolean }> {
  const zip = zipParse();
  let ended = false;
  zip.on('end', () => { ended = true; });
  Readable.from(delivered(bytes)).pipe(zip);
  await once(zip, 'finish');
  return { zip, endedEarly: () => ended };
}

describe('xlsx stream: every zip entry is read before the walk ends', () => {
  it('does not announce the end while parsed entries are still unread, then hands out all of them', async () => {
    const { zip, endedEarly } = await parsedUnread(await sample());
    assert.equal(endedEarly(), false, "'end' before the entries were read would make exceljs stop there");
    const paths: string[] = [];
    zip.on('data', (e: Entry) => { paths.push(e.path); e.autodrain(); });
    await once(zip, 'end');
    assert.ok(paths.includes('xl/workbook.xml'), paths.join(', '));
    assert.ok(paths.includes('xl/worksheets/sheet1.xml') && paths.includes('xl/worksheets/sheet2.xml'), paths.join(', '));
  });

  it('reads the first sheet\'s header and every sheet, fed whole or in small pieces', async () => {
    const bytes = await sample();
    for (const size of [bytes.length, 97]) {
      const names: string[] = [];
      let header: unknown[] = [];
      for await (const sheet of workbookStream(delivered(bytes, size))) {
        const ws = sheet as unknown as AsyncIterable<{ values: unknown[] }> & { name: string };
        names.push(ws.name);
        for await (const row of ws) {
          if (names.length === 1 && header.length === 0) header = row.values.slice(1);
        }
      }
      assert.deepEqual(names, ['登记信息', '备注'], `pieces of ${size}`);
      assert.deepEqual(header, ['登记证编号', '联系电话'], `pieces of ${size}`);
    }
  });

  it('keeps every 汉字 whole in shared strings and in a spooled sheet\'s inline strings, however the chunks fall', async () => {
    // Thousands of distinct texts: far more XML than one inflate (16 KiB) or file-read (64 KiB) chunk.
    const rows = Array.from({ length: 3000 }, (_, i) => [`晋城市第${i}号企业登记`, `泽州县金村镇${i}号院`]);
    for (const useSharedStrings of [true, false]) {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('登记信息');
      for (const r of rows) sheet.addRow(r);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings }));
      const read: string[][] = [];
      for await (const ws of workbookStream(delivered(bytes))) {
        for await (const row of ws as unknown as AsyncIterable<{ values: string[] }>) read.push(row.values.slice(1));
      }
      assert.equal(read.length, rows.length);
      const garbled = read.findIndex((r, i) => r[0] !== rows[i]![0] || r[1] !== rows[i]![1]);
      assert.equal(garbled, -1, `${useSharedStrings ? 'shared' : 'inline'} strings: row ${garbled} read as ${JSON.stringify(read[garbled])}`);
    }
  });

  it('reads a date cell as its date, not as Excel\'s serial number (which would defeat date masking and row scopes)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记信息');
    ws.addRow(['登记证编号', '发证日期', '补助金额']);
    ws.addRow(['JC-1', new Date(Date.UTC(2024, 0, 15)), 1234.5]);
    ws.getCell('C2').numFmt = '#,##0.00';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const rows: unknown[][] = [];
    for await (const sheet of workbookStream(delivered(bytes))) {
      for await (const row of sheet as unknown as AsyncIterable<{ values: ExcelJS.CellValue[] }>) rows.push(row.values.slice(1).map((v) => plainCell(v)));
    }
    assert.deepEqual(rows[1], ['JC-1', '2024-01-15', 1234.5]);
  });

  it('removes the temporary files a read spools and closes their descriptors, also when the read stops early', async () => {
    const bytes = await sample(); // exceljs writes its sheets before the shared strings: both are spooled
    const spooledFiles = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`tmp-${process.pid}-`)).length;
    const openFds = () => readdirSync('/proc/self/fd').length;
    const [files, fds] = [spooledFiles(), openFds()];
    for (let i = 0; i < 5; i++) {
      for await (const sheet of workbookStream(delivered(bytes))) {
        for await (const row of sheet as AsyncIterable<unknown>) {
          void row;
          break; // a header check, or a consumer breaking off a download
        }
        break;
      }
    }
    // Removal is asynchronous (close, then unlink): let it finish.
    for (let i = 0; i < 100 && (spooledFiles() > files || openFds() > fds); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(spooledFiles(), files, 'spooled sheets left in the temporary directory');
    assert.ok(openFds() <= fds, `descriptors left open: ${openFds() - fds}`);
  });

  it('fails on a truncated workbook and on bytes that are no zip, rather than waiting', async () => {
    const bytes = await sample();
    for (const bad of [bytes.subarray(0, Math.floor(bytes.length / 2)), Buffer.from('PK\u0003\u0004 not really a zip file at all')]) {
      await assert.rejects(async () => {
        for await (const sheet of workbookStream(delivered(bad))) {
          for await (const row of sheet as unknown as AsyncIterable<unknown>) void row;
        }
      });
    }
  });
});
