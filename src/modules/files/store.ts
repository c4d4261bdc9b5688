/**
 * Storage of mounted files (§17 文件共享): metadata rows in entry_file, the bytes in 1 MiB chunks
 * (entry_file_chunk) written and read one chunk per statement — no transaction is held while a
 * client is slow, which matters on PGlite's single connection (docs/api-files.md).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { FileKind } from '../../domain/files/file-kind.ts';
import { AppError } from '../../http/errors.ts';
import { decryptBytes, encryptBytes, type PlatformKey } from '../security/secret-box.ts';

export const CHUNK_BYTES = 1024 * 1024;

export interface StoredFile {
  id: string;
  entryId: string;
  name: string;
  version: number;
  kind: FileKind;
  mediaType: string;
  bytes: number;
  sha256: string;
  encoding: string | null;
  header: string[] | null;
  structured: boolean;
  uploadedBy: string;
  uploadedAt: string;
  retiredAt: string | null;
  retireReason: string | null;
  /** Chunks encrypted at rest (security rules §23); sha256 and bytes are the plaintext's. */
  sealed: boolean;
}

/** What reading or writing a file's chunks needs to know about it. */
export type ChunkedFile = Pick<StoredFile, 'id' | 'sealed' | 'bytes'>;

type Row = {
  id: string; entry_id: string; name: string; version: number | null; kind: FileKind; media_type: string; bytes: number;
  sha256: string | null; encoding: string | null; header: string[] | null; structured: boolean; uploaded_by_name: string;
  uploaded_at: Date; retired_at: Date | null; retire_reason: string | null; sealed: boolean;
};

const toFile = (r: Row): StoredFile => ({
  id: r.id, entryId: r.entry_id, name: r.name, version: r.version!, kind: r.kind, mediaType: r.media_type, bytes: r.bytes,
  // Headers stored before empty cells were kept as '' may hold nulls.
  sha256: r.sha256!, encoding: r.encoding, header: r.header?.map((c) => c ?? '') ?? null, structured: r.structured, uploadedBy: r.uploaded_by_name,
  uploadedAt: r.uploaded_at.toISOString(), retiredAt: r.retired_at?.toISOString() ?? null, retireReason: r.retire_reason,
  sealed: r.sealed,
});

function stored(db: Db) {
  return db.selectFrom('entry_file as f').innerJoin('app_user as u', 'u.id', 'f.uploaded_by')
    .select(['f.id', 'f.entry_id', 'f.name', 'f.version', 'f.kind', 'f.media_type', 'f.bytes', 'f.sha256', 'f.encoding', 'f.header',
      'f.structured', 'u.display_name as uploaded_by_name', 'f.uploaded_at', 'f.retired_at', 'f.retire_reason', 'f.sealed'])
    .where('f.state', '=', 'stored');
}

/** Every stored version of every file of the entry, newest first within a name. */
export async function allVersions(db: Db, entryId: string): Promise<StoredFile[]> {
  const rows = await stored(db).where('f.entry_id', '=', entryId).orderBy('f.name').orderBy('f.version', 'desc').execute();
  return rows.map(toFile);
}

/** The current version of each file: the highest stored version of a name, unless the name is retired. */
export async function currentFiles(db: Db, entryId: string): Promise<StoredFile[]> {
  return (await allVersions(db, entryId)).filter((f, i, all) => (i === 0 || all[i - 1]!.name !== f.name) && f.retiredAt === null);
}

export async function findStored(db: Db, entryId: string, fileId: string): Promise<StoredFile | undefined> {
  const row = await stored(db).where('f.entry_id', '=', entryId).where('f.id', '=', fileId).executeTakeFirst();
  return row ? toFile(row) : undefined;
}

/** What the entry's `kind: 'file'` mount lists: its current files (docs/api-files.md). */
export async function fileMountConfig(db: Db, entryId: string) {
  const files = await currentFiles(db, entryId);
  return {
    files: files.map((f) => ({ id: f.id, name: f.name, version: f.version, sha256: f.sha256, bytes: f.bytes, mediaType: f.mediaType, structured: f.structured })),
  };
}

export async function beginUpload(db: Db, v: { entryId: string; name: string; kind: FileKind; mediaType: string; uploadedBy: string; sealed: boolean }): Promise<string> {
  const row = await db.insertInto('entry_file').values({
    entry_id: v.entryId, name: v.name, kind: v.kind, media_type: v.mediaType, uploaded_by: v.uploadedBy, sha256: null,
    version: null, encoding: null, header: null, retired_at: null, retired_by: null, retire_reason: null, sealed: v.sealed,
    destroyed_at: null, destruction_id: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const keyringMissing = () => new AppError(503, 'KEYRING_UNAVAILABLE', '平台密钥不可用，无法读写加密存储的文件',
  'the platform keyring is not available: encrypted files can be neither stored nor read');

/**
 * Writes one chunk; a sealed file's chunk is encrypted on its own (security rules §23), so it can be
 * read back — and re-sealed on key rotation — one chunk at a time.
 */
export async function appendChunk(db: Db, file: Pick<ChunkedFile, 'id' | 'sealed'>, seq: number, data: Buffer, pk: PlatformKey | undefined): Promise<void> {
  if (file.sealed && !pk) throw keyringMissing();
  await db.insertInto('entry_file_chunk').values({ file_id: file.id, seq, data: file.sealed ? encryptBytes(pk!, data) : data }).execute();
}

/** Drops an upload that did not complete, with its chunks (ON DELETE CASCADE). */
export async function discardUpload(db: Db, fileId: string): Promise<void> {
  await db.deleteFrom('entry_file').where('id', '=', fileId).where('state', '=', 'uploading').execute();
}

/** Uploads a crashed process left behind: older than an hour and never completed. */
export async function discardStaleUploads(db: Db, entryId: string, now: Date): Promise<void> {
  await db.deleteFrom('entry_file').where('entry_id', '=', entryId).where('state', '=', 'uploading')
    .where('uploaded_at', '<', new Date(now.getTime() - 3_600_000)).execute();
}

/**
 * The file's plaintext bytes, chunk by chunk (decrypted when sealed): one chunk in memory at a time.
 * Fewer bytes than the file holds (chunks deleted meanwhile by a destruction) is an error, never a
 * silently shorter file.
 */
export async function* readChunks(db: Db, file: ChunkedFile, pk: PlatformKey | undefined): AsyncGenerator<Buffer> {
  if (file.sealed && !pk) throw keyringMissing();
  let read = 0;
  for (let seq = 0; ; seq++) {
    const row = await db.selectFrom('entry_file_chunk').select('data').where('file_id', '=', file.id).where('seq', '=', seq).executeTakeFirst();
    if (!row) break;
    const data = file.sealed ? decryptBytes(pk!, row.data) : row.data;
    read += data.length;
    yield data;
  }
  if (read !== file.bytes) throw new AppError(410, 'FILE_GONE', '文件内容已不完整（可能已被销毁）', 'the file\'s content is no longer complete (it may have been destroyed)');
}

/** The next version number of a name — never one a destroyed version had; the caller holds the entry's row lock. */
export async function nextVersion(db: Db, entryId: string, name: string): Promise<number> {
  const r = await sql<{ v: number }>`SELECT coalesce(max(version), 0) + 1 AS v FROM entry_file
    WHERE entry_id = ${entryId} AND name = ${name} AND state IN ('stored', 'destroyed')`.execute(db);
  return Number(r.rows[0]!.v);
}
