import { sql } from 'kysely';
import { createTestDatabase } from './src/testing/databases.ts';
import { sealPending } from './src/modules/audit/chain.ts';
import { sealedRecords } from './src/modules/audit/chain-rows.ts';
import { hashMatches } from './src/domain/audit/canonical.ts';
delete process.env.GDX_TEST_POSTGRES_TEMPLATE;
const t = await createTestDatabase('postgres');
const db = t.db;
await sql`INSERT INTO audit_record (actor_type, actor_name, action, target_type, target_id, outcome, ip, request_id, detail)
  SELECT 'user', 'user' || (g % 500), 'data.read', 'grant', md5(g::text), 'success', '10.0.0.1', md5((g * 7)::text), jsonb_build_object('rows', g % 100, 'note', '批量')
  FROM generate_series(1, 50000) g`.execute(db);
let t0 = performance.now();
await sealPending(db, { wait: true });
console.log('seal', Math.round(performance.now() - t0));
t0 = performance.now();
const all = [];
for await (const r of sealedRecords(db)) all.push(r);
console.log('read', Math.round(performance.now() - t0), all.length);
t0 = performance.now();
let ok = 0; for (const r of all) if (hashMatches(r.prevHash, r, r.hash)) ok++;
console.log('hash', Math.round(performance.now() - t0), ok);
console.log((await sql`EXPLAIN ANALYZE SELECT seal_seq, id, (extract(epoch FROM at) * 1000000)::bigint, detail::text FROM audit_record WHERE seal_seq >= 20000 AND seal_seq < 25000 ORDER BY seal_seq, id`.execute(db)).rows.map((r: any) => r['QUERY PLAN']).join('\n'));
await t.drop();
