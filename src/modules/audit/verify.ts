/**
 * Full verification of the audit chain (security rules §17; §38 全流程审计): seals what has
 * committed, then streams every sealed record in chain order through the pure walker, with the
 * signed checkpoints and the archived-and-dropped months, and names the first broken record.
 * Memory stays bounded (pages of PAGE_SIZE, the walker's look-ahead window). Three things overlap:
 * PostgreSQL reads page n+2, this thread parses and canonicalises page n+1, a worker hashes page n.
 */
import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import { ChainWalker, type ChainBreak, type ChainRecord } from '../../domain/audit/chain-walk.ts';
import { sealPending } from './chain.ts';
import { sealedPages } from './chain-rows.ts';
import { ContentHasher } from './content-hasher.ts';
import { checkpointMarks, droppedRanges } from './checkpoints.ts';

export interface ChainVerification {
  ok: boolean;
  checkedAt: string;
  seconds: number;
  /** Records checked and found good. */
  verified: number;
  /** Chain position through which the trail is proven. */
  verifiedThrough: number;
  headHash: string | null;
  /** Records committed but not yet sealed when the walk began (not covered). */
  unsealed: number;
  checkpoints: { total: number; verified: number; lastVerified?: { id: number; seq: number } };
  archivedRanges: number;
  firstBad?: ChainBreak;
}

export async function verifyChain(db: Db, opts: { publicKey: KeyObject; alg: HashAlgorithm; seal?: boolean }): Promise<ChainVerification> {
  const started = performance.now();
  if (opts.seal !== false) await sealPending(db, { alg: opts.alg, wait: true });
  const [checkpoints, dropped] = [await checkpointMarks(db, opts.publicKey), await droppedRanges(db, opts.publicKey)];
  const walker = new ChainWalker({ checkpoints, dropped });
  const hasher = new ContentHasher();
  try {
    // Page n is hashed in the worker while page n+1 is read and canonicalised here.
    let hashing: { records: ChainRecord[]; ok: Promise<boolean[]> } | undefined;
    const feed = async (page: NonNullable<typeof hashing>) => {
      const ok = await page.ok;
      for (let i = 0; i < page.records.length; i++) if (!walker.push(page.records[i]!, ok[i])) return false;
      return true;
    };
    for await (const records of sealedPages(db)) {
      const next = { records, ok: hasher.check(records) };
      if (hashing && !(await feed(hashing))) {
        hashing = undefined;
        break;
      }
      hashing = next;
    }
    if (hashing) await feed(hashing);
  } finally {
    await hasher.close();
  }
  const result = walker.finish();
  const unsealed = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_record WHERE seal_seq IS NULL`.execute(db)).rows[0]!.n);
  return {
    ok: result.ok,
    checkedAt: new Date().toISOString(),
    seconds: Math.round(performance.now() - started) / 1000,
    verified: result.verified,
    verifiedThrough: result.verifiedThrough,
    headHash: result.headHash,
    unsealed,
    checkpoints: {
      total: checkpoints.length, verified: result.checkpointsVerified,
      ...(result.lastCheckpointVerified ? { lastVerified: result.lastCheckpointVerified } : {}),
    },
    archivedRanges: dropped.length,
    ...(result.firstBad ? { firstBad: result.firstBad } : {}),
  };
}
