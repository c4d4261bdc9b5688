/**
 * A grant's row scope (共享范围, §27–§29): which rows of the entry the consumer may receive, as a
 * conjunction of conditions on the entry's data items. Pure: parsed from grant conditions, checked
 * against the entry, evaluated on a row (upstream-API responses) or compiled to SQL
 * (src/modules/delivery/row-scope-sql.ts) so every channel — API, table sync, files, verification —
 * applies the same scope.
 *
 * CONTRACT (other modules call these; keep the signatures): rowScopeOf, rowInScope.
 */
export type RowScopeOp = 'eq' | 'in' | 'prefix' | 'gte' | 'lte';

export interface RowCondition {
  item: string;
  op: RowScopeOp;
  /** One value, except `in` (one or more). Compared as text. */
  values: string[];
}

export type RowScope = readonly RowCondition[];

/** The structured row scope of a grant's conditions; empty = every row. */
export function rowScopeOf(conditions: unknown): RowScope {
  const scope = (conditions as { rowScope?: unknown } | null)?.rowScope;
  return Array.isArray(scope) ? (scope as RowCondition[]) : [];
}

/** Whether a row (item → value) is inside the scope. */
export function rowInScope(scope: RowScope, row: Record<string, unknown>): boolean {
  return scope.every((c) => {
    const v = row[c.item];
    if (v === null || v === undefined) return false;
    const text = String(v);
    switch (c.op) {
      case 'eq': return text === c.values[0];
      case 'in': return c.values.includes(text);
      case 'prefix': return text.startsWith(c.values[0] ?? '');
      case 'gte': return text >= (c.values[0] ?? '');
      case 'lte': return text <= (c.values[0] ?? '');
    }
  });
}
