/**
 * Excel (.xlsx) in and out with exceljs, for the workbook layout of domain/catalog/sheet.ts.
 *
 * Reading guards the server against files that are small on the wire but huge inside (a zip of
 * repetitive XML; a data validation over whole columns, which exceljs would expand cell by cell):
 * declared sizes are checked before unzipping, data validations and other formatting are not
 * parsed, and rows per sheet are capped.
 */
import ExcelJS from 'exceljs';
import {
  ENTRY_COLUMNS, ENTRY_SHEET, EXPORT_ONLY_COLUMNS, ITEM_COLUMNS, ITEM_SHEET, NAME_COLUMN,
  type Cell, type Column, type OutTable, type SheetRow, type SheetTable,
} from '../../../domain/catalog/sheet.ts';
import { normalizeText } from '../../../domain/catalog/normalize-text.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook's catalog sheets, or its first sheet when it has neither (read as the flat layout). */
export type WorkbookTables =
  | { layout: 'workbook'; entries?: SheetTable; items?: SheetTable }
  | { layout: 'flat'; table: SheetTable; sheet: string };

export class WorkbookUnreadable extends Error {
  constructor(readonly reason: 'not_xlsx' | 'too_big_inside' | 'too_many_rows' | 'corrupt', message: string) {
    super(message);
  }
}

const SHEET_NAMES = {
  entries: [ENTRY_SHEET, '数据目录', '目录信息', 'entries', 'catalog'],
  items: [ITEM_SHEET, '信息项', '数据字典', 'items'],
};

const isZip = (b: Uint8Array): boolean => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Sum of the uncompressed sizes the zip's central directory declares. A zip that lies about them
 * is still caught by JSZip's size check, but only after inflating; this catches honest bombs early.
 */
export function declaredUnzippedBytes(b: Buffer): number {
  const tail = Math.max(0, b.length - 65_557);
  let eocd = -1;
  for (let i = b.length - 22; i >= tail; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new WorkbookUnreadable('corrupt', 'no end of central directory');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new WorkbookUnreadable('corrupt', 'bad central directory');
    const size = b.readUInt32LE(p + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY; // ZIP64: certainly beyond any limit of ours
    total += size;
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return total;
}

/** Plain cell values: rich text joined, formulas by their cached result, links by their text. */
export function plainCell(v: ExcelJS.CellValue | undefined): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) return plainCell((v as { result?: ExcelJS.CellValue }).result);
  if ('hyperlink' in v) return plainCell((v as { text?: ExcelJS.CellValue }).text);
  if ('error' in v) return String(v.error);
  return null;
}

function tableOf(ws: ExcelJS.Worksheet): SheetTable {
  let header: Cell[] = [];
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // row.values is 1-based (index 0 unused) and may have holes
    const values = row.values as ExcelJS.CellValue[];
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
    if (rowNumber === 1) header = cells;
    else rows.push({ row: rowNumber, cells });
  });
  return { header, rows };
}

export async function readWorkbook(buffer: Buffer, limits: { maxUnzippedBytes: number; maxRowsPerSheet: number }): Promise<WorkbookTables> {
  if (!isZip(buffer)) throw new WorkbookUnreadable('not_xlsx', 'not an xlsx (zip) file');
  if (declaredUnzippedBytes(buffer) > limits.maxUnzippedBytes) throw new WorkbookUnreadable('too_big_inside', 'unzipped size over the limit');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'mergeCells', 'drawing', 'picture', 'extLst', 'tableParts'],
      maxRows: limits.maxRowsPerSheet + 1,
      maxCols: 200,
    } as Parameters<typeof wb.xlsx.load>[1]);
  } catch (err) {
    if (/Max (row|column) count/.test((err as Error).message)) throw new WorkbookUnreadable('too_many_rows', (err as Error).message);
    throw new WorkbookUnreadable('corrupt', (err as Error).message);
  }
  const find = (names: readonly string[]) => {
    const wanted = names.map((n) => normalizeText(n));
    return wb.worksheets.find((ws) => wanted.includes(normalizeText(ws.name)));
  };
  const entries = find(SHEET_NAMES.entries);
  const items = find(SHEET_NAMES.items);
  if (!entries && !items) {
    const first = wb.worksheets.find((ws) => ws.state === 'visible') ?? wb.worksheets[0];
    if (!first) throw new WorkbookUnreadable('corrupt', 'no worksheet');
    return { layout: 'flat', table: tableOf(first), sheet: first.name };
  }
  return { layout: 'workbook', ...(entries ? { entries: tableOf(entries) } : {}), ...(items ? { items: tableOf(items) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Writing

const ALL_COLUMNS: readonly Column[] = [NAME_COLUMN, ...ENTRY_COLUMNS, ...ITEM_COLUMNS];
export const columnByHeader = (header: string): Column | undefined => ALL_COLUMNS.find((c) => c.header === header);

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB4B4B4' } };

/**
 * A data sheet: styled header (required columns tinted, with the column's note as a comment when
 * `notes`), widths, text format for code columns, a frozen header and a filter.
 */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, table: OutTable, opts: { notes?: boolean } = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.header.map((h) => {
    const column = columnByHeader(h);
    const meta = EXPORT_ONLY_COLUMNS.find((c) => c.header === h);
    return { header: h, width: column?.width ?? meta?.width ?? 14, ...(column?.textFormat ? { style: { numFmt: '@' } } : {}) };
  });
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell, i) => {
    const column = columnByHeader(table.header[i - 1]!);
    cell.font = { bold: true, color: { argb: column?.required ? 'FFC00000' : 'FF1F3864' } };
    cell.fill = column?.required ? REQUIRED_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { top: THIN, bottom: THIN, left: THIN, right: THIN };
    if (opts.notes && column) cell.note = `${column.required ? '【必填】' : ''}${column.note}（${column.article}）`;
  });
  for (const r of table.rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.header.length) } };
  return ws;
}

export async function writeWorkbook(tables: { entries: OutTable; items: OutTable }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GDX 政务数据共享交换平台';
  addTableSheet(wb, ENTRY_SHEET, tables.entries);
  addTableSheet(wb, ITEM_SHEET, tables.items);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
