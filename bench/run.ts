/**
 * `npm run bench` — performance targets live here, never in timed tests: each benchmark measures
 * GDX and the raw baseline in the same run and reports the ratio (the machine is noisy).
 *
 * Runs against the PostgreSQL server (GDX_TEST_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test): a fresh database is created and migrated for the run and
 * dropped at the end, even on failure. Knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (32), BENCH_ROWS (100000),
 * BENCH_SPAN (10000: pages are drawn from the first SPAN rows; deep OFFSETs make both routes
 * PostgreSQL-bound). Results: bench/results/api-<timestamp>.json.
 * (bench/search-recall.ts is a separate recall study: npx tsx bench/search-recall.ts.)
 */
import { runApiBench } from './api.ts';

process.env.GDX_TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
// Not a test run: migrate a fresh database rather than clone a test template.
delete process.env.GDX_TEST_POSTGRES_TEMPLATE;

// `npm run bench | head` must not kill the run before it drops its database.
process.stdout.on('error', () => undefined);

try {
  await runApiBench();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
