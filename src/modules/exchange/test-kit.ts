/**
 * The table-exchange tests' world: 晋城市公安局 (gaj) publishes 特种行业许可 as a 库表 entry with typed
 * items (three masked, one never granted), mounted from qzk_gaj.licences with a key and a change
 * column; 市发展改革委 (fgw) is granted all items but 公民身份号码, rows of 城区 and 泽州县 only, and
 * accepts the data-security agreement. Also: the expected synced rows, computed from the source with
 * the masking rules themselves, and a checksum to compare them with the target.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { DataItem } from '../../domain/catalog/types.ts';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { effectiveMasking, projectAndMask } from '../../domain/policy/row-policy.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody } from '../../testing/make.ts';
import { currentGradingRules } from '../security/grading-store.ts';
import { platformKeyFrom, type PlatformKey } from '../security/secret-box.ts';
import { acceptAgreement } from '../sharing/test-kit.ts';

export const LICENCE_ITEMS: DataItem[] = [
  { name: 'licence_no', label: '许可证编号', type: 'string', length: 20, key: true },
  { name: 'holder_name', label: '负责人姓名', type: 'string', length: 50, sensitiveType: 'name', masking: 'name' },
  { name: 'phone', label: '联系电话', type: 'string', length: 11, sensitiveType: 'phone', masking: 'phone' },
  { name: 'id_card', label: '公民身份号码', type: 'string', length: 18, sensitiveType: 'id_card', masking: 'id_card' },
  { name: 'district', label: '所在县（市、区）', type: 'string', length: 20 },
  { name: 'capacity', label: '核定床位', type: 'integer' },
  { name: 'fee', label: '年费', type: 'decimal' },
  { name: 'issued_on', label: '发证日期', type: 'date' },
  { name: 'checked_at', label: '最近检查时间', type: 'datetime' },
  { name: 'active', label: '是否有效', type: 'boolean' },
  { name: 'seal', label: '电子印章', type: 'binary' },
];
export const GRANTED = LICENCE_ITEMS.map((i) => i.name).filter((n) => n !== 'id_card');
export const SCOPE_DISTRICTS = ['城区', '泽州县'];
const DISTRICTS = ['城区', '泽州县', '高平市', '阳城县'];

/** `n` rows from `from`: every 4th district out of scope, some NULLs, a backslash and a tab in text. */
export async function addLicences(db: Db, from: number, n: number): Promise<void> {
  await sql`INSERT INTO qzk_gaj.licences
    SELECT 'XK' || lpad(i::text, 7, '0'),
      (ARRAY['张三丰','李四光','王五','赵\\六'])[1 + i % 4],
      CASE WHEN i % 10 = 0 THEN NULL ELSE '139' || lpad(i::text, 8, '0') END,
      '14050219800101' || lpad((i % 10000)::text, 4, '0'),
      (${DISTRICTS}::text[])[1 + i % 4],
      i % 300, round((i % 100000) / 7.0, 2), date '2020-01-01' + i % 1500,
      timestamptz '2024-03-01 08:00:00+08' + make_interval(mins => i),
      i % 3 <> 0, decode(lpad(to_hex(i % 65536), 4, '0'), 'hex'), now()
    FROM generate_series(${from}::int, ${from + n - 1}::int) AS s(i)`.execute(db);
}

export interface ExchangeWorld {
  server: TestServer;
  platformKey: PlatformKey;
  tok: Record<string, string>;
  entryId: string;
  grantId: string;
}

export async function exchangeWorld(db: Db, opts: { rows?: number; platformKey?: PlatformKey } = {}): Promise<ExchangeWorld> {
  const platformKey = opts.platformKey ?? platformKeyFrom(randomBytes(32));
  const server = await startTestServer(db, { platformKey });
  await basicWorld(db);
  const tok: Record<string, string> = {};
  for (const u of ['fgw', 'gaj', 'sjj', 'zzx.zrzyj', 'auditor', 'fgw.req']) tok[u] = await server.login(u);
  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await server.call(method, `/api/v1${path}`, { token: tok[user], body });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const entry = await call('gaj', 'POST', '/catalog', entryBody({ name: '特种行业许可信息', items: LICENCE_ITEMS, shareMethod: 'table', grade: 3 }));
  await call('gaj', 'POST', `/catalog/${entry.id}/submit`);
  await call('sjj', 'POST', `/catalog/${entry.id}/review`, { decision: 'approve' });
  await sql.raw(`CREATE SCHEMA qzk_gaj;
    CREATE TABLE qzk_gaj.licences (licence_no text PRIMARY KEY, holder_name text, phone text, id_card text, district text,
      capacity bigint, fee numeric(12,2), issued_on date, checked_at timestamptz, active boolean, seal bytea, updated_at timestamptz NOT NULL)`).execute(db);
  await addLicences(db, 1, opts.rows ?? 0);
  await call('gaj', 'PUT', `/catalog/${entry.id}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'licences', keyColumns: ['licence_no'], changeColumn: 'updated_at' });
  const req = await call('fgw', 'POST', '/requests', {
    entryId: entry.id, items: GRANTED, method: 'table', validUntil: `${new Date().getUTCFullYear() + 1}-12-31`,
    purpose: '特种行业联合监管数据分析', scenario: '投资项目在线审批监管平台归集分析', basis: '《特种行业治安管理办法》',
  });
  await call('sjj', 'POST', `/requests/${req.id}/compliance-review`, { decision: 'pass' });
  const granted = await call('gaj', 'POST', `/requests/${req.id}/reply`, {
    decision: 'grant', conditions: { rowScope: [{ item: 'district', op: 'in', values: SCOPE_DISTRICTS }] },
    assessment: { internalReview: '经内部审查，同意按授权范围提供', securityAssessment: '已评估，脱敏后提供风险可控' },
  });
  await acceptAgreement(server, tok.fgw!, granted.grantId);
  return { server, platformKey, tok, entryId: entry.id, grantId: granted.grantId };
}

const line = (values: unknown[]) => values.map((v) => (v === null || v === undefined ? '\\N' : String(v))).join('\t');

/** Count and checksum of the rows the grant may see, masked, in key order — computed from the source. */
export async function expectedCopy(db: Db, platformKey: PlatformKey, grantId: string): Promise<{ rows: number; checksum: string }> {
  const cols = sql.join(GRANTED.map((c) => sql`${sql.ref(c)}::text AS ${sql.ref(c)}`));
  const rows = (await sql<Record<string, string | null>>`SELECT ${cols} FROM qzk_gaj.licences
    WHERE district = ANY(${SCOPE_DISTRICTS}::text[]) ORDER BY licence_no`.execute(db)).rows;
  const { masking } = effectiveMasking(LICENCE_ITEMS, await currentGradingRules(db));
  const salt = deriveGrantSalt(platformKey.key, grantId);
  const hash = createHash('sha256');
  for (const r of rows) {
    const m = projectAndMask(r, GRANTED, masking, salt);
    hash.update(`${line(GRANTED.map((f) => m[f]))}\n`);
  }
  return { rows: rows.length, checksum: hash.digest('hex') };
}

/** The same of the synced table. */
export async function actualCopy(db: Db, table = 'sync_fgw.licences'): Promise<{ rows: number; checksum: string }> {
  const cols = sql.join(GRANTED.map((c) => sql`${sql.ref(c)}::text AS ${sql.ref(c)}`));
  const rows = (await sql<Record<string, string | null>>`SELECT ${cols} FROM ${sql.table(table)} ORDER BY licence_no`.execute(db)).rows;
  const hash = createHash('sha256');
  for (const r of rows) hash.update(`${line(GRANTED.map((f) => r[f]))}\n`);
  return { rows: rows.length, checksum: hash.digest('hex') };
}
