/**
 * 重新加密 — after a rotation (`gdx keys rotate`), re-seals every value of every registered sealed
 * column (sealed-columns.ts) with the active key and cipher, so old keys can later be retired
 * (security rules §23 加密存储, §11 完善密码防护措施). Safe to run again and from several processes: a
 * row is only written if its value is still the one read (a secret rotated meanwhile is left alone),
 * and values already under the active key are skipped. Progress is reported per batch.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { SystemActor } from '../../domain/access/actor.ts';
import { recordAudit } from '../audit/store.ts';
import { SEALED_COLUMNS, type SealedColumn } from './sealed-columns.ts';
import {
  SealError, bytesSealedBy, decryptBytes, encryptBytes, isCurrent, open, seal, type PlatformKey,
} from './secret-box.ts';

export interface ResealProgress {
  table: string;
  column: string;
  what: SealedColumn['what'];
  /** Non-null values in the column when the job started on it. */
  total: number;
  scanned: number;
  resealed: number;
  /** Already under the active key and cipher. */
  current: number;
  /** Values that do not open (unknown key, tampered): left as they are, listed for the operator. */
  failed: number;
  failedIds: string[];
}

export interface ResealReport {
  activeKeyId: string;
  cipher: string;
  columns: ResealProgress[];
}

const MAX_FAILED_IDS = 20;

type Row = Record<string, string | number> & { value: string | Buffer };

/** The column's key as SQL: its columns, the row constructor comparing them, and the row's key values. */
function keyOf(col: SealedColumn) {
  const names = typeof col.id === 'string' ? [col.id] : [...col.id];
  const refs = sql.join(names.map((n, i) => sql`${sql.ref(n)} AS ${sql.ref(`k${i}`)}`));
  const tuple = sql`(${sql.join(names.map((n) => sql.ref(n)))})`;
  const values = (row: Row) => names.map((_, i) => row[`k${i}`]!);
  const param = (vals: (string | number)[]) => sql`(${sql.join(vals.map((v) => sql`${v}`))})`;
  return { names, refs, tuple, values, param, label: (row: Row) => values(row).join(':') };
}

function isUpToDate(pk: PlatformKey, col: SealedColumn, value: string | Buffer): boolean {
  if (col.kind === 'text') return isCurrent(pk, value as string);
  const by = bytesSealedBy(value as Buffer);
  return by !== undefined && by.keyId === pk.id && by.cipher === pk.cipher;
}

function resealed(pk: PlatformKey, col: SealedColumn, value: string | Buffer): string | Buffer {
  return col.kind === 'text' ? seal(pk, open(pk, value as string)) : encryptBytes(pk, decryptBytes(pk, value as Buffer));
}

function resealColumn(db: Db, pk: PlatformKey, col: SealedColumn, batchSize: number, onProgress?: (p: ResealProgress) => void): Promise<ResealProgress> {
  return col.kind === 'json' ? resealJsonPaths(db, pk, col, batchSize, onProgress) : resealValues(db, pk, col, batchSize, onProgress);
}

async function resealValues(db: Db, pk: PlatformKey, col: SealedColumn, batchSize: number, onProgress?: (p: ResealProgress) => void): Promise<ResealProgress> {
  const t = sql.table(col.table);
  const c = sql.ref(col.column);
  const key = keyOf(col);
  const only = sealedRows(col);
  const limit = Math.min(batchSize, col.maxBatch ?? batchSize);
  const total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${t} WHERE ${c} IS NOT NULL AND ${only}`.execute(db)).rows[0]!.n;
  const p: ResealProgress = { table: col.table, column: col.column, what: col.what, total, scanned: 0, resealed: 0, current: 0, failed: 0, failedIds: [] };
  let last: (string | number)[] | undefined;
  for (;;) {
    const after = last === undefined ? sql`` : sql`AND ${key.tuple} > ${key.param(last)}`;
    const rows = (await sql<Row>`SELECT ${key.refs}, ${c} AS value FROM ${t} WHERE ${c} IS NOT NULL AND ${only} ${after}
      ORDER BY ${key.tuple} LIMIT ${limit}`.execute(db)).rows;
    if (rows.length === 0) break;
    await db.transaction().execute(async (tx) => {
      for (const row of rows) {
        if (isUpToDate(pk, col, row.value)) {
          p.current++;
          continue;
        }
        let next: string | Buffer;
        try {
          next = resealed(pk, col, row.value);
        } catch (err) {
          if (!(err instanceof SealError)) throw err;
          p.failed++;
          if (p.failedIds.length < MAX_FAILED_IDS) p.failedIds.push(key.label(row));
          continue;
        }
        const r = await sql`UPDATE ${t} SET ${c} = ${next} WHERE ${key.tuple} = ${key.param(key.values(row))} AND ${c} = ${row.value}`.execute(tx);
        if (Number(r.numAffectedRows ?? 0) > 0) p.resealed++;
        else p.current++; // changed meanwhile (e.g. the app's secret was rotated): sealed afresh already
      }
    });
    p.scanned += rows.length;
    last = key.values(rows[rows.length - 1]!);
    onProgress?.({ ...p, failedIds: [...p.failedIds] });
  }
  return p;
}

/** A json column's sealed paths, each as the text[] PostgreSQL's `#>>` and jsonb_set take. */
const jsonPaths = (col: SealedColumn) => (col.paths ?? []).map((p) => ({ name: p, path: sql`${p.split('.')}::text[]` }));

/**
 * Re-seals the sealed strings at a json column's paths. Progress counts values (a row holds several).
 * Each row is updated with jsonb_set on the re-sealed paths only, and only while every one of them
 * still holds the value read (a mount replaced meanwhile is sealed afresh already).
 */
async function resealJsonPaths(db: Db, pk: PlatformKey, col: SealedColumn, batchSize: number, onProgress?: (p: ResealProgress) => void): Promise<ResealProgress> {
  const t = sql.table(col.table);
  const c = sql.ref(col.column);
  const key = keyOf(col);
  const paths = jsonPaths(col);
  const only = sealedRows(col);
  const limit = Math.min(batchSize, col.maxBatch ?? batchSize);
  const values = sql.join(paths.map((p, i) => sql`${c} #>> ${p.path} AS ${sql.ref(`v${i}`)}`));
  const anySealed = sql`(${sql.join(paths.map((p) => sql`${c} #>> ${p.path} IS NOT NULL`), sql` OR `)})`;
  const total = (await sql<{ n: number }>`SELECT (${sql.join(paths.map((p) => sql`count(${c} #>> ${p.path})`), sql` + `)})::int AS n
    FROM ${t} WHERE ${only}`.execute(db)).rows[0]!.n;
  const p: ResealProgress = { table: col.table, column: col.column, what: col.what, total, scanned: 0, resealed: 0, current: 0, failed: 0, failedIds: [] };
  let last: (string | number)[] | undefined;
  for (;;) {
    const after = last === undefined ? sql`` : sql`AND ${key.tuple} > ${key.param(last)}`;
    const rows = (await sql<Row & Record<string, string | null>>`SELECT ${key.refs}, ${values} FROM ${t} WHERE ${anySealed} AND ${only} ${after}
      ORDER BY ${key.tuple} LIMIT ${limit}`.execute(db)).rows;
    if (rows.length === 0) break;
    await db.transaction().execute(async (tx) => {
      for (const row of rows) {
        const changes: { path: (typeof paths)[number]; from: string; to: string }[] = [];
        paths.forEach((path, i) => {
          const value = row[`v${i}`];
          if (value === null || value === undefined) return;
          p.scanned++;
          if (isCurrent(pk, value)) {
            p.current++;
            return;
          }
          try {
            changes.push({ path, from: value, to: seal(pk, open(pk, value)) });
          } catch (err) {
            if (!(err instanceof SealError)) throw err;
            p.failed++;
            if (p.failedIds.length < MAX_FAILED_IDS) p.failedIds.push(`${key.label(row)}:${path.name}`);
          }
        });
        if (changes.length === 0) continue;
        const doc = changes.reduce((d, ch) => sql`jsonb_set(${d}, ${ch.path.path}, to_jsonb(${ch.to}::text))`, sql`${c}`);
        const unchanged = sql.join(changes.map((ch) => sql`${c} #>> ${ch.path.path} = ${ch.from}`), sql` AND `);
        const r = await sql`UPDATE ${t} SET ${c} = ${doc} WHERE ${key.tuple} = ${key.param(key.values(row))} AND ${unchanged}`.execute(tx);
        if (Number(r.numAffectedRows ?? 0) > 0) p.resealed += changes.length;
        else p.current += changes.length; // replaced meanwhile: sealed afresh already
      }
    });
    last = key.values(rows[rows.length - 1]!);
    onProgress?.({ ...p, failedIds: [...p.failedIds] });
  }
  return p;
}

/** The rows holding sealed values: all non-null ones unless the column says otherwise. */
const sealedRows = (col: SealedColumn) => (col.sealedWhere ? sql`(${sql.raw(col.sealedWhere)})` : sql`TRUE`);

/** Re-seals every registered column; audited as `security.keys.reseal` with the counts. */
export async function resealAll(
  db: Db, pk: PlatformKey, actor: SystemActor,
  opts: { columns?: readonly SealedColumn[]; batchSize?: number; onProgress?: (p: ResealProgress) => void } = {},
): Promise<ResealReport> {
  const report: ResealReport = { activeKeyId: pk.id, cipher: pk.cipher, columns: [] };
  for (const col of opts.columns ?? SEALED_COLUMNS) {
    report.columns.push(await resealColumn(db, pk, col, opts.batchSize ?? 200, opts.onProgress));
  }
  const failed = report.columns.reduce((n, c) => n + c.failed, 0);
  await recordAudit(db, actor, {
    action: 'security.keys.reseal', targetType: 'keyring', targetId: pk.id, outcome: failed > 0 ? 'failure' : 'success',
    detail: {
      cipher: pk.cipher,
      columns: report.columns.map((c) => ({ table: c.table, column: c.column, total: c.total, resealed: c.resealed, current: c.current, failed: c.failed, failedIds: c.failedIds })),
    },
  });
  return report;
}

export interface SealedValueCount {
  table: string;
  column: string;
  keyId: string;
  cipher: string;
  count: number;
}

/**
 * How many values each key still holds, per column: after a reseal, none should remain under old
 * keys (posture page). Counted in SQL from the key id every sealed value carries.
 */
export async function sealedValueCounts(db: Db, columns: readonly SealedColumn[] = SEALED_COLUMNS): Promise<SealedValueCount[]> {
  const out: SealedValueCount[] = [];
  for (const col of columns) {
    if (col.kind === 'bytes') out.push(...await bytesKeyCounts(db, col));
    else if (col.kind === 'text') out.push(...await textKeyCounts(db, col, sql.ref(col.column), col.column));
    else for (const path of jsonPaths(col)) out.push(...await textKeyCounts(db, col, sql`${sql.ref(col.column)} #>> ${path.path}`, `${col.column}.${path.name}`));
  }
  return out;
}

type KeyCountRow = { key_id: string; cipher: string; n: number };
const counted = (col: SealedColumn, column: string, rows: KeyCountRow[]): SealedValueCount[] =>
  rows.map((r) => ({ table: col.table, column, keyId: r.key_id, cipher: r.cipher === 'aes' ? 'aes-256-gcm' : r.cipher, count: r.n }));

/** Sealed text (a column, or a path of a json column, reported as `column.path`). */
async function textKeyCounts(db: Db, col: SealedColumn, value: RawBuilder<unknown>, column: string): Promise<SealedValueCount[]> {
  const rows = (await sql<KeyCountRow>`
    SELECT CASE WHEN v LIKE 'v1.%' THEN split_part(v, '.', 2) ELSE split_part(v, '.', 3) END AS key_id,
           CASE WHEN v LIKE 'v1.%' THEN 'aes' ELSE split_part(v, '.', 2) END AS cipher, count(*)::int AS n
    FROM (SELECT ${value} AS v FROM ${sql.table(col.table)} WHERE ${sealedRows(col)}) s WHERE v IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`.execute(db)).rows;
  return counted(col, column, rows);
}

async function bytesKeyCounts(db: Db, col: SealedColumn): Promise<SealedValueCount[]> {
  const c = sql.ref(col.column);
  const rows = (await sql<KeyCountRow>`
    SELECT encode(substring(${c} from 7 for 8), 'escape') AS key_id,
           CASE get_byte(${c}, 5) WHEN 1 THEN 'sm4' ELSE 'aes' END AS cipher, count(*)::int AS n
    FROM ${sql.table(col.table)} WHERE ${c} IS NOT NULL AND length(${c}) > 15 AND ${sealedRows(col)} GROUP BY 1, 2 ORDER BY 1, 2`.execute(db)).rows;
  return counted(col, col.column, rows);
}
