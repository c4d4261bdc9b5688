#!/usr/bin/env node
// Runs the whole suite with Node's test runner. Before it, prepares the migrated database templates
// the tests clone: a PGlite data-dir snapshot, and a template database on the PostgreSQL server
// (GDX_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test). Both are removed after.
// Flags: --unit (pure rules only, no databases), any other argument = test files or folders.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const explicit = args.filter((a) => !a.startsWith('--'));

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) out.push(...findTests(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const roots = explicit.length ? explicit : unitOnly ? ['src/domain', 'src/demo', 'web/src'] : ['src', 'web/src', 'e2e'];
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? findTests(r) : [r])).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const env = { ...process.env };
const work = mkdtempSync(path.join(tmpdir(), 'gdx-test-'));
env.GDX_TEST_WORK = work;
let templateDb;
if (!unitOnly) {
  if (files.some((f) => f.startsWith('e2e'))) {
    const web = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { stdio: 'inherit', env });
    if (web.status !== 0) process.exit(web.status ?? 1);
  }
  const prep = spawnSync(process.execPath, ['--import', 'tsx', 'src/testing/prepare-templates.ts', work], {
    stdio: ['ignore', 'pipe', 'inherit'], env, encoding: 'utf8',
  });
  if (prep.status !== 0) {
    console.error('could not prepare test databases');
    process.exit(prep.status ?? 1);
  }
  const prepared = JSON.parse(prep.stdout.trim().split('\n').pop());
  Object.assign(env, prepared.env);
  templateDb = prepared.postgresTemplate;
}

const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);

if (templateDb) {
  spawnSync(process.execPath, ['--import', 'tsx', 'src/testing/prepare-templates.ts', '--drop', templateDb], {
    stdio: 'inherit', env,
  });
}
rmSync(work, { recursive: true, force: true });
process.exit(run.status ?? 1);
