import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { defaultApiOptions, startBench, phase } from './api.ts';
process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
delete process.env.GDX_TEST_POSTGRES_TEMPLATE;
const opts = { ...defaultApiOptions(), rows: 20000 };
const ctx = await startBench(opts);
const pgCpu = async () => {
  const pids = (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(ctx.db)).rows.map((r) => r.pid);
  let t = 0;
  for (const pid of pids) {
    try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); t += Number(f[11]) + Number(f[12]); } catch { /* gone */ }
  }
  return t * 10; // ms (CLK_TCK 100)
};
try {
  for (const which of (process.env.ROUTES ?? 'governed,bare,governed,bare').split(',')) {
    const cfg = which === 'governed' ? ctx.govCfg : ctx.bareCfg;
    await phase(cfg('warm', 2000));
    const before = await pgCpu();
    const r = await phase(cfg(which, 8000));
    const after = await pgCpu();
    console.log(which, r.reqPerSec, 'node ms/req', r.serverCpuMsPerRequest, 'pg ms/req', ((after - before) / r.requests).toFixed(3), 'load ms/req', r.clientCpuMsPerRequest);
  }
} finally { await ctx.cleanup(); }
