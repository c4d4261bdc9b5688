/** Which databases the suite runs on, and where the PostgreSQL server is. */
export type TestDatabaseKind = 'pglite' | 'postgres';

export const serverUrl = (): string => process.env.GDX_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Both, unless GDX_TEST_DATABASES narrows it explicitly (e.g. `pglite` on a laptop without a server). */
export function testDatabaseKinds(): TestDatabaseKind[] {
  const raw = process.env.GDX_TEST_DATABASES;
  if (!raw) return ['pglite', 'postgres'];
  return raw.split(',').map((s) => s.trim()).filter((s): s is TestDatabaseKind => s === 'pglite' || s === 'postgres');
}
