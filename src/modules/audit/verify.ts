/**
 * Full verification of the audit chain (security rules §17; §38 全流程审计): seals what has
 * committed, then streams every sealed record in chain order through the pure walker, with the
 * signed checkpoints and the archived-and-dropped months, and names the first broken record.
 * Memory stays bounded (blocks of PAGE_SIZE records, a few in flight, the walker's look-ahead window).
 * A long chain on a PostgreSQL server is streamed by COPY and checked in worker threads, one per core
 * (page-checkers.ts), while this thread walks the links; a short one, or one on PGlite, is read a page
 * at a time and hashed here. Both decide exactly what hashMatches decides.
 */
import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { HashAlgorithm } from '../../domain/audit/canonical.ts';
import { ChainWalker, type ChainBreak } from '../../domain/audit/chain-walk.ts';
import { pageLinks, type CheckedPage } from '../../domain/audit/page-check.ts';
import { sealPending } from './chain.ts';
import { sealedCopyBlocks, sealedPages, sealedSpan } from './chain-rows.ts';
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

/**
 * From this many records on, a chain on a PostgreSQL server is checked by worker threads (starting
 * them, each loading the TypeScript check, costs about half a second).
 */
export const PARALLEL_FROM = 50_000;

/** Blocks given to the workers and not yet walked: enough to keep every worker busy. */
const IN_FLIGHT = 4;

export interface VerifyOptions {
  publicKey: KeyObject;
  alg: HashAlgorithm;
  seal?: boolean;
  /** The database's PostgreSQL URL: a long chain is then streamed by COPY to worker threads. Absent on PGlite. */
  url?: string;
  /** Records from which the workers are used (default PARALLEL_FROM; tests lower it). */
  parallelFrom?: number;
}

export async function verifyChain(db: Db, opts: VerifyOptions): Promise<ChainVerification> {
  const started = performance.now();
  if (opts.seal !== false) await sealPending(db, { alg: opts.alg, wait: true });
  const [checkpoints, dropped] = [await checkpointMarks(db, opts.publicKey), await droppedRanges(db, opts.publicKey)];
  const walker = new ChainWalker({ checkpoints, dropped });
  if (opts.url && (await sealedSpan(db)) >= (opts.parallelFrom ?? PARALLEL_FROM)) await walkInWorkers(walker, opts.url);
  else await walkHere(db, walker);
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

/** Blocks read by COPY, checked in the workers, walked here in order. */
async function walkInWorkers(walker: ChainWalker, url: string): Promise<void> {
  const checkers = new PageCheckers();
  const inFlight: Promise<CheckedPage>[] = [];
  const walk = async () => {
    for (const [link, ok] of pageLinks(await inFlight.shift()!)) if (!walker.push(link, ok)) return false;
    return true;
  };
  try {
    let going = true;
    for await (const block of sealedCopyBlocks(url)) {
      inFlight.push(checkers.check(block));
      if (inFlight.length > IN_FLIGHT && !(going = await walk())) break;
    }
    while (going && inFlight.length > 0) going = await walk();
  } finally {
    await checkers.close();
  }
}

/** Pages of records, each hashed here by the walker itself. */
async function walkHere(db: Db, walker: ChainWalker): Promise<void> {
  for await (const page of sealedPages(db)) {
    for (const r of page) if (!walker.push(r)) return;
  }
}
