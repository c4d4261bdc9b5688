/**
 * Reading .xlsx safely: what cells may hold (rich text, formulas, links, dates), and the guards
 * against files that are small on the wire but huge to parse.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { WorkbookUnreadable, declaredUnzippedBytes, plainCell, readWorkbook } from './xlsx.ts';

const limits = { maxUnzippedBytes: 200 * 1024 * 1024, maxRowsPerSheet: 1000 };

async function bytes(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('xlsx reading', () => {
  it('turns every kind of cell value into plain text or numbers', () => {
    assert.equal(plainCell({ richText: [{ text: '有条件' }, { text: '共享' }] }), '有条件共享');
    assert.equal(plainCell({ formula: 'A1&"x"', result: '库表' } as ExcelJS.CellFormulaValue), '库表');
    assert.equal(plainCell({ text: '接口', hyperlink: 'http://example.org' }), '接口');
    assert.equal(plainCell(new Date(Date.UTC(2024, 0, 5))), '2024-01-05');
    assert.equal(plainCell(18), 18);
    assert.equal(plainCell(null), null);
  });

  it('ignores data validations, even one over a whole sheet (exceljs would expand it cell by cell)', async () => {
    const buf = await bytes((wb) => {
      const ws = wb.addWorksheet('目录');
      ws.addRow(['数据资源名称']);
      ws.addRow(['甲']);
      (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations
        .add('A1:XFD1048576', { type: 'list', allowBlank: true, formulae: ['"a,b"'] });
      wb.addWorksheet('数据项').addRow(['数据资源名称']);
    });
    const started = Date.now();
    const read = await readWorkbook(buf, limits);
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(read, {
      layout: 'workbook',
      entries: { header: ['数据资源名称'], rows: [{ row: 2, cells: ['甲'] }] },
      items: { header: ['数据资源名称'], rows: [] },
    });
  });

  it('reads a workbook without the catalog sheets as the flat layout, naming its sheet', async () => {
    const buf = await bytes((wb) => { wb.addWorksheet('Sheet1').addRow(['数据资源名称', '数据项英文名']); });
    const read = await readWorkbook(buf, limits);
    assert.equal(read.layout, 'flat');
    assert.equal(read.layout === 'flat' && read.sheet, 'Sheet1');
  });

  it('refuses before parsing: not a zip, more unzipped bytes than allowed, too many rows', async () => {
    const reason = async (b: Buffer, l = limits) => readWorkbook(b, l).then(() => 'read', (e: unknown) => (e instanceof WorkbookUnreadable ? e.reason : String(e)));
    assert.equal(await reason(Buffer.from('数据资源名称,摘要')), 'not_xlsx');
    const small = await bytes((wb) => { wb.addWorksheet('目录').addRow(['x']); });
    assert.ok(declaredUnzippedBytes(small) > small.length);
    assert.equal(await reason(small, { ...limits, maxUnzippedBytes: 100 }), 'too_big_inside');
    const many = await bytes((wb) => { const ws = wb.addWorksheet('目录'); for (let i = 0; i < 50; i++) ws.addRow([i]); });
    assert.equal(await reason(many, { ...limits, maxRowsPerSheet: 20 }), 'too_many_rows');
    assert.equal(await reason(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])), 'corrupt');
  });
});
