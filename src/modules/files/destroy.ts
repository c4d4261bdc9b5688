/**
 * 数据销毁 of mounted files (security rules §29 审批、记录和备案，确保全过程可审计): deletes the bytes of
 * chosen stored versions of an entry's files — every chunk, encrypted or not — inside the caller's
 * transaction, and proves it: what was destroyed (name, version, plaintext bytes and SHA-256 as
 * recorded at upload), the chunks and stored bytes before, and a count afterwards that must be zero.
 * The metadata row stays (state 'destroyed'): delivery records and trace lookups refer to it, and a
 * destroyed version number is never given again. The file mount is brought in step.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { allVersions, currentFiles } from './store.ts';
import { syncFileMount } from './uploads.ts';

/** A file to destroy: every stored version of the name, or one version. */
export interface FileSelection {
  name: string;
  version?: number;
}

export interface DestroyedFile {
  fileId: string;
  name: string;
  version: number;
  bytes: number;
  sha256: string;
}

export interface FileDestruction {
  files: DestroyedFile[];
  /** Plaintext bytes of the destroyed versions. */
  bytes: number;
  /** sha256 over the sorted SHA-256s of the destroyed versions: one value naming the whole set. */
  checksum: string;
  verification: { chunksBefore: number; storedBytesBefore: number; chunksAfter: number; filesAfter: number };
}

/** The stored versions a selection names (all stored versions of the entry when it is empty); 400 for a name or version not stored. */
export async function selectStoredFiles(db: Db, entryId: string, selection: readonly FileSelection[]): Promise<DestroyedFile[]> {
  const versions = await allVersions(db, entryId);
  const picked = selection.length === 0 ? versions : selection.flatMap((s) => {
    const found = versions.filter((f) => f.name === s.name && (s.version === undefined || f.version === s.version));
    if (found.length === 0) {
      const which = s.version === undefined ? s.name : `${s.name} v${s.version}`;
      throw badRequest('FILE_NOT_STORED', `平台未存储该文件：${which}`, `no such stored file: ${which}`, [{ field: 'body.files', zh: `文件 ${which} 不存在`, en: `${which} is not stored` }]);
    }
    return found;
  });
  const unique = new Map(picked.map((f) => [f.id, { fileId: f.id, name: f.name, version: f.version, bytes: f.bytes, sha256: f.sha256 }]));
  return [...unique.values()];
}

/** Of these versions, the ones consumers can download now (a current version of the file mount). */
export async function currentAmong(db: Db, entryId: string, fileIds: readonly string[]): Promise<string[]> {
  const current = new Set((await currentFiles(db, entryId)).map((f) => f.id));
  return fileIds.filter((id) => current.has(id));
}

export function filesChecksum(files: readonly { sha256: string }[]): string {
  return `sha256:${createHash('sha256').update(files.map((f) => f.sha256).sort().join('\n')).digest('hex')}`;
}

/**
 * Destroys the named versions of the entry's files in `tx`. Versions already destroyed are skipped
 * (reported by the caller from the list it asked for); a chunk left afterwards aborts the transaction.
 */
export async function destroyStoredFiles(tx: Db, entryId: string, fileIds: readonly string[], by: {
  actorId: string; at: Date; destructionId?: string;
}): Promise<FileDestruction> {
  if (fileIds.length === 0) throw notFound('文件', 'file');
  const rows = await tx.selectFrom('entry_file').select(['id', 'name', 'version', 'bytes', 'sha256'])
    .where('entry_id', '=', entryId).where('id', 'in', [...fileIds]).where('state', '=', 'stored').forUpdate().execute();
  const files: DestroyedFile[] = rows.map((r) => ({ fileId: r.id, name: r.name, version: r.version!, bytes: r.bytes, sha256: r.sha256! }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version);
  const ids = files.map((f) => f.fileId);
  if (ids.length === 0) {
    return { files, bytes: 0, checksum: filesChecksum(files), verification: { chunksBefore: 0, storedBytesBefore: 0, chunksAfter: 0, filesAfter: 0 } };
  }
  const before = await tx.selectFrom('entry_file_chunk').where('file_id', 'in', ids)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<string | null>(eb.fn('octet_length', ['data'])).as('bytes')])
    .executeTakeFirstOrThrow();
  await tx.deleteFrom('entry_file_chunk').where('file_id', 'in', ids).execute();
  await tx.updateTable('entry_file').set({ state: 'destroyed', destroyed_at: by.at, destruction_id: by.destructionId ?? null }).where('id', 'in', ids).execute();
  const after = Number((await tx.selectFrom('entry_file_chunk').select((eb) => eb.fn.countAll<number>().as('n')).where('file_id', 'in', ids).executeTakeFirstOrThrow()).n);
  const stillStored = (await tx.selectFrom('entry_file').select('id').where('id', 'in', ids).where('state', '!=', 'destroyed').execute()).length;
  if (after !== 0 || stillStored !== 0) throw new AppError(500, 'DESTRUCTION_INCOMPLETE', '销毁后仍有文件内容残留', 'file content remains after the destruction');
  await syncFileMount(tx, entryId, by.actorId, by.at);
  return {
    files, bytes: files.reduce((s, f) => s + f.bytes, 0), checksum: filesChecksum(files),
    verification: { chunksBefore: Number(before.n), storedBytesBefore: Number(before.bytes ?? 0), chunksAfter: after, filesAfter: stillStored },
  };
}
