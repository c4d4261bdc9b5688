/**
 * Reading a grant's rows from the 前置库, in key order, in batches of bounded size, as COPY text
 * lines. On a PostgreSQL server the pass is one `COPY (SELECT …) TO STDOUT` stream, cut into batches
 * without decoding it and read only as fast as the target takes it (a bounded read-ahead, then the
 * server waits); elsewhere (PGlite) keyset-paged SELECTs, encoded as the same lines. Either way every
 * column is read as its PostgreSQL text, which the typed target columns read back exactly, and the
 * grant's row scope is a WHERE condition (rowScopeSql) — rows outside it never leave the source.
 */
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { CopyLineBatcher, decodeCopyLines, encodeCopyLine, type CopyField, type CopyLines } from '../../domain/exchange/copy-text.ts';
import { AppError } from '../../http/errors.ts';
import type { DbEndpoint } from '../delivery/front-db.ts';
import { rowScopeSql } from '../delivery/row-scope-sql.ts';
import type { SyncContext } from './context.ts';
import { compile, connectClient, inlineParams, kyselyExec, type Exec } from './sql-exec.ts';

/** Where a pass continues from (exclusive) and how far it reads. */
export interface PassWindow {
  kind: 'full' | 'incremental';
  lastKey: string[] | null;
  passChange: string | null;
  watermark: string | null;
  highWatermark: string | null;
}

/**
 * A source row as read: key texts, then (incremental) the change value and whether the row is in
 * scope, then the granted items' texts.
 */
export interface SourceLayout {
  keys: number;
  change: boolean;
  items: number;
}

/** c0, c1, …: a key column that is also a granted item is read twice, and row objects need distinct names. */
const aliased = (cols: RawBuilder<unknown>[]) => sql.join(cols.map((c, i) => sql`${c} AS ${sql.raw(`c${i}`)}`));

/** What the COPY stream buffers while a batch is shaped and written: enough to keep the server busy, bounded. */
const READ_AHEAD_BYTES = 1024 * 1024;

const TYPE_NAME = /^[a-z][a-z0-9_ ]*(\(\d+(,\d+)?\))?( with(out)? time zone)?(\[\])?$/;

export class SourceTable {
  private readonly exec: Exec;
  private types = new Map<string, string>();

  constructor(private readonly ctx: SyncContext, private readonly front: DbEndpoint) {
    this.exec = kyselyExec(front.db);
  }

  private get table() {
    return sql.table(`${this.ctx.mount.schema}.${this.ctx.mount.table}`);
  }

  private get scope(): RawBuilder<unknown> {
    return sql`coalesce((${rowScopeSql(this.ctx.scope, (item) => sql.ref(this.ctx.columnOf(item)))}), false)`;
  }

  /** Reads the key and change columns' types, for typed keyset comparisons; a missing table is a clear error. */
  async open(): Promise<void> {
    const cols = [...this.ctx.keyColumns, ...(this.ctx.mount.changeColumn ? [this.ctx.mount.changeColumn] : [])];
    const rows = await this.exec.query<{ name: string; type: string }>(sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_attribute a WHERE a.attrelid = to_regclass(${`${this.ctx.mount.schema}.${this.ctx.mount.table}`}) AND a.attnum > 0 AND NOT a.attisdropped`);
    const have = new Map(rows.map((r) => [r.name, r.type]));
    const missing = [...cols, ...this.ctx.columns.map((c) => c.source)].filter((c) => !have.has(c));
    if (rows.length === 0 || missing.length) {
      throw new AppError(409, 'SOURCE_TABLE_CHANGED', `前置库表 ${this.ctx.mount.schema}.${this.ctx.mount.table} 不存在或缺少列：${missing.join('、')}`,
        `the 前置库 table ${this.ctx.mount.schema}.${this.ctx.mount.table} is missing, or lacks columns: ${missing.join(', ')}`);
    }
    for (const c of cols) {
      const type = have.get(c)!;
      if (!TYPE_NAME.test(type)) throw new AppError(409, 'SOURCE_KEY_TYPE', `不支持的键列类型 ${type}`, `unsupported key column type ${type}`);
      this.types.set(c, type);
    }
  }

  private typed(column: string, value: string): RawBuilder<unknown> {
    return sql`${value}::${sql.raw(this.types.get(column)!)}`;
  }

  private keyTuple(): RawBuilder<unknown> {
    return sql`(${sql.join(this.ctx.keyColumns.map((k) => sql.ref(k)))})`;
  }

  /** The change value the incremental pass reads up to (fixed at its start), or null for an empty table. */
  async highWatermark(): Promise<string | null> {
    const change = this.ctx.mount.changeColumn;
    if (!change) return null;
    const [row] = await this.exec.query<{ high: string | null }>(sql`SELECT max(${sql.ref(change)})::text AS high FROM ${this.table}`);
    return row?.high ?? null;
  }

  private where(w: PassWindow, fromCheckpoint: boolean): RawBuilder<unknown> {
    const conds: RawBuilder<unknown>[] = [];
    const change = this.ctx.mount.changeColumn;
    if (w.kind === 'full') {
      conds.push(this.scope);
      if (fromCheckpoint && w.lastKey) {
        conds.push(sql`${this.keyTuple()} > (${sql.join(this.ctx.keyColumns.map((k, i) => this.typed(k, w.lastKey![i]!)))})`);
      }
    } else {
      if (!change || w.highWatermark === null) return sql`false`;
      conds.push(sql`${sql.ref(change)} <= ${this.typed(change, w.highWatermark)}`);
      if (w.watermark !== null) conds.push(sql`${sql.ref(change)} > ${this.typed(change, w.watermark)}`);
      if (fromCheckpoint && w.passChange !== null && w.lastKey) {
        const after = [this.typed(change, w.passChange), ...this.ctx.keyColumns.map((k, i) => this.typed(k, w.lastKey![i]!))];
        conds.push(sql`(${sql.ref(change)}, ${sql.join(this.ctx.keyColumns.map((k) => sql.ref(k)))}) > (${sql.join(after)})`);
      }
    }
    return sql.join(conds, sql` AND `);
  }

  /** Rows of the whole pass (for progress: a resumed pass counts what it already did as done). */
  async count(w: PassWindow): Promise<number> {
    const [row] = await this.exec.query<{ n: string }>(sql`SELECT count(*)::text AS n FROM ${this.table} WHERE ${this.where(w, false)}`);
    return Number(row?.n ?? 0);
  }

  layout(w: PassWindow): SourceLayout {
    return { keys: this.ctx.keyColumns.length, change: w.kind === 'incremental', items: this.ctx.columns.length };
  }

  private select(w: PassWindow, limit?: number): RawBuilder<unknown> {
    const change = this.ctx.mount.changeColumn;
    const cols: RawBuilder<unknown>[] = this.ctx.keyColumns.map((k) => sql`${sql.ref(k)}::text`);
    // Incremental passes read changed rows in and out of scope: a row that left the scope is deleted.
    if (w.kind === 'incremental') cols.push(sql`${sql.ref(change!)}::text`, sql`${this.scope}::text`);
    for (const c of this.ctx.columns) cols.push(sql`${sql.ref(c.source)}::text`);
    const order = w.kind === 'incremental' ? sql`${sql.ref(change!)}, ${sql.join(this.ctx.keyColumns.map((k) => sql.ref(k)))}` : sql.join(this.ctx.keyColumns.map((k) => sql.ref(k)));
    return sql`SELECT ${aliased(cols)} FROM ${this.table} WHERE ${this.where(w, true)} ORDER BY ${order}${limit ? sql` LIMIT ${limit}` : sql``}`;
  }

  /** The pass's rows after the checkpoint, as COPY text lines in batches of at most `batchRows`. */
  async *batches(w: PassWindow, batchRows: number): AsyncGenerator<CopyLines> {
    const layout = this.layout(w);
    if (this.front.url) {
      yield* this.copyBatches(compile(this.select(w)), batchRows);
      return;
    }
    const advance = (win: PassWindow, last: CopyField[]): PassWindow => ({
      ...win, lastKey: last.slice(0, layout.keys) as string[], passChange: layout.change ? (last[layout.keys] as string) : win.passChange,
    });
    for await (const rows of this.pagedBatches(w, batchRows, (win, limit) => this.select(win, limit), advance)) {
      yield { text: Buffer.from(rows.map(encodeCopyLine).join('')), rows: rows.length };
    }
  }

  /** The source keys of every row in scope (for delete propagation), in batches. */
  async *keyBatches(batchRows: number): AsyncGenerator<CopyField[][]> {
    const keys = aliased(this.ctx.keyColumns.map((k) => sql`${sql.ref(k)}::text`));
    const query = (w: PassWindow, limit?: number) => sql`SELECT ${keys} FROM ${this.table} WHERE ${this.where(w, true)}
      ORDER BY ${sql.join(this.ctx.keyColumns.map((k) => sql.ref(k)))}${limit ? sql` LIMIT ${limit}` : sql``}`;
    const start: PassWindow = { kind: 'full', lastKey: null, passChange: null, watermark: null, highWatermark: null };
    if (!this.front.url) {
      yield* this.pagedBatches(start, batchRows, query, (win, last) => ({ ...win, lastKey: last as string[] }));
      return;
    }
    for await (const lines of this.copyBatches(compile(query(start)), batchRows)) yield decodeCopyLines(lines.text);
  }

  private async *pagedBatches(w: PassWindow, batchRows: number, query: (w: PassWindow, limit: number) => RawBuilder<unknown>,
    advance: (w: PassWindow, last: CopyField[]) => PassWindow): AsyncGenerator<CopyField[][]> {
    let win = w;
    for (;;) {
      const rows = await this.exec.query<Record<string, string | null>>(query(win, batchRows));
      if (rows.length === 0) return;
      const batch = rows.map((r) => Object.values(r));
      yield batch;
      if (rows.length < batchRows) return;
      win = advance(win, batch[batch.length - 1]!);
    }
  }

  private async *copyBatches(query: { text: string; params: unknown[] }, batchRows: number): AsyncGenerator<CopyLines> {
    const client: pg.Client = await connectClient(this.front.url!);
    let finished = false;
    try {
      const stream = client.query(copyStreams.to(`COPY (${inlineParams(query)}) TO STDOUT`, { highWaterMark: READ_AHEAD_BYTES }));
      const batcher = new CopyLineBatcher(batchRows);
      for await (const chunk of stream) yield* batcher.push(chunk as Buffer);
      const tail = batcher.end();
      if (tail) yield tail;
      finished = true;
    } finally {
      // Stopped early (cancelled, revoked, failed): drop the connection rather than drain the stream.
      if (finished) await client.end();
      else {
        client.on('error', () => undefined); // the connection we are cutting reports it: expected
        (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      }
    }
  }
}
