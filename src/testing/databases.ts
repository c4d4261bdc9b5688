/**
 * Runs a group of tests once per supported database (STYLE.md §8, after Backstage's
 * TestDatabases.eachSupportedId): PGlite and the PostgreSQL server, each a fresh database cloned
 * from the migrated template that scripts/test.mjs prepared, and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openDatabase, type Db, type OpenDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { serverUrl, testDatabaseKinds, withDatabase, type TestDatabaseKind } from './server-url.ts';

export interface TestDatabase {
  kind: TestDatabaseKind;
  /** PostgreSQL URL of this test database (postgres kind only): for a second server process. */
  url?: string;
  db: Db;
  open: OpenDatabase;
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase & { drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const template = process.env.GDX_TEST_PGLITE_TEMPLATE;
    const open = template
      ? await openDatabase({ kind: 'pglite', dataDir: 'memory://', loadDataDir: new Blob([await readFile(template)]) })
      : await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    if (!template) await migrate(open.db);
    return { kind, db: open.db, open, drop: () => open.close() };
  }
  const template = process.env.GDX_TEST_POSTGRES_TEMPLATE;
  const name = `${template ?? 'gdx_tadhoc'}_f${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(template ? `CREATE DATABASE "${name}" TEMPLATE "${template}"` : `CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl(), name);
  const open = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  if (!template) await migrate(open.db);
  return {
    kind, url, db: open.db, open,
    drop: async () => {
      await open.close();
      const admin2 = new pg.Client({ connectionString: serverUrl() });
      await admin2.connect();
      // The pool reports closed before its backends are gone; forcing the drop then would kill a live
      // connection and crash the process with an unhandled pool error. Wait for them to leave first.
      for (let i = 0; i < 50; i++) {
        const { rows } = await admin2.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await admin2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin2.end();
    },
  };
}

/**
 * `forEachDatabase('catalog store', (t) => { it('…', async () => { t().db … }) })` — the body runs
 * once per database; `t()` gives the database of the current run (available inside tests/hooks).
 */
export function forEachDatabase(name: string, body: (t: () => TestDatabase) => void): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let current: (TestDatabase & { drop(): Promise<void> }) | undefined;
      before(async () => {
        current = await createTestDatabase(kind);
      });
      after(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error('test database not ready');
        return current;
      });
    });
  }
}
