/**
 * Writes the access records of the governed API plane (§38 全流程审计; one record per call, allowed
 * or refused) — grouped: calls finishing while a write is in flight are written together by the
 * next one, in ONE statement with their grants' last use (§31), their apps' daily usage and their
 * nonces. Each caller's promise resolves only when the statement holding its record has committed,
 * and the answer is sent after that: a crash loses at most answers, never the record of an answer
 * that was sent. Grouping is what a database's own group commit does, one level up: fewer
 * statements and commits under load, no added wait when idle (an idle writer writes at once).
 *
 * Replay (docs/signing.md): the call's statement refused a nonce already recorded; a nonce recorded
 * here, with the record, is what makes the call count. Two calls with one nonce that both got past
 * that read (sent at the same moment, to one process or two) meet here: the unique key lets one
 * nonce in, the other call's record becomes a refusal (401 NONCE_REUSED) and its answer is not
 * sent — so each signed request is answered with data at most once, and its nonce is durable
 * before it is.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AccessRecordTable } from '../../db/schema.ts';
import { executeNamed } from './prepared.ts';

/** One access record as the data API and verification write it (the file channel's columns stay empty). */
export type AccessRow = Omit<AccessRecordTable, 'id' | 'at' | 'channel' | 'ip' | 'request_id' | 'sha256' | 'user_id' | 'delivery_id'> & {
  channel: 'api' | 'verify';
  ip: string;
  request_id: string;
  at: string;
};

export interface AccessWrite {
  row: AccessRow;
  /** The call's nonce, when the call's statement found it unused: recorded with the record. */
  nonce?: string;
  /** A delivery: the grant's last use, kept to the minute (rewriting the row per call made calls queue on its lock). */
  lastUse?: { grantId: string; at: string };
  /** Quota units this call used, counted for the app's day. */
  usage?: { appId: string; channel: 'api' | 'verify'; day: string; units: number };
}

/** How a write ended: `replayed` when another call had recorded the nonce first (the record then says so). */
export interface Written {
  replayed: boolean;
}

interface Waiting extends AccessWrite {
  done: (err: unknown, written?: Written) => void;
}

/** Bounds one statement's size; more waiting records go in the next. */
const MAX_GROUP = 500;

const REPLAYED = { outcome: 'denied', status: 401, error_code: 'NONCE_REUSED' } as const;

export class AccessWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  /** Resolves once the record is committed. */
  write(w: AccessWrite): Promise<Written> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...w, done: (err, written) => (err === undefined ? resolve(written!) : reject(err)) });
      this.next();
    });
  }

  private next(): void {
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    const group = this.waiting.splice(0, MAX_GROUP);
    this.flush(group).then(
      (replayed) => group.forEach((w, i) => w.done(undefined, { replayed: replayed.has(i) })),
      (err: unknown) => group.forEach((w) => w.done(err ?? new Error('access record not written'))),
    ).finally(() => {
      this.writing = false;
      this.next();
    });
  }

  /** Writes the group; answers the positions of the calls found replayed. */
  private async flush(group: Waiting[]): Promise<Set<number>> {
    // A nonce twice in one group: the first call has it, the later ones are replays at once.
    const firsts = new Set<string>();
    const input = group.map((w, i) => {
      const key = w.nonce === undefined ? undefined : `${w.row.app_key}\n${w.nonce}`;
      const repeated = key !== undefined && firsts.has(key);
      if (key !== undefined) firsts.add(key);
      return {
        ...w.row, i, nonce: repeated ? null : w.nonce ?? null, repeated, grant_used: w.lastUse?.grantId ?? null,
        usage_day: w.usage && w.usage.units > 0 ? w.usage.day : null, units: w.usage?.units ?? 0,
      };
    });
    // One statement text whatever the group: prepared once per connection (prepared.ts). The
    // replays' records are refusals, and they neither use the grant nor count for the day.
    const { rows } = await executeNamed(this.db, sql<{ i: number }>`WITH input AS MATERIALIZED (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS r(i integer, at timestamptz, channel text, app_key text,
          app_id uuid, org_id uuid, grant_id uuid, entry_id uuid, items text[], rows integer, bytes integer, outcome text, status integer,
          error_code text, latency_ms integer, ip text, request_id text, nonce text, repeated boolean, grant_used uuid, usage_day date, units integer)
      ), fresh AS (
        INSERT INTO request_nonce (app_key, nonce) SELECT app_key, nonce FROM input WHERE nonce IS NOT NULL
        ON CONFLICT DO NOTHING RETURNING app_key, nonce
      ), call AS (
        SELECT input.*, repeated OR (nonce IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM fresh f WHERE f.app_key = input.app_key AND f.nonce = input.nonce)) AS replayed
        FROM input
      ), rec AS (
        INSERT INTO access_record (at, channel, app_key, app_id, org_id, grant_id, entry_id, items, rows, bytes, outcome, status, error_code, latency_ms, ip, request_id)
        SELECT at, channel, app_key, app_id, org_id, grant_id, entry_id,
            CASE WHEN replayed AND outcome = 'success' THEN '{}' ELSE items END, CASE WHEN replayed AND outcome = 'success' THEN 0 ELSE rows END,
            CASE WHEN replayed AND outcome = 'success' THEN 0 ELSE bytes END,
            CASE WHEN replayed AND outcome = 'success' THEN ${REPLAYED.outcome} ELSE outcome END,
            CASE WHEN replayed AND outcome = 'success' THEN ${REPLAYED.status} ELSE status END,
            CASE WHEN replayed AND outcome = 'success' THEN ${REPLAYED.error_code} ELSE error_code END, latency_ms, ip, request_id
          FROM call ORDER BY i
      ), used AS (
        UPDATE share_grant g SET last_used_at = u.at, idle_flagged_at = NULL
          FROM (SELECT grant_used AS id, max(at) AS at FROM call WHERE grant_used IS NOT NULL AND NOT replayed GROUP BY grant_used) u
         WHERE g.id = u.id AND (g.last_used_at IS NULL OR g.last_used_at < u.at - interval '1 minute')
      ), counted AS (
        INSERT INTO app_usage_day AS d (app_id, channel, day, used)
        SELECT app_id, channel, usage_day, sum(units) FROM call WHERE usage_day IS NOT NULL AND NOT replayed GROUP BY app_id, channel, usage_day
        ON CONFLICT (app_id, channel, day) DO UPDATE SET used = d.used + EXCLUDED.used
      )
      SELECT i FROM call WHERE replayed`);
    return new Set(rows.map((r) => r.i));
  }
}
