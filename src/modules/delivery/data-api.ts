/**
 * The governed data API (issue 4; §38–§39, security rules §24–§27) — the one choke point every
 * API read of shared data passes: a signed call of a live app, a live grant of the app's
 * department on the entry with the 接口 method, only granted fields, filters and sorting only on
 * granted unmasked items (a filter on a masked item would let a caller infer it), values bound as
 * parameters, masking by the entry's rules and the grant's (never weaker), and one access record
 * per call — allowed or refused — with the grant's last use, which §31 idleness reads.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { effectiveMasking, filterableFields, projectAndMask } from '../../domain/policy/row-policy.ts';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { parseRawQuery } from '../../domain/signature/canonical.ts';
import { AppError, badRequest, forbidden } from '../../http/errors.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import type { AppService } from './apps.ts';
import { authorizeCall, recordAccess, recordDelivery, type CallFacts, type SignedCall } from './signed-call.ts';

export const MAX_LIMIT = 1000;
const RESERVED = new Set(['fields', 'limit', 'cursor', 'sort', 'format']);

export type DataCall = SignedCall;

export interface DataPage {
  items: Record<string, unknown>[];
  nextCursor?: string;
  fields: string[];
  grant: { id: string; purpose: string; scenario: string; validUntil: string };
}

export class DataService {
  constructor(private readonly deps: { db: Db; apps: AppService; platformKey: PlatformKey; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async read(call: DataCall, code: string): Promise<DataPage> {
    const { db } = this.deps;
    const started = Date.now();
    const seen: CallFacts = {};
    try {
      const { entry, grant } = await authorizeCall({ apps: this.deps.apps, now: () => this.now() }, db, call, code, 'api', seen);
      const body = entry.body;
      const conditions = grant.conditions as unknown as { masking?: Record<string, string> };
      const { masking } = effectiveMasking(body.items, conditions.masking);
      const plan = this.plan(call.rawQuery, grant.items, filterableFields(grant.items, masking));
      const mount = entry.config as unknown as { schema: string; table: string; columns: Record<string, string>; keyColumns: string[] };
      const rows = await this.select(db, mount, plan, grant.items);
      const salt = deriveGrantSalt(this.deps.platformKey.key, grant.id);
      const page = rows.slice(0, plan.limit).map((r) => projectAndMask(r, plan.fields, masking, salt));
      const result: DataPage = {
        items: page, fields: plan.fields,
        grant: { id: grant.id, purpose: grant.purpose, scenario: grant.scenario, validUntil: grant.valid_until },
        ...(rows.length > plan.limit ? { nextCursor: Buffer.from(JSON.stringify({ o: plan.offset + plan.limit })).toString('base64url') } : {}),
      };
      await recordDelivery(db, 'api', call, { ...seen, grantId: grant.id }, { items: plan.fields, rows: page.length, bytes: JSON.stringify(page).length, started, at: this.now() });
      return result;
    } catch (err) {
      const status = err instanceof AppError ? err.status : 500;
      await recordAccess(db, 'api', call, seen, {
        outcome: status >= 500 ? 'failure' : 'denied', status, errorCode: err instanceof AppError ? err.code : 'INTERNAL', items: [], rows: 0, bytes: 0, started,
      });
      throw err;
    }
  }

  /** Reads and checks the query: fields ⊆ granted, filters and sort on unmasked granted items only. */
  private plan(rawQuery: string, granted: string[], filterable: string[]) {
    let pairs: Array<[string, string]>;
    try {
      pairs = parseRawQuery(rawQuery);
    } catch {
      throw badRequest('QUERY_INVALID', '查询参数编码有误', 'the query string is not well encoded');
    }
    const one = (k: string) => pairs.find(([key]) => key === k)?.[1];
    const fields = one('fields') ? one('fields')!.split(',').map((f) => f.trim()).filter(Boolean) : granted;
    const notGranted = fields.filter((f) => !granted.includes(f));
    if (notGranted.length) {
      throw forbidden('FIELDS_NOT_GRANTED', `未获授权的数据项：${notGranted.join('、')}`, `fields not granted: ${notGranted.join(', ')}`, { fields: notGranted });
    }
    const limitText = one('limit') ?? '100';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LIMIT) {
      throw badRequest('LIMIT_INVALID', `limit 须为 1–${MAX_LIMIT} 的整数`, `limit must be an integer from 1 to ${MAX_LIMIT}`);
    }
    let offset = 0;
    const cursor = one('cursor');
    if (cursor) {
      try {
        offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: number }).o;
      } catch {
        offset = -1;
      }
      if (!Number.isInteger(offset) || offset < 0) throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor');
    }
    const usable = (item: string, what: 'filter' | 'sort') => {
      if (!granted.includes(item)) throw forbidden('FIELDS_NOT_GRANTED', `未获授权的数据项：${item}`, `field not granted: ${item}`, { fields: [item] });
      if (!filterable.includes(item)) {
        throw forbidden('FILTER_ON_MASKED', `不能按脱敏数据项 ${item} ${what === 'filter' ? '筛选' : '排序'}（可能推断出原值）`,
          `cannot ${what} on the masked item ${item}: it would reveal the value`, { fields: [item] });
      }
    };
    const filters: { item: string; op: '=' | '>=' | '<=' | 'in'; value: string }[] = [];
    for (const [key, value] of pairs) {
      if (RESERVED.has(key)) continue;
      const m = /^([a-z][a-z0-9_]{0,62})(?:\.(gte|lte|in))?$/.exec(key);
      if (!m) throw badRequest('FILTER_INVALID', `无法识别的参数 ${key}`, `unknown parameter ${key}`);
      usable(m[1]!, 'filter');
      filters.push({ item: m[1]!, op: m[2] === 'gte' ? '>=' : m[2] === 'lte' ? '<=' : m[2] === 'in' ? 'in' : '=', value });
    }
    const sortText = one('sort');
    const sort = sortText ? { item: sortText.replace(/^-/, ''), desc: sortText.startsWith('-') } : undefined;
    if (sort) usable(sort.item, 'sort');
    return { fields, limit, offset, filters, sort };
  }

  /** One SELECT on the 前置库 table: identifiers from the validated mount, every value a bound parameter. */
  private async select(db: Db, mount: { schema: string; table: string; columns: Record<string, string>; keyColumns: string[] },
    plan: ReturnType<DataService['plan']>, granted: string[]) {
    const col = (item: string) => sql.ref(mount.columns[item] ?? item);
    const table = sql.table(`${mount.schema}.${mount.table}`);
    const selected = sql.join(granted.map((item) => sql`${col(item)}::text AS ${sql.ref(item)}`));
    const conds = plan.filters.map((f) => f.op === 'in'
      ? sql`${col(f.item)}::text = ANY(${f.value.split(',')}::text[])`
      : sql`${col(f.item)}::text ${sql.raw(f.op)} ${f.value}`);
    const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
    const order = plan.sort ? sql`${col(plan.sort.item)} ${sql.raw(plan.sort.desc ? 'DESC' : 'ASC')}`
      : mount.keyColumns.length ? sql.join(mount.keyColumns.map((k) => sql.ref(k))) : sql`1`;
    const result = await sql<Record<string, unknown>>`SELECT ${selected} FROM ${table} ${where}
      ORDER BY ${order} LIMIT ${plan.limit + 1} OFFSET ${plan.offset}`.execute(db);
    return result.rows;
  }
}
