/**
 * Plain SQL on either kind of connection a sync uses: a Kysely handle (the platform's database, PGlite
 * included, or a pooled 前置库) or one plain node-postgres client (a PostgreSQL server, where COPY
 * streams are available). Statements are built with Kysely's `sql` template — identifiers as refs,
 * values bound — and compiled once here, so both paths run the same text.
 */
import {
  CompiledQuery, DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder,
} from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Db } from '../../db/connect.ts';

const compiler = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

export interface Compiled {
  text: string;
  params: unknown[];
}

export function compile(q: RawBuilder<unknown>): Compiled {
  const c = q.compile(compiler);
  return { text: c.sql, params: [...c.parameters] };
}

/** A PostgreSQL array literal's text, for inlining a text[] parameter. */
function arrayText(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/**
 * The statement with its parameters written in as quoted literals — for COPY (SELECT …), which takes
 * no parameters. Every value goes through escapeLiteral; the statement text itself has no literals,
 * only $n placeholders, so the substitution cannot land inside a string.
 */
export function inlineParams(c: Compiled): string {
  return c.text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = c.params[Number(n) - 1];
    if (v === null || v === undefined) return 'NULL';
    return pg.escapeLiteral(Array.isArray(v) ? arrayText(v) : String(v));
  });
}

export interface Exec {
  query<R = Record<string, unknown>>(q: RawBuilder<unknown> | Compiled): Promise<R[]>;
  transaction<T>(fn: (tx: Exec) => Promise<T>): Promise<T>;
  /** COPY … FROM STDIN of the given COPY text on this session; only a plain client has it. */
  copyIn?(statement: string, text: Buffer): Promise<void>;
}

const compiled = (q: RawBuilder<unknown> | Compiled): Compiled => ('text' in q ? q : compile(q));

export function kyselyExec(db: Db): Exec {
  return {
    async query<R>(q: RawBuilder<unknown> | Compiled) {
      const c = compiled(q);
      return (await db.executeQuery<R>(CompiledQuery.raw(c.text, c.params))).rows;
    },
    transaction: (fn) => db.transaction().execute((tx) => fn(kyselyExec(tx))),
  };
}

export function clientExec(client: pg.Client): Exec {
  let inTx = false;
  const exec: Exec = {
    async query<R>(q: RawBuilder<unknown> | Compiled) {
      const c = compiled(q);
      return (await client.query(c.text, c.params)).rows as R[];
    },
    async transaction(fn) {
      if (inTx) return fn(exec);
      await client.query('BEGIN');
      inTx = true;
      try {
        const result = await fn(exec);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        inTx = false;
      }
    },
    async copyIn(statement, text) {
      await pipeline(Readable.from([text]), client.query(copyStreams.from(statement)));
    },
  };
  return exec;
}

/** A plain client of `url`, connected. */
export async function connectClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}
