/**
 * The governed data API (issue 4; §38–§39, security rules §24–§27) — the one choke point every
 * API read of shared data passes: a signed call of a live app, a live grant of the app's
 * department on the entry with the 接口 method, only granted fields, filters and sorting only on
 * granted unmasked items (a filter on a masked item would let a caller infer it), values bound as
 * parameters, only rows inside the grant's row scope (共享范围, pushed into the SQL), values typed by
 * the catalog, masking by the entry's rules and the grant's (never weaker), and one access record
 * per call — allowed or refused — with the grant's last use, which §31 idleness reads.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { CatalogEntryBody, ItemType } from '../../domain/catalog/types.ts';
import { governRows, itemsOf } from '../../domain/delivery/upstream.ts';
import { GrantPlans, prepareProjection, type RowProjection } from '../../domain/delivery/prepared-masking.ts';
import { effectiveMasking, filterableFields } from '../../domain/policy/row-policy.ts';
import { RowScopeError, rowScopeOf, type RowCondition, type RowScope } from '../../domain/policy/row-scope.ts';
import { TYPED_FORMS, parseTyped, shanghaiIso } from '../../domain/policy/typed-values.ts';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { parseRawQuery } from '../../domain/signature/canonical.ts';
import { AppError, badRequest, forbidden } from '../../http/errors.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import type { AppService } from './apps.ts';
import { rowScopeSql } from './row-scope-sql.ts';
import { AccessWriter } from './access-writer.ts';
import { CallLimits } from './call-limits.ts';
import { EntryBodies } from './granted-resource.ts';
import { authorizeCall, recordCall, recordRefusal, takeQuota, type CallFacts, type Gate, type SignedCall } from './signed-call.ts';
import { fetchUpstreamRows, type UpstreamConfig } from './upstream-api.ts';
import { deliveredText, typedColumn } from './typed-sql.ts';

export const MAX_LIMIT = 1000;
const RESERVED = new Set(['fields', 'limit', 'cursor', 'sort', 'format']);

export type DataCall = SignedCall;

export interface DataPage {
  items: Record<string, unknown>[];
  nextCursor?: string;
  fields: string[];
  grant: { id: string; purpose: string; scenario: string; validUntil: string };
  /** The JSON answer, serialized once (its size is in the access record). */
  json: string;
}

type TableMount = { schema: string; table: string; columns: Record<string, string>; keyColumns: string[] };

/** What a grant's calls share, prepared once per grant and entry version (GrantPlans). */
interface GrantPolicy {
  masking: ReturnType<typeof effectiveMasking>['masking'];
  filterable: string[];
  types: ReadonlyMap<string, ItemType>;
  scope: RowScope;
  salt: Buffer;
}

export class DataService {
  private readonly gate: Gate;
  private readonly policies = new GrantPlans<GrantPolicy>();
  private readonly projections = new GrantPlans<RowProjection>(2000);

  constructor(private readonly deps: { db: Db; apps: AppService; platformKey: PlatformKey; now?: () => Date }) {
    const now = () => this.now();
    this.gate = { apps: deps.apps, now, limits: new CallLimits({ db: deps.db, now }), bodies: new EntryBodies(), writer: new AccessWriter(deps.db) };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async read(call: DataCall, code: string): Promise<DataPage> {
    const { db } = this.deps;
    const started = Date.now();
    const seen: CallFacts = {};
    try {
      const { entry, grant, limits } = await authorizeCall(this.gate, db, call, code, 'api', seen);
      const body = entry.body;
      const prepared = `${grant.id}|${entry.version}`;
      const policy = this.policies.get(prepared, () => {
        const { masking } = effectiveMasking(body.items, (grant.conditions as { masking?: Record<string, string> }).masking);
        return {
          masking, filterable: filterableFields(grant.items, masking), types: new Map(body.items.map((i) => [i.name, i.type])),
          scope: scopeOf(grant.conditions, body.items), salt: deriveGrantSalt(this.deps.platformKey.key, grant.id),
        };
      });
      const { masking, types } = policy;
      const plan = this.plan(call.rawQuery, grant.items, policy.filterable, types);
      await takeQuota(this.gate, 'api', seen, limits, 1);
      const rows = entry.kind === 'api'
        ? await this.fromUpstream(entry.config as UpstreamConfig, body.items, plan, policy.scope)
        : await this.select(db, entry.config as unknown as TableMount, plan, grant.items, types, policy.scope);
      const project = this.projections.get(`${prepared}|${plan.fields.join(',')}`, () => prepareProjection(plan.fields, masking, policy.salt, { types }));
      const page = rows.slice(0, plan.limit).map(project);
      const grantFacts = { id: grant.id, purpose: grant.purpose, scenario: grant.scenario, validUntil: grant.valid_until };
      const nextCursor = rows.length > plan.limit ? Buffer.from(JSON.stringify({ o: plan.offset + plan.limit })).toString('base64url') : undefined;
      // Purpose and scenario travel with the data: use beyond them is not allowed (§39).
      const json = JSON.stringify({ items: page, ...(nextCursor ? { nextCursor } : {}), grant: grantFacts });
      await recordCall(this.gate, 'api', call, seen, { outcome: 'success', status: 200, items: plan.fields, rows: page.length, bytes: Buffer.byteLength(json), started });
      return { items: page, fields: plan.fields, grant: grantFacts, json, ...(nextCursor ? { nextCursor } : {}) };
    } catch (err) {
      await recordRefusal(this.gate, 'api', call, seen, err, started);
      throw err;
    }
  }

  /**
   * An upstream-API mount's rows, governed as the SELECT governs a table's: the grant's row scope
   * (rowInScope), the caller's filters, the order, the page — then projected and masked by the caller.
   */
  private async fromUpstream(config: UpstreamConfig, items: CatalogEntryBody['items'], plan: ReturnType<DataService['plan']>, scope: RowScope) {
    const raw = await fetchUpstreamRows(config, this.deps.platformKey);
    const typed = items.map((i) => ({ name: i.name, type: i.type }));
    const sortType = plan.sort ? items.find((i) => i.name === plan.sort!.item)?.type ?? 'string' : 'string';
    const rows = governRows(raw.map((r) => itemsOf(r, typed, config.fields)), scope, plan.filters, plan.sort && { ...plan.sort, type: sortType });
    return rows.slice(plan.offset, plan.offset + plan.limit + 1);
  }

  /**
   * Reads and checks the query: fields ⊆ granted, filters and sort on unmasked granted items only,
   * each filter value written in its item's type (typed-values.ts), else 400 naming the item.
   */
  private plan(rawQuery: string, granted: string[], filterable: string[], types: ReadonlyMap<string, ItemType>) {
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
      if (types.get(item) === 'binary') {
        throw badRequest('FILTER_TYPE_UNSUPPORTED', `二进制数据项 ${item} 不能${what === 'filter' ? '筛选' : '排序'}`, `the binary item ${item} cannot be used to ${what}`, { fields: [item] });
      }
    };
    // The consumer's filters are conditions like a row scope's, compiled by the same code and typed alike.
    const filters: RowCondition[] = [];
    for (const [key, value] of pairs) {
      if (RESERVED.has(key)) continue;
      const m = /^([a-z][a-z0-9_]{0,62})(?:\.(gte|lte|in))?$/.exec(key);
      if (!m) throw badRequest('FILTER_INVALID', `无法识别的参数 ${key}`, `unknown parameter ${key}`);
      const item = m[1]!;
      usable(item, 'filter');
      const type = types.get(item) ?? 'string';
      const values = m[2] === 'in' ? value.split(',') : [value];
      const wrong = values.find((v) => !parseTyped(type, v));
      if (wrong !== undefined) {
        throw badRequest('FILTER_VALUE_INVALID', `数据项 ${item} 的筛选值 ${wrong} 应为${TYPED_FORMS[type].zh}`, `the filter value ${wrong} of ${item} must be ${TYPED_FORMS[type].en}`, { fields: [item] });
      }
      filters.push({ item, op: (m[2] ?? 'eq') as RowCondition['op'], values, type });
    }
    const sortText = one('sort');
    const sort = sortText ? { item: sortText.replace(/^-/, ''), desc: sortText.startsWith('-') } : undefined;
    if (sort) usable(sort.item, 'sort');
    return { fields, limit, offset, filters, sort };
  }

  /**
   * One SELECT on the 前置库 table: identifiers from the validated mount, every value a bound
   * parameter, the grant's row scope ANDed with the consumer's filters (a filter can only narrow it),
   * each granted item read as its type's canonical text (typed-sql.ts) for masking, then typing.
   */
  private async select(db: Db, mount: { schema: string; table: string; columns: Record<string, string>; keyColumns: string[] },
    plan: ReturnType<DataService['plan']>, granted: string[], types: ReadonlyMap<string, ItemType>, scope: RowScope) {
    const col = (item: string) => sql.ref(mount.columns[item] ?? item);
    const typeOf = (item: string) => types.get(item) ?? 'string';
    const table = sql.table(`${mount.schema}.${mount.table}`);
    const selected = sql.join(granted.map((item) => sql`${deliveredText(col(item), typeOf(item))} AS ${sql.ref(item)}`));
    const order = plan.sort ? sql`${typedColumn(col(plan.sort.item), typeOf(plan.sort.item))} ${sql.raw(plan.sort.desc ? 'DESC' : 'ASC')}`
      : mount.keyColumns.length ? sql.join(mount.keyColumns.map((k) => sql.ref(k))) : sql`1`;
    const result = await sql<Record<string, string | null>>`SELECT ${selected} FROM ${table}
      WHERE ${rowScopeSql(scope, col)} AND ${rowScopeSql(plan.filters, col)}
      ORDER BY ${order} LIMIT ${plan.limit + 1} OFFSET ${plan.offset}`.execute(db);
    // Datetimes come as UTC+8 wall-clock text and leave with their offset.
    const times = granted.filter((item) => typeOf(item) === 'datetime');
    for (const r of result.rows) {
      for (const t of times) r[t] = r[t] == null ? null : shanghaiIso(r[t]);
    }
    return result.rows;
  }
}

/** The grant's row scope, typed by the entry; one that no longer fits the entry stops the call (fail closed). */
function scopeOf(conditions: unknown, items: CatalogEntryBody['items']): RowScope {
  try {
    return rowScopeOf(conditions, items);
  } catch (err) {
    if (err instanceof RowScopeError) throw new AppError(500, err.code, err.zh, err.en);
    throw err;
  }
}
