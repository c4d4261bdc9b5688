/**
 * The API benchmark's world, built through the real HTTP API of the running server: 晋城市公安局
 * (gaj) publishes an entry of 12 data items (3 masked: 公民身份号码, 手机号码, 姓名) and mounts it from
 * qzk_bench.rows (100,000 generated rows); 市发展改革委 (fgw) requests it by API, the authority
 * passes compliance, gaj grants; fgw registers a consumer app. Regions, departments and users come
 * from basicWorld, written straight to the database as the tests do.
 */
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.ts';
import { basicWorld, entryBody, TEST_PASSWORD } from '../src/testing/make.ts';
import { BENCH_ITEMS, BENCH_KEY, BENCH_SCHEMA, BENCH_TABLE } from './bare-route.ts';

export interface BenchWorld {
  entryId: string;
  code: string;
  grantId: string;
  appKey: string;
  secret: string;
  /** `/data/<code>` with the code's "/" as %2F, as the API docs say. */
  dataPath: string;
}

type Call = (method: string, path: string, token?: string, body?: unknown) => Promise<{ status: number; body: any }>;

function caller(origin: string): Call {
  return async (method, path, token, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${origin}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
  };
}

function expect(what: string, res: { status: number; body: any }, status: number) {
  if (res.status !== status) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** 100,000 rows of realistic shape, generated inside PostgreSQL in one statement. */
export async function fillBenchTable(db: Db, rows: number): Promise<void> {
  await sql.raw(`CREATE SCHEMA ${BENCH_SCHEMA}`).execute(db);
  await sql.raw(`CREATE TABLE ${BENCH_SCHEMA}.${BENCH_TABLE} (
    ${BENCH_KEY} text PRIMARY KEY, id_card text NOT NULL, phone text, name text, gender text, birth_date date,
    district text, category text, registered_on date, status text, amount numeric(12,2), remark text)`).execute(db);
  await sql`INSERT INTO ${sql.table(`${BENCH_SCHEMA}.${BENCH_TABLE}`)}
    SELECT 'JC' || lpad(i::text, 8, '0'),
      '1405' || lpad((i % 100)::text, 2, '0') || to_char(date '1950-01-01' + (i * 7 % 25000), 'YYYYMMDD') || lpad((i % 997)::text, 3, '0') || (i % 10)::text,
      '13' || lpad(((i::bigint * 7919) % 1000000000)::text, 9, '0'),
      (ARRAY['张','王','李','赵','刘','陈','杨','黄'])[1 + i % 8] || (ARRAY['伟','芳','娜','敏','静','磊','洋','军','勇'])[1 + i % 9] || (ARRAY['','华','明','丽','强'])[1 + i % 5],
      CASE WHEN i % 2 = 0 THEN '女' ELSE '男' END,
      date '1950-01-01' + (i * 7 % 25000),
      (ARRAY['城区','泽州县','高平市','阳城县','陵川县','沁水县','晋城经济技术开发区'])[1 + i % 7],
      (ARRAY['低保','特困','临时救助','优抚','残疾人补贴'])[1 + i % 5],
      date '2015-01-01' + (i % 4000),
      (ARRAY['有效','暂停','注销'])[1 + (i % 10) / 4],
      round(((i * 37) % 200000) / 100.0, 2),
      '年度复核已完成，材料齐全，编号 ' || i
    FROM generate_series(1, ${rows}) AS s(i)`.execute(db);
  await sql.raw(`ANALYZE ${BENCH_SCHEMA}.${BENCH_TABLE}`).execute(db);
}

export async function buildBenchWorld(db: Db, origin: string, rows: number): Promise<BenchWorld> {
  await basicWorld(db);
  await fillBenchTable(db, rows);
  const call = caller(origin);
  const tok: Record<string, string> = {};
  for (const u of ['fgw', 'gaj', 'sjj']) {
    tok[u] = expect(`login ${u}`, await call('POST', '/auth/login', undefined, { username: u, password: TEST_PASSWORD }), 200).token;
  }

  const entry = expect('create entry', await call('POST', '/catalog', tok.gaj, entryBody({
    name: '社会救助对象登记信息',
    summary: '全市社会救助对象的登记编号、身份信息、救助类别、登记状态和补助金额',
    grade: 3,
    items: BENCH_ITEMS,
  })), 201);
  expect('submit', await call('POST', `/catalog/${entry.id}/submit`, tok.gaj), 200);
  expect('review', await call('POST', `/catalog/${entry.id}/review`, tok.sjj, { decision: 'approve' }), 200);
  expect('mount', await call('PUT', `/catalog/${entry.id}/mount`, tok.gaj, {
    kind: 'table', schema: BENCH_SCHEMA, table: BENCH_TABLE, keyColumns: [BENCH_KEY],
  }), 200);
  const published = expect('read entry', await call('GET', `/catalog/${entry.id}`, tok.fgw), 200);

  const validUntil = `${new Date().getUTCFullYear() + 2}-06-30`;
  const req = expect('request', await call('POST', '/requests', tok.fgw, {
    entryId: entry.id, items: BENCH_ITEMS.map((i) => i.name), method: 'api', validUntil,
    purpose: '核查社会救助对象资格', scenario: '投资项目在线审批监管平台并联审批', basis: '《社会救助暂行办法》',
  }), 201);
  expect('compliance review', await call('POST', `/requests/${req.id}/compliance-review`, tok.sjj, { decision: 'pass' }), 200);
  // L3: the grant carries the provider's internal review and security assessment (security rules §27).
  const assessment = { internalReview: '内部审查：用途与职责相符，同意按申请数据项提供', securityAssessment: '安全评估：敏感项按目录规则脱敏后提供，风险可控' };
  const granted = expect('grant', await call('POST', `/requests/${req.id}/reply`, tok.gaj, { decision: 'grant', assessment }), 200);
  if (!granted.grantId) throw new Error(`no grant: ${JSON.stringify(granted)}`);
  // No data before the consumer accepts the grant's data-security agreement (security rules §27).
  expect('agreement', await call('POST', `/grants/${granted.grantId}/agreement`, tok.fgw, { accept: true }), 200);
  const app = expect('app', await call('POST', '/apps', tok.fgw, { name: '社会救助资格核查系统' }), 201);

  return {
    entryId: entry.id, code: published.code, grantId: granted.grantId, appKey: app.appKey, secret: app.secret,
    dataPath: `/data/${encodeURIComponent(published.code)}`,
  };
}
