/**
 * Signed checkpoints of the audit chain (security rules §17): periodically (job `audit.checkpoint`)
 * and on demand, the platform signs "the chain had N records, the last hashing to H, at time T" with
 * its Ed25519 audit key. A rewrite of the chain before a checkpoint — even one that re-hashes every
 * later record consistently — then disagrees with a signature nobody without the key can renew.
 */
import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import type { CheckpointMark, DroppedRange } from '../../domain/audit/chain-walk.ts';
import { archiveMessage } from '../../domain/audit/archive-format.ts';
import { checkpointMessage, publicKeyId, signMessage, verifyMessage } from '../../domain/audit/signing.ts';
import { chainHead, sealPending } from './chain.ts';
import type { AuditSigningKey } from './signing-key.ts';

export interface Checkpoint {
  id: number;
  at: string;
  count: number;
  hash: string;
  keyId: string;
  signature: string;
}

const view = (r: { id: number; at: Date; seal_seq: number; head_hash: string; key_id: string; signature: string }): Checkpoint => ({
  id: r.id, at: r.at.toISOString(), count: r.seal_seq, hash: r.head_hash, keyId: r.key_id, signature: r.signature,
});

/**
 * Seals what has committed, then signs the head. With `onlyIfAdvanced` (the periodic job) nothing is
 * written when the head has not moved since the last checkpoint. Answers the checkpoint (new or last),
 * or undefined when the chain is still empty.
 */
export async function createCheckpoint(
  db: Db, key: AuditSigningKey, opts: { alg: HashAlgorithm; by: string; onlyIfAdvanced?: boolean },
): Promise<Checkpoint | undefined> {
  await sealPending(db, { alg: opts.alg, wait: true });
  return db.transaction().execute(async (tx) => {
    const head = await chainHead(tx);
    if (!head) return undefined;
    const last = await tx.selectFrom('audit_checkpoint').selectAll().where('key_id', '=', key.keyId)
      .orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (opts.onlyIfAdvanced && last && last.seal_seq === head.seq && last.head_hash === head.hash) return view(last);
    const at = new Date();
    const signature = signMessage(key.privateKey, checkpointMessage({ seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: key.keyId }));
    const row = await tx.insertInto('audit_checkpoint').values({
      at, seal_seq: head.seq, head_hash: head.hash, key_id: key.keyId, public_key: key.publicKeyPem, signature, created_by: opts.by,
    }).returningAll().executeTakeFirstOrThrow();
    return view(row);
  });
}

export async function listCheckpoints(db: Db, opts: { limit: number; before?: number }): Promise<Checkpoint[]> {
  let q = db.selectFrom('audit_checkpoint').selectAll().orderBy('id', 'desc').limit(opts.limit);
  if (opts.before) q = q.where('id', '<', opts.before);
  return (await q.execute()).map(view);
}

/** Every checkpoint, its signature checked against the platform's public key (a few thousand a year). */
export async function checkpointMarks(db: Db, trusted: KeyObject): Promise<CheckpointMark[]> {
  const keyId = publicKeyId(trusted);
  const rows = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seal_seq').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, seq: r.seal_seq, hash: r.head_hash,
    signatureValid: r.key_id === keyId && verifyMessage(trusted,
      checkpointMessage({ seq: r.seal_seq, hash: r.head_hash, at: r.at.toISOString(), keyId: r.key_id }), r.signature),
  }));
}

/**
 * Seal positions of archived-and-dropped months whose signed manifest checks out. A dropped month
 * whose archive row was forged or altered explains nothing: its gap then shows as missing records.
 */
export async function droppedRanges(db: Db, trusted: KeyObject): Promise<DroppedRange[]> {
  const keyId = publicKeyId(trusted);
  const rows = await db.selectFrom('audit_archive').selectAll().where('dropped_at', 'is not', null).execute();
  const ranges: DroppedRange[] = [];
  for (const a of rows) {
    const manifest = { month: a.month, records: a.records, seqRanges: a.seq_ranges, endHashes: a.end_hashes, sha256: a.file_sha256 };
    if (a.key_id !== keyId || !verifyMessage(trusted, archiveMessage(manifest, a.key_id), a.signature)) continue;
    for (const [from, to] of a.seq_ranges) ranges.push({ from, to, lastHash: a.end_hashes[String(to)]! });
  }
  return ranges;
}
