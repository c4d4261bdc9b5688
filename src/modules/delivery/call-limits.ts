/**
 * Enforces an app's per-second rate and daily quota on one channel (data API, verification) —
 * the rules and numbers are in src/domain/delivery/limits.ts.
 *
 * - Per-second rate: a token bucket in this process's memory. With N server processes behind a load
 *   balancer an app may reach N × its rate; the platform-wide guarantee is the daily quota.
 * - Daily quota: counted in PostgreSQL, shared by every process. A process leases a block of today's
 *   quota (`app_usage_day.leased`, one atomic statement that never hands out more than the quota)
 *   and serves calls from it in memory; blocks shrink as the quota runs low (1/16 of what is left,
 *   at most 100), so near the end every unit is leased one at a time and the total served never
 *   exceeds the quota. A lease is one statement per block, not per call: no hot row on the call path.
 *   Units leased but not used when the day ends (at most a block per process) are simply not served;
 *   when the quota is lowered, each process gives its block back before leasing under the new one.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { RateBucket, limitExceeded, quotaDay, secondsUntilQuotaRenews, type LimitChannel } from '../../domain/delivery/limits.ts';
import { AppError } from '../../http/errors.ts';

/** A refusal over a limit: 429 with the seconds to wait, sent as Retry-After. */
export class LimitError extends AppError {
  constructor(readonly retryAfter: number, code: string, zh: string, en: string) {
    super(429, code, zh, en, { retryAfter });
  }
}

const MAX_BLOCK = 100;
const MAX_HELD = 10_000;

export class CallLimits {
  private readonly buckets = new Map<string, RateBucket>();
  /** Units of today's quota this process holds, by app, channel and day, and the quota they were leased under. */
  private readonly held = new Map<string, { units: number; quota: number }>();
  private readonly leasing = new Map<string, Promise<void>>();

  constructor(private readonly deps: { db: Db; now: () => Date }) {}

  /** Throws LimitError when the app is over its per-second rate on the channel. */
  checkRate(appId: string, channel: LimitChannel, perSecond: number): void {
    const key = `${appId}:${channel}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_HELD) this.buckets.clear();
      bucket = new RateBucket();
      this.buckets.set(key, bucket);
    }
    const wait = bucket.take(perSecond, this.deps.now().getTime());
    if (wait > 0) {
      const e = limitExceeded(channel, 'perSecond', perSecond, wait);
      throw new LimitError(wait, e.code, e.zh, e.en);
    }
  }

  /** Whether a call of the app on the channel would pass its per-second rate now; takes nothing. */
  wouldPassRate(appId: string, channel: LimitChannel, perSecond: number): boolean {
    return this.buckets.get(`${appId}:${channel}`)?.ready(perSecond, this.deps.now().getTime()) ?? true;
  }

  /**
   * Takes `units` of today's quota (a call; verification: its records) or throws LimitError.
   * Answers the quota day, under which the units are counted as used with the access record.
   */
  async consume(appId: string, channel: LimitChannel, units: number, perDay: number): Promise<string> {
    const now = this.deps.now();
    const day = quotaDay(now);
    const key = `${appId}:${channel}:${day}`;
    for (;;) {
      const pending = this.leasing.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const mine = this.held.get(key);
      if (mine && perDay < mine.quota) {
        // The quota was lowered since this block was leased: give the block back, lease again under the new one.
        this.held.delete(key);
        const giving = this.giveBack(appId, channel, day, mine.units);
        this.leasing.set(key, giving);
        try {
          await giving;
        } finally {
          this.leasing.delete(key);
        }
        continue;
      }
      const have = mine?.units ?? 0;
      if (have >= units) {
        this.held.set(key, { units: have - units, quota: mine!.quota });
        return day;
      }
      const lease = this.lease(appId, channel, day, units - have, perDay).then((got) => {
        if (got > 0) this.keep(key, { units: (this.held.get(key)?.units ?? 0) + got, quota: perDay });
        return got;
      });
      this.leasing.set(key, lease.then(() => undefined, () => undefined));
      let got: number;
      try {
        got = await lease;
      } finally {
        this.leasing.delete(key);
      }
      if (got === 0) {
        const wait = secondsUntilQuotaRenews(now);
        const e = limitExceeded(channel, 'perDay', perDay, wait);
        throw new LimitError(wait, e.code, e.zh, e.en);
      }
    }
  }

  private keep(key: string, units: { units: number; quota: number }) {
    if (!this.held.has(key) && this.held.size >= MAX_HELD) {
      // Yesterday's leftovers first: drop the oldest key.
      this.held.delete(this.held.keys().next().value!);
    }
    this.held.set(key, units);
  }

  private async giveBack(appId: string, channel: LimitChannel, day: string, units: number): Promise<void> {
    if (units <= 0) return;
    await sql`UPDATE app_usage_day SET leased = greatest(used, leased - ${units}::int)
      WHERE app_id = ${appId} AND channel = ${channel} AND day = ${day}::date`.execute(this.deps.db);
  }

  /**
   * One atomic statement: hands out `need` units plus a block, but never past the quota; 0 when
   * fewer than `need` are left. The block is computed from the row as locked, so concurrent
   * processes each get a share of what is really left.
   */
  private async lease(appId: string, channel: LimitChannel, day: string, need: number, quota: number): Promise<number> {
    const row = (await sql<{ last_lease: number }>`
      INSERT INTO app_usage_day AS d (app_id, channel, day, leased, last_lease)
      SELECT ${appId}, ${channel}, ${day}::date, x, x
        FROM (SELECT least(${quota}::int, ${need}::int + least(${MAX_BLOCK}::int, ${quota}::int / 16)) AS x) s
       WHERE ${need}::int <= ${quota}::int
      ON CONFLICT (app_id, channel, day) DO UPDATE
        SET leased = d.leased + least(${quota}::int - d.leased, ${need}::int + least(${MAX_BLOCK}::int, (${quota}::int - d.leased) / 16)),
            last_lease = least(${quota}::int - d.leased, ${need}::int + least(${MAX_BLOCK}::int, (${quota}::int - d.leased) / 16))
        WHERE ${quota}::int - d.leased >= ${need}::int
      RETURNING last_lease`.execute(this.deps.db)).rows[0];
    return row?.last_lease ?? 0;
  }
}
