/**
 * Reading audit records exactly as the chain hashes them: `at` as a microsecond UTC string, `detail`
 * as PostgreSQL's jsonb text (src/domain/audit/canonical.ts). Pages by keyset on (seal_seq, id), so a
 * million records stream through bounded memory and a duplicated position is still seen twice.
 */
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { Db } from '../../db/connect.ts';
import { atFromEpochMicros, type AuditContent } from '../../domain/audit/canonical.ts';
import type { ChainRecord } from '../../domain/audit/chain-walk.ts';
import { SEALED_FIELDS } from '../../domain/audit/page-check.ts';
import { CopyLineBatcher } from '../../domain/exchange/copy-text.ts';

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
 * Every sealed record in chain order as COPY text (domain/audit/page-check.ts: SEALED_FIELDS, one
 * line each), in blocks of whole lines — what a full verification on a PostgreSQL server hands its
 * worker threads: no row objects on this thread, and PostgreSQL's cheapest way to write rows. `at`
 * travels as its exact microseconds; ids and positions stay far below 2^53. A plain client of its
 * own (COPY needs one); stopped early, the connection is cut rather than drained.
 */
export async function* sealedCopyBlocks(url: string, blockRows = PAGE_SIZE): AsyncGenerator<Buffer> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  let finished = false;
  try {
    const stream = client.query(copyStreams.to(`COPY (SELECT ${SEALED_FIELDS.map((f) => COPY_COLUMN[f] ?? f).join(', ')}
      FROM audit_record WHERE seal_seq IS NOT NULL ORDER BY seal_seq, id) TO STDOUT`));
    const batcher = new CopyLineBatcher(blockRows);
    for await (const chunk of stream) for (const block of batcher.push(chunk as Buffer)) yield block.text;
    const tail = batcher.end();
    if (tail) yield tail.text;
    finished = true;
  } finally {
    if (finished) await client.end();
    else {
      client.on('error', () => undefined); // the connection being cut reports it: expected
      (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  }
}

/** The columns of SEALED_FIELDS that are not read as they are stored. */
const COPY_COLUMN: Partial<Record<(typeof SEALED_FIELDS)[number], string>> = { at_us: '(extract(epoch FROM at) * 1000000)::bigint' };

/** How many sealed records there are (an estimate from positions: exact unless records are missing). */
export async function sealedSpan(db: Db): Promise<number> {
  const bounds = await sealedBounds(db, sql``);
  return bounds ? bounds.hi - bounds.lo + 1 : 0;
}

/**
 * The same as records, a page at a time (no await per record). Pages are ranges of positions, so each
 * query touches only its page whatever the planner's statistics say.
 */
export async function* sealedPages(db: Db, range?: { from: Date; to: Date }): AsyncGenerator<ChainRecord[]> {
  const within: RawBuilder<unknown> = range ? sql`AND at >= ${range.from} AND at < ${range.to}` : sql``;
  const bounds = await sealedBounds(db, within);
  if (!bounds) return;
  yield* pagesAhead(bounds.lo, bounds.hi, async (from) => (await sql<Row>`SELECT ${COLUMNS} FROM audit_record
    WHERE seal_seq >= ${from} AND seal_seq < ${from + PAGE_SIZE} ${within}
    ORDER BY seal_seq, id`.execute(db)).rows.map(sealed));
}

async function sealedBounds(db: Db, within: RawBuilder<unknown>): Promise<{ lo: number; hi: number } | undefined> {
  const { lo, hi } = (await sql<{ lo: number | null; hi: number | null }>`SELECT min(seal_seq) AS lo, max(seal_seq) AS hi
    FROM audit_record WHERE seal_seq IS NOT NULL ${within}`.execute(db)).rows[0]!;
  return lo === null || hi === null ? undefined : { lo, hi };
}

/**
 * The pages of positions lo..hi in order, the next two already being read while the caller works on
 * this one (the database works meanwhile). Each is awaited in turn; the no-op catch only keeps a
 * failure of one still queued from counting as unhandled.
 */
async function* pagesAhead<T>(lo: number, hi: number, read: (from: number) => Promise<T>): AsyncGenerator<T> {
  const ahead: Promise<T>[] = [];
  let asked = lo;
  const ask = () => {
    for (; ahead.length < 2 && asked <= hi; asked += PAGE_SIZE) {
      const p = read(asked);
      p.catch(() => undefined);
      ahead.push(p);
    }
  };
  ask();
  while (ahead.length > 0) {
    const page = await ahead.shift()!;
    ask();
    yield page;
  }
}
