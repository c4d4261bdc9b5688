/**
 * The hash chain of the audit trail (security rules §17; §38 全流程审计).
 *
 * recordAudit() only INSERTs (the hot path of every audited transaction stays one plain insert);
 * the sealer links committed records afterwards, in the order it finds them committed: it computes
 * each hash in Node (SM3 by default) and audit_seal() assigns positions and links under one lock.
 * One sealer runs at a time across all processes (advisory lock); the others skip their turn.
 * See docs/audit.md for why not a trigger.
 */
import { sql } from 'kysely';
import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { chainHash, hashAlgorithmOf, type HashAlgorithm } from '../../domain/audit/canonical.ts';
import { checkpointMessage, verifyMessage } from '../../domain/audit/signing.ts';
import { unsealedBatch } from './chain-rows.ts';

/** Same key as audit_seal() and audit_drop_month() take in SQL. */
const SEAL_LOCK = 7_470_222;
export const SEAL_BATCH = 5000;

export interface ChainHead {
  seq: number;
  hash: string;
}

export async function chainHead(db: Db): Promise<ChainHead | null> {
  const { rows } = await sql<{ seq: number | null; hash: string | null }>`SELECT seq, hash FROM audit_chain_head()`.execute(db);
  const row = rows[0];
  return row?.seq != null && row.hash != null ? { seq: row.seq, hash: row.hash } : null;
}

/**
 * Seals every record committed so far; answers how many. `wait: false` gives up at once when another
 * process is sealing (the periodic loop); `wait: true` queues behind it (verify, checkpoint, archive).
 */
export async function sealPending(db: Db, opts: { alg?: HashAlgorithm; wait?: boolean; batch?: number } = {}): Promise<number> {
  const alg = opts.alg ?? 'sm3';
  let total = 0;
  for (;;) {
    const sealed = await db.transaction().execute(async (tx) => {
      if (opts.wait) {
        await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(tx);
      } else {
        const { rows } = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${SEAL_LOCK}) AS ok`.execute(tx);
        if (!rows[0]!.ok) return 0;
      }
      const head = await chainHead(tx);
      const batch = await unsealedBatch(tx, opts.batch ?? SEAL_BATCH);
      if (batch.length === 0) return 0;
      const hashes: string[] = [];
      let prev = head?.hash ?? null;
      for (const record of batch) {
        prev = chainHash(alg, prev, record);
        hashes.push(prev);
      }
      await sql`SELECT audit_seal(${batch.map((r) => r.id)}::bigint[], ${hashes}::text[], ${head?.hash ?? null})`.execute(tx);
      return batch.length;
    });
    total += sealed;
    if (sealed < (opts.batch ?? SEAL_BATCH)) return total;
  }
}

export interface SealerLog {
  error(obj: object, msg?: string): void;
}

/** The in-process sealing loop of a server process: seals what has committed, every `intervalMs`. */
export class ChainSealer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db, private readonly opts: { alg: HashAlgorithm; intervalMs?: number; log?: SealerLog }) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.running.then(() => sealPending(this.db, { alg: this.opts.alg }))
        .catch((err: unknown) => this.opts.log?.error({ err: (err as Error).message }, 'audit sealing failed; will retry'));
    }, this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  /** Stops the loop and waits for a batch in hand. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

/** What the posture page and the audit page show without walking the chain. */
export interface AuditChainStatus {
  head: ChainHead | null;
  algorithm: HashAlgorithm | null;
  /** Records sealed into the chain so far (= head position; archived months included). */
  sealed: number;
  /** Committed records still waiting to be sealed (normally sealed within seconds). */
  unsealed: number;
  oldestUnsealedAt: string | null;
  lastCheckpoint: { id: number; at: string; count: number; hash: string; keyId: string; verified: boolean } | null;
  /** The latest full verification, as recorded in the audit trail. */
  lastVerification: { at: string; ok: boolean; verifiedThrough: number; reason?: string; seq?: number } | null;
}

/**
 * Chain status without a walk. The last checkpoint counts as verified when its signature checks out
 * (with `publicKey`, the platform's key, when given) and the record at its position still has its hash.
 */
export async function auditChainStatus(db: Db, opts: { publicKey?: KeyObject } = {}): Promise<AuditChainStatus> {
  const head = await chainHead(db);
  const tail = (await sql<{ n: number; oldest: Date | null }>`
    SELECT count(*) AS n, min(at) AS oldest FROM audit_record WHERE seal_seq IS NULL`.execute(db)).rows[0]!;
  const cp = await db.selectFrom('audit_checkpoint').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  let lastCheckpoint: AuditChainStatus['lastCheckpoint'] = null;
  if (cp) {
    const at = cp.at.toISOString();
    const signed = verifyMessage(opts.publicKey ?? cp.public_key, checkpointMessage({ seq: cp.seal_seq, hash: cp.head_hash, at, keyId: cp.key_id }), cp.signature);
    const record = await db.selectFrom('audit_record').select('hash').where('seal_seq', '=', cp.seal_seq).execute();
    const archived = record.length === 0 && (await db.selectFrom('audit_archive').select('id')
      .where('dropped_at', 'is not', null).where(sql<boolean>`end_hashes->>${String(cp.seal_seq)} = ${cp.head_hash}`).executeTakeFirst()) !== undefined;
    const matches = (record.length === 1 && record[0]!.hash === cp.head_hash) || archived;
    lastCheckpoint = { id: cp.id, at, count: cp.seal_seq, hash: cp.head_hash, keyId: cp.key_id, verified: signed && matches };
  }
  const v = await db.selectFrom('audit_record').select(['at', 'detail']).where('action', '=', 'audit.verify')
    .where('outcome', '=', 'success').orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const d = v?.detail as { ok?: boolean; verifiedThrough?: number; reason?: string; seq?: number } | undefined;
  return {
    head,
    algorithm: head ? (hashAlgorithmOf(head.hash) ?? null) : null,
    sealed: head?.seq ?? 0,
    unsealed: tail.n,
    oldestUnsealedAt: tail.oldest ? tail.oldest.toISOString() : null,
    lastCheckpoint,
    lastVerification: v && d ? {
      at: v.at.toISOString(), ok: d.ok === true, verifiedThrough: d.verifiedThrough ?? 0,
      ...(d.reason ? { reason: d.reason } : {}), ...(d.seq !== undefined ? { seq: d.seq } : {}),
    } : null,
  };
}
