/**
 * The catalog as spreadsheet rows, both ways, without I/O: what a department's Excel or CSV file
 * says (§9 目录要素, §10 数据字典) becomes entry bodies, with every problem reported at its cell; and
 * entries become rows for the export.
 *
 * Two layouts:
 * - workbook: 「目录」 one row per entry, 「数据项」 one row per item whose 数据资源名称 names its entry;
 * - flat (CSV, one table): one row per item with the entry columns repeated. Rows with the same
 *   数据资源名称 form one entry; later rows may repeat the entry columns or leave them empty, but a
 *   value that differs from the entry's first row is an error. A row whose item columns are all
 *   empty carries no item.
 *
 * Why report everything at once, by cell: §11 asks for complete and consistent catalogs, and a
 * department fixing a 10,000-row file needs the whole list, not the first problem. Consistency
 * findings of validateEntry (e.g. 有条件共享 without 共享范围, §23) are mapped from their body path
 * back to the row and column that hold the value.
 */
import { ENTRY_STATUS_LABELS } from './labels.ts';
import type { Issue } from './issue.ts';
import type { CatalogEntryBody, EntryStatus } from './types.ts';
import { validateEntry, type ValidationContext } from './validation.ts';
import { normalizeText } from './normalize-text.ts';
import {
  ENTRY_COLUMNS, ENTRY_SHEET, EXPORT_ONLY_COLUMNS, FLAT_SHEET, ITEM_COLUMNS, ITEM_SHEET, MAX_ITEMS_PER_ENTRY, NAME_COLUMN,
  cellText, type Cell, type Column, type SheetContext,
} from './sheet-columns.ts';


/** Cell text quoted in a message: a hostile or broken file must not turn one error into megabytes. */
function clip(text: string, max = 60): string {
  const chars = [...String(text)];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

export * from './sheet-columns.ts';

export interface SheetRow {
  /** 1-based row number as Excel shows it; the header is row 1. */
  row: number;
  cells: readonly Cell[];
}

/** One sheet as read: its header row (row 1) and its data rows (blank rows may be left out). */
export interface SheetTable {
  header: readonly Cell[];
  rows: readonly SheetRow[];
}

export interface SheetError {
  sheet: string;
  row: number;
  /** The Chinese header of the column; empty for a problem of a whole sheet. */
  column: string;
  zh: string;
  en: string;
}

export interface EntryLocation {
  sheet: string;
  row: number;
  items: Array<{ sheet: string; row: number }>;
}

export interface SheetImport {
  /** The built bodies, in file order (meaningful only when `errors` is empty). */
  entries: CatalogEntryBody[];
  /** Where each entry and item came from, to place findings made later (those needing the database). */
  locations: EntryLocation[];
  errors: SheetError[];
  warnings: SheetError[];
}

export type ImportContext = SheetContext & ValidationContext;

// ---------------------------------------------------------------------------------------------
// Headers

const norm = (s: string): string => normalizeText(s) || s;

interface Layout {
  at: Map<Column, number>;
  /** Columns without a header: data under them would be lost, so it is reported. */
  unnamed: Set<number>;
}

function readHeader(sheet: string, header: readonly Cell[], columns: readonly Column[], errors: SheetError[]): Layout {
  const spellings = new Map<string, Column>();
  for (const c of columns) for (const s of [c.header, ...c.aliases]) spellings.set(norm(s), c);
  const ignored = new Set(EXPORT_ONLY_COLUMNS.flatMap((c) => [c.header, c.en, ...c.aliases].map(norm)));
  const at = new Map<Column, number>();
  const unnamed = new Set<number>();
  header.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return void unnamed.add(index);
    const column = spellings.get(norm(text));
    if (!column) {
      if (ignored.has(norm(text))) return;
      errors.push({ sheet, row: 1, column: clip(text), zh: `未知的列「${clip(text)}」，请使用模板中的列名`, en: `unknown column "${clip(text)}"; use the template's column names` });
    } else if (at.has(column)) {
      errors.push({ sheet, row: 1, column: text, zh: `列「${column.header}」重复出现`, en: `column "${column.header}" appears more than once` });
    } else {
      at.set(column, index);
    }
  });
  for (const c of columns) {
    if (c.required && !at.has(c)) {
      errors.push({ sheet, row: 1, column: c.header, zh: `缺少必填列「${c.header}」`, en: `required column "${c.header}" (${c.en}) is missing` });
    }
  }
  return { at, unnamed };
}

const isBlankRow = (r: SheetRow): boolean => r.cells.every((c) => cellText(c) === '');

/** Data in a column that has no header (reported once per column). */
function checkUnnamed(sheet: string, layout: Layout, rows: readonly SheetRow[], width: number, errors: SheetError[]): void {
  const reported = new Set<number>();
  for (const r of rows) {
    r.cells.forEach((cell, index) => {
      if ((index < width && !layout.unnamed.has(index)) || reported.has(index) || cellText(cell) === '') return;
      reported.add(index);
      errors.push({ sheet, row: r.row, column: `第${index + 1}列`, zh: `第${index + 1}列没有列名，但有内容`, en: `column ${index + 1} has data but no header` });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

interface Building {
  raw: Record<string, unknown> & { items: Record<string, unknown>[] };
  loc: EntryLocation;
  /** Body paths whose cell already has an error: validation findings on them would repeat it. */
  flagged: Set<string>;
  /** A second row with an entry name already used: its items went to the first, so "no items" is noise. */
  duplicate?: boolean;
}

/** Reads `columns` of one row into `target`; each error goes to `errors` and its body paths to `flag`. */
function readCells(sheet: string, r: SheetRow, columns: readonly Column[], layout: Layout, ctx: SheetContext,
  target: Record<string, unknown>, errors: SheetError[], flag: (path: string) => void): void {
  for (const column of columns) {
    const index = layout.at.get(column);
    if (index === undefined) {
      column.paths.forEach(flag); // a missing column is reported once, at the header, not on every row
      continue;
    }
    const text = cellText(r.cells[index]);
    const fail = (zh: string, en: string) => {
      errors.push({ sheet, row: r.row, column: column.header, zh, en });
      column.paths.forEach(flag);
    };
    if (text === '') {
      if (column.required) fail(`「${column.header}」不能为空`, `${column.en} is required`);
      continue;
    }
    const parsed = column.parse(text, ctx);
    if (parsed.ok) column.assign(target, parsed.value);
    else fail(parsed.zh, parsed.en);
  }
}

/** Same entry name: NFKC and spaces ignored, but not punctuation — 人口（2024） ≠ 人口2024. */
export const nameKey = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** An entry the department already has, under the name it is filed as (its working or published version). */
export interface ExistingEntry {
  name: string;
  code: string | null;
  status: EntryStatus;
}

/**
 * Entries of the file named like one the department already has (§11 命名的准确性). Importing them
 * would file a second entry of the same name — typically the same file uploaded twice, or an export
 * re-imported in place of editing — and a never-published draft cannot be deleted again.
 */
export function existingNameErrors(built: SheetImport, existing: readonly ExistingEntry[]): SheetError[] {
  const byKey = new Map(existing.map((e) => [nameKey(e.name), e]));
  const errors: SheetError[] = [];
  built.entries.forEach((body, i) => {
    const found = typeof body.name === 'string' ? byKey.get(nameKey(body.name)) : undefined;
    const loc = built.locations[i];
    if (!found || !loc) return;
    const status = ENTRY_STATUS_LABELS[found.status];
    const code = found.code ? { zh: `，统一编码 ${found.code}`, en: `, code ${found.code}` } : { zh: '', en: '' };
    errors.push({ sheet: loc.sheet, row: loc.row, column: NAME_COLUMN.header,
      zh: `本部门已有同名目录「${clip(found.name)}」（${status.zh}${code.zh}），不能重复导入；如需修改请编辑该目录，或更改本行名称（第十一条）`,
      en: `your department already has an entry named "${clip(found.name)}" (${status.en.toLowerCase()}${code.en}); it cannot be imported again — edit that entry, or rename this row (§11)` });
  });
  return errors;
}

function newBuilding(sheet: string, row: number): Building {
  return { raw: { items: [] }, loc: { sheet, row, items: [] }, flagged: new Set() };
}

/** The workbook layout: 「目录」 and 「数据项」. */
export function rowsToEntries(entrySheet: SheetTable, itemSheet: SheetTable, ctx: ImportContext): SheetImport {
  const errors: SheetError[] = [];
  const entryLayout = readHeader(ENTRY_SHEET, entrySheet.header, ENTRY_COLUMNS, errors);
  const itemLayout = readHeader(ITEM_SHEET, itemSheet.header, [NAME_COLUMN, ...ITEM_COLUMNS], errors);
  const entryRows = entrySheet.rows.filter((r) => !isBlankRow(r));
  const itemRows = itemSheet.rows.filter((r) => !isBlankRow(r));
  checkUnnamed(ENTRY_SHEET, entryLayout, entryRows, entrySheet.header.length, errors);
  checkUnnamed(ITEM_SHEET, itemLayout, itemRows, itemSheet.header.length, errors);

  const built: Building[] = [];
  const byName = new Map<string, Building>();
  const nameAt = entryLayout.at.get(NAME_COLUMN);
  for (const r of entryRows) {
    const b = newBuilding(ENTRY_SHEET, r.row);
    readCells(ENTRY_SHEET, r, ENTRY_COLUMNS, entryLayout, ctx, b.raw, errors, (p) => b.flagged.add(p));
    const key = nameAt === undefined ? '' : nameKey(cellText(r.cells[nameAt]));
    const first = byName.get(key);
    if (key !== '' && first) {
      errors.push({ sheet: ENTRY_SHEET, row: r.row, column: NAME_COLUMN.header,
        zh: `数据资源名称「${clip(b.raw.name as string)}」与第${first.loc.row}行重复`, en: `resource name "${clip(b.raw.name as string)}" repeats row ${first.loc.row}` });
      b.duplicate = true;
      b.flagged.add('items');
    } else if (key !== '') {
      byName.set(key, b);
    }
    built.push(b);
  }

  const linkAt = itemLayout.at.get(NAME_COLUMN);
  for (const r of itemRows) {
    const item: Record<string, unknown> = {};
    const link = linkAt === undefined ? '' : cellText(r.cells[linkAt]);
    const owner = byName.get(nameKey(link));
    const prefix = owner ? `items[${owner.raw.items.length}].` : '';
    readCells(ITEM_SHEET, r, ITEM_COLUMNS, itemLayout, ctx, item, errors, (p) => owner?.flagged.add(prefix + p));
    if (linkAt === undefined) continue;
    if (link === '') {
      errors.push({ sheet: ITEM_SHEET, row: r.row, column: NAME_COLUMN.header, zh: '「数据资源名称」不能为空：须填写该数据项所属的目录', en: 'resource name is required: the entry this item belongs to' });
    } else if (!owner) {
      errors.push({ sheet: ITEM_SHEET, row: r.row, column: NAME_COLUMN.header,
        zh: `数据资源名称「${clip(link)}」在「${ENTRY_SHEET}」表中不存在`, en: `no entry named "${clip(link)}" in sheet ${ENTRY_SHEET}` });
    } else {
      owner.raw.items.push(item);
      owner.loc.items.push({ sheet: ITEM_SHEET, row: r.row });
    }
  }
  return finish(built, errors, ctx);
}

/** The flat layout (CSV, or a one-sheet workbook named `sheet`): one row per item, entry columns repeated. */
export function flatRowsToEntries(table: SheetTable, ctx: ImportContext, sheet: string = FLAT_SHEET): SheetImport {
  const errors: SheetError[] = [];
  const layout = readHeader(sheet, table.header, [...ENTRY_COLUMNS, ...ITEM_COLUMNS], errors);
  const rows = table.rows.filter((r) => !isBlankRow(r));
  checkUnnamed(sheet, layout, rows, table.header.length, errors);

  const built: Building[] = [];
  const groups = new Map<string, { b: Building; first: SheetRow }>();
  const nameAt = layout.at.get(NAME_COLUMN);
  for (const r of rows) {
    const key = nameAt === undefined ? '' : nameKey(cellText(r.cells[nameAt]));
    let group = key === '' ? undefined : groups.get(key);
    if (!group) {
      const b = newBuilding(sheet, r.row);
      readCells(sheet, r, ENTRY_COLUMNS, layout, ctx, b.raw, errors, (p) => b.flagged.add(p));
      group = { b, first: r };
      if (key !== '') groups.set(key, group);
      built.push(b);
    } else {
      checkSameEntry(sheet, group.first, r, layout, ctx, errors);
    }
    const hasItem = ITEM_COLUMNS.some((c) => { const i = layout.at.get(c); return i !== undefined && cellText(r.cells[i]) !== ''; });
    if (!hasItem) continue;
    const { b } = group;
    const item: Record<string, unknown> = {};
    const prefix = `items[${b.raw.items.length}].`;
    readCells(sheet, r, ITEM_COLUMNS, layout, ctx, item, errors, (p) => b.flagged.add(prefix + p));
    b.raw.items.push(item);
    b.loc.items.push({ sheet, row: r.row });
  }
  return finish(built, errors, ctx);
}

/**
 * A later row of a flat entry must not contradict its first row (empty cells inherit it). Values are
 * compared as read, not as written: 「有条件」 and 「有条件共享」, 「2级」 and 「L2 低敏感」 are one value.
 */
function checkSameEntry(sheet: string, first: SheetRow, r: SheetRow, layout: Layout, ctx: SheetContext, errors: SheetError[]): void {
  for (const column of ENTRY_COLUMNS) {
    const i = layout.at.get(column);
    if (i === undefined || column === NAME_COLUMN) continue;
    const a = cellText(first.cells[i]);
    const b = cellText(r.cells[i]);
    if (b === '' || a === b || norm(a) === norm(b) || sameValue(column, a, b, ctx)) continue;
    errors.push({ sheet, row: r.row, column: column.header,
      zh: `同一目录的「${column.header}」须一致：本行为「${clip(b)}」，第${first.row}行为「${clip(a)}」`,
      en: `${column.en} must be the same on every row of one entry: "${clip(b)}" here, "${clip(a)}" on row ${first.row}` });
  }
}

function sameValue(column: Column, a: string, b: string, ctx: SheetContext): boolean {
  if (a === '') return false;
  const pa = column.parse(a, ctx);
  const pb = column.parse(b, ctx);
  return pa.ok && pb.ok && JSON.stringify(pa.value) === JSON.stringify(pb.value);
}

/** Structural checks of the built entries, then the consistency rules, placed at their cells. */
function finish(built: readonly Building[], errors: SheetError[], ctx: ImportContext): SheetImport {
  const warnings: SheetError[] = [];
  for (const b of built) {
    const at = { sheet: b.loc.sheet, row: b.loc.row, column: NAME_COLUMN.header };
    if (b.raw.items.length === 0 && !b.duplicate) {
      errors.push({ ...at, zh: '该目录没有数据项：至少应有一个数据项（第十条 数据字典）', en: 'this entry has no data items: at least one is required (§10)' });
      b.flagged.add('items');
    } else if (b.raw.items.length > MAX_ITEMS_PER_ENTRY) {
      errors.push({ ...at, zh: `一个目录最多 ${MAX_ITEMS_PER_ENTRY} 个数据项，该目录有 ${b.raw.items.length} 个`, en: `an entry has at most ${MAX_ITEMS_PER_ENTRY} data items; this one has ${b.raw.items.length}` });
    }
    const placed = placeIssues(b.loc, validateEntry(b.raw, ctx).filter((i) => !b.flagged.has(i.field)));
    errors.push(...placed.errors);
    warnings.push(...placed.warnings);
  }
  return {
    entries: built.map((b) => b.raw as unknown as CatalogEntryBody),
    locations: built.map((b) => b.loc),
    errors: sortErrors(errors),
    warnings: sortErrors(warnings),
  };
}

// ---------------------------------------------------------------------------------------------
// From body paths back to cells

/** The cell holding the value an issue's `field` path points at (`items[2].masking`, `shareScope`, `relatedCodes[0]`). */
export function locateField(loc: EntryLocation, field: string): { sheet: string; row: number; column: string } {
  const m = /^items\[(\d+)\](?:\.(.+))?$/.exec(field);
  const item = m ? loc.items[Number(m[1])] : undefined;
  if (m && item) {
    const path = (m[2] ?? '').replace(/\[\d+\]$/, '');
    const column = ITEM_COLUMNS.find((c) => c.paths.includes(path)) ?? ITEM_COLUMNS[0]!;
    return { sheet: item.sheet, row: item.row, column: column.header };
  }
  const path = field.replace(/\[\d+\]$/, '');
  const column = ENTRY_COLUMNS.find((c) => c.paths.some((p) => p === path || p.startsWith(`${path}.`))) ?? NAME_COLUMN;
  return { sheet: loc.sheet, row: loc.row, column: column.header };
}

/** Issues of one entry (from validateEntry or the database checks) as located errors and warnings. */
export function placeIssues(loc: EntryLocation, issues: readonly Issue[]): { errors: SheetError[]; warnings: SheetError[] } {
  const errors: SheetError[] = [];
  const warnings: SheetError[] = [];
  for (const issue of issues) {
    const cell = { ...locateField(loc, issue.field), zh: `${issue.zh}（${issue.article}）`, en: `${issue.en} (${issue.article})` };
    (issue.level === 'error' ? errors : warnings).push(cell);
  }
  return { errors, warnings };
}

const SHEET_ORDER = [ENTRY_SHEET, ITEM_SHEET, FLAT_SHEET];

/** Sheet, then row; within a row the order found (column order). */
export function sortErrors(errors: readonly SheetError[]): SheetError[] {
  return errors.map((e, i) => ({ e, i })).sort((a, b) =>
    SHEET_ORDER.indexOf(a.e.sheet) - SHEET_ORDER.indexOf(b.e.sheet) || a.e.row - b.e.row || a.i - b.i).map(({ e }) => e);
}

// ---------------------------------------------------------------------------------------------
// Export

/** What the platform adds to an exported entry (統一编码 etc.); the importer ignores these columns. */
export interface EntryMeta {
  code: string | null;
  providerName: string;
  status: EntryStatus;
  version: number;
}

export interface ExportEntry {
  body: CatalogEntryBody;
  meta?: EntryMeta;
}

export interface OutTable {
  header: string[];
  rows: Cell[][];
}

function metaCells(meta: EntryMeta | undefined, count: number): Cell[] {
  const all: Cell[] = [meta?.code ?? null, meta?.providerName ?? null, meta ? ENTRY_STATUS_LABELS[meta.status].zh : null, meta?.version ?? null];
  return all.slice(0, count);
}

const formatRow = (columns: readonly Column[], body: Readonly<Record<string, unknown>>, ctx: SheetContext): Cell[] =>
  columns.map((c) => c.format(body, ctx));

/** Both sheets of the workbook layout; `meta` adds 统一编码, 提供部门, 状态, 版本 first (and code, provider on items). */
export function entriesToRows(entries: readonly ExportEntry[], opts: { meta?: boolean; ctx?: SheetContext } = {}): { entries: OutTable; items: OutTable } {
  const ctx = opts.ctx ?? {};
  const entryMeta = opts.meta ? EXPORT_ONLY_COLUMNS.length : 0;
  const itemMeta = opts.meta ? 2 : 0;
  const entryHeader = [...EXPORT_ONLY_COLUMNS.slice(0, entryMeta).map((c) => c.header), ...ENTRY_COLUMNS.map((c) => c.header)];
  const itemHeader = [...EXPORT_ONLY_COLUMNS.slice(0, itemMeta).map((c) => c.header), NAME_COLUMN.header, ...ITEM_COLUMNS.map((c) => c.header)];
  const entryRows: Cell[][] = [];
  const itemRows: Cell[][] = [];
  for (const { body, meta } of entries) {
    const raw = body as unknown as Record<string, unknown>;
    entryRows.push([...metaCells(meta, entryMeta), ...formatRow(ENTRY_COLUMNS, raw, ctx)]);
    for (const item of body.items) {
      itemRows.push([...metaCells(meta, itemMeta), body.name, ...formatRow(ITEM_COLUMNS, item as unknown as Record<string, unknown>, ctx)]);
    }
  }
  return { entries: { header: entryHeader, rows: entryRows }, items: { header: itemHeader, rows: itemRows } };
}

/** The flat layout: one row per item (one row with empty item columns for an entry without items). */
export function entriesToFlatRows(entries: readonly ExportEntry[], opts: { meta?: boolean; ctx?: SheetContext } = {}): OutTable {
  const ctx = opts.ctx ?? {};
  const metaCount = opts.meta ? EXPORT_ONLY_COLUMNS.length : 0;
  const header = [...EXPORT_ONLY_COLUMNS.slice(0, metaCount).map((c) => c.header), ...ENTRY_COLUMNS.map((c) => c.header), ...ITEM_COLUMNS.map((c) => c.header)];
  const rows: Cell[][] = [];
  for (const { body, meta } of entries) {
    const entryCells = [...metaCells(meta, metaCount), ...formatRow(ENTRY_COLUMNS, body as unknown as Record<string, unknown>, ctx)];
    if (body.items.length === 0) rows.push([...entryCells, ...ITEM_COLUMNS.map(() => null)]);
    for (const item of body.items) rows.push([...entryCells, ...formatRow(ITEM_COLUMNS, item as unknown as Record<string, unknown>, ctx)]);
  }
  return { header, rows };
}
