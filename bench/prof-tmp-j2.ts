import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { defaultApiOptions, startBench, phase } from './api.ts';
process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
delete process.env.GDX_TEST_POSTGRES_TEMPLATE;
const opts = { ...defaultApiOptions(), rows: 20000 };
const ctx = await startBench(opts);
try {
  await phase(ctx.govCfg('warm', 2000));
  (globalThis as any).__tmpjCapture = true;
  await phase({ ...ctx.govCfg('one', 300), connections: 1 });
  const c = (globalThis as any).__tmpjCapture as { sql: string; parameters: unknown[] };
  console.log(c.sql.length);
  console.log(JSON.stringify(c.parameters));
  for (let i = 0; i < 4; i++) {
    const params = c.parameters.map((p, j) => (j === 1 ? randomBytes(12).toString('hex') : p));
    const r = await ctx.db.executeQuery({ sql: `EXPLAIN (ANALYZE, BUFFERS, SUMMARY) ${c.sql}`, parameters: params, query: { kind: 'RawNode' } } as any);
    console.log((r.rows as any[]).map((x) => x['QUERY PLAN']).filter((l: string) => /Time|Aggregate|r_page|Insert on/.test(l)).join('\n'));
  }
} finally { await ctx.cleanup(); }
