/**
 * Retention of the audit trail (《网络安全法》第二十一条: ≥ 6 months; security rules §17): a finished
 * month is written to a signed archive file (`gdx audit archive`), checkable offline with only the
 * public key (`gdx audit verify-archive`); only an archived month older than six months may leave the
 * database (`gdx audit drop-month`), through audit_drop_month(), and the drop is itself audited.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { ArchiveChecker, RangeTracker, archiveMessage, recordLine, type ArchiveCheck, type ArchiveHeader, type ArchiveManifest } from '../../domain/audit/archive-format.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import { isMonth, monthBounds, monthOf, retentionElapsed } from '../../domain/audit/retention.ts';
import { ARCHIVE_TAG, signMessage } from '../../domain/audit/signing.ts';
import { AppError, badRequest, conflict } from '../../http/errors.ts';
import { sealPending } from './chain.ts';
import { sealedRecords } from './chain-rows.ts';
import type { AuditSigningKey } from './signing-key.ts';
import { recordAudit } from './store.ts';

function checkMonth(month: string, now: Date): void {
  if (!isMonth(month)) throw badRequest('INVALID_MONTH', `月份须为 YYYY-MM：${month}`, `a month is YYYY-MM: ${month}`);
  if (month >= monthOf(now)) {
    throw conflict('MONTH_NOT_OVER', `${month} 尚未结束，不能归档`, `${month} is not over yet and cannot be archived`);
  }
}

export interface ArchiveResult {
  archiveId: number;
  month: string;
  records: number;
  seqRanges: Array<[number, number]>;
  sha256: string;
}

/** Writes `month` to `out` (refused if the file exists) and registers the signed archive. */
export async function archiveMonth(
  db: Db, key: AuditSigningKey, who: Actor, opts: { month: string; out: string; alg: HashAlgorithm; now?: Date },
): Promise<ArchiveResult> {
  const now = opts.now ?? new Date();
  checkMonth(opts.month, now);
  await sealPending(db, { alg: opts.alg, wait: true });
  const bounds = monthBounds(opts.month);
  const unsealed = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_record
    WHERE seal_seq IS NULL AND at >= ${bounds.from} AND at < ${bounds.to}`.execute(db)).rows[0]!.n);
  if (unsealed > 0) throw conflict('UNSEALED_RECORDS', `${opts.month} 仍有 ${unsealed} 条未封存记录，请稍后重试`, `${opts.month} still has ${unsealed} unsealed records; retry shortly`);

  const file = createWriteStream(opts.out, { flags: 'wx', mode: 0o600 });
  const digest = createHash('sha256');
  const write = async (line: string) => {
    const bytes = `${line}\n`;
    digest.update(bytes, 'utf8');
    if (!file.write(bytes)) await once(file, 'drain');
  };
  const tracker = new RangeTracker();
  try {
    await once(file, 'open');
    const header: ArchiveHeader = { format: ARCHIVE_TAG, month: opts.month, createdAt: now.toISOString(), keyId: key.keyId, publicKey: key.publicKeyPem };
    await write(JSON.stringify(header));
    for await (const r of sealedRecords(db, bounds)) {
      tracker.add(r.seq, r.hash);
      await write(recordLine(r));
    }
    const manifest: ArchiveManifest = {
      month: opts.month, records: tracker.records, seqRanges: tracker.seqRanges, endHashes: tracker.endHashes, sha256: digest.digest('hex'),
    };
    const signature = signMessage(key.privateKey, archiveMessage(manifest, key.keyId));
    file.write(`${JSON.stringify({ manifest, signature })}\n`);
    file.end();
    await once(file, 'finish');
    const row = await db.transaction().execute(async (tx) => {
      const archive = await tx.insertInto('audit_archive').values({
        month: opts.month, records: manifest.records, seq_ranges: JSON.stringify(manifest.seqRanges),
        end_hashes: JSON.stringify(manifest.endHashes), file_sha256: manifest.sha256, key_id: key.keyId, signature,
        file_name: opts.out, created_by: who.type === 'user' ? who.username : who.name,
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, who, {
        action: 'audit.archive', targetType: 'audit_month', targetId: opts.month,
        detail: { archiveId: archive.id, records: manifest.records, seqRanges: manifest.seqRanges, sha256: manifest.sha256, file: opts.out },
      });
      return archive;
    });
    return { archiveId: row.id, month: opts.month, records: manifest.records, seqRanges: manifest.seqRanges, sha256: manifest.sha256 };
  } catch (err) {
    file.destroy();
    throw err;
  }
}

/**
 * Drops an archived month's partition. Refused — and the refusal audited — unless the month was
 * archived and every record in it is older than six months; audit_drop_month() re-checks in SQL that
 * the partition still holds exactly what the signed archive lists.
 */
export async function dropArchivedMonth(db: Db, who: Actor, opts: { month: string; now?: Date }): Promise<{ records: number; archiveId: number }> {
  const now = opts.now ?? new Date();
  if (!isMonth(opts.month)) throw badRequest('INVALID_MONTH', `月份须为 YYYY-MM：${opts.month}`, `a month is YYYY-MM: ${opts.month}`);
  const event = { action: 'audit.retention.drop', targetType: 'audit_month', targetId: opts.month };
  const refuse = async (err: AppError): Promise<never> => {
    await recordAudit(db, who, { ...event, outcome: 'failure', detail: { code: err.code, reason: err.en } });
    throw err;
  };
  if (!retentionElapsed(opts.month, now)) {
    await refuse(conflict('RETENTION_NOT_ELAPSED',
      `${opts.month} 的审计记录未满六个月（《网络安全法》第二十一条），不得删除`,
      `records of ${opts.month} are not yet six months old (Cybersecurity Law art. 21): not dropped`));
  }
  const archive = await db.selectFrom('audit_archive').select(['id', 'records']).where('month', '=', opts.month)
    .where('dropped_at', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (!archive) {
    await refuse(conflict('NOT_ARCHIVED', `${opts.month} 尚未归档，不得删除`, `${opts.month} has not been archived: not dropped`));
  }
  try {
    return await db.transaction().execute(async (tx) => {
      await recordAudit(tx, who, { ...event, detail: { archiveId: archive!.id, records: archive!.records } });
      const { rows } = await sql<{ n: number }>`SELECT audit_drop_month(${opts.month}, ${archive!.id}) AS n`.execute(tx);
      return { records: Number(rows[0]!.n), archiveId: archive!.id };
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    return refuse(conflict('DROP_REFUSED', `数据库拒绝删除：${(err as Error).message}`, `the database refused the drop: ${(err as Error).message}`));
  }
}

/** Offline check of an archive file; `publicKeyPem` pins the key (recommended: the published one). */
export async function verifyArchiveFile(path: string, publicKeyPem?: string): Promise<ArchiveCheck> {
  const checker = new ArchiveChecker({ monthOf: (at) => monthOf(new Date(at)), ...(publicKeyPem ? { pinnedPublicKey: publicKeyPem } : {}) });
  const digest = createHash('sha256');
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!checker.line(line, () => digest.copy().digest('hex'))) break;
    digest.update(`${line}\n`, 'utf8');
  }
  lines.close();
  return checker.finish();
}
