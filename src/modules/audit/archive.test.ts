/**
 * Retention of the audit trail (《网络安全法》第二十一条 ≥ 6 months; security rules §17): a month is archived
 * to a signed file checkable offline, and only an archived month older than six months leaves the
 * database — through the dedicated, audited path — after which the chain still verifies.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import type { SystemActor } from '../../domain/access/actor.ts';
import { addMonths, monthBounds, monthOf, partitionName } from '../../domain/audit/retention.ts';
import { AppError } from '../../http/errors.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { archiveMonth, dropArchivedMonth, verifyArchiveFile } from './archive.ts';
import { sealPending } from './chain.ts';
import { generateAuditSigningKey } from './signing-key.ts';
import { recordAudit } from './store.ts';
import { verifyChain } from './verify.ts';

const key = generateAuditSigningKey();
const operator: SystemActor = { type: 'system', name: 'cli:test' };
const old = addMonths(monthOf(new Date()), -8);

forEachDatabase('audit retention', (t) => {
  let dir: string;

  before(async () => {
    const db = t().db;
    dir = await mkdtemp(path.join(tmpdir(), 'gdx-audit-'));
    await recordAudit(db, operator, { action: 'test.before' });
    await sealPending(db);
    // Records of eight months ago (written by the owner, as a restored backup would be), sealed after today's.
    await sql`SELECT audit_ensure_partitions(0, ${`${old}-01`}::date)`.execute(db);
    for (let day = 1; day <= 5; day++) {
      await sql`INSERT INTO audit_record (at, actor_type, actor_name, action, outcome, detail)
        VALUES (${new Date(monthBounds(old).from.getTime() + day * 86_400_000 + 123)}, 'user', 'fgw', 'catalog.update', 'success', ${JSON.stringify({ day })}::jsonb)`.execute(db);
    }
    await recordAudit(db, operator, { action: 'test.after' });
    await sealPending(db);
  });

  it('archives a finished month to a signed file that verifies offline, and only with the right key', async () => {
    const file = path.join(dir, `${old}.jsonl`);
    const result = await archiveMonth(t().db, key, operator, { month: old, out: file, alg: 'sm3' });
    assert.equal(result.records, 5);
    assert.deepEqual(result.seqRanges, [[2, 6]]);
    const check = await verifyArchiveFile(file, key.publicKeyPem);
    assert.deepEqual([check.ok, check.month, check.records, check.keyId], [true, old, 5, key.keyId]);
    assert.equal((await verifyArchiveFile(file, generateAuditSigningKey().publicKeyPem)).ok, false);

    const text = await readFile(file, 'utf8');
    const tampered = path.join(dir, 'tampered.jsonl');
    await writeFile(tampered, text.replace('\\"day\\": 3', '\\"day\\": 4'));
    const bad = await verifyArchiveFile(tampered);
    assert.equal(bad.ok, false);
    assert.equal(bad.problem?.line, 4, 'the line of the changed record');
    const cut = path.join(dir, 'cut.jsonl');
    const lines = text.trimEnd().split('\n');
    await writeFile(cut, `${[...lines.slice(0, 2), ...lines.slice(3)].join('\n')}\n`);
    assert.match((await verifyArchiveFile(cut)).problem!.en, /manifest does not match/);
    await assert.rejects(archiveMonth(t().db, key, operator, { month: monthOf(new Date()), out: path.join(dir, 'now.jsonl'), alg: 'sm3' }),
      (e: AppError) => e.code === 'MONTH_NOT_OVER');
  });

  it('refuses to drop a month younger than six months, or one not archived, and audits each refusal', async () => {
    const db = t().db;
    const young = addMonths(monthOf(new Date()), -5);
    await assert.rejects(dropArchivedMonth(db, operator, { month: young }), (e: AppError) => e.code === 'RETENTION_NOT_ELAPSED');
    await assert.rejects(dropArchivedMonth(db, operator, { month: addMonths(old, -1) }), (e: AppError) => e.code === 'NOT_ARCHIVED');
    // The database refuses too, should the application's check be bypassed.
    const archive = await db.selectFrom('audit_archive').select('id').executeTakeFirstOrThrow();
    await assert.rejects(sql`SELECT audit_drop_month(${young}, ${archive.id})`.execute(db), /no archive|没有可用的归档/);
    const refusals = await db.selectFrom('audit_record').select(['target_id', 'outcome']).where('action', '=', 'audit.retention.drop').orderBy('id').execute();
    assert.deepEqual(refusals, [{ target_id: young, outcome: 'failure' }, { target_id: addMonths(old, -1), outcome: 'failure' }]);
  });

  it('drops an archived month older than six months; the chain still verifies across the gap', async () => {
    const db = t().db;
    const before = await db.selectFrom('audit_record').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const dropped = await dropArchivedMonth(db, operator, { month: old });
    assert.equal(dropped.records, 5);
    assert.equal((await sql<{ r: string | null }>`SELECT to_regclass(${partitionName(old)})::text AS r`.execute(db)).rows[0]!.r, null);
    const after = await db.selectFrom('audit_record').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n - 5 + 1, 'five records left; the drop itself was recorded');
    const result = await verifyChain(db, { publicKey: key.publicKey, alg: 'sm3' });
    assert.equal(result.ok, true, JSON.stringify(result.firstBad));
    assert.equal(result.archivedRanges, 1);
    // A dropped month whose signed archive row is altered no longer explains the gap.
    await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      await sql`UPDATE audit_archive SET records = 4`.execute(tx);
    });
    const broken = await verifyChain(db, { publicKey: key.publicKey, alg: 'sm3' });
    assert.deepEqual([broken.firstBad?.reason, broken.firstBad?.seq], ['missing', 2]);
  });
});
