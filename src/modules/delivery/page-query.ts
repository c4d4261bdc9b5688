/**
 * The SELECT of one data-API page of a 前置库 table: identifiers from the validated mount, every
 * value a bound parameter, the grant's row scope ANDed with the consumer's filters (a filter can only
 * narrow it), each granted item read as its type's canonical text (typed-sql.ts) for masking, then
 * typing — and paged by keyset: ordered by the sort item (typed) then the table's key, continuing
 * after the previous page's last row (page-cursor.ts), so page 1000 costs what page 1 does.
 *
 * Besides the items, a page reads the order values of each row (`_gdx_s`, `_gdx_k0`…) for the next
 * cursor; they are never delivered (the projection takes only the asked fields) and leave only
 * sealed in the cursor.
 */
import { createQueryId, PostgresQueryCompiler, sql, type RawBuilder } from 'kysely';
import type { CatalogEntryBody, ItemType } from '../../domain/catalog/types.ts';
import type { RowCondition, RowScope } from '../../domain/policy/row-scope.ts';
import { shanghaiIso } from '../../domain/policy/typed-values.ts';
import type { PageCursor } from './page-cursor.ts';
import { rowScopeSql } from './row-scope-sql.ts';
import { deliveredText, typedColumn, typedParam } from './typed-sql.ts';

export type TableMount = { schema: string; table: string; columns: Record<string, string>; keyColumns: string[] };

export interface PagePlan {
  fields: string[];
  limit: number;
  filters: RowCondition[];
  sort?: { item: string; desc: boolean };
  cursor?: PageCursor;
}

/** A row as read: each granted item's text, and the order values. */
export type PageRow = Record<string, string | null>;

const SORT_VALUE = '_gdx_s';
const keyValue = (i: number) => `_gdx_k${i}`;

/**
 * The columns that identify a row, to order and continue by: the mount's key columns, else the
 * columns of the entry's key items (比对键). They must be unique and never null — a table's
 * identity. None: the table pages by position (OFFSET), as before keyset paging.
 */
export function orderKeys(mount: TableMount, items: CatalogEntryBody['items']): string[] {
  if (mount.keyColumns.length) return mount.keyColumns;
  return items.filter((i) => i.key).map((i) => mount.columns[i.name] ?? i.name);
}

/** The page query's columns, in order. */
export function pageColumns(granted: string[], plan: Pick<PagePlan, 'sort'>, keys: readonly string[]): string[] {
  return [...granted, ...(plan.sort ? [SORT_VALUE] : []), ...keys.map((_, i) => keyValue(i))];
}

export function tablePageQuery(mount: TableMount, plan: PagePlan, granted: string[], types: ReadonlyMap<string, ItemType>, scope: RowScope,
  keys: readonly string[]): RawBuilder<PageRow> {
  const col = (item: string) => sql.ref(mount.columns[item] ?? item);
  const typeOf = (item: string) => types.get(item) ?? 'string';
  const sort = plan.sort && { expr: typedColumn(col(plan.sort.item), typeOf(plan.sort.item)), type: typeOf(plan.sort.item), desc: plan.sort.desc };
  const keyRefs = keys.map((k) => sql.ref(k));
  const { head, order } = fixedParts(mount, plan.sort, granted, typeOf, keys);
  const after = plan.cursor && 'after' in plan.cursor ? afterSql(plan.cursor.after, sort, keyRefs) : sql`TRUE`;
  const offset = plan.cursor && 'offset' in plan.cursor ? plan.cursor.offset : 0;
  return sql<PageRow>`${head}
    WHERE ${rowScopeSql(scope, col)} AND ${rowScopeSql(plan.filters, col)} AND ${after}
    ORDER BY ${order} LIMIT ${plan.limit + 1}${offset ? sql` OFFSET ${offset}` : sql``}`;
}

const compiler = new PostgresQueryCompiler();
/** The select lists and orders of the pages asked lately, as SQL text: see fixedParts. */
const fixed = new Map<string, { head: RawBuilder<unknown>; order: RawBuilder<unknown> }>();
const MAX_FIXED = 2000;

/** A fragment without values, compiled to its SQL text once. */
function compiledOnce(fragment: RawBuilder<unknown>): RawBuilder<unknown> {
  const compiled = compiler.compileQuery(fragment.toOperationNode(), createQueryId());
  if (compiled.parameters.length) throw new Error('a fixed part of the page query holds a value');
  return sql.raw(compiled.sql);
}

/**
 * `SELECT <items as delivered text, the order values> FROM <table>` and the ORDER BY list of a
 * page: identifiers and casts only, the same for every page of a mount, grant and sort — so built
 * and compiled once, not per call (they were most of the query's building and compiling, the
 * governed call's largest cost in Node after masking; bench/api.ts).
 */
function fixedParts(mount: TableMount, sortBy: PagePlan['sort'], granted: string[], typeOf: (item: string) => ItemType, keys: readonly string[]) {
  const key = JSON.stringify([mount.schema, mount.table, granted.map((i) => [i, mount.columns[i] ?? i, typeOf(i)]),
    sortBy ? [sortBy.item, mount.columns[sortBy.item] ?? sortBy.item, typeOf(sortBy.item), sortBy.desc] : null, keys]);
  const known = fixed.get(key);
  if (known) return known;
  const col = (item: string) => sql.ref(mount.columns[item] ?? item);
  const sort = sortBy && typedColumn(col(sortBy.item), typeOf(sortBy.item));
  const keyRefs = keys.map((k) => sql.ref(k));
  const dir = sql.raw(sortBy?.desc ? 'DESC' : 'ASC');
  const selected = [
    ...granted.map((item) => sql`${deliveredText(col(item), typeOf(item))} AS ${sql.ref(item)}`),
    ...(sort ? [sql`CAST(${sort} AS text) AS ${sql.ref(SORT_VALUE)}`] : []),
    ...keyRefs.map((k, i) => sql`CAST(${k} AS text) AS ${sql.ref(keyValue(i))}`),
  ];
  const orderBy = [...(sort ? [sql`${sort} ${dir}`] : []), ...keyRefs.map((k) => sql`${k} ${dir}`)];
  const parts = {
    head: compiledOnce(sql`SELECT ${sql.join(selected)} FROM ${sql.table(`${mount.schema}.${mount.table}`)}`),
    order: compiledOnce(orderBy.length ? sql.join(orderBy) : sql.lit(1)), // no key: the first item, by position
  };
  if (fixed.size >= MAX_FIXED) fixed.delete(fixed.keys().next().value!);
  fixed.set(key, parts);
  return parts;
}

/**
 * Rows after the cursor's in the page order. Keys compare as the columns' own type (the bound text
 * takes the column's type); the sort value by its item's type. NULL sort values come last
 * ascending and first descending (PostgreSQL's default, as an upstream API's rows are sorted).
 */
function afterSql(values: (string | null)[], sort: { expr: RawBuilder<unknown>; type: ItemType; desc: boolean } | undefined,
  keys: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const cmp = sql.raw(sort?.desc ? '<' : '>');
  const keyValues = values.slice(sort ? 1 : 0).map((v) => sql`${v}`);
  const keysAfter = sql`(${sql.join(keys)}) ${cmp} (${sql.join(keyValues)})`;
  if (!sort) return keysAfter;
  const last = values[0];
  if (last === null || last === undefined) {
    return sort.desc ? sql`(${sort.expr} IS NOT NULL OR ${keysAfter})` : sql`(${sort.expr} IS NULL AND ${keysAfter})`;
  }
  const rowAfter = sql`(${sort.expr}, ${sql.join(keys)}) ${cmp} (${typedParam(last, sort.type)}, ${sql.join(keyValues)})`;
  return sort.desc ? rowAfter : sql`(${sort.expr} IS NULL OR ${rowAfter})`;
}

/** How many order values a keyset cursor of this plan carries. */
export const orderWidth = (plan: Pick<PagePlan, 'sort'>, keys: readonly string[]) => (plan.sort ? 1 : 0) + keys.length;

/** The order values of a row, for the cursor continuing after it. */
export function orderValues(row: PageRow, plan: Pick<PagePlan, 'sort'>, keys: readonly string[]): (string | null)[] {
  return [...(plan.sort ? [row[SORT_VALUE] ?? null] : []), ...keys.map((_, i) => row[keyValue(i)] ?? null)];
}

/** Datetimes come as UTC+8 wall-clock text and leave with their offset. */
export function withOffsets(rows: PageRow[], granted: string[], types: ReadonlyMap<string, ItemType>): PageRow[] {
  const times = granted.filter((item) => types.get(item) === 'datetime');
  if (times.length) {
    for (const r of rows) {
      for (const t of times) r[t] = r[t] == null ? null : shanghaiIso(r[t]);
    }
  }
  return rows;
}
