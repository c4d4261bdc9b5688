/**
 * 后台任务队列 / the platform's background job queue (DESIGN.md Architecture: "background work in a job
 * table claimed with FOR UPDATE SKIP LOCKED … two or more processes never double-process").
 *
 * Guarantees, for any number of processes on one PostgreSQL database:
 * - A job is held by at most one live worker at a time: claiming is one UPDATE whose subquery locks the
 *   row with FOR UPDATE SKIP LOCKED, so concurrent claimers skip each other's rows instead of waiting.
 * - The claim commits on its own before the handler runs; the handler is never inside the claiming
 *   transaction (a long handler holds no lock, and its own transactions are its own).
 * - While a handler runs, its worker renews the lease (locked_at) every lease/3. A worker that dies stops
 *   renewing; after `leaseSeconds` any worker reclaims the job ("a restart loses none"). Every process
 *   must use the same lease: the claimer's lease decides when a holder counts as dead.
 * - Each claim increments `attempts`, which with `locked_by` fences the holder: once a job is
 *   reclaimed, the old holder can no longer mark it done, retried or failed.
 *
 * Delivery is therefore AT LEAST ONCE: a crash (or a lease lost to a stall longer than the lease) after
 * the handler's effects committed but before the job was marked done re-runs the handler. A handler must
 * either be idempotent, or make its effects and mark the job done in ONE transaction with
 * `queue.complete(tx, job)` — then a crash before that commit re-runs it with nothing applied, and a
 * crash after it cannot re-run it; a stale holder's `complete` throws LeaseLostError and rolls back.
 */
import { sql, type Selectable } from 'kysely';
import type { Db } from './connect.ts';
import type { JobTable } from './schema.ts';

export type Job = Selectable<JobTable>;

export interface JobContext {
  db: Db;
  job: Job;
}
/** Payload comes from JSON written by enqueue; a handler should check what it relies on. */
export type JobHandler<P = unknown> = (payload: P, ctx: JobContext) => Promise<void>;

export interface EnqueueSpec {
  kind: string;
  payload?: unknown;
  /** Not claimed before this time; default: now (the database clock). */
  runAt?: Date;
  /** Idempotent enqueue: a second job with the same key is not created (answer undefined). */
  uniqueKey?: string;
  maxAttempts?: number;
}

/** Pino-compatible (Fastify's app.log fits). */
export interface JobLog {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobQueueOptions {
  db: Db;
  /** Names this process in locked_by; unique per process (e.g. hostname:pid). */
  workerId: string;
  leaseSeconds?: number;
  log?: JobLog;
  /** Clock for periodic slots only; due times, leases and backoff use the database clock so processes agree. */
  now?: () => Date;
}

export const DEFAULT_LEASE_SECONDS = 300;
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Retry n waits 2^n seconds, at most an hour: a broken dependency is not hammered, a fixed one is soon used. */
export const MAX_BACKOFF_SECONDS = 3600;
const MAX_ERROR_CHARS = 2000;
/** Jobs run per loop turn before periodic slots are ticked again, so a backlog cannot starve them. */
const LOOP_BATCH = 50;

export class UnknownJobKindError extends Error {
  constructor(kind: string, workerId: string, known: string[]) {
    super(`no handler for job kind '${kind}' in worker ${workerId} (handles: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownJobKindError';
  }
}

/** The job was reclaimed by another worker (this one stalled past its lease): its result must not count. */
export class LeaseLostError extends Error {
  constructor(job: Job) {
    super(`job ${job.id} (${job.kind}) is no longer held by ${job.locked_by} at attempt ${job.attempts}`);
    this.name = 'LeaseLostError';
  }
}

/** Enqueue without a worker (services enqueue; workers run). Pass the caller's transaction so the change and its follow-up job commit together. */
export async function enqueueJob(dbOrTx: Db, spec: EnqueueSpec): Promise<{ id: number } | undefined> {
  const row = await dbOrTx
    .insertInto('job')
    .values({
      kind: spec.kind,
      payload: JSON.stringify(spec.payload ?? {}),
      run_at: spec.runAt,
      unique_key: spec.uniqueKey ?? null,
      max_attempts: spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? { id: row.id } : undefined;
}

const errorMessage = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_CHARS);

export class JobQueue {
  readonly workerId: string;
  private readonly db: Db;
  private readonly leaseSeconds: number;
  private readonly log: JobLog;
  private readonly now: () => Date;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly periodic = new Map<string, number>();
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(opts: JobQueueOptions) {
    this.db = opts.db;
    this.workerId = opts.workerId;
    this.leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    if (!(this.leaseSeconds > 0)) throw new RangeError('leaseSeconds must be positive');
    this.log = opts.log ?? { info: () => {}, error: (obj, msg) => console.error(msg, obj) };
    this.now = opts.now ?? (() => new Date());
  }

  enqueue(dbOrTx: Db, spec: EnqueueSpec): Promise<{ id: number } | undefined> {
    return enqueueJob(dbOrTx, spec);
  }

  handle<P = unknown>(kind: string, fn: JobHandler<P>): this {
    if (this.handlers.has(kind)) throw new Error(`job kind '${kind}' already has a handler`);
    this.handlers.set(kind, fn as JobHandler);
    return this;
  }

  /**
   * Run `kind` once per slot of `seconds`, slots aligned to the Unix epoch (UTC; a daily slot starts at
   * 08:00 Asia/Shanghai). Every process enqueues the slot under one unique key; the first insert wins.
   */
  every(kind: string, seconds: number): this {
    if (!Number.isInteger(seconds) || seconds < 1) throw new RangeError('a period is a whole number of seconds ≥ 1');
    this.periodic.set(kind, seconds);
    return this;
  }

  /** Enqueues the current slot of each periodic kind; answers how many were new. */
  async tick(): Promise<number> {
    const now = this.now().getTime();
    let created = 0;
    for (const [kind, seconds] of this.periodic) {
      const slot = new Date(Math.floor(now / (seconds * 1000)) * seconds * 1000);
      const key = `${kind}@${slot.toISOString()}`;
      const job = await enqueueJob(this.db, { kind, payload: { slot: slot.toISOString() }, runAt: slot, uniqueKey: key });
      if (job) created++;
    }
    return created;
  }

  /**
   * Claims one due job, or one whose holder let its lease expire (the holder died). One statement,
   * committed before the caller runs the job; the caller must run it (or it is reclaimed after the lease).
   */
  async claim(): Promise<Job | undefined> {
    const { rows } = await sql<Job>`
      UPDATE job SET status = 'running', locked_by = ${this.workerId}, locked_at = now(), attempts = attempts + 1
      WHERE id = (
        SELECT id FROM job
        WHERE (status = 'queued' AND run_at <= now())
           OR (status = 'running' AND locked_at < now() - make_interval(secs => ${this.leaseSeconds}))
        ORDER BY run_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING *`.execute(this.db);
    return rows[0];
  }

  /** Claims and runs jobs one after another until none is due (or `limit`, or stop()); answers how many ran. */
  async runDue(limit = Number.POSITIVE_INFINITY): Promise<number> {
    let ran = 0;
    while (ran < limit && !this.stopping) {
      const job = await this.claim();
      if (!job) break;
      await this.run(job);
      ran++;
    }
    return ran;
  }

  /**
   * Marks `job` done inside the handler's own transaction, for exactly-once effects: the effects and the
   * mark commit together. Throws LeaseLostError (so `tx` rolls back) when another worker reclaimed the job.
   */
  async complete(tx: Db, job: Job): Promise<void> {
    const res = await tx.updateTable('job')
      .set({ status: 'done', finished_at: sql`now()` })
      .where('id', '=', job.id).where('status', '=', 'running')
      .where('locked_by', '=', job.locked_by).where('attempts', '=', job.attempts)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw new LeaseLostError(job);
  }

  /** Runs periodic ticks and due jobs every `pollMs` until stop(). */
  start({ pollMs = 1000 }: { pollMs?: number } = {}): void {
    if (this.loop) throw new Error('job queue already started');
    this.stopping = false;
    this.loop = this.runLoop(pollMs);
  }

  /** Graceful shutdown: takes no new job, waits for the one in hand to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.stopping = false;
  }

  private async runLoop(pollMs: number): Promise<void> {
    this.log.info({ workerId: this.workerId }, 'job worker started');
    while (!this.stopping) {
      let ran = 0;
      try {
        await this.tick();
        ran = await this.runDue(LOOP_BATCH);
      } catch (err) {
        // e.g. the database is unreachable: keep polling; a job in hand is reclaimed after its lease.
        this.log.error({ workerId: this.workerId, err: errorMessage(err) }, 'job worker loop failed; retrying');
      }
      if (this.stopping || ran === LOOP_BATCH) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    this.log.info({ workerId: this.workerId }, 'job worker stopped');
  }

  private async run(job: Job): Promise<void> {
    if (job.attempts > job.max_attempts) {
      // Reclaimed after its last allowed attempt lost its worker: a job that kills its worker (e.g. out of
      // memory) must end, not loop through every process forever.
      await this.recordFailure(job, new Error(`abandoned: its worker stopped renewing the lease on attempt ${job.max_attempts}`));
      return;
    }
    const handler = this.handlers.get(job.kind);
    const heartbeat = this.renewLease(job);
    let failure: { err: unknown } | undefined;
    try {
      if (!handler) throw new UnknownJobKindError(job.kind, this.workerId, [...this.handlers.keys()]);
      await handler(job.payload, { db: this.db, job });
    } catch (err) {
      failure = { err };
    } finally {
      await heartbeat.stop();
    }
    if (failure) await this.recordFailure(job, failure.err);
    else await this.markDone(job);
  }

  private async markDone(job: Job): Promise<void> {
    const res = await this.db.updateTable('job')
      .set({ status: 'done', finished_at: sql`now()` })
      .where('id', '=', job.id).where('status', '=', 'running')
      .where('locked_by', '=', this.workerId).where('attempts', '=', job.attempts)
      .executeTakeFirst();
    if (res.numUpdatedRows > 0n) return;
    const now = await this.db.selectFrom('job').select(['status', 'locked_by', 'attempts']).where('id', '=', job.id).executeTakeFirst();
    const completedByHandler = now?.status === 'done' && now.locked_by === this.workerId && now.attempts === job.attempts;
    if (!completedByHandler) this.leaseLost(job);
  }

  /** Back to the queue with backoff 2^attempts s, or failed once max_attempts claims are used up. */
  private async recordFailure(job: Job, err: unknown): Promise<void> {
    const message = errorMessage(err);
    const { rows } = await sql<{ status: Job['status']; run_at: Date }>`
      UPDATE job SET
        status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
        run_at = CASE WHEN attempts >= max_attempts THEN run_at
                 ELSE now() + make_interval(secs => least(power(2, attempts), ${MAX_BACKOFF_SECONDS})) END,
        finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
        last_error = ${message}
      WHERE id = ${job.id} AND status = 'running' AND locked_by = ${this.workerId} AND attempts = ${job.attempts}
      RETURNING status, run_at`.execute(this.db);
    const row = rows[0];
    if (!row) return this.leaseLost(job);
    const retry = row.status === 'queued' ? { retryAt: row.run_at.toISOString() } : {};
    this.log.error({ jobId: job.id, kind: job.kind, attempts: job.attempts, err: message, ...retry },
      row.status === 'failed' ? 'job failed after its last attempt' : 'job failed; will retry');
  }

  private leaseLost(job: Job): void {
    this.log.error({ jobId: job.id, kind: job.kind, workerId: this.workerId, attempts: job.attempts },
      'job lease lost: another worker reclaimed it, this result is discarded (handlers must be idempotent or use complete())');
  }

  /** Renews locked_at every lease/3 while the handler runs, so only a dead (or stalled) worker loses the job. */
  private renewLease(job: Job): { stop(): Promise<void> } {
    let inFlight: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      inFlight = inFlight
        .then(async () => {
          await this.db.updateTable('job').set({ locked_at: sql`now()` })
            .where('id', '=', job.id).where('status', '=', 'running')
            .where('locked_by', '=', this.workerId).where('attempts', '=', job.attempts)
            .execute();
        })
        .catch((err: unknown) => this.log.error({ jobId: job.id, err: errorMessage(err) }, 'job lease renewal failed'));
    }, (this.leaseSeconds * 1000) / 3);
    timer.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        await inFlight;
      },
    };
  }
}
