/**
 * Applies the plain SQL migrations in ./migrations in file-name order, each in its own transaction,
 * recording them in schema_migration. A transaction-level advisory lock makes concurrent starts of
 * several server processes safe: one migrates, the others wait and then find nothing to do.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './connect.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const LOCK_KEY = 7_470_221; // arbitrary, constant: "GDX migrations"

export async function migrate(db: Db): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(tx);
    const done = new Set(
      (await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(tx)).rows.map((r) => r.name),
    );
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await sql.raw(await readFile(MIGRATIONS_DIR + file, 'utf8')).execute(tx);
      await sql`INSERT INTO schema_migration (name) VALUES (${file})`.execute(tx);
      applied.push(file);
    }
    return applied;
  });
}
