/**
 * 文件挂接 (§17 文件（或文件夹）共享): the provider's data steward uploads the files of a published
 * entry. Each upload is streamed into the database chunk by chunk with its SHA-256, size and media
 * type, and becomes the next VERSION of its name; older versions are kept and listed; a file can be
 * retired. The entry's `kind: 'file'` mount always lists the current files (docs/api-files.md).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { fileNameProblem, headMatchesKind, kindByName, mediaTypeOf, MAX_NAME_LENGTH, spreadsheetAsOther } from '../../domain/files/file-kind.ts';
import { findHeaderRow } from '../../domain/files/header-projection.ts';
import { encryptionRequired } from '../../domain/grading/index.ts';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { visibleVersion } from '../catalog/access.ts';
import * as catalogStore from '../catalog/store.ts';
import { currentGradingRules } from '../security/grading-store.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import { checkPdf, csvLeadingRows, EncodingSniffer, xlsxLeadingRows } from './inspect.ts';
import {
  allVersions, appendChunk, beginUpload, CHUNK_BYTES, currentFiles, discardStaleUploads, discardUpload, fileMountConfig, findStored,
  keyringMissing, nextVersion, readChunks, type StoredFile,
} from './store.ts';

/** Default upload limit; the server may set another (ServerOptions.fileMaxBytes). */
export const DEFAULT_FILE_MAX_BYTES = 50 * 1024 * 1024;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

export interface IncomingFile {
  name: string;
  mimetype?: string;
  chunks: AsyncIterable<Buffer>;
  /** True when the multipart parser stopped at the size limit. */
  truncated(): boolean;
}

export interface EntryFiles {
  /** How the entry is mounted now; uploads of a table- or API-mounted entry wait until it is mounted as files. */
  mountKind: 'table' | 'api' | 'file' | null;
  items: Array<StoredFile & { current: boolean }>;
}

export const fileTooLarge = (max: number) =>
  new AppError(413, 'FILE_TOO_LARGE', `文件超过上传上限 ${Math.round(max / 1024 / 1024 * 10) / 10} MB`, `the file exceeds the upload limit of ${Math.round(max / 1024 / 1024 * 10) / 10} MB`);

export class FileUploadService {
  /** `platformKey` encrypts the chunks of files whose entry's grade requires it (security rules §23). */
  constructor(private readonly deps: { db: Db; maxBytes: number; platformKey?: PlatformKey; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The entry, if the actor is its provider's data steward and it is published. */
  private async entryForSteward(db: Db, actor: UserActor, entryId: string) {
    const entry = await catalogStore.findEntry(db, entryId);
    if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
    if (entry.provider_id !== actor.orgId || !actor.roles.includes('data_steward')) {
      throw forbidden('NOT_PERMITTED', '只有提供部门的数据管理员可以挂接文件', 'only the provider\'s data steward mounts files');
    }
    if (entry.published_version === null || entry.status === 'withdrawn') {
      throw badRequest('ENTRY_NOT_PUBLISHED', '只能为已发布的目录挂接文件', 'only a published entry can have files mounted');
    }
    return entry;
  }

  /**
   * Whether the entry's files are encrypted at rest: decided by its published grade and 重要数据 mark
   * under the grading rule set in force (security rules §21 分级保护, §23 加密存储).
   */
  private async sealingRequired(entryId: string, publishedVersion: number): Promise<boolean> {
    const { db } = this.deps;
    const body = (await catalogStore.findVersion(db, entryId, publishedVersion))!.body;
    // A published body is complete; were the grade missing, the strictest treatment is the safe one.
    const sealed = encryptionRequired(body.grade ?? 4, await currentGradingRules(db), { important: body.important ?? false });
    if (sealed && !this.deps.platformKey) throw keyringMissing();
    return sealed;
  }

  async list(actor: UserActor, entryId: string): Promise<EntryFiles> {
    const { db } = this.deps;
    const entry = await catalogStore.findEntry(db, entryId);
    if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
    if (entry.provider_id !== actor.orgId) throw forbidden('NOT_PROVIDER', '只有提供部门可以查看挂接文件', 'only the provider sees the mounted files');
    const [versions, current, mount] = [await allVersions(db, entryId), await currentFiles(db, entryId),
      await db.selectFrom('catalog_mount').select('kind').where('entry_id', '=', entryId).executeTakeFirst()];
    const currentIds = new Set(current.map((f) => f.id));
    return { mountKind: mount?.kind ?? null, items: versions.map((f) => ({ ...f, current: currentIds.has(f.id) })) };
  }

  async upload(actor: UserActor, entryId: string, incoming: IncomingFile): Promise<StoredFile & { mountKind: EntryFiles['mountKind'] }> {
    const { db } = this.deps;
    const steward = await this.entryForSteward(db, actor, entryId);
    const problem = fileNameProblem(incoming.name);
    if (problem) {
      throw badRequest('FILE_NAME_INVALID', `文件名无效：不能为空、含路径或控制字符，且不超过 ${MAX_NAME_LENGTH} 个字符`,
        `invalid file name: not empty, no path or control characters, at most ${MAX_NAME_LENGTH} characters`, { problem });
    }
    const kind = kindByName(incoming.name);
    const sealed = await this.sealingRequired(entryId, steward.published_version!);
    await discardStaleUploads(db, entryId, this.now());
    const fileId = await beginUpload(db, { entryId, name: incoming.name, kind, mediaType: mediaTypeOf(kind, incoming.mimetype), uploadedBy: actor.userId, sealed });
    try {
      const received = await this.receive({ id: fileId, sealed }, incoming, kind === 'csv');
      if (received.bytes === 0 || (kind === 'csv' && received.head.equals(UTF8_BOM))) throw badRequest('FILE_EMPTY', '文件为空', 'the file is empty');
      // Excel's "Unicode 文本" and some exports write UTF-16: say so, rather than call it the wrong kind of file.
      if (kind === 'csv' && UTF16_BOMS.some((bom) => received.head.subarray(0, 2).equals(bom))) {
        throw badRequest('FILE_ENCODING_UNSUPPORTED', 'CSV 文件为 UTF-16 编码，平台无法读取：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”后上传',
          'the CSV is UTF-16 encoded, which the platform cannot read: save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)" and upload that');
      }
      if (!headMatchesKind(kind, received.head)) {
        throw badRequest('FILE_TYPE_MISMATCH', `文件内容与扩展名（${kind}）不符`, `the content does not match the extension (${kind})`);
      }
      // A workbook stored as 'other' would reach every 文件 grant whole: ungranted columns, nothing masked (§39, Sec §25).
      const sheet = spreadsheetAsOther(incoming.name, received.head);
      if (sheet === 'xlsx') {
        throw badRequest('FILE_TYPE_MISMATCH', '文件内容是 Excel 工作簿，请以 .xlsx 扩展名上传，平台才能按授权数据项交付',
          'the content is an Excel workbook: upload it named .xlsx, so it is delivered cut to the granted items');
      }
      if (sheet === 'unreadable') {
        throw badRequest('FILE_FORMAT_UNSUPPORTED', '平台无法读取此格式的电子表格（.xls、.et 等），无法按授权数据项交付，请另存为 .xlsx 或 CSV 后上传',
          'the platform cannot read spreadsheets in this format (.xls, .et…) to deliver only the granted items: save it as .xlsx or CSV and upload that');
      }
      const chunks = () => readChunks(db, { id: fileId, sealed, bytes: received.bytes }, this.deps.platformKey);
      // A CSV is one sheet; where each sheet's header row is, is decided with the items below.
      const sheets = kind === 'csv' ? [csvLeadingRows(received.head, received.encoding!, received.head.length === received.bytes)]
        : kind === 'xlsx' ? await xlsxLeadingRows(chunks())
        : null;
      if (kind === 'pdf') await checkPdf(await collect(chunks()));
      return await db.transaction().execute(async (tx) => {
        const entry = await catalogStore.findEntry(tx, entryId, { forUpdate: true });
        if (!entry || entry.published_version === null || entry.status === 'withdrawn') {
          throw badRequest('ENTRY_NOT_PUBLISHED', '只能为已发布的目录挂接文件', 'only a published entry can have files mounted');
        }
        const body = (await catalogStore.findVersion(tx, entryId, entry.published_version))!.body;
        const items = (body.items ?? []).map((i) => ({ name: i.name!, ...(i.label ? { label: i.label } : {}) }));
        const found = sheets?.map((rows) => findHeaderRow(rows, items)).find((f) => f !== undefined);
        const structured = found !== undefined;
        // Shown to the steward: the header row that names items, else the file's first row.
        const header = sheets === null ? null : (found?.header ?? sheets[0]?.[0] ?? []).map((c) => (c === null ? '' : String(c)));
        const version = await nextVersion(tx, entryId, incoming.name);
        await tx.updateTable('entry_file').set({
          state: 'stored', version, bytes: received.bytes, sha256: received.sha256, encoding: received.encoding, header, structured,
        }).where('id', '=', fileId).execute();
        const mountKind = await syncFileMount(tx, entryId, actor.userId, this.now());
        await catalogStore.addEvent(tx, { entryId, version: entry.published_version, action: 'file_uploaded', actorId: actor.userId, orgId: actor.orgId, comment: `${incoming.name} v${version}` });
        await recordAudit(tx, actor, {
          action: 'file.upload', targetType: 'catalog_entry', targetId: entryId,
          detail: { fileId, name: incoming.name, version, sha256: received.sha256, bytes: received.bytes, kind, structured, sealed },
        });
        return { ...(await findStored(tx, entryId, fileId))!, mountKind };
      });
    } catch (err) {
      await discardUpload(db, fileId);
      throw err;
    }
  }

  /** Streams the upload into chunks: hashed (the plaintext), counted, capped; the first chunk is kept for sniffing. */
  private async receive(file: { id: string; sealed: boolean }, incoming: IncomingFile, sniffText: boolean) {
    const { db, maxBytes } = this.deps;
    const hash = createHash('sha256');
    const sniffer = sniffText ? new EncodingSniffer() : undefined;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let bytes = 0;
    let seq = 0;
    let head: Buffer | undefined;
    const flush = async () => {
      const chunk = Buffer.concat(pending, pendingBytes);
      head ??= chunk;
      await appendChunk(db, file, seq++, chunk, this.deps.platformKey);
      pending = [];
      pendingBytes = 0;
    };
    for await (const part of incoming.chunks) {
      bytes += part.length;
      if (bytes > maxBytes) throw fileTooLarge(maxBytes);
      hash.update(part);
      sniffer?.push(part);
      pending.push(part);
      pendingBytes += part.length;
      if (pendingBytes >= CHUNK_BYTES) await flush();
    }
    // The parser stops at the limit; a file cut there must be refused, not stored as a shorter file.
    if (incoming.truncated()) throw fileTooLarge(maxBytes);
    if (pendingBytes > 0) await flush();
    return { bytes, sha256: hash.digest('hex'), head: head ?? Buffer.alloc(0), encoding: sniffer?.result() ?? null };
  }

  /** Retires a file: every version of its name stops being delivered; re-uploading the name starts a new version. */
  async retire(actor: UserActor, entryId: string, fileId: string, reason: string): Promise<StoredFile> {
    const { db } = this.deps;
    await this.entryForSteward(db, actor, entryId);
    return db.transaction().execute(async (tx) => {
      const entry = (await catalogStore.findEntry(tx, entryId, { forUpdate: true }))!;
      const file = await findStored(tx, entryId, fileId);
      if (!file) throw notFound('文件', 'file');
      if (file.retiredAt) throw badRequest('FILE_RETIRED', '该文件已停用', 'the file is retired already');
      const now = this.now();
      await tx.updateTable('entry_file').set({ retired_at: now, retired_by: actor.userId, retire_reason: reason })
        .where('entry_id', '=', entryId).where('name', '=', file.name).where('retired_at', 'is', null).execute();
      await syncFileMount(tx, entryId, actor.userId, now);
      await catalogStore.addEvent(tx, { entryId, version: entry.published_version!, action: 'file_retired', actorId: actor.userId, orgId: actor.orgId, comment: `${file.name}：${reason}` });
      await recordAudit(tx, actor, { action: 'file.retire', targetType: 'catalog_entry', targetId: entryId, detail: { fileId, name: file.name, reason } });
      return (await findStored(tx, entryId, fileId))!;
    });
  }
}

/**
 * Keeps the entry's mount in step with its files: an unmounted entry becomes mounted as files with its
 * first upload; a file mount lists the current files. A table or API mount is left alone — its files
 * wait until the steward mounts the entry as files (PUT /catalog/{id}/mount {kind:'file'}).
 */
export async function syncFileMount(tx: Db, entryId: string, actorId: string, now: Date): Promise<EntryFiles['mountKind']> {
  const mount = await tx.selectFrom('catalog_mount').select('kind').where('entry_id', '=', entryId).forUpdate().executeTakeFirst();
  if (mount && mount.kind !== 'file') return mount.kind;
  const config = JSON.stringify(await fileMountConfig(tx, entryId));
  if (mount) {
    await tx.updateTable('catalog_mount').set({ config, updated_at: now }).where('entry_id', '=', entryId).execute();
  } else {
    await tx.insertInto('catalog_mount').values({ entry_id: entryId, kind: 'file', config, mounted_by: actorId }).execute();
  }
  return 'file';
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}
