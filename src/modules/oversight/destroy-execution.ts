/**
 * How each kind of destruction is carried out and what it leaves as proof (Sec §29 确保全过程可审计):
 * how much was destroyed (rows, bytes), a digest of it taken just before, and a check afterwards.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { AppError, conflict } from '../../http/errors.ts';
import { destroyStoredFiles } from '../files/destroy.ts';

/** Engineer A's exchange module: drops a consumer's synced copy of a table grant (src/modules/exchange/destroy.ts). */
export type DropSyncedCopy = (db: Db, grantId: string) => Promise<{ rows: number }>;

export interface DestructionOutcome {
  rows: number | null;
  bytes: number | null;
  checksum: string | null;
  verification: Record<string, unknown>;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Deletes every row of the entry's 前置库 table. The digest is order-independent (md5 of the sorted
 * md5s of the rows' text), so anyone holding a backup of the table can prove what was destroyed.
 */
export async function destroyFrontTable(tx: Db, config: { schema?: unknown; table?: unknown }): Promise<DestructionOutcome> {
  const { schema, table } = config;
  if (typeof schema !== 'string' || typeof table !== 'string' || !IDENT.test(schema) || !IDENT.test(table)) {
    throw conflict('MOUNT_INVALID', '挂接配置无效，无法定位前置库表', 'the mount does not name a front-end table');
  }
  const ref = sql.id(schema, table);
  const before = (await sql<{ n: number; bytes: number; digest: string }>`
    SELECT count(*)::bigint AS n, coalesce(sum(octet_length(t::text)), 0)::bigint AS bytes,
           md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS digest
      FROM ${ref} t`.execute(tx)).rows[0]!;
  await sql`DELETE FROM ${ref}`.execute(tx);
  const after = (await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM ${ref}`.execute(tx)).rows[0]!;
  if (Number(after.n) !== 0) throw new AppError(500, 'DESTRUCTION_INCOMPLETE', '销毁后仍有数据残留', 'rows remain after the destruction');
  return {
    rows: Number(before.n), bytes: Number(before.bytes), checksum: `md5:${before.digest}`,
    verification: { table: `${schema}.${table}`, countBefore: Number(before.n), countAfter: Number(after.n) },
  };
}

export async function destroySyncedCopy(db: Db, grantId: string, drop: DropSyncedCopy | undefined): Promise<DestructionOutcome> {
  if (!drop) {
    throw new AppError(503, 'EXCHANGE_UNAVAILABLE', '库表交换模块未就绪，暂不能删除同步副本', 'the table exchange module is not available: the synced copy cannot be dropped yet');
  }
  const { rows } = await drop(db, grantId);
  return { rows, bytes: null, checksum: null, verification: { grantId, droppedRows: rows, by: 'exchange.dropSyncedCopy' } };
}

/** Files are deleted by the executor, who attests each by name, size and SHA-256; the record keeps the list's digest. */
export function attestFiles(files: readonly { name: string; bytes: number; sha256: string }[], note: string): DestructionOutcome {
  const digest = createHash('sha256').update(files.map((f) => f.sha256).sort().join('\n')).digest('hex');
  return {
    rows: null, bytes: files.reduce((s, f) => s + f.bytes, 0), checksum: `sha256:${digest}`,
    verification: { attested: true, files: files.length, note },
  };
}

/**
 * Files the platform stores (the entry's uploaded versions approved for destruction): the files
 * module deletes every chunk in this transaction and checks none is left; the record lists each
 * version destroyed, and those already gone when the destruction ran.
 */
export async function destroyEntryFiles(tx: Db, d: { id: string; entryId: string; files: readonly { fileId?: string; name: string; version?: number }[] }, by: { actorId: string; at: Date }): Promise<DestructionOutcome> {
  const listed = d.files.filter((f) => f.fileId).map((f) => f.fileId!);
  const r = await destroyStoredFiles(tx, d.entryId, listed, { ...by, destructionId: d.id });
  const destroyed = new Set(r.files.map((f) => f.fileId));
  return {
    rows: null, bytes: r.bytes, checksum: r.checksum,
    verification: {
      ...r.verification, files: r.files.length,
      destroyed: r.files.map((f) => ({ name: f.name, version: f.version, bytes: f.bytes, sha256: f.sha256 })),
      alreadyGone: d.files.filter((f) => f.fileId && !destroyed.has(f.fileId)).map((f) => ({ name: f.name, version: f.version })),
    },
  };
}
