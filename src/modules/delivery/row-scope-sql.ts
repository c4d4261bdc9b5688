/**
 * A grant's row scope as a SQL condition, pushed into the query of every channel that reads a
 * mounted table (data API, table sync, file export, verification). Values are bound parameters.
 *
 * CONTRACT (other modules call this; keep the signature): rowScopeSql.
 */
import { sql, type RawBuilder } from 'kysely';
import type { RowScope } from '../../domain/policy/row-scope.ts';

export function rowScopeSql(scope: RowScope, column: (item: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  if (scope.length === 0) return sql`TRUE`;
  return sql.join(scope.map((c) => {
    const col = sql`${column(c.item)}::text`;
    switch (c.op) {
      case 'eq': return sql`${col} = ${c.values[0]}`;
      case 'in': return sql`${col} = ANY(${c.values}::text[])`;
      case 'prefix': return sql`starts_with(${col}, ${c.values[0]})`;
      case 'gte': return sql`${col} >= ${c.values[0]}`;
      case 'lte': return sql`${col} <= ${c.values[0]}`;
    }
  }), sql` AND `);
}
