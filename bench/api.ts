/**
 * API benchmark (issue 4): governed GET /api/v1/data/{code} — signature check, live grant,
 * projection, 3 masked items, access record + grant last use — against a bare route on the same
 * server running the same SQL with no governance. 50-row pages of a 100,000-row 前置库 table, each
 * connection following nextCursor (keyset: a sealed cursor governed, the plain key bare),
 * 32 keep-alive connections from a separate process, 10 s per run: bare, governed, bare again.
 * Target: governed ≥ 0.7 × bare (mean of the two bare runs). Prints a table, writes bench/results/.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { GdxClient } from '../src/client/gdx-client.ts';
import { MAX_PER_DAY, MAX_PER_SECOND } from '../src/domain/delivery/limits.ts';
import { openDatabase, type Db } from '../src/db/connect.ts';
import type { Api } from '../src/http/api.ts';
import { platformKeyFrom } from '../src/modules/security/secret-box.ts';
import { buildServer } from '../src/server.ts';
import { createTestDatabase } from '../src/testing/databases.ts';
import { TEST_PASSWORD } from '../src/testing/make.ts';
import { serverUrl } from '../src/testing/server-url.ts';
import { benchBareRoute } from './bare-route.ts';
import type { LoadConfig, LoadResult } from './load.ts';
import { buildBenchWorld, type BenchWorld } from './world.ts';

export interface ApiBenchOptions {
  connections: number;
  durationMs: number;
  warmupMs: number;
  rows: number;
  /** Each load connection pages through the first `span` rows, then starts over. */
  span: number;
  limit: number;
  target: number;
}

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);

export const defaultApiOptions = (): ApiBenchOptions => ({
  connections: num('BENCH_CONNECTIONS', 32),
  durationMs: num('BENCH_SECONDS', 10) * 1000,
  warmupMs: num('BENCH_WARMUP_SECONDS', 2) * 1000,
  rows: num('BENCH_ROWS', 100_000),
  span: num('BENCH_SPAN', 10_000),
  limit: 50,
  target: 0.7,
});

function runLoadChild(cfg: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // LOAD_PROF=<dir>: the load generator writes a CPU profile there (where a client's time goes).
    const profile = process.env.LOAD_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROF}`] : [];
    const child = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx', ...profile], stdio: 'inherit' });
    let settled = false;
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      settled = true;
      if (m.result) resolve(m.result);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before reporting`));
    });
    child.send(cfg);
  });
}

/** Access records so far, and the transactions that wrote them (records written by one grouped statement share its xmin). */
export const countRecords = async (db: Db) => (await sql<{ all: number; success: number; commits: number }>`
  SELECT count(*)::int AS "all", count(*) FILTER (WHERE outcome = 'success')::int AS success, count(DISTINCT xmin::text)::int AS commits
    FROM access_record`.execute(db)).rows[0]!;

/**
 * testDb.drop() closes its pool and at once runs DROP DATABASE … WITH (FORCE); pg-pool's end()
 * resolves before its connections are really gone, so FORCE can kill one that is still open, whose
 * idle client then emits an unhandled 'error' (57P01) and crashes the process. So: close the pool,
 * wait until the database has no backends left (a few seconds at most), then drop it.
 */
async function dropAfterBackendsLeft(testDb: { url?: string; open: { close(): Promise<void> } }): Promise<void> {
  await testDb.open.close();
  const name = decodeURIComponent(new URL(testDb.url!).pathname.slice(1));
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const left = (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows[0]!.n;
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * The benchmark measures the governed path, not its throttle: the city authority (sjj) raises the
 * defaults of every app's limits to their maximum (the rate check and the quota leases still run).
 */
async function liftAppLimits(origin: string): Promise<void> {
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sjj', password: TEST_PASSWORD }),
  });
  const { token } = await login.json() as { token: string };
  const max = { perSecond: MAX_PER_SECOND, perDay: MAX_PER_DAY };
  const res = await fetch(`${origin}/api/v1/settings/app-limits`, {
    method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ defaults: { api: max, verify: max }, ceiling: { api: max, verify: max } }),
  });
  if (res.status !== 200) throw new Error(`lifting app limits: ${res.status} ${await res.text()}`);
}

/** Two signed pages and two bare pages, each following its nextCursor: same rows, masked on one side only. */
async function preflight(origin: string, world: BenchWorld, limit: number): Promise<void> {
  const client = new GdxClient({ baseUrl: `${origin}/api/v1`, appKey: world.appKey, secret: world.secret });
  type Page = { items: Record<string, string>[]; nextCursor?: string };
  const governedPage = async (cursor?: string) => {
    const res = await client.get(world.dataPath, { limit, ...(cursor ? { cursor } : {}) });
    const page = await res.json() as Page;
    if (res.status !== 200) throw new Error(`preflight governed: ${res.status} ${JSON.stringify(page)}`);
    return page;
  };
  const barePage = async (cursor?: string) => {
    const res = await fetch(`${origin}/bench/bare?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    const page = await res.json() as Page;
    if (res.status !== 200) throw new Error(`preflight bare: ${res.status} ${JSON.stringify(page)}`);
    return page;
  };
  const keys = (rows: Record<string, string>[]) => rows.map((r) => r.record_no).join(',');
  const [g1, b1] = [await governedPage(), await barePage()];
  const [g, b] = [await governedPage(g1.nextCursor), await barePage(b1.nextCursor)];
  if (g1.items.length !== limit || g.items.length !== limit || keys(g1.items) !== keys(b1.items) || keys(g.items) !== keys(b.items)
    || keys(g.items) === keys(g1.items)) {
    throw new Error('preflight: governed and bare pages differ');
  }
  const [gr, br] = [g.items[0]!, b.items[0]!];
  for (const masked of ['id_card', 'phone', 'name']) {
    if (gr[masked] === br[masked] || !String(gr[masked]).includes('*')) throw new Error(`preflight: ${masked} is not masked (${gr[masked]})`);
  }
  if (Object.keys(gr).length !== 12) throw new Error(`preflight: expected 12 items, got ${Object.keys(gr).join(',')}`);
}

function machine(pgVersion: string) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version, postgres: pgVersion,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

const fmt = (v: number, digits = 1) => v.toFixed(digits);

export interface BenchContext {
  origin: string;
  world: BenchWorld;
  /** The setup pool (4 connections), for counting records; the server has its own. */
  db: Db;
  base: Pick<LoadConfig, 'origin' | 'connections' | 'limit' | 'span'>;
  bareCfg(label: string, durationMs: number): LoadConfig;
  govCfg(label: string, durationMs: number): LoadConfig;
  cleanup(): Promise<void>;
}

/**
 * A fresh migrated database on the server, GDX with the bare route on a real port, the world built
 * through its API and checked by one call of each route. `cleanup` (also run on SIGINT/SIGTERM)
 * closes the server and drops the database.
 */
export async function startBench(opts: ApiBenchOptions, server: { poolSize?: number; configure?: (app: Api) => void } = {}): Promise<BenchContext> {
  const testDb = await createTestDatabase('postgres');
  let close: (() => Promise<void>) | undefined;
  let cleaning: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: dropping the bench database`);
    void cleanup().finally(() => process.exit(130));
  };
  const cleanup = () => (cleaning ??= (async () => {
    await close?.().catch((e) => console.error('closing the server:', e));
    await dropAfterBackendsLeft(testDb);
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(sig, onSignal);
  })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, onSignal);
  try {
    // The server gets its own pool, by default of the production size (openDatabase: 10).
    const serverDb = await openDatabase({ kind: 'postgres', url: testDb.url!, ...(server.poolSize ? { poolSize: server.poolSize } : {}) });
    const app = await buildServer({
      db: serverDb.db, config: { sessionHours: 8, secureCookies: false, logLevel: 'silent' }, logger: false,
      platformKey: platformKeyFrom(randomBytes(32)),
    });
    benchBareRoute(app, serverDb.db);
    server.configure?.(app);
    close = async () => {
      await app.close();
      await serverDb.close();
    };
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    process.stdout.write(`building the world (${opts.rows.toLocaleString('en')} rows) … `);
    const world = await buildBenchWorld(testDb.db, origin, opts.rows);
    await liftAppLimits(origin);
    await preflight(origin, world, opts.limit);
    console.log(`entry ${world.code}, grant ${world.grantId}`);

    const base = { origin, connections: opts.connections, limit: opts.limit, span: Math.min(opts.span, opts.rows) };
    return {
      origin, world, db: testDb.db, base, cleanup,
      bareCfg: (label, durationMs) => ({ ...base, label, route: 'bare', durationMs }),
      govCfg: (label, durationMs) => ({
        ...base, label, route: 'governed', durationMs, dataPath: world.dataPath, appKey: world.appKey, secret: world.secret,
      }),
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export type PhaseResult = LoadResult & { serverCpuMsPerRequest: number; databaseCpuMsPerRequest: number | null };

/**
 * CPU time (ms) of every PostgreSQL process on this host, from /proc (Linux; null elsewhere): the
 * three parts of a request's cost — server, load generator, database — share the same cores.
 */
async function postgresCpuMs(): Promise<number | null> {
  if (process.platform !== 'linux') return null;
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (!stat.slice(0, close).endsWith('(postgres')) continue;
    const fields = stat.slice(close + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks / ticksPerMs;
}

/** One load run; the server's CPU time (this process: only the server works here meanwhile) and the database's, per request. */
export async function phase(cfg: LoadConfig): Promise<PhaseResult> {
  process.stdout.write(`${cfg.label} (${cfg.durationMs / 1000} s) … `);
  const before = process.cpuUsage();
  const dbBefore = await postgresCpuMs();
  const r = await runLoadChild(cfg);
  const cpu = process.cpuUsage(before);
  const dbAfter = await postgresCpuMs();
  console.log(`${fmt(r.reqPerSec)} req/s`);
  const perRequest = (ms: number) => Math.round((ms / Math.max(1, r.requests)) * 1000) / 1000;
  return {
    ...r, serverCpuMsPerRequest: perRequest((cpu.user + cpu.system) / 1000),
    databaseCpuMsPerRequest: dbBefore === null || dbAfter === null ? null : perRequest(dbAfter - dbBefore),
  };
}

export async function runApiBench(opts: ApiBenchOptions = defaultApiOptions()): Promise<void> {
  const loadBefore = Math.round(os.loadavg()[0]! * 100) / 100;
  const ctx = await startBench(opts);
  const { world, bareCfg, govCfg } = ctx;
  try {
    await phase(bareCfg('warm-up bare', opts.warmupMs));
    await phase(govCfg('warm-up governed', opts.warmupMs));
    const bare1 = await phase(bareCfg('bare #1', opts.durationMs));
    const before = await countRecords(ctx.db);
    const governed = await phase(govCfg('governed', opts.durationMs));
    const after = await countRecords(ctx.db);
    const bare2 = await phase(bareCfg('bare #2', opts.durationMs));

    const records = { written: after.all - before.all, success: after.success - before.success, commits: after.commits - before.commits };
    const lastUsed = (await ctx.db.selectFrom('share_grant').select('last_used_at').where('id', '=', world.grantId).executeTakeFirstOrThrow()).last_used_at;
    const pgVersion = (await sql<{ v: string }>`SELECT version() AS v`.execute(ctx.db)).rows[0]!.v;
    const bareMean = (bare1.reqPerSec + bare2.reqPerSec) / 2;
    const ratio = governed.reqPerSec / bareMean;
    const verdict = ratio >= opts.target ? 'PASS' : 'BELOW';
    const m = machine(pgVersion);

    const line = (name: string, r: PhaseResult) => `| ${name} | ${fmt(r.reqPerSec)} | ${fmt(r.latencyMs.p50, 2)} | ${fmt(r.latencyMs.p99, 2)} | ${r.errors} |`;
    console.log(`\nAPI: ${opts.connections} connections × ${opts.durationMs / 1000} s, ${opts.limit}-row pages following nextCursor through the first ${Math.min(opts.span, opts.rows).toLocaleString('en')} rows of a ${opts.rows.toLocaleString('en')}-row table, 12 items (3 masked)\n`);
    console.log('| route | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(line('bare #1 (same SQL, no governance)', bare1));
    console.log(line('governed /data/{code}', governed));
    console.log(line('bare #2 (same SQL, no governance)', bare2));
    console.log(`\ngoverned / bare (mean of both bare runs, ${fmt(bareMean)} req/s) = **${ratio.toFixed(2)}** — target ≥ ${opts.target.toFixed(2)}: **${verdict}**`);
    console.log(`bare drift: #2 / #1 = ${(bare2.reqPerSec / bare1.reqPerSec).toFixed(2)}`);
    console.log(`CPU per request, server / database / load generator (signing included): ${[bare1, governed, bare2]
      .map((r) => `${r.label} ${fmt(r.serverCpuMsPerRequest, 2)} / ${r.databaseCpuMsPerRequest === null ? '–' : fmt(r.databaseCpuMsPerRequest, 2)} / ${fmt(r.clientCpuMsPerRequest, 2)} ms`).join('; ')}`);
    console.log(`access records written during the governed run: ${records.written} (success ${records.success}) for ${governed.requests} requests — ${records.written === governed.requests ? 'equal' : 'MISMATCH'}, in ${records.commits} group commits (${(records.written / Math.max(1, records.commits)).toFixed(1)} calls each, nonces with them); grant last used ${lastUsed?.toISOString() ?? 'never'}`);
    console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}; ${m.postgres.split(' on ')[0]} (same host); server pool 10 connections; load average ${loadBefore} before, ${m.loadAverage1m} after (other work on the host skews runs: compare the two bare runs)`);
    for (const r of [bare1, governed, bare2]) {
      if (r.errors) console.log(`errors in ${r.label}: ${JSON.stringify(r.errorsByStatus)}\n  ${r.errorSamples.join('\n  ')}`);
    }

    const at = new Date().toISOString();
    const file = fileURLToPath(new URL(`./results/api-${at.replace(/[:.]/g, '-')}.json`, import.meta.url));
    await mkdir(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
    await writeFile(file, `${JSON.stringify({
      bench: 'api', at, options: opts, machine: { ...m, loadAverage1mBefore: loadBefore }, serverPoolSize: 10,
      runs: { bare1, governed, bare2 }, bareMeanReqPerSec: bareMean, ratio, target: opts.target, verdict,
      accessRecords: { ...records, governedRequests: governed.requests, equal: records.written === governed.requests },
    }, null, 2)}\n`);
    console.log(`results: ${file}`);
    if (records.written !== governed.requests || governed.errors || bare1.errors || bare2.errors) process.exitCode = 1;
  } finally {
    await ctx.cleanup();
  }
}
