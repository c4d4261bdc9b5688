/**
 * Excel/CSV import and export of whole catalogs (§9–§11).
 *
 * Import is all or nothing: the file is read, every row checked (sheet structure, values,
 * consistency §11/§23/§17, §14 lead department), and only a file without a single error is filed —
 * every entry a draft of the actor's department, in one transaction with one audit record per entry
 * and one for the import. Otherwise the answer lists every error by sheet, row and column, and
 * nothing is created. 一数一源 (§15) findings are warnings: reported, never blocking.
 *
 * Export writes any list GET /catalog can show, as the actor may see it (searchCatalog decides),
 * with each entry's shown version and its data items.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/connect.ts';
import type { UserActor } from '../../../domain/access/actor.ts';
import { toShanghaiDate } from '../../../domain/calendar/iso-date.ts';
import {
  ENTRY_SHEET, ITEM_SHEET, entriesToFlatRows, entriesToRows, existingNameErrors, flatRowsToEntries, placeIssues, rowsToEntries, sortErrors,
  type ExportEntry, type ImportContext, type SheetError, type SheetImport,
} from '../../../domain/catalog/sheet.ts';
import type { CatalogEntryBody } from '../../../domain/catalog/types.ts';
import { AppError, badRequest } from '../../../http/errors.ts';
import { buildServices } from '../../../services.ts';
import { recordAudit } from '../../audit/store.ts';
import { currentGradingRules } from '../../security/grading-store.ts';
import type { SettingsService } from '../../settings/service.ts';
import { searchCatalog, type ListQuery } from '../search.ts';
import type { CatalogService } from '../service.ts';
import { departmentEntries } from '../store.ts';
import { decodeCsv, parseCsv, writeCsv } from './csv.ts';
import { buildTemplate } from './template.ts';
import { WorkbookUnreadable, XLSX_TYPE, readWorkbook, writeWorkbook } from './xlsx.ts';

/** Upload limit (the multipart limit in server.ts uses it too). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Data-item rows per file: a whole department's catalog fits; more is refused before any work. */
export const MAX_ITEM_ROWS = 20_000;
/** What an .xlsx may unzip to; a 20,000-row catalog is a few tens of MB. */
const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** Row elements per sheet, blank formatted rows included: a hard stop on parsing work. */
const MAX_SHEET_ROWS = 100_000;
/** Errors (and warnings) listed in one answer; the message always gives the full count of errors. */
export const MAX_ERRORS_LISTED = 10_000;
/** Entries per export: beyond this the caller narrows the filters. */
export const MAX_EXPORT_ENTRIES = 20_000;

export type ExportFormat = 'xlsx' | 'csv';
export type ExportQuery = Omit<ListQuery, 'limit' | 'cursor'>;

export interface ImportOutcome {
  imported: number;
  entries: Array<{ id: string; name: string }>;
  warnings: SheetError[];
}

export interface DownloadFile {
  /** Chinese file name (Content-Disposition filename*) and its ASCII fallback. */
  filename: string;
  asciiFilename: string;
  contentType: string;
  body: Buffer;
  count: number;
}

const CSV_TYPE = 'text/csv; charset=utf-8';

const tooLarge = () => new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, `the file exceeds ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
const tooManyRows = () => badRequest('IMPORT_TOO_LARGE', `文件行数过多：数据项最多 ${MAX_ITEM_ROWS} 行，请拆分为多个文件导入`,
  `too many rows: at most ${MAX_ITEM_ROWS} data-item rows per file; split it into several files`);
const unreadable = (zh: string, en: string) => badRequest('IMPORT_UNREADABLE', `无法读取文件：${zh}`, `cannot read the file: ${en}`);

export class CatalogTransferService {
  constructor(private readonly deps: { db: Db; catalog: CatalogService; settings: SettingsService; now?: () => Date }) {}

  private today(): string {
    return toShanghaiDate(this.deps.now?.() ?? new Date());
  }

  /**
   * 基础库/主题库 names (§14), the coding rule (§13) and the grading rule set in force (security rules
   * §16): what reading a file needs from the database — a file is checked exactly as the editor's
   * entries are, under the authority's current rules.
   */
  private async context(db: Db = this.deps.db): Promise<ImportContext> {
    const subjectDatabases = await db.selectFrom('subject_database').select(['id', 'name', 'kind']).orderBy('name').execute();
    return { subjectDatabases, codingRule: await this.deps.settings.codingRule(db), grading: await currentGradingRules(db) };
  }

  async template(): Promise<DownloadFile> {
    const body = await buildTemplate(await this.context());
    return { filename: '政务数据目录导入模板.xlsx', asciiFilename: 'gdx-catalog-template.xlsx', contentType: XLSX_TYPE, body, count: 0 };
  }

  async importCatalog(actor: UserActor, file: { name: string; buffer: Buffer }): Promise<ImportOutcome> {
    if (file.buffer.length > MAX_IMPORT_BYTES) throw tooLarge();
    if (file.buffer.length === 0) throw badRequest('IMPORT_EMPTY', '文件为空', 'the file is empty');
    const ctx = await this.context();
    const read = await readCatalogFile(file, ctx);
    const errors = [...read.errors, ...existingNameErrors(read, await departmentEntries(this.deps.db, actor.orgId))];
    const warnings = [...read.warnings];
    // §14 lead department and §15 一数一源 need the database; checked for the whole file at once.
    const found = await this.deps.catalog.contextIssues(actor, read.entries);
    found.forEach((issues, i) => {
      const placed = placeIssues(read.locations[i]!, issues);
      errors.push(...placed.errors);
      warnings.push(...placed.warnings);
    });
    if (errors.length > 0) {
      const sorted = sortErrors(errors);
      const listed = sorted.length > MAX_ERRORS_LISTED ? `（列出前 ${MAX_ERRORS_LISTED} 处）` : '';
      const first = sorted[0]!;
      throw badRequest('IMPORT_INVALID',
        `文件有 ${sorted.length} 处错误${listed}，未导入任何目录。第一处：「${first.sheet}」第${first.row}行「${first.column}」：${first.zh}`,
        `the file has ${sorted.length} error(s); nothing was imported. First: sheet ${first.sheet}, row ${first.row}, column ${first.column}: ${first.en}`,
        sorted.slice(0, MAX_ERRORS_LISTED));
    }
    const bodies = read.entries;
    if (bodies.length === 0) throw badRequest('IMPORT_EMPTY', '文件中没有任何目录', 'the file holds no catalog entries');
    const ids = await this.deps.db.transaction().execute(async (tx) => {
      const created: string[] = [];
      for (const body of bodies) created.push(await this.deps.catalog.createIn(tx, actor, body));
      await recordAudit(tx, actor, {
        action: 'catalog.import', targetType: 'catalog_entry',
        detail: { file: file.name, entries: created.length, items: bodies.reduce((n, b) => n + b.items.length, 0), warnings: warnings.length },
      });
      return created;
    });
    return { imported: ids.length, entries: ids.map((id, i) => ({ id, name: bodies[i]!.name })), warnings: sortErrors(warnings).slice(0, MAX_ERRORS_LISTED) };
  }

  async exportCatalog(actor: UserActor, query: ExportQuery, format: ExportFormat): Promise<DownloadFile> {
    const db = this.deps.db;
    // The same search as GET /catalog — what the actor may see, with the same filters — in one
    // query rather than pages: one statement sees one snapshot, so nothing is skipped or repeated.
    const found = await searchCatalog(db, actor, { ...query, limit: MAX_EXPORT_ENTRIES });
    if (found.total > MAX_EXPORT_ENTRIES) {
      throw badRequest('EXPORT_TOO_LARGE', `共 ${found.total} 条目录，超过一次导出上限 ${MAX_EXPORT_ENTRIES} 条，请缩小筛选范围`,
        `${found.total} entries exceed the export limit of ${MAX_EXPORT_ENTRIES}; narrow the filters`);
    }
    const entries: ExportEntry[] = [];
    for (let i = 0; i < found.items.length; i += 500) {
      const page = found.items.slice(i, i + 500);
      const bodies = await shownBodies(db, page.map((s) => ({ id: s.id, version: s.version })));
      for (const s of page) {
        const body = bodies.get(`${s.id}/${s.version}`);
        if (body) entries.push({ body, meta: { code: s.code, providerName: s.providerName, status: s.status, version: s.version } });
      }
    }

    const ctx = await this.context();
    const body = format === 'csv'
      ? writeCsv(entriesToFlatRows(entries, { meta: true, ctx }))
      : await writeWorkbook(entriesToRows(entries, { meta: true, ctx }));
    await recordAudit(db, actor, { action: 'catalog.export', detail: { format, entries: entries.length, query } });
    const date = this.today();
    return {
      filename: `政务数据目录-${date}.${format}`, asciiFilename: `gdx-catalog-${date}.${format}`,
      contentType: format === 'csv' ? CSV_TYPE : XLSX_TYPE, body, count: entries.length,
    };
  }
}

/** The bodies of exactly the versions the search showed (it already decided visibility). */
async function shownBodies(db: Db, shown: ReadonlyArray<{ id: string; version: number }>): Promise<Map<string, CatalogEntryBody>> {
  if (shown.length === 0) return new Map();
  const rows = await db.selectFrom('catalog_entry_version').select(['entry_id', 'version', 'body'])
    .where((eb) => eb.or(shown.map((s) => eb.and([eb('entry_id', '=', s.id), eb('version', '=', s.version)]))))
    .execute();
  return new Map(rows.map((r) => [`${r.entry_id}/${r.version}`, r.body as unknown as CatalogEntryBody]));
}

/** Reads an uploaded .xlsx or .csv into checked entries; unreadable or oversized files are refused outright. */
export async function readCatalogFile(file: { name: string; buffer: Buffer }, ctx: ImportContext): Promise<SheetImport> {
  const ext = path.extname(file.name).toLowerCase();
  const b = file.buffer;
  if (ext === '.xls' || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0)) {
    throw badRequest('IMPORT_UNSUPPORTED_FORMAT', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后导入', 'old .xls files are not supported; save as .xlsx in Excel first');
  }
  const zip = b[0] === 0x50 && b[1] === 0x4b;
  if (zip || ext === '.xlsx' || ext === '.xlsm') return readXlsxFile(b, ctx);
  if (ext !== '' && ext !== '.csv' && ext !== '.txt') {
    throw badRequest('IMPORT_UNSUPPORTED_FORMAT', '只能导入 .xlsx 或 .csv 文件', 'only .xlsx or .csv files can be imported');
  }
  if (b.includes(0)) throw unreadable('不是文本格式的 CSV 文件', 'not a text CSV file');
  const parsed = parseCsv(decodeCsv(b), MAX_ITEM_ROWS);
  if (!parsed.ok && parsed.reason === 'too_many_rows') throw tooManyRows();
  if (!parsed.ok) throw unreadable(`第${parsed.row}行的引号没有闭合`, `the quote opened on row ${parsed.row} is never closed`);
  return flatRowsToEntries(parsed.table, ctx);
}

async function readXlsxFile(buffer: Buffer, ctx: ImportContext): Promise<SheetImport> {
  let tables;
  try {
    tables = await readWorkbook(buffer, { maxUnzippedBytes: MAX_UNZIPPED_BYTES, maxRowsPerSheet: MAX_SHEET_ROWS });
  } catch (err) {
    if (!(err instanceof WorkbookUnreadable)) throw err;
    if (err.reason === 'too_many_rows' || err.reason === 'too_big_inside') throw tooManyRows();
    throw unreadable('不是有效的 Excel (.xlsx) 文件', 'not a valid Excel (.xlsx) workbook');
  }
  const counted = (t?: { rows: readonly unknown[] }) => t?.rows.length ?? 0;
  if (tables.layout === 'flat') {
    if (counted(tables.table) > MAX_ITEM_ROWS) throw tooManyRows();
    return flatRowsToEntries(tables.table, ctx, tables.sheet);
  }
  if (counted(tables.items) > MAX_ITEM_ROWS || counted(tables.entries) > MAX_ITEM_ROWS) throw tooManyRows();
  const missing = (sheet: string): SheetError => ({ sheet, row: 1, column: '', zh: `缺少工作表「${sheet}」，请使用导入模板`, en: `sheet "${sheet}" is missing; use the import template` });
  const result = rowsToEntries(tables.entries ?? { header: [], rows: [] }, tables.items ?? { header: [], rows: [] }, ctx);
  if (tables.entries && tables.items) return result;
  // Without one of the sheets its column errors would only repeat "the sheet is missing".
  const absent = tables.entries ? ITEM_SHEET : ENTRY_SHEET;
  return { ...result, errors: sortErrors([missing(absent), ...result.errors.filter((e) => e.sheet !== absent)]) };
}

// ---------------------------------------------------------------------------------------------
// For the CLI: `gdx catalog import FILE --as USERNAME`, `gdx catalog export FILE [--as USERNAME]`

function transferFor(db: Db): CatalogTransferService {
  const { catalog, settings } = buildServices({ db, sessionHours: 8 });
  return new CatalogTransferService({ db, catalog, settings });
}

/** Imports an .xlsx or .csv file as drafts of the actor's department; throws AppError IMPORT_INVALID with every error. */
export async function importCatalogFile(db: Db, actor: UserActor, file: string): Promise<ImportOutcome> {
  const buffer = await readFile(file);
  return transferFor(db).importCatalog(actor, { name: path.basename(file), buffer });
}

/** Writes what the actor may see (default: the published catalog) to FILE; .csv gives CSV, anything else .xlsx. */
export async function exportCatalogFile(db: Db, actor: UserActor, file: string, query: ExportQuery = {}): Promise<{ exported: number; file: string }> {
  const format: ExportFormat = path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  const out = await transferFor(db).exportCatalog(actor, query, format);
  await writeFile(file, out.body);
  return { exported: out.count, file };
}
