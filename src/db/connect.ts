/**
 * Opens the platform database: PGlite (PostgreSQL compiled to WASM, embedded, data in a directory)
 * by default, or a PostgreSQL server when a URL is given. Both are reached through node-postgres and
 * Kysely, so every query, type parser and transaction behaves the same on either.
 */
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob }
  /** `role`: every connection acts as this role (SET ROLE at connect), e.g. the application's gdx_app. */
  | { kind: 'postgres'; url: string; poolSize?: number; role?: string };

export interface OpenDatabase {
  db: Db;
  kind: DatabaseTarget['kind'];
  /** The embedded engine, when embedded: tests snapshot it with dumpDataDir(). */
  pglite?: PGlite;
  close(): Promise<void>;
}

/**
 * Same parsers on both engines: counts (int8) as numbers — no count here nears 2^53 — and `date`
 * (and date[]) as 'YYYY-MM-DD' text, because a JS Date would shift a calendar day by the process time zone.
 */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v);
    if (oid === 1082) return (v: string) => v;
    if (oid === 1182) return (pg.types.getTypeParser as (oid: number) => (v: string) => unknown)(1009); // date[] as text[]
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * Named (prepared) statements always run their generic plan. Only the governed hot path names its
 * statements (modules/delivery/prepared.ts), and each is built to be answered by key lookups whatever
 * its parameters. Left to choose, PostgreSQL compares the generic plan's cost with the custom plans'
 * — and a page's `LIMIT $n` is costed, unknown, as a tenth of the table, so it kept re-planning the
 * data call's statement on every call: half of the database's work per call (bench/api.ts).
 * Unnamed statements — every other query — are planned for their values as before.
 */
const PLAN_CACHE_MODE = 'plan_cache_mode=force_generic_plan';

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.url, max: target.poolSize ?? 10, types: typeParsers,
      // Startup parameters, not queries after connecting: an unknown role fails the connection loudly.
      options: `-c ${PLAN_CACHE_MODE}${target.role ? ` -c role=${target.role}` : ''}`,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  // A directory on disk is one process's at a time (data-dir-lock.ts); memory:// is this process's alone anyway.
  const unlock = target.dataDir.includes('://') ? async () => undefined : await lockDataDir(target.dataDir);
  const pglite = await PGlite.create(target.dataDir, target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}).catch(async (err) => {
    await unlock();
    throw err;
  });
  await pglite.exec(`SET ${PLAN_CACHE_MODE.replace('=', ' = ')}`);
  // PGlite is a single session: node-postgres's pool of one serialises queries and transactions on it.
  // Code that opens a transaction and then queries outside it would wait forever; the timeout turns
  // such a deadlock into an error that names itself.
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as unknown as pg.PoolConfig), types: typeParsers, connectionTimeoutMillis: 30_000 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
      await unlock();
    },
  };
}
