import { defaultApiOptions, startBench, phase } from './api.ts';
process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
delete process.env.GDX_TEST_POSTGRES_TEMPLATE;
const which = process.env.PROF_ROUTE ?? 'governed';
const opts = { ...defaultApiOptions(), rows: 20000 };
const ctx = await startBench(opts);
try {
  const cfg = which === 'governed' ? ctx.govCfg : ctx.bareCfg;
  await phase(cfg('warm', 3000));
  const { Session } = await import('node:inspector/promises');
  const s = new Session(); s.connect();
  await s.post('Profiler.enable'); await s.post('Profiler.start');
  const r = await phase(cfg(which, 10000));
  const { profile } = await s.post('Profiler.stop');
  (await import('node:fs')).writeFileSync(`/tmp/j/prof/${which}.cpuprofile`, JSON.stringify(profile));
  console.log(which, r.reqPerSec, r.serverCpuMsPerRequest, r.errors);
} finally { await ctx.cleanup(); }
