/**
 * The governed data API (issue 4; §38–§39, security rules §24–§27) — the one choke point every
 * API read of shared data passes: a signed call of a live app, a live grant of the app's
 * department on the entry with the 接口 method, only granted fields, filters and sorting only on
 * granted unmasked items (a filter on a masked item would let a caller infer it), values bound as
 * parameters, only rows inside the grant's row scope (共享范围, pushed into the SQL), values typed by
 * the catalog, masking by the entry's rules and the grant's (never weaker), and one access record
 * per call — allowed or refused — with the grant's last use, which §31 idleness reads.
 *
 * Speed (issue 4): a table page is read by keyset (page-query.ts, page-cursor.ts), and an app
 * calling a code again has its page read in the same statement as its call's checks, from what its
 * previous call resolved (signed-call.ts authorizeCall `speculate`): one round trip per call
 * besides the grouped access-record writer. The rows are used only when that statement resolved
 * the same entry version, grant and mount, and only after every check has passed. The grading rule
 * set in force (whose defaults mask sensitive items the entry left without a rule) is held in
 * memory and re-checked at most once a second (grading-in-force.ts).
 */
import type { Db } from '../../db/connect.ts';
import type { CatalogEntryBody, ItemType } from '../../domain/catalog/types.ts';
import type { GradingVersion } from '../../domain/grading/index.ts';
import { governRows, itemsOf } from '../../domain/delivery/upstream.ts';
import { GrantPlans, prepareProjection, type RowProjection } from '../../domain/delivery/prepared-masking.ts';
import { effectiveMasking, filterableFields } from '../../domain/policy/row-policy.ts';
import type { RowCondition, RowScope } from '../../domain/policy/row-scope.ts';
import { TYPED_FORMS, parseTyped } from '../../domain/policy/typed-values.ts';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { parseRawQuery } from '../../domain/signature/canonical.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import type { GradingInForce } from '../security/grading-in-force.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import type { AppService } from './apps.ts';
import type { FrontDbs } from './front-db.ts';
import { AccessWriter } from './access-writer.ts';
import { CallLimits } from './call-limits.ts';
import { EntryBodies, type SpeculativePage } from './granted-resource.ts';
import { cursorBinding, openCursor, sealCursor, type PageCursor } from './page-cursor.ts';
import { orderKeys, orderValues, orderWidth, pageColumns, tablePageQuery, withOffsets, type PagePlan, type PageRow, type TableMount } from './page-query.ts';
import { grantRowScope } from './row-scope-sql.ts';
import { authorizeCall, recordCall, recordRefusal, takeQuota, type CallFacts, type Gate, type SignedCall } from './signed-call.ts';
import { fetchUpstreamRows, type UpstreamConfig } from './upstream-api.ts';

export const MAX_LIMIT = 1000;
const MAX_RESOLVED = 2000;
const RESERVED = new Set(['fields', 'limit', 'cursor', 'sort', 'format']);
const FORMATS = ['json', 'csv'];

export interface DataCall extends SignedCall {
  /** The GET came with a body (Content-Length above 0, or chunked): it is not read, so it could not be signed. */
  bodySent?: boolean;
}

export interface DataPage {
  items: Record<string, unknown>[];
  nextCursor?: string;
  fields: string[];
  grant: { id: string; purpose: string; scenario: string; validUntil: string };
  /** The JSON answer, serialized and encoded once (its size is in the access record). */
  json: Buffer;
}

/** What a grant's calls share, prepared once per grant, entry version and grading rule-set version (GrantPlans). */
interface GrantPolicy {
  /** Grant, entry version and rule-set version: what the plan was made from. */
  key: string;
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
  /** What each app's last call of a code resolved to, by `appId|code`: the next call's page is read with its checks. */
  private readonly resolved = new Map<string, Resolved>();

  constructor(private readonly deps: { db: Db; apps: AppService; platformKey: PlatformKey; grading: GradingInForce; fronts: FrontDbs; now?: () => Date }) {
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
      if (call.bodySent) {
        // The signature covers the body, which a GET's answer ignores: say so rather than answer 401 for a "wrong" hash.
        throw badRequest('BODY_NOT_ALLOWED', 'GET 请求不得带请求体：查询条件请放在查询串中，并按空请求体签名',
          'a GET request must not have a body: put the query in the query string and sign an empty body');
      }
      let guessed: PagePlan | undefined;
      const { entry, grant, limits, page } = await authorizeCall(this.gate, db, call, code, 'api', seen, (appId) => {
        const last = this.resolved.get(`${appId}|${code}`);
        // An app over its rate is refused after the statement: its page is not read in advance.
        const guess = last && this.gate.limits.wouldPassRate(appId, 'api', last.perSecond) ? this.speculate(last, call.rawQuery) : undefined;
        guessed = guess?.plan;
        return guess?.page;
      });
      // Every check has passed: the grant is live, the agreement accepted, the app within its rate.
      const body = entry.body;
      const policy = this.policyOf(grant, entry.version, body, await this.deps.grading.current());
      const table = entry.kind === 'table' ? entry.config as unknown as TableMount : undefined;
      const order: Order = { grantId: grant.id, version: entry.version, table, keys: table ? orderKeys(table, body.items) : [] };
      // A 前置库 on another server is read there; only a table in the platform's own database can be
      // read in the call's statement, so only such a mount is remembered for speculation.
      const front = table && entry.connection_sealed !== null ? await this.deps.fronts.endpoint(`mount:${entry.id}`, entry.connection_sealed) : undefined;
      if (table && !front) {
        this.remember(`${seen.appId}|${code}`, {
          entryId: entry.id, config: JSON.stringify(entry.config), granted: grant.items, policy, order: { ...order, table }, perSecond: limits.perSecond,
        });
      }
      // A page read with the checks was built for exactly this grant, version and mount, so from the same plan.
      const plan = page && guessed ? guessed : this.plan(call.rawQuery, grant.items, policy, order);
      await takeQuota(this.gate, 'api', seen, limits, 1);
      const rows = !table ? await this.fromUpstream(entry.config as UpstreamConfig, body.items, plan, policy.scope)
        : withOffsets(page ?? (await tablePageQuery(table, plan, grant.items, policy.types, policy.scope, order.keys).execute(front?.db ?? db)).rows,
          grant.items, policy.types);
      const project = this.projections.get(`${policy.key}|${plan.fields.join(',')}`, () => prepareProjection(plan.fields, policy.masking, policy.salt, { types: policy.types }));
      const items = rows.slice(0, plan.limit).map(project);
      const grantFacts = { id: grant.id, purpose: grant.purpose, scenario: grant.scenario, validUntil: grant.valid_until };
      const nextCursor = rows.length > plan.limit ? sealCursor(this.deps.platformKey, binding(order, plan), continuation(order, plan, rows[plan.limit - 1]!)) : undefined;
      // Purpose and scenario travel with the data: use beyond them is not allowed (§39).
      const json = Buffer.from(JSON.stringify({ items, ...(nextCursor ? { nextCursor } : {}), grant: grantFacts }));
      await recordCall(this.gate, 'api', call, seen, { outcome: 'success', status: 200, items: plan.fields, rows: items.length, bytes: json.length, started });
      return { items, fields: plan.fields, grant: grantFacts, json, ...(nextCursor ? { nextCursor } : {}) };
    } catch (err) {
      await recordRefusal(this.gate, 'api', call, seen, err, started);
      throw err;
    }
  }

  private remember(key: string, resolved: Resolved): void {
    if (this.resolved.size >= MAX_RESOLVED && !this.resolved.has(key)) this.resolved.delete(this.resolved.keys().next().value!);
    this.resolved.set(key, resolved);
  }

  /**
   * The masking, filterable items, types, scope and salt of a grant on an entry version under a grading
   * rule set (a grant's items and conditions never change; a new rule-set version makes a new plan).
   */
  private policyOf(grant: { id: string; items: string[]; conditions: unknown }, version: number, body: CatalogEntryBody, grading: GradingVersion): GrantPolicy {
    const key = `${grant.id}|${version}|${grading.version}`;
    return this.policies.get(key, () => {
      const { masking } = effectiveMasking(body.items, grading.rules, (grant.conditions as { masking?: Record<string, string> }).masking);
      return {
        key, masking, filterable: filterableFields(grant.items, masking), types: new Map(body.items.map((i) => [i.name, i.type])),
        scope: grantRowScope(grant.conditions, body.items), salt: deriveGrantSalt(this.deps.platformKey.key, grant.id),
      };
    });
  }

  /**
   * The page SELECT of a call like the app's last one of this code, planned with what that call
   * resolved; none when the query does not plan (the call then fails in its turn, after the checks).
   */
  private speculate(last: Resolved, rawQuery: string): { plan: PagePlan; page: SpeculativePage } | undefined {
    let plan: PagePlan;
    try {
      plan = this.plan(rawQuery, last.granted, last.policy, last.order);
    } catch {
      return undefined;
    }
    const query = tablePageQuery(last.order.table, plan, last.granted, last.policy.types, last.policy.scope, last.order.keys);
    return {
      plan,
      page: {
        entryId: last.entryId, version: last.order.version, grantId: last.order.grantId, config: last.config, query,
        columns: pageColumns(last.granted, plan, last.order.keys),
        // Filters may repeat without bound, each a new statement text: only unfiltered pages are prepared.
        named: plan.filters.length === 0,
      },
    };
  }

  /**
   * An upstream-API mount's rows, governed as the SELECT governs a table's: the grant's row scope
   * (rowInScope), the caller's filters, the order, the page — then projected and masked by the caller.
   * Its pages continue at a position (the upstream answers the whole list each time).
   */
  private async fromUpstream(config: UpstreamConfig, items: CatalogEntryBody['items'], plan: PagePlan, scope: RowScope) {
    const raw = await fetchUpstreamRows(config, this.deps.platformKey);
    const typed = items.map((i) => ({ name: i.name, type: i.type }));
    const sortType = plan.sort ? items.find((i) => i.name === plan.sort!.item)?.type ?? 'string' : 'string';
    const rows = governRows(raw.map((r) => itemsOf(r, typed, config.fields)), scope, plan.filters, plan.sort && { ...plan.sort, type: sortType });
    const offset = plan.cursor && 'offset' in plan.cursor ? plan.cursor.offset : 0;
    return rows.slice(offset, offset + plan.limit + 1);
  }

  /**
   * Reads and checks the query: fields ⊆ granted, filters and sort on unmasked granted items only,
   * each filter value written in its item's type (typed-values.ts), else 400 naming the item; the
   * cursor one this grant's same query handed out (page-cursor.ts).
   */
  private plan(rawQuery: string, granted: string[], policy: GrantPolicy, order: Order): PagePlan {
    const { filterable, types } = policy;
    let pairs: Array<[string, string]>;
    try {
      pairs = parseRawQuery(rawQuery);
    } catch {
      throw badRequest('QUERY_INVALID', '查询参数编码有误', 'the query string is not well encoded');
    }
    // A reserved parameter given twice is ambiguous (limit=1&limit=5000): refused rather than one picked.
    const repeated = [...RESERVED].filter((k) => pairs.filter(([key]) => key === k).length > 1);
    if (repeated.length) {
      throw badRequest('PARAM_REPEATED', `参数 ${repeated.join('、')} 只能出现一次`, `the parameter ${repeated.join(', ')} may be given only once`);
    }
    const one = (k: string) => pairs.find(([key]) => key === k)?.[1];
    const format = one('format');
    if (format !== undefined && !FORMATS.includes(format)) {
      throw badRequest('FORMAT_INVALID', `format 须为 ${FORMATS.join(' 或 ')}`, `format must be ${FORMATS.join(' or ')}`);
    }
    const fieldsText = one('fields');
    // Each field once, in the order first asked (a repeated one would repeat a CSV column).
    const fields = fieldsText ? [...new Set(fieldsText.split(',').map((f) => f.trim()).filter(Boolean))] : granted;
    if (fields.length === 0) {
      throw badRequest('FIELDS_INVALID', 'fields 须列出至少一个数据项（以逗号分隔），或省略以取全部授权数据项',
        'fields must name at least one item (comma-separated), or be left out for every granted item');
    }
    const notGranted = fields.filter((f) => !granted.includes(f));
    if (notGranted.length) {
      throw forbidden('FIELDS_NOT_GRANTED', `未获授权的数据项：${notGranted.join('、')}`, `fields not granted: ${notGranted.join(', ')}`, { fields: notGranted });
    }
    const limitText = one('limit') ?? '100';
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LIMIT) {
      throw badRequest('LIMIT_INVALID', `limit 须为 1–${MAX_LIMIT} 的整数`, `limit must be an integer from 1 to ${MAX_LIMIT}`);
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
    if (sort && !sort.item) throw badRequest('SORT_INVALID', 'sort 须为数据项名，或在其前加 - 表示降序', 'sort must be an item name, or - and an item name for descending order');
    if (sort) usable(sort.item, 'sort');
    const plan: PagePlan = { fields, limit, filters, ...(sort ? { sort } : {}) };
    const cursorText = one('cursor');
    if (cursorText) {
      const cursor = openCursor(this.deps.platformKey, binding(order, plan), cursorText);
      const keyset = order.keys.length > 0;
      if (keyset ? !('after' in cursor) || cursor.after.length !== orderWidth(plan, order.keys) : !('offset' in cursor)) {
        throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor');
      }
      plan.cursor = cursor;
    }
    return plan;
  }
}

/** How a resource's pages are ordered and continued: by the table's key columns, or (none, or upstream) by position. */
interface Order {
  grantId: string;
  version: number;
  table: TableMount | undefined;
  keys: string[];
}

/** What a call resolved, for speculating the same app's next call (DataService.speculate). */
interface Resolved {
  entryId: string;
  config: string;
  granted: string[];
  policy: GrantPolicy;
  order: Order & { table: TableMount };
  /** The app's per-second rate on that call. */
  perSecond: number;
}

/** A cursor is good for the grant, entry version, table and order, filters and sort that made it — not for the fields or limit. */
const binding = (order: Order, plan: PagePlan) => cursorBinding([
  order.grantId, order.version, order.table ? [order.table.schema, order.table.table, order.keys] : 'upstream',
  plan.sort ?? null, plan.filters.map((f) => [f.item, f.op, f.values]),
]);

/** Where the page after this one starts: after its last row (keyset), or at the next position. */
function continuation(order: Order, plan: PagePlan, last: PageRow): PageCursor {
  if (order.keys.length) return { after: orderValues(last, plan, order.keys) };
  return { offset: (plan.cursor && 'offset' in plan.cursor ? plan.cursor.offset : 0) + plan.limit };
}
