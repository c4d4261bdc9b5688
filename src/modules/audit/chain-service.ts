/**
 * The tamper-evident side of the audit trail for the API (security rules §17; §38 全流程审计):
 * chain status, full verification, signed checkpoints and the public key that checks them.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../domain/access/actor.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import { ARCHIVE_TAG, CHECKPOINT_TAG } from '../../domain/audit/signing.ts';
import { conflict } from '../../http/errors.ts';
import { auditChainStatus } from './chain.ts';
import { createCheckpoint, listCheckpoints } from './checkpoints.ts';
import type { AuditSigningKey } from './signing-key.ts';
import { recordAudit } from './store.ts';
import { verifyChain, type ChainVerification } from './verify.ts';

export class AuditChainService {
  constructor(private readonly deps: { db: Db; signingKey: AuditSigningKey; alg: HashAlgorithm; databaseUrl?: string }) {}

  status() {
    return auditChainStatus(this.deps.db, { publicKey: this.deps.signingKey.publicKey });
  }

  /** Walks the whole chain; the run and its outcome are themselves recorded. */
  async verify(actor: Actor): Promise<ChainVerification> {
    const { db, signingKey, alg, databaseUrl } = this.deps;
    const result = await verifyChain(db, { publicKey: signingKey.publicKey, alg, ...(databaseUrl ? { url: databaseUrl } : {}) });
    const bad = result.firstBad;
    await recordAudit(this.deps.db, actor, {
      action: 'audit.verify', targetType: 'audit_chain',
      detail: {
        ok: result.ok, verifiedThrough: result.verifiedThrough, seconds: result.seconds,
        ...(bad ? { reason: bad.reason, seq: bad.seq, recordId: bad.recordId } : {}),
      },
    });
    return result;
  }

  async checkpoint(actor: Actor) {
    const by = actor.type === 'user' ? actor.username : actor.name;
    const cp = await createCheckpoint(this.deps.db, this.deps.signingKey, { alg: this.deps.alg, by });
    if (!cp) throw conflict('AUDIT_CHAIN_EMPTY', '审计链为空，无需检查点', 'the audit chain is empty: nothing to checkpoint');
    await recordAudit(this.deps.db, actor, { action: 'audit.checkpoint', targetType: 'audit_checkpoint', targetId: String(cp.id), detail: { count: cp.count, hash: cp.hash } });
    return cp;
  }

  async checkpoints(query: { limit?: number; cursor?: string }) {
    const limit = query.limit ?? 100;
    const before = query.cursor ? Number(query.cursor) : undefined;
    const items = await listCheckpoints(this.deps.db, { limit: limit + 1, ...(before ? { before } : {}) });
    const page = items.slice(0, limit);
    return {
      items: page, keyId: this.deps.signingKey.keyId, publicKey: this.deps.signingKey.publicKeyPem,
      ...(items.length > limit ? { nextCursor: String(page[page.length - 1]!.id) } : {}),
    };
  }

  /** What an outsider needs to check checkpoints and archives: the key and the exact signed bytes. */
  publicKey() {
    return {
      algorithm: 'Ed25519' as const, keyId: this.deps.signingKey.keyId, publicKey: this.deps.signingKey.publicKeyPem,
      checkpointMessage: `JSON.stringify(["${CHECKPOINT_TAG}", count, hash, at, keyId])`,
      archiveMessage: `JSON.stringify(["${ARCHIVE_TAG}", month, records, seqRanges, endHashes, sha256, keyId])`,
    };
  }
}
