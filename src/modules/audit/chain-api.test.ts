/**
 * The audit chain over the API (security rules §17): status, verification naming the first bad record,
 * signed checkpoints an outsider checks with only the exported public key, and — on the PostgreSQL
 * server — the application role that really cannot UPDATE, DELETE or TRUNCATE audit records.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type OpenDatabase } from '../../db/connect.ts';
import { checkpointMessage, verifyMessage } from '../../domain/audit/signing.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody } from '../../testing/make.ts';
import { sealPending } from './chain.ts';
import { generateAuditSigningKey } from './signing-key.ts';

const key = generateAuditSigningKey();

// A nested suite, so its own connections close before the database is dropped.
forEachDatabase('audit chain API', (t) => describe('as the application', () => {
  let server: TestServer;
  let appRole: OpenDatabase | undefined;
  const tok: Record<string, string> = {};

  before(async () => {
    await basicWorld(t().db);
    // On the server, the API runs as the application role, as production does with GDX_DB_ROLE=gdx_app.
    appRole = t().kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: t().url!, role: 'gdx_app', poolSize: 4 }) : undefined;
    server = await startTestServer(appRole?.db ?? t().db, { audit: { key, alg: 'sm3' } });
    for (const u of ['fgw', 'sjj', 'auditor']) tok[u] = await server.login(u);
    await server.call('POST', '/api/v1/catalog', { token: tok.fgw, body: entryBody() });
  });
  after(async () => {
    await server.close();
    await appRole?.close();
  });

  it('shows the chain status and verifies the whole chain; the run is itself audited', async () => {
    const res = await server.call('GET', '/api/v1/audit/verify', { token: tok.auditor });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.ok, true);
    assert.ok(res.body.verified >= 4);
    assert.equal(res.body.verifiedThrough, res.body.verified);
    const status = await server.call('GET', '/api/v1/audit/chain', { token: tok.sjj });
    assert.equal(status.status, 200);
    assert.ok(status.body.sealed >= res.body.verified);
    assert.match(status.body.head.hash, /^sm3:[0-9a-f]{64}$/);
    assert.deepEqual([status.body.lastVerification.ok, status.body.lastVerification.verifiedThrough], [true, res.body.verifiedThrough]);
  });

  it('refuses verification to a department user, and records the refusal', async () => {
    const denied = await server.call('GET', '/api/v1/audit/verify', { token: tok.fgw });
    assert.equal(denied.status, 403);
    const trail = await server.call('GET', '/api/v1/audit?action=audit.verify&outcome=denied', { token: tok.auditor });
    assert.equal(trail.body.total, 1);
  });

  it('signs checkpoints that verify with only the exported public key, and fail when altered', async () => {
    const made = await server.call('POST', '/api/v1/audit/checkpoints', { token: tok.auditor });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const pub = await server.call('GET', '/api/v1/audit/public-key');
    assert.equal(pub.status, 200, 'the public key is public');
    const list = await server.call('GET', '/api/v1/audit/checkpoints', { token: tok.auditor });
    const cp = list.body.items[0];
    assert.equal(cp.id, made.body.id);
    assert.equal(pub.body.keyId, cp.keyId);
    const message = (c: typeof cp) => checkpointMessage({ seq: c.count, hash: c.hash, at: c.at, keyId: c.keyId });
    assert.equal(verifyMessage(pub.body.publicKey, message(cp), cp.signature), true);
    assert.equal(verifyMessage(pub.body.publicKey, message({ ...cp, count: cp.count - 1 }), cp.signature), false);
    assert.equal(verifyMessage(generateAuditSigningKey().publicKeyPem, message(cp), cp.signature), false);

    // Altered in the database (superuser, trigger bypassed): verification names the checkpoint.
    await t().db.transaction().execute(async (tx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(tx);
      await tx.updateTable('audit_checkpoint').set({ head_hash: `sm3:${'0'.repeat(64)}` }).where('id', '=', cp.id).execute();
    });
    const res = await server.call('GET', '/api/v1/audit/verify', { token: tok.auditor });
    assert.deepEqual([res.body.ok, res.body.firstBad?.reason, res.body.firstBad?.seq, res.body.firstBad?.checkpointId],
      [false, 'checkpoint_signature', cp.count, cp.id]);
    const status = await server.call('GET', '/api/v1/audit/chain', { token: tok.auditor });
    assert.equal(status.body.lastCheckpoint.verified, false);
    assert.equal(status.body.lastVerification.reason, 'checkpoint_signature');
  });

  it('the application role cannot UPDATE, DELETE or TRUNCATE audit records, nor write seal columns (PostgreSQL server)', async (ctx) => {
    if (!appRole) return ctx.skip('roles are enforced on the server; PGlite relies on the trigger');
    const db = appRole.db;
    await sealPending(db, { wait: true });
    const who = (await sql<{ u: string }>`SELECT current_user AS u`.execute(db)).rows[0]!.u;
    assert.equal(who, 'gdx_app');
    for (const statement of [
      sql`UPDATE audit_record SET action = 'x'`,
      sql`DELETE FROM audit_record`,
      sql`TRUNCATE audit_record`,
      sql`INSERT INTO audit_record (actor_type, action, outcome, seal_seq, hash) VALUES ('system', 'x', 'success', 1, 'sm3:00')`,
      sql`INSERT INTO audit_record (at, actor_type, action, outcome) VALUES (now() - interval '1 year', 'system', 'backdated', 'success')`,
      sql`DELETE FROM audit_checkpoint`,
      sql`UPDATE audit_archive SET dropped_at = now()`,
      sql`SELECT audit_drop_month('2026-01', 1)`,
    ]) {
      await assert.rejects(statement.execute(db), /permission denied/, statement.compile(db).sql);
    }
    const partition = (await sql<{ name: string }>`SELECT tableoid::regclass::text AS name FROM audit_record LIMIT 1`.execute(t().db)).rows[0]!.name;
    await assert.rejects(sql`DELETE FROM ${sql.table(partition)}`.execute(db), /permission denied/);
  });
}));
