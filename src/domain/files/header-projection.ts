/**
 * Projection of an uploaded table file (CSV / the first sheet of an XLSX) onto a grant (§39 按照授权
 * 的方式和范围使用; security rules §25 不得超出数据授权的许可范围). A file whose header row names the
 * entry's data items — by item name or by its Chinese label — is structured: a consumer receives only
 * the columns of granted items, masked, and only rows inside the grant's row scope. Columns naming no
 * item are never delivered from a structured file: the data dictionary does not cover them.
 * A file whose header names no item at all is a document, delivered whole like a PDF.
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

const norm = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

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
