/**
 * A grant's row scope (共享范围, §27–§29): which rows of the entry the consumer may receive, as a
 * conjunction of conditions on the entry's data items. The requester may propose one (§27), the
 * provider sets or narrows it when granting (§29, never wider than asked: §39), and the grant's scope
 * is what every channel — API, table sync, files, verification — enforces, evaluated on a row
 * (upstream-API responses) or compiled to SQL (src/modules/delivery/row-scope-sql.ts).
 * Rules for writing one: row-scope-rules.ts. Values compare by the item's type (typed-values.ts).
 *
 * rowScopeOf and rowInScope are shared by every channel; the SQL form is in row-scope-sql.ts.
 */
import type { ItemType } from '../catalog/types.ts';
import { compareTyped, typedText } from './typed-values.ts';
import { validateRowScope, type RowScopeOp, type ScopeItem } from './row-scope-rules.ts';

export { ROW_SCOPE_OPS, type RowScopeOp, type ScopeItem } from './row-scope-rules.ts';

export interface RowCondition {
  item: string;
  op: RowScopeOp;
  /** One value, except `in` (one or more), in the item type's written form (typed-values.ts). */
  values: string[];
  /**
   * The item's type, filled in by rowScopeOf(conditions, items) — never stored. Without it values
   * compare as text.
   */
  type?: ItemType;
}

export type RowScope = readonly RowCondition[];

/** A stored scope the delivery cannot apply as written: it stops, rather than deliver more rows. */
export class RowScopeError extends Error {
  constructor(readonly code: string, readonly zh: string, readonly en: string) {
    super(en);
    this.name = 'RowScopeError';
  }
}

/**
 * The structured row scope of a grant's conditions; empty = every row. Pass the entry's items so each
 * condition carries its item's type (then values compare by type) and is checked against the entry:
 * a scope that no longer fits (an item gone, a value of the wrong type) throws RowScopeError — fail
 * closed, since ignoring a condition would widen the grant.
 */
export function rowScopeOf(conditions: unknown, items?: readonly ScopeItem[]): RowScope {
  const scope = (conditions as { rowScope?: unknown } | null | undefined)?.rowScope;
  if (scope === undefined || scope === null) return [];
  const known = items ?? [];
  const issues = validateRowScope(scope, known, { article: '§29', field: 'conditions.rowScope', checkItems: items !== undefined })
    .filter((i) => i.level === 'error');
  if (issues.length) throw new RowScopeError('ROW_SCOPE_INVALID', `授权的共享范围无法执行：${issues[0]!.zh}`, `the grant's row scope cannot be applied: ${issues[0]!.en}`);
  const types = new Map(known.map((i) => [i.name, i.type]));
  return (scope as RowCondition[]).map((c) => ({
    item: c.item, op: c.op, values: [...c.values], ...(types.has(c.item) ? { type: types.get(c.item)! } : {}),
  }));
}

/** Whether a row (item → value) is inside the scope. A missing or unreadable value is outside. */
export function rowInScope(scope: RowScope, row: Record<string, unknown>): boolean {
  return scope.every((c) => {
    const v = Object.hasOwn(row, c.item) ? row[c.item] : undefined;
    if (v === null || v === undefined) return false;
    const type = c.type ?? 'string';
    const text = c.type ? typedText(c.type, v) : String(v);
    if (text === undefined) return false;
    const cmp = (b: string | undefined) => (b === undefined ? NaN : compareTyped(type, text, b));
    switch (c.op) {
      case 'eq': return cmp(c.values[0]) === 0;
      case 'in': return c.values.some((b) => cmp(b) === 0);
      case 'prefix': return text.startsWith(c.values[0] ?? '\u0000');
      case 'gte': return cmp(c.values[0]) >= 0;
      case 'lte': return cmp(c.values[0]) <= 0;
    }
  });
}
