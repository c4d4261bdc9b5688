/**
 * Helpers of the import/export API tests: build workbooks and CSV files from entry bodies the way a
 * department would fill them, upload them over real HTTP, and download files as bytes.
 */
import ExcelJS from 'exceljs';
import { entriesToFlatRows, entriesToRows, type Cell, type SheetContext } from '../../../domain/catalog/sheet.ts';
import type { CatalogEntryBody } from '../../../domain/catalog/types.ts';
import { EntryBodySchema } from '../schemas.ts';
import { writeCsv } from './csv.ts';

export const BODY_KEYS = Object.keys(EntryBodySchema.properties);

/** The body fields of an entry response (what an import must reproduce). */
export function bodyOf(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(BODY_KEYS.filter((k) => entry[k] !== undefined && entry[k] !== null).map((k) => [k, entry[k]]));
}

/** A consistent body with `n` text items (names unique per entry). */
export function genBody(name: string, n = 3, over: Partial<CatalogEntryBody> = {}): CatalogEntryBody {
  return {
    name,
    summary: `${name}：用于测试导入导出的目录摘要`,
    storageLevel: 'city',
    category: { kind: 'department', item: '01', subItem: '020' },
    grade: 2,
    important: false,
    format: 'database',
    items: Array.from({ length: n }, (_, i) => ({ name: `field_${i + 1}`, label: `${name}字段${i + 1}`, type: 'string' as const, length: 20 + i })),
    shareType: 'conditional',
    shareScope: '相关部门履职使用',
    shareMethod: 'api',
    openType: 'closed',
    updateCycle: 'monthly',
    ...over,
  };
}

/** Writes bodies into a workbook — the downloaded template when given, else a fresh one. */
export async function workbookOf(bodies: readonly CatalogEntryBody[], template?: ArrayBuffer,
  edit?: (rows: { entries: Cell[][]; items: Cell[][]; entryHeader: string[]; itemHeader: string[] }) => void): Promise<Buffer> {
  const out = entriesToRows(bodies.map((body) => ({ body })));
  const rows = { entries: out.entries.rows, items: out.items.rows, entryHeader: out.entries.header, itemHeader: out.items.header };
  edit?.(rows);
  const wb = new ExcelJS.Workbook();
  if (template) {
    await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  } else {
    wb.addWorksheet('目录').addRow(rows.entryHeader);
    wb.addWorksheet('数据项').addRow(rows.itemHeader);
  }
  const entriesSheet = wb.getWorksheet('目录')!;
  const itemsSheet = wb.getWorksheet('数据项')!;
  entriesSheet.getRow(1).values = rows.entryHeader;
  itemsSheet.getRow(1).values = rows.itemHeader;
  for (const r of rows.entries) entriesSheet.addRow(r);
  for (const r of rows.items) itemsSheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const csvOf = (bodies: readonly CatalogEntryBody[], ctx: SheetContext = {}): Buffer =>
  writeCsv(entriesToFlatRows(bodies.map((body) => ({ body })), { ctx }));

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

export interface Uploaded {
  status: number;
  body: any;
}

/** POST /catalog/import as multipart with one `file` field. */
export async function upload(url: string, token: string | undefined, name: string, bytes: Uint8Array): Promise<Uploaded> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${url}/api/v1/catalog/import`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** GET as bytes (the test client reads text, which would corrupt an .xlsx). */
export async function download(url: string, token: string, path: string) {
  const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The names in an exported workbook's 「目录」 sheet. */
export async function exportedNames(bytes: Buffer): Promise<string[]> {
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet('目录')!;
  const header = (ws.getRow(1).values as unknown[]).map(String);
  const col = header.indexOf('数据资源名称');
  const names: string[] = [];
  ws.eachRow((row, n) => { if (n > 1) names.push(String(row.getCell(col).value)); });
  return names;
}
