/**
 * Migrates the schema once per test run into the templates every test file clones (STYLE.md §8:
 * never an initdb per test): a PGlite snapshot file, and a template database on the PostgreSQL
 * server. Prints `{ env, postgresTemplate }` as its last line for scripts/test.mjs.
 * With `--drop NAME` removes the server template (and any test databases left by a crashed run).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { testDatabaseKinds, serverUrl, withDatabase } from './server-url.ts';

async function dropServerTemplate(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [name, `${name}_f%`]);
    for (const { datname } of leftovers.rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

async function prepare(work: string): Promise<void> {
  const env: Record<string, string> = {};
  let postgresTemplate: string | undefined;
  const kinds = testDatabaseKinds();

  if (kinds.includes('pglite')) {
    const open = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await migrate(open.db);
    const snapshot = await open.pglite!.dumpDataDir('none');
    const file = path.join(work, 'pglite-template.tar');
    await writeFile(file, Buffer.from(await snapshot.arrayBuffer()));
    await open.close();
    env.GDX_TEST_PGLITE_TEMPLATE = file;
  }

  if (kinds.includes('postgres')) {
    postgresTemplate = `gdx_t${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    try {
      await admin.connect();
    } catch (err) {
      console.error(`PostgreSQL at ${serverUrl()} is not reachable (${(err as Error).message}).\n` +
        'Start it, set GDX_TEST_DATABASE_URL, or run with GDX_TEST_DATABASES=pglite explicitly.');
      process.exit(2);
    }
    await admin.query(`CREATE DATABASE "${postgresTemplate}"`);
    await admin.end();
    const open = await openDatabase({ kind: 'postgres', url: withDatabase(serverUrl(), postgresTemplate), poolSize: 1 });
    await migrate(open.db);
    await open.close();
    env.GDX_TEST_POSTGRES_TEMPLATE = postgresTemplate;
  }
  console.log(JSON.stringify({ env, postgresTemplate }));
}

const [first, second] = process.argv.slice(2);
if (first === '--drop' && second) await dropServerTemplate(second);
else await prepare(first ?? '.');
