/**
 * Rows in batches from what a file delivery reads — an uploaded CSV, an uploaded XLSX, or the mounted
 * 前置库 table — so memory holds one batch, never the file or the table.
 *
 * The table is read in keyset pages (one short statement per page; no transaction is held while a
 * consumer downloads slowly, which would stall PGlite's single connection): ordered by the mount's
 * key columns, or by ctid for a plain table without them. Each page is its own snapshot; a table that
 * changes during a long export may show a row twice or not at all (docs/api-files.md).
 */
import type ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Cell } from '../../domain/catalog/sheet-columns.ts';
import type { RowScope } from '../../domain/policy/row-scope.ts';
import { conflict } from '../../http/errors.ts';
import { rowScopeSql } from '../delivery/row-scope-sql.ts';
import { CsvRecordStream } from './csv-stream.ts';
import { unreadable } from './inspect.ts';
import { rowCells, workbookStream } from './xlsx-stream.ts';

export const BATCH_ROWS = 1000;

/** Records of a stored CSV, header included, decoded as it was detected at upload. */
export async function* csvRecords(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<string[][]> {
  const decoder = new TextDecoder(encoding);
  const parser = new CsvRecordStream();
  for await (const chunk of chunks) {
    const records = parser.push(decoder.decode(chunk, { stream: true }));
    if (records.length) yield records;
  }
  const rest = [...parser.push(decoder.decode()), ...parser.end()];
  if (rest.length) yield rest;
}

export interface SheetRows {
  name: string;
  /** Rows in batches, the header row first. */
  rows: AsyncGenerator<Cell[][]>;
}

/** The sheets of a stored XLSX, each with its rows as plain values. */
export async function* xlsxSheets(chunks: AsyncIterable<Buffer>): AsyncGenerator<SheetRows> {
  let n = 0;
  try {
    for await (const sheet of workbookStream(chunks)) {
      n += 1;
      const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
      yield { name: ws.name ?? `Sheet${n}`, rows: batchesOf(ws) };
    }
  } catch (err) {
    throw unreadable('工作簿读取失败', `the workbook could not be read (${(err as Error).message.slice(0, 100)})`);
  }
}

async function* batchesOf(rows: AsyncIterable<ExcelJS.Row>): AsyncGenerator<Cell[][]> {
  let batch: Cell[][] = [];
  for await (const row of rows) {
    batch.push(rowCells(row));
    if (batch.length >= BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export interface TableMount {
  schema: string;
  table: string;
  columns: Record<string, string>;
  keyColumns?: string[];
}

/**
 * The granted items of the mounted table, as text, inside the grant's row scope (pushed into SQL,
 * values bound), page by page.
 */
export async function* tableRows(db: Db, mount: TableMount, items: readonly string[], scope: RowScope): AsyncGenerator<Record<string, unknown>[]> {
  const col = (item: string) => sql.ref(mount.columns[item] ?? item);
  const table = sql.table(`${mount.schema}.${mount.table}`);
  const byCtid = !mount.keyColumns?.length;
  const keys = byCtid ? await ctidKey(db, mount) : mount.keyColumns!.map((k) => sql.ref(k));
  const selected = sql.join([
    ...items.map((item) => sql`${col(item)}::text AS ${sql.ref(item)}`),
    ...keys.map((k, i) => sql`${k}::text AS ${sql.ref(`__k${i}`)}`),
  ]);
  const inScope = rowScopeSql(scope, col);
  let after: string[] | undefined;
  for (;;) {
    // Key values travel as text and are read back by PostgreSQL as the key's own type: no precision lost.
    const page = after === undefined ? sql`TRUE`
      : byCtid ? sql`ctid > ${after[0]}::tid`
      : sql`(${sql.join(keys)}) > (${sql.join(after.map((v) => sql`${v}`))})`;
    const rows = (await sql<Record<string, unknown>>`SELECT ${selected} FROM ${table}
      WHERE ${inScope} AND ${page} ORDER BY ${sql.join(keys)} LIMIT ${BATCH_ROWS}`.execute(db)).rows;
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = keys.map((_, i) => String(last[`__k${i}`]));
    yield rows;
    if (rows.length < BATCH_ROWS) return;
  }
}

/** ctid orders a plain table's rows; a view or partitioned table has none to page by. */
async function ctidKey(db: Db, mount: TableMount) {
  const r = await sql<{ relkind: string }>`SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${mount.schema} AND c.relname = ${mount.table}`.execute(db);
  if (r.rows[0]?.relkind !== 'r') {
    throw conflict('EXPORT_NEEDS_KEY', '挂接的视图或分区表须在挂接配置中设置主键列（keyColumns）才能导出文件',
      'a mounted view or partitioned table needs key columns (keyColumns) in its mount to be exported as a file');
  }
  return [sql.ref('ctid')];
}
