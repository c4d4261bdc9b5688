/**
 * The grading rule set in force (security rules §16), held for the data API's hot path: each call
 * needs the defaults that mask a sensitive item the entry left without a rule, and a database read
 * per call would double its round trips.
 *
 * Why a version check at most once a second: the set changes a few times a year, and the check is
 * one index-only read of `max(version)` (the table's primary key), so a busy process pays one tiny
 * query a second however many calls it serves, and an idle one nothing. The rules themselves are
 * read again only when the version moved. In the process that saves, GradingService drops the held
 * set at once (`invalidate`); every other process behind the load balancer sees the new version
 * within a second. Piggybacking the version on the call's own check statement would cost nothing
 * at all, but would tie the signed-call SQL to this table for a one-second gain.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/connect.ts';
import type { GradingVersion } from '../../domain/grading/index.ts';
import { currentGradingVersion } from './grading-store.ts';

/** How long a held set is used before its version is checked again. */
export const RECHECK_MS = 1000;

export class GradingInForce {
  private held: { version: GradingVersion; checkedAt: number } | undefined;
  /** The check under way, shared by every call that finds the held set due. */
  private pending: Promise<GradingVersion> | undefined;
  /** Bumped by `invalidate`: a check that began before a save must not hold what it read. */
  private generation = 0;

  /** `clock` is monotonic milliseconds (tests move it instead of sleeping). */
  constructor(private readonly deps: { db: Db; clock?: () => number }) {}

  private clock(): number {
    return this.deps.clock?.() ?? performance.now();
  }

  /** The rule set in force, at most RECHECK_MS older than the last save (none in the saving process). */
  async current(): Promise<GradingVersion> {
    const held = this.held;
    if (held && this.clock() - held.checkedAt < RECHECK_MS) return held.version;
    if (!this.pending) {
      const check = this.check(held?.version).finally(() => { if (this.pending === check) this.pending = undefined; });
      this.pending = check;
    }
    return this.pending;
  }

  /** Called by the saving process once its new version is committed. */
  invalidate(): void {
    this.generation += 1;
    this.held = undefined;
    this.pending = undefined;
  }

  private async check(known: GradingVersion | undefined): Promise<GradingVersion> {
    const generation = this.generation;
    const checkedAt = this.clock();
    let version = known;
    if (version) {
      const row = await this.deps.db.selectFrom('grading_rule_set').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
      if ((row?.version ?? 0) !== version.version) version = undefined;
    }
    version ??= await currentGradingVersion(this.deps.db);
    if (generation === this.generation) this.held = { version, checkedAt };
    return version;
  }
}
