/**
 * Table-exchange benchmark (issue 4): 1,000,000 rows × 12 items (3 masked: 公民身份号码, 手机号码, 姓名),
 * PostgreSQL → PostgreSQL (the platform's database as the 前置库, a second database on the same
 * server as the consumer's, reached through a sealed connection URL). Measured in the same run:
 *   - raw baseline: COPY (SELECT the 12 columns ORDER BY key) TO STDOUT piped into COPY … FROM STDIN
 *     of a table with the same typed columns and primary key — no grant, masking, checkpoint or record;
 *   - GDX full sync (granted columns, masked, keyed, checkpointed per batch, access record per batch);
 *   - GDX incremental sync after 1 % of the rows changed.
 * Targets: full ≥ 0.5 × raw rate; incremental ≤ 5 % of the full time. Also the sync process's peak RSS:
 * the syncs run in a child process (bench/table-exchange-child.ts) that stands for the job worker —
 * long-lived, so the incremental run is its second, after the full one, as a worker meets it.
 * TX_PROF=<dir> profiles that process.
 * `npx tsx bench/table-exchange.ts [--rows N]`, or `BENCH_ONLY=table-exchange npm run bench`.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { platformKeyFrom } from '../src/modules/security/secret-box.ts';
import { createTestDatabase } from '../src/testing/databases.ts';
import { startTestServer } from '../src/testing/http.ts';
import { basicWorld, entryBody } from '../src/testing/make.ts';
import { serverUrl, withDatabase } from '../src/testing/server-url.ts';
import { BENCH_ITEMS, BENCH_KEY, BENCH_SCHEMA, BENCH_TABLE } from './bare-route.ts';
import { fillBenchTable } from './world.ts';

export interface TableExchangeOptions {
  rows: number;
  batchRows: number;
}

const COLUMNS = BENCH_ITEMS.map((i) => i.name);
const TYPES: Record<string, string> = { string: 'text', date: 'date', decimal: 'numeric' };

type SyncResult = { status: string; mode: string; rows: number; error: string | null; ms: number; maxRssMiB: number; rssBeforeMiB: number;
  sampled: { heapUsedMiB: number; arrayBuffersMiB: number; rssMiB: number } };

/** The sync process (bench/table-exchange-child.ts): one job worker, sent the runs one after another. */
function syncProcess() {
  const profile = process.env.TX_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TX_PROF}`] : [];
  const child = fork(fileURLToPath(new URL('./table-exchange-child.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx', ...profile], stdio: 'inherit' });
  let exited: Error | undefined;
  child.once('exit', (code) => (exited = new Error(`sync process exited with ${code}`)));
  return {
    run: (msg: { url: string; key: string; runId: string }) => new Promise<SyncResult>((resolve, reject) => {
      if (exited) return reject(exited);
      const onExit = (code: number | null) => reject(new Error(`sync process exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (m: { result?: SyncResult; error?: string }) => {
        child.off('exit', onExit);
        if (m.result) resolve(m.result);
        else reject(new Error(m.error));
      });
      child.send(msg);
    }),
    close: () => new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.send({ close: true });
    }),
  };
}

async function rawCopy(sourceUrl: string, targetUrl: string): Promise<number> {
  const [src, dst] = [new pg.Client({ connectionString: sourceUrl }), new pg.Client({ connectionString: targetUrl })];
  await src.connect();
  await dst.connect();
  try {
    await dst.query(`CREATE SCHEMA raw_copy; CREATE TABLE raw_copy.rows (${BENCH_ITEMS.map((i) => `${i.name} ${TYPES[i.type]}`).join(', ')}, PRIMARY KEY (${BENCH_KEY}))`);
    const started = performance.now();
    await dst.query('BEGIN');
    await pipeline(
      src.query(copyStreams.to(`COPY (SELECT ${COLUMNS.join(', ')} FROM ${BENCH_SCHEMA}.${BENCH_TABLE} ORDER BY ${BENCH_KEY}) TO STDOUT`)),
      dst.query(copyStreams.from(`COPY raw_copy.rows (${COLUMNS.join(', ')}) FROM STDIN`)),
    );
    await dst.query('COMMIT');
    return performance.now() - started;
  } finally {
    await src.end();
    await dst.end();
  }
}

export async function runTableExchangeBench(opts: TableExchangeOptions): Promise<void> {
  const loadBefore = Math.round(os.loadavg()[0]! * 100) / 100;
  const platform = await createTestDatabase('postgres');
  const consumerName = `${decodeURIComponent(new URL(platform.url!).pathname.slice(1))}_consumer`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${consumerName}"`);
  const consumerUrl = withDatabase(serverUrl(), consumerName);
  const rawKey = randomBytes(32);
  const server = await startTestServer(platform.db, { platformKey: platformKeyFrom(rawKey) });
  try {
    process.stdout.write(`table exchange: building ${opts.rows.toLocaleString('en')} rows … `);
    await basicWorld(platform.db);
    await fillBenchTable(platform.db, opts.rows);
    await sql.raw(`ALTER TABLE ${BENCH_SCHEMA}.${BENCH_TABLE} ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
      CREATE INDEX ON ${BENCH_SCHEMA}.${BENCH_TABLE} (updated_at)`).execute(platform.db);
    const tok: Record<string, string> = {};
    for (const u of ['fgw', 'gaj', 'sjj']) tok[u] = await server.login(u);
    const call = async (user: string, method: string, path: string, body?: unknown) => {
      const res = await server.call(method, `/api/v1${path}`, { token: tok[user], body });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const entry = await call('gaj', 'POST', '/catalog', entryBody({
      name: '社会救助对象登记信息', summary: '全市社会救助对象的登记编号、身份信息、救助类别、登记状态和补助金额', grade: 3, items: BENCH_ITEMS, shareMethod: 'table',
    }));
    await call('gaj', 'POST', `/catalog/${entry.id}/submit`);
    await call('sjj', 'POST', `/catalog/${entry.id}/review`, { decision: 'approve' });
    await call('gaj', 'PUT', `/catalog/${entry.id}/mount`, { kind: 'table', schema: BENCH_SCHEMA, table: BENCH_TABLE, keyColumns: [BENCH_KEY], changeColumn: 'updated_at' });
    const req = await call('fgw', 'POST', '/requests', {
      entryId: entry.id, items: COLUMNS, method: 'table', validUntil: `${new Date().getUTCFullYear() + 2}-06-30`,
      purpose: '社会救助对象资格比对分析', scenario: '救助资格年度复核', basis: '《社会救助暂行办法》',
    });
    await call('sjj', 'POST', `/requests/${req.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${req.id}/reply`, {
      decision: 'grant', assessment: { internalReview: '同意按授权范围提供', securityAssessment: '脱敏后提供，风险可控' },
    });
    await call('fgw', 'POST', `/grants/${granted.grantId}/agreement`, { accept: true });
    const target = await call('fgw', 'POST', '/sync/targets', { grantId: granted.grantId, connection: consumerUrl, schema: 'ods', table: 'relief_rows', batchRows: opts.batchRows });
    console.log(`grant ${granted.grantId}, target ${target.connection} ${target.schema}.${target.table}`);

    const syncOnce = async (label: string, body: Record<string, unknown> = {}) => {
      process.stdout.write(`${label} … `);
      const run = await call('fgw', 'POST', `/sync/targets/${target.id}/runs`, body);
      const r = await worker.run({ url: platform.url!, key: rawKey.toString('base64'), runId: run.id });
      if (r.status !== 'succeeded') throw new Error(`${label}: ${r.status} ${r.error}`);
      console.log(`${(r.ms / 1000).toFixed(2)} s, ${r.rows.toLocaleString('en')} rows`);
      return r;
    };

    process.stdout.write('raw COPY | COPY … ');
    const rawMs = await rawCopy(platform.url!, consumerUrl);
    console.log(`${(rawMs / 1000).toFixed(2)} s`);
    const worker = syncProcess();
    const full = await syncOnce('GDX full sync').catch(async (err) => { await worker.close(); throw err; });
    const changed = Math.round(opts.rows / 100);
    await sql.raw(`UPDATE ${BENCH_SCHEMA}.${BENCH_TABLE} SET amount = amount + 1, status = '暂停', updated_at = now()
      WHERE ${BENCH_KEY} IN (SELECT ${BENCH_KEY} FROM ${BENCH_SCHEMA}.${BENCH_TABLE} ORDER BY md5(${BENCH_KEY}) LIMIT ${changed})`).execute(platform.db);
    const incremental = await syncOnce(`GDX incremental sync (${changed.toLocaleString('en')} rows changed)`).finally(() => worker.close());

    const consumer = new pg.Client({ connectionString: consumerUrl });
    await consumer.connect();
    const check = (await consumer.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE id_card LIKE '%*%' AND phone LIKE '%*%' AND name LIKE '%*%')::int AS masked,
      (SELECT count(*)::int FROM raw_copy.rows) AS raw FROM ods.relief_rows`)).rows[0] as { n: number; masked: number; raw: number };
    await consumer.end();
    if (check.n !== opts.rows || check.raw !== opts.rows || check.masked !== opts.rows) throw new Error(`check failed: ${JSON.stringify(check)}`);

    const rawRate = opts.rows / (rawMs / 1000);
    const fullRate = opts.rows / (full.ms / 1000);
    const ratio = fullRate / rawRate;
    const incPct = (incremental.ms / full.ms) * 100;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'BELOW');
    const pgVersion = (await sql<{ v: string }>`SELECT version() AS v`.execute(platform.db)).rows[0]!.v.split(' on ')[0];
    const cpu = os.cpus();
    console.log(`\nTable exchange: ${opts.rows.toLocaleString('en')} rows × 12 items (3 masked), PostgreSQL → PostgreSQL, batches of ${opts.batchRows.toLocaleString('en')}\n`);
    console.log('| run | seconds | rows/s | peak RSS MiB |');
    console.log('|---|---:|---:|---:|');
    console.log(`| raw COPY TO STDOUT \\| COPY FROM STDIN (same columns, typed, PK) | ${(rawMs / 1000).toFixed(2)} | ${Math.round(rawRate).toLocaleString('en')} | — |`);
    console.log(`| GDX full sync (masked, keyed, checkpointed) | ${(full.ms / 1000).toFixed(2)} | ${Math.round(fullRate).toLocaleString('en')} | ${full.maxRssMiB.toFixed(0)} |`);
    console.log(`| GDX incremental sync, 1 % changed (same process, next run) | ${(incremental.ms / 1000).toFixed(2)} | ${Math.round(incremental.rows / (incremental.ms / 1000)).toLocaleString('en')} | ${incremental.sampled.rssMiB.toFixed(0)} |`);
    console.log(`\nfull sync memory: RSS ${full.rssBeforeMiB.toFixed(0)} MiB before the run, peak ${full.maxRssMiB.toFixed(0)} MiB; sampled peaks: V8 heap used ${full.sampled.heapUsedMiB.toFixed(0)} MiB, Buffers ${full.sampled.arrayBuffersMiB.toFixed(0)} MiB`);
    console.log(`full / raw rate = **${ratio.toFixed(2)}** — target ≥ 0.50: **${verdict(ratio >= 0.5)}**`);
    console.log(`incremental / full time = **${incPct.toFixed(1)} %** — target ≤ 5 %: **${verdict(incPct <= 5)}**`);
    console.log(`machine: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores, ${pgVersion} (same host); load average ${loadBefore} before, ${Math.round(os.loadavg()[0]! * 100) / 100} after`);

    const at = new Date().toISOString();
    const file = fileURLToPath(new URL(`./results/table-exchange-${at.replace(/[:.]/g, '-')}.json`, import.meta.url));
    await mkdir(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
    await writeFile(file, `${JSON.stringify({
      bench: 'table-exchange', at, options: opts, machine: { cpu: cpu[0]?.model, cores: cpu.length, postgres: pgVersion, loadAverage1mBefore: loadBefore },
      raw: { ms: rawMs, rowsPerSecond: rawRate }, full, incremental: { ...incremental, changedRows: changed },
      ratio, incrementalPercentOfFull: incPct, targets: { ratio: 0.5, incrementalPercent: 5 }, verdict: { ratio: verdict(ratio >= 0.5), incremental: verdict(incPct <= 5) },
    }, null, 2)}\n`);
    console.log(`results: ${file}`);
  } finally {
    await server.close();
    await platform.drop();
    await admin.query(`DROP DATABASE IF EXISTS "${consumerName}" WITH (FORCE)`);
    await admin.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
  delete process.env.GDX_TEST_POSTGRES_TEMPLATE;
  const i = process.argv.indexOf('--rows');
  const rows = i >= 0 ? Number(process.argv[i + 1]) : Number(process.env.BENCH_ROWS_TABLE ?? 1_000_000);
  await runTableExchangeBench({ rows, batchRows: 10_000 }).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
