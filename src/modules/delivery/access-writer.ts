/**
 * Writes the access records of the governed API plane (§38 全流程审计; one record per call, allowed
 * or refused) — grouped: calls finishing while a write is in flight are written together by the
 * next one, in ONE statement with their grants' last use (§31) and their apps' daily usage. Each
 * caller's promise resolves only when the statement holding its record has committed, and the
 * answer is sent after that: a crash loses at most answers, never the record of an answer that was
 * sent. Grouping is what a database's own group commit does, one level up: fewer statements and
 * commits under load, no added wait when idle (an idle writer writes at once).
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
  /** A delivery: the grant's last use, kept to the minute (rewriting the row per call made calls queue on its lock). */
  lastUse?: { grantId: string; at: string };
  /** Quota units this call used, counted for the app's day. */
  usage?: { appId: string; channel: 'api' | 'verify'; day: string; units: number };
}

interface Waiting extends AccessWrite {
  done: (err?: unknown) => void;
}

/** Bounds one statement's size; more waiting records go in the next. */
const MAX_GROUP = 500;

export class AccessWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  /** Resolves once the record is committed. */
  write(w: AccessWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ ...w, done: (err) => (err === undefined ? resolve() : reject(err)) });
      this.next();
    });
  }

  private next(): void {
    if (this.writing || this.waiting.length === 0) return;
    this.writing = true;
    const group = this.waiting.splice(0, MAX_GROUP);
    this.flush(group).then(
      () => group.forEach((w) => w.done()),
      (err: unknown) => group.forEach((w) => w.done(err ?? new Error('access record not written'))),
    ).finally(() => {
      this.writing = false;
      this.next();
    });
  }

  private async flush(group: Waiting[]): Promise<void> {
    const lastUse = new Map<string, string>();
    const usage = new Map<string, { app_id: string; channel: string; day: string; units: number }>();
    for (const w of group) {
      if (w.lastUse && (lastUse.get(w.lastUse.grantId) ?? '') < w.lastUse.at) lastUse.set(w.lastUse.grantId, w.lastUse.at);
      if (w.usage && w.usage.units > 0) {
        const key = `${w.usage.appId}:${w.usage.channel}:${w.usage.day}`;
        const u = usage.get(key) ?? { app_id: w.usage.appId, channel: w.usage.channel, day: w.usage.day, units: 0 };
        u.units += w.usage.units;
        usage.set(key, u);
      }
    }
    // One statement text whatever the group: prepared once per connection (prepared.ts).
    await executeNamed(this.db, sql`WITH rec AS (
        INSERT INTO access_record (at, channel, app_key, app_id, org_id, grant_id, entry_id, items, rows, bytes, outcome, status, error_code, latency_ms, ip, request_id)
        SELECT at, channel, app_key, app_id, org_id, grant_id, entry_id, items, rows, bytes, outcome, status, error_code, latency_ms, ip, request_id
          FROM jsonb_to_recordset(${JSON.stringify(group.map((w) => w.row))}::jsonb) AS r(at timestamptz, channel text, app_key text,
            app_id uuid, org_id uuid, grant_id uuid, entry_id uuid, items text[], rows integer, bytes integer, outcome text, status integer,
            error_code text, latency_ms integer, ip text, request_id text)
      ), used AS (
        UPDATE share_grant g SET last_used_at = u.at, idle_flagged_at = NULL
          FROM jsonb_to_recordset(${JSON.stringify([...lastUse].map(([id, at]) => ({ id, at })))}::jsonb) AS u(id uuid, at timestamptz)
         WHERE g.id = u.id AND (g.last_used_at IS NULL OR g.last_used_at < u.at - interval '1 minute')
      )
      INSERT INTO app_usage_day AS d (app_id, channel, day, used)
      SELECT app_id, channel, day, units FROM jsonb_to_recordset(${JSON.stringify([...usage.values()])}::jsonb)
        AS x(app_id uuid, channel text, day date, units integer)
      ON CONFLICT (app_id, channel, day) DO UPDATE SET used = d.used + EXCLUDED.used`);
  }
}
