/**
 * The raw baseline of the API benchmark (issue 4): `GET /bench/bare` runs exactly the SELECT the
 * governed `GET /api/v1/data/{code}` runs for the bench entry — same table, every granted column
 * cast to text and the key read again for the cursor, ORDER BY the key column, keyset from the
 * previous page's last key, LIMIT n+1 — and answers the rows as JSON with a `nextCursor`, with no
 * signature, grant, projection, masking, sealed cursor or access record.
 * Registered only by the benchmark, on its own server instance, outside /api/v1.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.ts';
import type { Api } from '../src/http/api.ts';

export const BENCH_SCHEMA = 'qzk_bench';
export const BENCH_TABLE = 'rows';
export const BENCH_KEY = 'record_no';

/** The entry's 12 data items, in the order the grant lists them (= the governed SELECT's column order). */
export const BENCH_ITEMS = [
  { name: 'record_no', label: '登记编号', type: 'string', length: 16, key: true },
  { name: 'id_card', label: '公民身份号码', type: 'string', length: 18, sensitiveType: 'id_card', masking: 'id_card' },
  { name: 'phone', label: '手机号码', type: 'string', length: 11, sensitiveType: 'phone', masking: 'phone' },
  { name: 'name', label: '姓名', type: 'string', length: 20, sensitiveType: 'name', masking: 'name' },
  { name: 'gender', label: '性别', type: 'string', length: 2 },
  { name: 'birth_date', label: '出生日期', type: 'date' },
  { name: 'district', label: '所属县区', type: 'string', length: 20 },
  { name: 'category', label: '人员类别', type: 'string', length: 20 },
  { name: 'registered_on', label: '登记日期', type: 'date' },
  { name: 'status', label: '登记状态', type: 'string', length: 10 },
  { name: 'amount', label: '补助金额', type: 'decimal', length: 12 },
  { name: 'remark', label: '备注', type: 'string', length: 200 },
] as const;

const MAX_LIMIT = 1000;

export function benchBareRoute(app: Api, db: Db): void {
  const columns = BENCH_ITEMS.map((i) => i.name);
  const table = sql.table(`${BENCH_SCHEMA}.${BENCH_TABLE}`);
  const key = sql.ref(BENCH_KEY);
  const selected = sql.join([...columns.map((c) => sql`${sql.ref(c)}::text AS ${sql.ref(c)}`), sql`CAST(${key} AS text) AS _gdx_k0`]);
  app.get('/bench/bare', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const q = request.query as { limit?: string; cursor?: string };
    const limit = Number(q.limit ?? '100');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) return reply.code(400).send({ error: { code: 'LIMIT_INVALID' } });
    // The cursor is the last key, in the clear (the governed route seals it).
    const after = q.cursor ? sql`(${key}) > (${Buffer.from(q.cursor, 'base64url').toString('utf8')})` : sql`TRUE`;
    const result = await sql<Record<string, unknown>>`SELECT ${selected} FROM ${table}
      WHERE TRUE AND TRUE AND ${after} ORDER BY ${key} ASC LIMIT ${limit + 1}`.execute(db);
    const rows = result.rows;
    const last = rows[limit - 1];
    return {
      items: rows.slice(0, limit).map(({ _gdx_k0: _, ...r }) => r),
      ...(rows.length > limit ? { nextCursor: Buffer.from(String(last!._gdx_k0)).toString('base64url') } : {}),
    };
  });
}
