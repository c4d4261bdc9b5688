/**
 * `npm run bench` — performance targets live here, never in timed tests: each benchmark measures
 * GDX and the raw baseline in the same run and reports the ratio (the machine is noisy).
 *
 * Runs against the PostgreSQL server (GDX_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test): a fresh database is created and migrated for the run and
 * dropped at the end, even on failure. Knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (32), BENCH_ROWS (100000),
 * BENCH_SPAN (10000: each load connection follows nextCursor through the first SPAN rows, then
 * starts over), BENCH_ONLY (a comma list of benchmarks to run, e.g. `verify`; default all).
 * audit-chain (bench/audit-chain.ts): BENCH_AUDIT_WRITERS (16), BENCH_AUDIT_SECONDS (5), BENCH_AUDIT_RECORDS (1000000).
 * table-exchange (bench/table-exchange.ts): BENCH_ROWS_TABLE (1000000) rows synced PostgreSQL → PostgreSQL vs raw COPY | COPY;
 * TX_PROF=<dir> writes a CPU profile of each sync process there (LOAD_PROF=<dir> does so for the API's load generator).
 * Results: bench/results/api-<timestamp>.json, verify-<timestamp>.json (bench/verify.ts: 10,000
 * records verified in batches of 1000).
 * (bench/search-recall.ts is a separate recall study: npx tsx bench/search-recall.ts.)
 */
import { runApiBench } from './api.ts';
import { runAuditChainBench } from './audit-chain.ts';
import { runTableExchangeBench } from './table-exchange.ts';
import { runVerifyBench } from './verify.ts';

process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
// Not a test run: migrate a fresh database rather than clone a test template.
delete process.env.GDX_TEST_POSTGRES_TEMPLATE;

// `npm run bench | head` must not kill the run before it drops its database.
process.stdout.on('error', () => undefined);

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);

try {
  if (wanted('api')) await runApiBench();
  if (wanted('verify')) await runVerifyBench();
  if (wanted('table-exchange')) await runTableExchangeBench({ rows: Number(process.env.BENCH_ROWS_TABLE ?? 1_000_000), batchRows: 10_000 });
  // Last: it writes a million audit records, whose checkpoints and vacuum would run on into the next benchmark.
  if (wanted('audit-chain')) await runAuditChainBench();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
