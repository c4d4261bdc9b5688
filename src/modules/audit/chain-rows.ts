/**
 * Reading audit records exactly as the chain hashes them: `at` as a microsecond UTC string, `detail`
 * as PostgreSQL's jsonb text (src/domain/audit/canonical.ts). Pages by keyset on (seal_seq, id), so a
 * million records stream through bounded memory and a duplicated position is still seen twice.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { atFromEpochMicros, type AuditContent } from '../../domain/audit/canonical.ts';
import type { ChainRecord } from '../../domain/audit/chain-walk.ts';

/** Positions per page: pages that die young keep garbage collection cheap (5,000 cost twice the GC time). */
export const PAGE_SIZE = 2000;

interface Row {
  seq: number | null;
  id: number;
  at_us: number;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  org_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  request_id: string | null;
  detail: string;
  prev_hash: string | null;
  hash: string | null;
}

const COLUMNS = sql.raw(`seal_seq AS seq, id, (extract(epoch FROM at) * 1000000)::bigint AS at_us, actor_type, actor_id,
  actor_name, org_id::text AS org_id, action, target_type, target_id, outcome, ip, request_id, detail::text AS detail, prev_hash, hash`);

export function contentOf(r: Row): AuditContent {
  return {
    id: r.id, at: atFromEpochMicros(r.at_us), actorType: r.actor_type, actorId: r.actor_id, actorName: r.actor_name, orgId: r.org_id,
    action: r.action, targetType: r.target_type, targetId: r.target_id, outcome: r.outcome, ip: r.ip,
    requestId: r.request_id, detail: r.detail,
  };
}

/** One object literal of one shape, not a spread: a million of them are made per verification. */
const sealed = (r: Row): ChainRecord => ({
  id: r.id, at: atFromEpochMicros(r.at_us), actorType: r.actor_type, actorId: r.actor_id, actorName: r.actor_name, orgId: r.org_id,
  action: r.action, targetType: r.target_type, targetId: r.target_id, outcome: r.outcome, ip: r.ip,
  requestId: r.request_id, detail: r.detail, seq: r.seq!, prevHash: r.prev_hash, hash: r.hash!,
});

/** Unsealed records in sealing order (oldest first), at most `limit`. */
export async function unsealedBatch(db: Db, limit: number): Promise<AuditContent[]> {
  const { rows } = await sql<Row>`SELECT ${COLUMNS} FROM audit_record WHERE seal_seq IS NULL ORDER BY at, id LIMIT ${limit}`.execute(db);
  return rows.map(contentOf);
}

/** Sealed records in chain order, optionally only those of a time range [from, to). */
export async function* sealedRecords(db: Db, range?: { from: Date; to: Date }): AsyncGenerator<ChainRecord> {
  for await (const page of sealedPages(db, range)) yield* page;
}

/**
 * The same a page at a time (no await per record). Pages are ranges of positions, so each query
 * touches only its page whatever the planner's statistics say.
 */
export async function* sealedPages(db: Db, range?: { from: Date; to: Date }): AsyncGenerator<ChainRecord[]> {
  const within: RawBuilder<unknown> = range ? sql`AND at >= ${range.from} AND at < ${range.to}` : sql``;
  const bounds = (await sql<{ lo: number | null; hi: number | null }>`SELECT min(seal_seq) AS lo, max(seal_seq) AS hi
    FROM audit_record WHERE seal_seq IS NOT NULL ${within}`.execute(db)).rows[0]!;
  if (bounds.lo === null || bounds.hi === null) return;
  const page = (from: number) => sql<Row>`SELECT ${COLUMNS} FROM audit_record
    WHERE seal_seq >= ${from} AND seal_seq < ${from + PAGE_SIZE} ${within}
    ORDER BY seal_seq, id`.execute(db);
  // The next two pages are already being read while the caller works on this one (the server works meanwhile).
  // Each is awaited in turn; the no-op catch only keeps a failure of one still queued from counting as unhandled.
  const hi = bounds.hi;
  const ahead: ReturnType<typeof page>[] = [];
  let asked = bounds.lo;
  const ask = () => {
    for (; ahead.length < 2 && asked <= hi; asked += PAGE_SIZE) {
      const p = page(asked);
      p.catch(() => undefined);
      ahead.push(p);
    }
  };
  ask();
  while (ahead.length > 0) {
    const { rows } = await ahead.shift()!;
    ask();
    yield rows.map(sealed);
  }
}
