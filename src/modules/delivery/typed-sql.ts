/**
 * A 前置库 column read as its catalog item's type (数据项类型, §10), whatever the column's own SQL type:
 * a provider may keep an integer item in a text column, so comparisons cast both sides to the item's
 * type (an integer range compares numerically, never as text), and delivery reads each type's one
 * canonical text, which domain/policy/typed-values.ts turns into JSON. Values are always bound.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ItemType } from '../../domain/catalog/types.ts';

/** The PostgreSQL type each item type is compared as. */
const SQL_TYPE: Record<ItemType, string> = {
  string: 'text', integer: 'bigint', decimal: 'numeric', date: 'date', datetime: 'timestamptz', boolean: 'boolean', binary: 'bytea',
};

/** A time with its offset at the end; a time without one is UTC+8 wall-clock time (typed-values.ts). */
const HAS_OFFSET = sql.lit('\\d:\\d{2}(:\\d{2}(\\.\\d+)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)$');

/** The column as an instant: timestamptz as is; timestamp and text without an offset read at UTC+8. */
function instant(col: RawBuilder<unknown>): RawBuilder<unknown> {
  const text = sql`CAST(${col} AS text)`;
  return sql`(CASE WHEN ${text} ~ ${HAS_OFFSET} THEN CAST(${text} AS timestamptz)
    ELSE CAST(${text} AS timestamp) AT TIME ZONE INTERVAL '+08:00' END)`;
}

/** The column as a value of the item's type, for comparing and sorting. */
export function typedColumn(col: RawBuilder<unknown>, type: ItemType): RawBuilder<unknown> {
  return type === 'datetime' ? instant(col) : sql`CAST(${col} AS ${sql.raw(SQL_TYPE[type])})`;
}

/** A bound value (written as typed-values.ts parseTyped accepts) as a value of the type. */
export function typedParam(value: string, type: ItemType): RawBuilder<unknown> {
  return sql`CAST(${value} AS ${sql.raw(SQL_TYPE[type])})`;
}

/** Bound values as an array of the type, for `= ANY(…)`. */
export function typedParams(values: readonly string[], type: ItemType): RawBuilder<unknown> {
  return sql`CAST(${[...values]} AS ${sql.raw(SQL_TYPE[type])}[])`;
}

/** The column's canonical text for delivery: what typed-values.ts jsonValue and the masking read. */
export function deliveredText(col: RawBuilder<unknown>, type: ItemType): RawBuilder<unknown> {
  switch (type) {
    case 'date': return sql`to_char(CAST(${col} AS date), 'YYYY-MM-DD')`;
    // UTC+8 wall-clock time; typed-values.ts shanghaiIso adds the offset.
    case 'datetime': return sql`to_char(${instant(col)} AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
    // encode() breaks base64 into 76-character lines.
    case 'binary': return sql`translate(encode(CAST(${col} AS bytea), 'base64'), E'\\n', '')`;
    case 'string': return typedColumn(col, type);
    default: return sql`CAST(${typedColumn(col, type)} AS text)`;
  }
}
