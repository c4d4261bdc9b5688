/**
 * Named prepared statements for the governed hot path (issue 4, API speed). Given a `name`,
 * node-postgres prepares a statement once per connection and then only binds and executes it, so
 * PostgreSQL skips parsing and (once it settles on a generic plan) planning on every call — about half
 * of the database's work per data call, measured with bench/api.ts. Kysely has no option for it, but
 * hands the compiled SQL to node-postgres's `client.query` unchanged (both engines go through
 * node-postgres: src/db/connect.ts), and node-postgres reads an object with `text` and `name` as a
 * query config (a plain object: node-postgres copies it per call, and copying a String object would
 * copy every character); its toString() is the SQL text for anything else that reads it.
 *
 * A connection keeps every statement it prepared until it closes, so only statements whose text
 * comes from a bounded set of shapes are named, and at most MAX_NAMED distinct ones per process;
 * past that they run unnamed, as any other query does.
 */
import { createHash } from 'node:crypto';
import type { QueryResult, RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';

const MAX_NAMED = 200;
/** Statement names by statement text (a map lookup costs less than hashing the text per call). */
const names = new Map<string, string>();

export async function executeNamed<R>(db: Db, query: RawBuilder<R>, prepare = true): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  if (!prepare) return db.executeQuery(compiled);
  let name = names.get(compiled.sql);
  if (name === undefined) {
    if (names.size >= MAX_NAMED) return db.executeQuery(compiled);
    name = `gdx_${createHash('sha256').update(compiled.sql).digest('base64url').slice(0, 40)}`;
    names.set(compiled.sql, name);
  }
  const config = { text: compiled.sql, name, toString: () => compiled.sql };
  return db.executeQuery({ ...compiled, sql: config as unknown as string });
}
