/**
 * `gdx audit …` — the operator's side of the tamper-evident audit trail (security rules §17; docs/audit.md):
 *
 *   gdx audit verify                                 walk the chain; exit 1 when broken
 *   gdx audit checkpoint                             sign a checkpoint now
 *   gdx audit public-key                             print the public key (PEM) to publish
 *   gdx audit archive --month YYYY-MM --out FILE     write a finished month to a signed file
 *   gdx audit verify-archive FILE [--public-key PEM] check an archive offline (no database)
 *   gdx audit drop-month --month YYYY-MM             drop an archived month older than six months
 */
import { readFile } from 'node:fs/promises';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import type { SystemActor } from '../../domain/access/actor.ts';
import { AppError } from '../../http/errors.ts';
import { archiveMonth, dropArchivedMonth, verifyArchiveFile } from './archive.ts';
import { createCheckpoint } from './checkpoints.ts';
import { auditKeyFileFor, loadAuditSigningKey } from './signing-key.ts';
import { recordAudit } from './store.ts';
import { verifyChain } from './verify.ts';

export const AUDIT_USAGE = `  gdx audit verify | checkpoint | public-key
  gdx audit archive --month YYYY-MM --out FILE
  gdx audit verify-archive FILE [--public-key PEM_FILE]
  gdx audit drop-month --month YYYY-MM`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function required(args: string[], name: string): string {
  const value = option(args, name);
  if (!value) throw new AppError(2, 'OPTION_REQUIRED', `缺少参数 ${name}`, `${name} is required`);
  return value;
}

/** Offline: needs no database, only the file (and, preferably, the published public key). */
export async function verifyArchiveCommand(args: string[]): Promise<boolean> {
  const file = args[2];
  if (!file) throw new AppError(2, 'FILE_REQUIRED', '请指定归档文件', 'name the archive file');
  const pemFile = option(args, '--public-key');
  const check = await verifyArchiveFile(file, pemFile ? await readFile(pemFile, 'utf8') : undefined);
  if (check.ok) {
    console.log(`归档完好 / archive intact: ${check.month}, ${check.records} 条记录 / records, 签名密钥 / signed by key ${check.keyId}`);
    if (!pemFile) console.log('未指定 --public-key：请核对上述密钥编号与平台公布的一致 / no --public-key given: compare the key id with the published one');
  } else {
    console.error(`归档校验失败 / archive check failed: ${check.problem?.zh}\n${check.problem?.en}`);
  }
  return check.ok;
}

export async function auditCommand(db: Db, config: Config, operator: SystemActor, args: string[]): Promise<boolean> {
  const sub = args[1];
  const needKey = async () => (await loadAuditSigningKey(auditKeyFileFor(config.keyFile), { create: sub !== 'verify' })).key;
  if (sub === 'verify') {
    const key = await needKey();
    const r = await verifyChain(db, { publicKey: key.publicKey, alg: config.auditHash, ...(config.databaseUrl ? { url: config.databaseUrl } : {}) });
    await recordAudit(db, operator, {
      action: 'audit.verify', targetType: 'audit_chain',
      detail: { ok: r.ok, verifiedThrough: r.verifiedThrough, seconds: r.seconds, ...(r.firstBad ? { reason: r.firstBad.reason, seq: r.firstBad.seq } : {}) },
    });
    console.log(`已校验 / verified ${r.verified} 条记录 / records through #${r.verifiedThrough} in ${r.seconds}s; ` +
      `检查点 / checkpoints ${r.checkpoints.verified}/${r.checkpoints.total}; 未封存 / unsealed ${r.unsealed}`);
    if (r.firstBad) console.error(`审计链损坏 / chain broken at #${r.firstBad.seq} (${r.firstBad.reason}):\n${r.firstBad.zh}\n${r.firstBad.en}`);
    return r.ok;
  }
  if (sub === 'checkpoint') {
    const cp = await createCheckpoint(db, await needKey(), { alg: config.auditHash, by: operator.name });
    if (!cp) {
      console.log('审计链为空 / the audit chain is empty');
      return true;
    }
    await recordAudit(db, operator, { action: 'audit.checkpoint', targetType: 'audit_checkpoint', targetId: String(cp.id), detail: { count: cp.count, hash: cp.hash } });
    console.log(`检查点 / checkpoint ${cp.id}: ${cp.count} 条 / records, head ${cp.hash}, key ${cp.keyId}`);
    return true;
  }
  if (sub === 'public-key') {
    const key = await needKey();
    console.log(`# key id ${key.keyId} (Ed25519)\n${key.publicKeyPem.trim()}`);
    return true;
  }
  if (sub === 'archive') {
    const r = await archiveMonth(db, await needKey(), operator, { month: required(args, '--month'), out: required(args, '--out'), alg: config.auditHash });
    console.log(`已归档 / archived ${r.month}: ${r.records} 条 / records, positions ${JSON.stringify(r.seqRanges)}, sha256 ${r.sha256} (archive ${r.archiveId})`);
    return true;
  }
  if (sub === 'drop-month') {
    const r = await dropArchivedMonth(db, operator, { month: required(args, '--month') });
    console.log(`已删除分区 / dropped the partition of the month: ${r.records} 条已归档记录 / archived records (archive ${r.archiveId})`);
    return true;
  }
  console.error(`用法 / usage:\n${AUDIT_USAGE}`);
  return false;
}
