/**
 * Audit chain benchmark (security rules §17; docs/audit.md), in one run on a fresh PostgreSQL database:
 *
 * 1. Appends/s of audited transactions, BENCH_AUDIT_WRITERS (16) concurrent writers for
 *    BENCH_AUDIT_SECONDS (5) each, in two transaction shapes (insert + commit; insert, 2 ms more work,
 *    commit), for: a plain unchained table (baseline), GDX's chained trail (insert unsealed + the
 *    in-process sealer running), and the rejected alternative — a BEFORE INSERT trigger chaining under
 *    an advisory lock (SHA-256 in SQL), which serialises audited transactions until commit.
 *    Target: chained ≥ 0.5 × plain. Also: how long the sealer needs to catch up afterwards.
 * 2. Sealing and verifying BENCH_AUDIT_RECORDS (1,000,000) records: seal rate, and seconds for a full
 *    verification (target ≤ 10 s).
 * Results: bench/results/audit-chain-<timestamp>.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/db/connect.ts';
import type { SystemActor } from '../src/domain/access/actor.ts';
import { ChainSealer, sealPending } from '../src/modules/audit/chain.ts';
import { generateAuditSigningKey } from '../src/modules/audit/signing-key.ts';
import { recordAudit } from '../src/modules/audit/store.ts';
import { verifyChain } from '../src/modules/audit/verify.ts';
import { createTestDatabase } from '../src/testing/databases.ts';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const who: SystemActor = { type: 'system', name: 'bench' };
const event = (i: number) => ({ action: 'bench.append', targetType: 'bench', targetId: String(i), detail: { i, note: '审计基准' } });

type Variant = 'plain' | 'chained' | 'trigger';

/** The alternative not taken: chain inside the insert, under a lock held until commit. */
const TRIGGER_VARIANT = sql`
  CREATE TABLE bench_trigger_audit (LIKE bench_plain_audit INCLUDING ALL);
  CREATE FUNCTION bench_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_advisory_xact_lock(4242);
    SELECT hash INTO NEW.prev_hash FROM bench_trigger_audit ORDER BY id DESC LIMIT 1;
    NEW.hash := encode(sha256(convert_to(coalesce(NEW.prev_hash, '') || row(NEW.*)::text, 'UTF8')), 'hex');
    RETURN NEW;
  END $$;
  CREATE TRIGGER bench_chain BEFORE INSERT ON bench_trigger_audit FOR EACH ROW EXECUTE FUNCTION bench_chain();`;

async function append(db: Db, variant: Variant, i: number, workMs: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (variant === 'chained') {
      await recordAudit(tx, who, event(i));
    } else {
      const e = event(i);
      await sql`INSERT INTO ${sql.table(variant === 'plain' ? 'bench_plain_audit' : 'bench_trigger_audit')}
        (actor_type, actor_name, action, target_type, target_id, outcome, detail)
        VALUES ('system', 'bench', ${e.action}, ${e.targetType}, ${e.targetId}, 'success', ${JSON.stringify(e.detail)}::jsonb)`.execute(tx);
    }
    if (workMs > 0) await sql`SELECT pg_sleep(${workMs / 1000})`.execute(tx);
  });
}

async function appendsPerSecond(db: Db, variant: Variant, writers: number, ms: number, workMs: number): Promise<number> {
  let done = 0;
  const until = Date.now() + ms;
  const started = performance.now();
  await Promise.all(Array.from({ length: writers }, async () => {
    while (Date.now() < until) await append(db, variant, done++, workMs);
  }));
  return Math.round(done / ((performance.now() - started) / 1000));
}

export async function runAuditChainBench(): Promise<void> {
  const writers = num('BENCH_AUDIT_WRITERS', 16);
  const seconds = num('BENCH_AUDIT_SECONDS', 5);
  const records = num('BENCH_AUDIT_RECORDS', 1_000_000);
  const testDb = await createTestDatabase('postgres');
  const { db } = testDb;
  const pool = await openDatabase({ kind: 'postgres', url: testDb.url!, poolSize: writers + 2 });
  try {
    await sql`CREATE TABLE bench_plain_audit (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), actor_type text NOT NULL,
      actor_id text, actor_name text, org_id uuid, action text NOT NULL, target_type text, target_id text, outcome text NOT NULL,
      ip text, request_id text, detail jsonb NOT NULL DEFAULT '{}', prev_hash text, hash text)`.execute(db);
    await sql`CREATE INDEX ON bench_plain_audit (at); CREATE INDEX ON bench_plain_audit (actor_id, at);
      CREATE INDEX ON bench_plain_audit (target_type, target_id); CREATE INDEX ON bench_plain_audit (org_id, at)`.execute(db);
    await TRIGGER_VARIANT.execute(db);

    const appends: Array<{ shape: string; variant: Variant; perSecond: number }> = [];
    let catchUpSeconds = 0;
    for (const workMs of [0, 2]) {
      const shape = workMs ? `insert + ${workMs} ms work` : 'insert only';
      for (const variant of ['plain', 'chained', 'trigger'] as const) {
        const sealer = variant === 'chained' ? new ChainSealer(pool.db, { alg: 'sm3' }) : undefined;
        sealer?.start();
        appends.push({ shape, variant, perSecond: await appendsPerSecond(pool.db, variant, writers, seconds * 1000, workMs) });
        await sealer?.stop();
        if (sealer) {
          const t0 = performance.now();
          await sealPending(db, { wait: true });
          catchUpSeconds = Math.max(catchUpSeconds, (performance.now() - t0) / 1000);
        }
        console.log(`  ${shape.padEnd(20)} ${variant.padEnd(8)} ${appends[appends.length - 1]!.perSecond} appends/s`);
      }
    }

    // A million records, written as one bulk insert (unsealed), sealed by the sealer, then verified.
    await sql`INSERT INTO audit_record (actor_type, actor_name, org_id, action, target_type, target_id, outcome, ip, request_id, detail)
      SELECT 'user', 'user' || (g % 500), NULL, 'data.read', 'grant', md5(g::text), 'success', '10.0.0.' || (g % 250),
             md5((g * 7)::text), jsonb_build_object('rows', g % 100, 'fields', jsonb_build_array('name', 'phone'), 'note', '批量审计记录')
      FROM generate_series(1, ${records}) g`.execute(db);
    let t0 = performance.now();
    const sealed = await sealPending(db, { wait: true });
    const sealSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const result = await verifyChain(db, { publicKey: generateAuditSigningKey().publicKey, alg: 'sm3', seal: false, url: testDb.url! });
    const verifySeconds = (performance.now() - t0) / 1000;
    if (!result.ok) throw new Error(`verification failed: ${JSON.stringify(result.firstBad)}`);

    const ratio = (shape: string) => {
      const get = (v: Variant) => appends.find((a) => a.shape === shape && a.variant === v)!.perSecond;
      return { chainedVsPlain: +(get('chained') / get('plain')).toFixed(2), triggerVsPlain: +(get('trigger') / get('plain')).toFixed(2) };
    };
    const shapes = [...new Set(appends.map((a) => a.shape))];
    const report = {
      at: new Date().toISOString(), host: `${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}`, node: process.version,
      writers, secondsPerPhase: seconds, appends, ratios: Object.fromEntries(shapes.map((s) => [s, ratio(s)])),
      sealerCatchUpSeconds: +catchUpSeconds.toFixed(2),
      million: { records: result.verified, sealed, sealSeconds: +sealSeconds.toFixed(1), sealPerSecond: Math.round(sealed / sealSeconds), verifySeconds: +verifySeconds.toFixed(2) },
      targets: { chainedVsPlain: 0.5, verifySeconds: 10 },
    };
    console.log('\n审计链基准 / audit chain benchmark');
    console.table(shapes.map((s) => ({ shape: s, ...Object.fromEntries(appends.filter((a) => a.shape === s).map((a) => [a.variant, a.perSecond])), ...ratio(s) })));
    console.log(`sealer catch-up after a phase: ${report.sealerCatchUpSeconds} s`);
    console.log(`${result.verified} records: sealed in ${report.million.sealSeconds} s (${report.million.sealPerSecond}/s), verified in ${report.million.verifySeconds} s (target ≤ 10 s)`);
    await mkdir(new URL('./results/', import.meta.url), { recursive: true });
    await writeFile(new URL(`./results/audit-chain-${report.at.replace(/[:.]/g, '-')}.json`, import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await pool.close();
    await testDb.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
  delete process.env.GDX_TEST_POSTGRES_TEMPLATE;
  await runAuditChainBench();
}
