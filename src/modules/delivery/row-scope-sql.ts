/**
 * A grant's row scope as a SQL condition, pushed into the query of every channel that reads a
 * mounted table (data API, table sync, file export, verification) and ANDed with anything the caller
 * adds, so no filter can widen it (STYLE.md §3). Values are bound parameters. Conditions carrying
 * their item's type (rowScopeOf(conditions, entry.items)) compare by it — integers as numbers, dates
 * as dates — and text ranges in code-point order (COLLATE "C", the order rowInScope uses too).
 * The data API compiles the consumer's own filters with it as well: the same operators, typed alike.
 *
 * rowScopeSql is what every channel (data API, table sync, file export, verification) calls.
 */
import { sql, type RawBuilder } from 'kysely';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { RowScopeError, rowScopeOf, type RowScope } from '../../domain/policy/row-scope.ts';
import { AppError } from '../../http/errors.ts';
import { typedColumn, typedParam, typedParams } from './typed-sql.ts';

/**
 * A grant's row scope, typed by the entry's items, for a channel about to read under it; a stored
 * scope that no longer fits the entry stops the call with 500 ROW_SCOPE_INVALID (fail closed).
 */
export function grantRowScope(conditions: unknown, items: CatalogEntryBody['items']): RowScope {
  try {
    return rowScopeOf(conditions, items);
  } catch (err) {
    if (err instanceof RowScopeError) throw new AppError(500, err.code, err.zh, err.en);
    throw err;
  }
}

export function rowScopeSql(scope: RowScope, column: (item: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  if (scope.length === 0) return sql`TRUE`;
  return sql`(${sql.join(scope.map((c) => {
    // A condition without a value admits no row: never read a malformed scope as "every row".
    if (c.values.length === 0) return sql`FALSE`;
    const type = c.type ?? 'string';
    const col = typedColumn(column(c.item), type);
    const ordered = type === 'string' ? sql`${col} COLLATE "C"` : col;
    const value = typedParam(c.values[0]!, type);
    switch (c.op) {
      case 'eq': return sql`${col} = ${value}`;
      case 'in': return sql`${col} = ANY(${typedParams(c.values, type)})`;
      case 'prefix': return sql`starts_with(CAST(${column(c.item)} AS text), ${c.values[0]!})`;
      case 'gte': return sql`${ordered} >= ${value}`;
      case 'lte': return sql`${ordered} <= ${value}`;
    }
  }), sql` AND `)})`;
}
