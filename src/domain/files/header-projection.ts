/**
 * Projection of an uploaded table file (a CSV, the sheets of an XLSX) onto a grant (§39 按照授权
 * 的方式和范围使用; security rules §25 不得超出数据授权的许可范围). A file with a header row naming the
 * entry's data items — by item name or by its Chinese label — is structured: a consumer receives only
 * the columns of granted items, masked, and only rows inside the grant's row scope. Columns naming no
 * item are never delivered from a structured file: the data dictionary does not cover them.
 * The header row need not be the first: government tables carry a title, a unit line or a note above
 * it (findHeaderRow), and a workbook often opens with a 填报说明 sheet — judging the first row of the
 * first sheet alone would take such a file for a document and deliver it whole, every column unmasked.
 * A file in which no header row names an item is a document, delivered whole like a PDF.
 */
import type { Cell } from '../catalog/sheet-columns.ts';
import type { Salt } from '../policy/masking-hash.ts';
import { projectAndMask, type MaskingPlan } from '../policy/row-policy.ts';
import { rowInScope, type RowScope } from '../policy/row-scope.ts';

export interface ItemRef {
  name: string;
  label?: string;
}

export interface HeaderPlan {
  /** Per column, the data item it holds, if its header names one. */
  itemAt: ReadonlyArray<string | undefined>;
  /** At least one column names an item. */
  structured: boolean;
}

export interface ProjectedColumn {
  index: number;
  item: string;
  /** The header text as the provider wrote it, delivered unchanged. */
  header: string;
}

/** Header text as compared: full-width forms folded, case ignored, and no whitespace at all — template headers wrap (Alt+Enter) and pad. */
const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

export function readHeader(header: readonly Cell[], items: readonly ItemRef[]): HeaderPlan {
  const byText = new Map<string, string>();
  for (const item of items) {
    byText.set(norm(item.name), item.name);
    if (item.label && !byText.has(norm(item.label))) byText.set(norm(item.label), item.name);
  }
  const seen = new Set<string>();
  const itemAt = header.map((cell) => {
    const item = cell === null ? undefined : byText.get(norm(String(cell)));
    // A second column claiming the same item is not trusted to be it: it is dropped like an unknown one.
    if (item === undefined || seen.has(item)) return undefined;
    seen.add(item);
    return item;
  });
  return { itemAt, structured: seen.size > 0 };
}

/** How far down a sheet (or CSV) its header row is looked for. */
export const HEADER_SEARCH_ROWS = 10;

export interface FoundHeader {
  /** Its position among the sheet's rows: the rows above it (titles, notes) are not data. */
  index: number;
  header: readonly Cell[];
  plan: HeaderPlan;
}

const named = (plan: HeaderPlan) => plan.itemAt.filter((i) => i !== undefined).length;

/**
 * The header row among a sheet's leading rows: the one naming the most of the entry's items (the
 * first of equals). A two-level header (多级表头) names its group titles in the upper row and the
 * items below them in the lower; a column merged down across both keeps its text in the upper row
 * only, so a column the header row leaves unnamed takes the item named above it, in the rows from
 * the first naming one. The rows down to the header row are not data.
 */
export function findHeaderRow(rows: readonly (readonly Cell[])[], items: readonly ItemRef[]): FoundHeader | undefined {
  const plans = rows.slice(0, HEADER_SEARCH_ROWS).map((row) => readHeader(row, items));
  let index = -1;
  plans.forEach((plan, i) => {
    if (plan.structured && (index < 0 || named(plan) > named(plans[index]!))) index = i;
  });
  if (index < 0) return undefined;
  const first = plans.findIndex((plan) => plan.structured);
  const width = Math.max(...rows.slice(first, index + 1).map((r) => r.length));
  const header = Array.from({ length: width }, (_, col): Cell => {
    if (plans[index]!.itemAt[col] !== undefined) return rows[index]![col] ?? null;
    for (let r = index - 1; r >= first; r--) if (plans[r]!.itemAt[col] !== undefined) return rows[r]![col] ?? null;
    return rows[index]![col] ?? null;
  });
  return { index, header, plan: readHeader(header, items) };
}

/** The columns a grant of `granted` items receives, in the file's order. */
export function projectedColumns(plan: HeaderPlan, header: readonly Cell[], granted: readonly string[]): ProjectedColumn[] {
  const out: ProjectedColumn[] = [];
  plan.itemAt.forEach((item, index) => {
    if (item !== undefined && granted.includes(item)) out.push({ index, item, header: String(header[index] ?? item) });
  });
  return out;
}

/** A data row as item → value, every item column included (the row scope may name ungranted items). */
export function rowByItem(plan: HeaderPlan, cells: readonly Cell[]): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  plan.itemAt.forEach((item, index) => {
    if (item !== undefined) row[item] = cells[index] ?? null;
  });
  return row;
}

/**
 * The delivered rows of a batch: those inside the row scope (judged on every item column, granted or
 * not), each cut to the projected columns and masked as the grant requires.
 */
export function projectRows(rows: readonly (readonly Cell[])[], plan: HeaderPlan, columns: readonly ProjectedColumn[], scope: RowScope,
  masking: MaskingPlan, salt: Salt): Cell[][] {
  const items = columns.map((c) => c.item);
  return rows.filter((cells) => rowInScope(scope, rowByItem(plan, cells))).map((cells) => {
    const masked = projectAndMask(Object.fromEntries(columns.map((c) => [c.item, cells[c.index] ?? null])), items, masking, salt);
    return items.map((item) => asCell(masked[item]));
  });
}

/** A value as a sheet cell: masking yields text or null; anything else becomes its text. */
export function asCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
}
