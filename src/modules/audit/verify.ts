/**
 * Full verification of the audit chain (security rules §17; §38 全流程审计): seals what has
 * committed, then streams every sealed record in chain order through the pure walker, with the
 * signed checkpoints and the archived-and-dropped months, and names the first broken record.
 * Memory stays bounded (pages of PAGE_SIZE, a few in flight, the walker's look-ahead window). The
 * work overlaps: PostgreSQL writes the next pages as text, worker threads parse, canonicalise and
 * hash the pages given to them (page-checkers.ts), this thread walks the links of the page before.
 */
import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import { ChainWalker, type ChainBreak } from '../../domain/audit/chain-walk.ts';
import { pageLinks, type CheckedPage } from '../../domain/audit/page-check.ts';
import { sealPending } from './chain.ts';
import { sealedPageTexts } from './chain-rows.ts';
import { PageCheckers } from './page-checkers.ts';
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

/** Pages given to the checkers and not yet walked: enough to keep every worker busy. */
const IN_FLIGHT = 4;

export async function verifyChain(db: Db, opts: { publicKey: KeyObject; alg: HashAlgorithm; seal?: boolean }): Promise<ChainVerification> {
  const started = performance.now();
  if (opts.seal !== false) await sealPending(db, { alg: opts.alg, wait: true });
  const [checkpoints, dropped] = [await checkpointMarks(db, opts.publicKey), await droppedRanges(db, opts.publicKey)];
  const walker = new ChainWalker({ checkpoints, dropped });
  const { pages, texts } = await sealedPageTexts(db);
  const checkers = new PageCheckers(pages);
  try {
    // Pages in flight: read ahead by the database, checked in the workers, walked here in order.
    const inFlight: Promise<CheckedPage>[] = [];
    const walk = async () => {
      for (const [link, ok] of pageLinks(await inFlight.shift()!)) if (!walker.push(link, ok)) return false;
      return true;
    };
    let going = true;
    for await (const text of texts) {
      inFlight.push(checkers.check(text));
      if (inFlight.length > IN_FLIGHT && !(going = await walk())) break;
    }
    while (going && inFlight.length > 0) going = await walk();
  } finally {
    await checkers.close();
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
