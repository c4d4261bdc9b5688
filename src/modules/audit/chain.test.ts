/**
 * The audit hash chain on both databases (security rules §17; §38 全流程审计): continuous across
 * concurrent writers and sealers; verification names the first bad record after tampering done with
 * the rights the application does not have (a superuser bypassing the append-only trigger).
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { SystemActor } from '../../domain/access/actor.ts';
import { chainHash } from '../../domain/audit/canonical.ts';
import { forEachDatabase, type TestDatabase } from '../../testing/databases.ts';
import { auditChainStatus, sealPending } from './chain.ts';
import { contentOf } from './chain-rows.ts';
import { generateAuditSigningKey } from './signing-key.ts';
import { recordAudit } from './store.ts';
import { verifyChain } from './verify.ts';

const key = generateAuditSigningKey();
const system: SystemActor = { type: 'system', name: 'test' };
/**
 * Verifies page by page here — and on the PostgreSQL server also by COPY in worker threads (the path
 * of long chains, forced), which must decide exactly the same.
 */
async function verify(tdb: TestDatabase) {
  const here = await verifyChain(tdb.db, { publicKey: key.publicKey, alg: 'sm3' });
  if (!tdb.url) return here;
  const inWorkers = await verifyChain(tdb.db, { publicKey: key.publicKey, alg: 'sm3', url: tdb.url, parallelFrom: 0 });
  const decided = (r: typeof here) => ({ ...r, checkedAt: '', seconds: 0 });
  assert.deepEqual(decided(inWorkers), decided(here), 'worker-thread verification decides as the page-at-a-time one');
  return here;
}

/** Changes made with superuser rights: the append-only trigger does not fire (session_replication_role). */
async function asSuperuser(db: Db, fn: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(tx);
    await fn(tx);
  });
}

async function idAt(db: Db, seq: number): Promise<number> {
  return (await db.selectFrom('audit_record').select('id').where('seal_seq', '=', seq).executeTakeFirstOrThrow()).id;
}

forEachDatabase('audit hash chain', (t) => {
  before(async () => {
    const db = t().db;
    // Concurrent audited transactions, and two sealers racing them: ids are taken in one order and
    // committed in another; the chain must still be gapless and verify.
    const writers = Array.from({ length: 40 }, (_, i) => db.transaction().execute(async (tx) => {
      await recordAudit(tx, system, { action: 'test.write', targetId: String(i), detail: { i, 名称: '审计', nested: { b: 1, a: [1.5, null] } } });
      if (i % 3 === 0) await new Promise((r) => setTimeout(r, 5));
      await recordAudit(tx, system, { action: 'test.write.second', targetId: String(i) });
    }));
    const sealers = [sealPending(db, { batch: 7 }), sealPending(db, { batch: 7, wait: true })];
    await Promise.all([...writers, ...sealers]);
    await sealPending(db, { wait: true });
  });

  it('is continuous: every committed record sealed once, positions 1..n without gaps, in a verifiable order', async () => {
    const db = t().db;
    const rows = await db.selectFrom('audit_record').select(['seal_seq', 'id']).orderBy('seal_seq').execute();
    assert.ok(rows.length >= 80);
    assert.deepEqual(rows.map((r) => r.seal_seq), rows.map((_, i) => i + 1));
    const result = await verify(t());
    assert.equal(result.ok, true, JSON.stringify(result.firstBad));
    assert.equal(result.verified, rows.length);
    assert.equal(result.unsealed, 0);
    const status = await auditChainStatus(db);
    assert.equal(status.sealed, rows.length);
    assert.equal(status.algorithm, 'sm3');
  });

  it('hashes the stored bytes: microsecond time and jsonb text, SM3', async () => {
    const db = t().db;
    const { rows } = await sql<Parameters<typeof contentOf>[0] & { text_at: string }>`SELECT seal_seq AS seq, id,
      (extract(epoch FROM at) * 1000000)::bigint AS at_us, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS text_at,
      actor_type, actor_id, actor_name, org_id::text AS org_id, action, target_type, target_id, outcome, ip, request_id,
      detail::text AS detail, prev_hash, hash
      FROM audit_record WHERE seal_seq = 2`.execute(db);
    const row = rows[0]!;
    assert.equal(contentOf(row).at, row.text_at, 'the exact stored instant, to the microsecond');
    assert.equal(chainHash('sm3', row.prev_hash, contentOf(row)), row.hash);
  });

  it('the append-only trigger refuses UPDATE, DELETE and TRUNCATE even to the owner, and re-sealing a sealed record', async () => {
    const db = t().db;
    for (const statement of [
      sql`UPDATE audit_record SET action = 'x' WHERE seal_seq = 1`,
      sql`UPDATE audit_record SET hash = 'sm3:00' WHERE seal_seq = 1`,
      sql`DELETE FROM audit_record WHERE seal_seq = 1`,
      sql`TRUNCATE audit_record`,
    ]) {
      await assert.rejects(statement.execute(db), /append-only/);
    }
    const part = (await sql<{ name: string }>`SELECT tableoid::regclass::text AS name FROM audit_record WHERE seal_seq = 1`.execute(db)).rows[0]!.name;
    await assert.rejects(sql`TRUNCATE ${sql.table(part)}`.execute(db), /append-only/);
  });

  it('a changed byte is named at its position (content changed)', async () => {
    const db = t().db;
    const id = await idAt(db, 7);
    const original = (await sql<{ d: string }>`SELECT detail::text AS d FROM audit_record WHERE id = ${id}`.execute(db)).rows[0]!.d;
    await asSuperuser(db, (tx) => sql`UPDATE audit_record SET detail = jsonb_set(detail, '{i}', '99') WHERE id = ${id}`.execute(tx));
    const r = await verify(t());
    assert.deepEqual([r.ok, r.firstBad?.reason, r.firstBad?.seq, r.firstBad?.recordId, r.verifiedThrough], [false, 'content_changed', 7, id, 6]);
    await asSuperuser(db, (tx) => sql`UPDATE audit_record SET detail = ${original}::jsonb WHERE id = ${id}`.execute(tx));
    assert.equal((await verify(t())).ok, true);
  });

  it('a deleted middle record is named (missing)', async () => {
    const db = t().db;
    const id = await idAt(db, 12);
    await sql`CREATE TABLE audit_saved AS SELECT * FROM audit_record WHERE id = ${id}`.execute(db);
    await asSuperuser(db, (tx) => tx.deleteFrom('audit_record').where('id', '=', id).execute());
    const r = await verify(t());
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq, r.firstBad?.recordId], ['missing', 12, null]);
    await asSuperuser(db, (tx) => sql`INSERT INTO audit_record SELECT * FROM audit_saved`.execute(tx));
    await sql`DROP TABLE audit_saved`.execute(db);
    assert.equal((await verify(t())).ok, true);
  });

  it('reordered rows are named (positions swapped)', async () => {
    const db = t().db;
    const [a, b] = [await idAt(db, 20), await idAt(db, 21)];
    const swap = (x: number, y: number) => asSuperuser(db, async (tx) => {
      await tx.updateTable('audit_record').set({ seal_seq: -1 }).where('id', '=', a).execute();
      await tx.updateTable('audit_record').set({ seal_seq: x }).where('id', '=', b).execute();
      await tx.updateTable('audit_record').set({ seal_seq: y }).where('id', '=', a).execute();
    });
    await swap(20, 21);
    const r = await verify(t());
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq, r.firstBad?.recordId], ['reordered', 20, b]);
    await asSuperuser(db, async (tx) => {
      await tx.updateTable('audit_record').set({ seal_seq: -1 }).where('id', '=', b).execute();
      await tx.updateTable('audit_record').set({ seal_seq: 20 }).where('id', '=', a).execute();
      await tx.updateTable('audit_record').set({ seal_seq: 21 }).where('id', '=', b).execute();
    });
    assert.equal((await verify(t())).ok, true);
  });

  it('a forged row, correctly hashed and slotted in by renumbering, is named (forged)', async () => {
    const db = t().db;
    const prev = await db.selectFrom('audit_record').select('hash').where('seal_seq', '=', 9).executeTakeFirstOrThrow();
    const at = '2026-01-01T00:00:00.000000Z';
    const forged = {
      id: 999_999, at, actorType: 'user', actorId: null, actorName: 'intruder', orgId: null, action: 'grant.revoke',
      targetType: null, targetId: null, outcome: 'success', ip: null, requestId: null, detail: '{}',
    };
    await asSuperuser(db, async (tx) => {
      await sql`UPDATE audit_record SET seal_seq = seal_seq + 1 WHERE seal_seq >= 10`.execute(tx);
      await tx.insertInto('audit_record').values({
        id: forged.id, at, actor_type: 'user', actor_name: 'intruder', action: 'grant.revoke', outcome: 'success', detail: '{}',
        seal_seq: 10, prev_hash: prev.hash, hash: chainHash('sm3', prev.hash, forged),
      }).execute();
    });
    const r = await verify(t());
    assert.deepEqual([r.firstBad?.reason, r.firstBad?.seq, r.verifiedThrough], ['forged', 10, 9]);
    await asSuperuser(db, async (tx) => {
      await tx.deleteFrom('audit_record').where('id', '=', forged.id).execute();
      await sql`UPDATE audit_record SET seal_seq = seal_seq - 1 WHERE seal_seq >= 11`.execute(tx);
    });
    assert.equal((await verify(t())).ok, true);
  });
});
