/**
 * 服务接口挂接 (§17: data that changes often, or serves 并联审批, is shared by API): a provider may
 * mount an entry on its own upstream HTTP API instead of a 前置库 table. The platform calls it, takes
 * the rows, and then governs them exactly like table rows — the grant's row scope, the caller's
 * filters on unmasked granted items, projection onto granted fields, masking (§39; security rules
 * §25, §27). Pure: checking a mount, finding the rows in a JSON answer, mapping and filtering them.
 */
import type { ItemType } from '../catalog/types.ts';
import { rowInScope, type RowScope } from '../policy/row-scope.ts';
import { compareTyped, typedText } from '../policy/typed-values.ts';

export interface UpstreamMountInput {
  url: string;
  method?: 'GET' | 'POST';
  timeoutMs?: number;
  /** Name of the header carrying the upstream's credential (default Authorization). */
  authHeader?: string;
  /** The header's value: sealed at rest, never shown again. */
  authValue?: string;
  /** Dotted path to the rows array in the JSON answer (`data.items`); empty = the answer is the array. */
  rowsPath?: string;
  /** Data item → dotted path of its value in a row (default: the item's own name). */
  fields?: Record<string, string>;
}

export interface UpstreamProblem {
  field: string;
  zh: string;
  en: string;
}

export const UPSTREAM_TIMEOUT_RANGE = { min: 100, max: 60_000, dflt: 10_000 } as const;
/** An upstream answer larger than this is refused rather than held in memory. */
export const MAX_UPSTREAM_BYTES = 8 * 1024 * 1024;

const PATH = /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}(?:\.[A-Za-z0-9_$-]{1,64}){0,9}$/;
/** RFC 9110 token; and never a header the HTTP stack owns. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'accept', 'cookie', 'te', 'upgrade']);

/**
 * A mount the platform can call safely: an absolute http(s) URL without user:password (credentials
 * go in the sealed header, where they are neither logged nor shown), a bounded timeout, a header
 * value without line breaks, paths and items that exist.
 */
export function checkUpstreamMount(input: UpstreamMountInput, itemNames: readonly string[]): UpstreamProblem[] {
  const problems: UpstreamProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(input.url);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.hostname) {
    problems.push({ field: 'body.url', zh: '接口地址须为 http:// 或 https:// 开头的完整地址', en: 'url must be an absolute http:// or https:// URL' });
  } else if (url.username || url.password) {
    problems.push({ field: 'body.url', zh: '接口地址中不能包含用户名或密码，请改用认证请求头（加密保存）', en: 'url must not carry a user name or password: use the authentication header (stored sealed)' });
  }
  const t = input.timeoutMs ?? UPSTREAM_TIMEOUT_RANGE.dflt;
  if (!Number.isInteger(t) || t < UPSTREAM_TIMEOUT_RANGE.min || t > UPSTREAM_TIMEOUT_RANGE.max) {
    problems.push({ field: 'body.timeoutMs', zh: `超时须为 ${UPSTREAM_TIMEOUT_RANGE.min}–${UPSTREAM_TIMEOUT_RANGE.max} 毫秒`, en: `timeoutMs must be ${UPSTREAM_TIMEOUT_RANGE.min}–${UPSTREAM_TIMEOUT_RANGE.max}` });
  }
  if (input.authHeader !== undefined && (!HEADER_NAME.test(input.authHeader) || RESERVED_HEADERS.has(input.authHeader.toLowerCase()))) {
    problems.push({ field: 'body.authHeader', zh: '认证请求头名称无效', en: 'invalid authentication header name' });
  }
  if (input.authValue !== undefined && (input.authValue === '' || /[\r\n\0]/.test(input.authValue))) {
    problems.push({ field: 'body.authValue', zh: '认证请求头的值不能为空或含换行', en: 'the authentication header value must be non-empty, without line breaks' });
  }
  if (input.rowsPath !== undefined && input.rowsPath !== '' && !PATH.test(input.rowsPath)) {
    problems.push({ field: 'body.rowsPath', zh: '数据路径须为以点分隔的字段名，如 data.items', en: 'rowsPath must be dotted field names such as data.items' });
  }
  for (const [item, path] of Object.entries(input.fields ?? {})) {
    if (!itemNames.includes(item)) problems.push({ field: `body.fields.${item}`, zh: `目录中没有数据项 ${item}`, en: `the entry has no data item ${item}` });
    else if (!PATH.test(path)) problems.push({ field: `body.fields.${item}`, zh: `数据项 ${item} 的字段路径无效`, en: `invalid field path for item ${item}` });
  }
  return problems;
}

/** The URL as it may be shown: scheme, host and path; query values hidden (they may be keys). */
export function shownUrl(raw: string): string {
  const u = new URL(raw);
  const names = [...new Set([...u.searchParams.keys()])];
  return `${u.origin}${u.pathname}${names.length ? `?${names.map((n) => `${encodeURIComponent(n)}=***`).join('&')}` : ''}`;
}

function at(value: unknown, path: string): unknown {
  let cur = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** The rows array of an upstream answer, or undefined when it is not where the mount says. */
export function rowsAt(body: unknown, rowsPath: string | null | undefined): unknown[] | undefined {
  const rows = rowsPath ? at(body, rowsPath) : body;
  return Array.isArray(rows) ? rows : undefined;
}

/**
 * A value as table values travel (typed-sql.ts gives each type's canonical text): the type's written
 * form when the value is one (a number, a datetime without offset read as Shanghai time), else its
 * text as is — nested values as their JSON — which then never matches a typed condition.
 */
function asText(v: unknown, type: ItemType): string | null {
  if (v === null || v === undefined) return null;
  const typed = typedText(type, v);
  if (typed !== undefined) return typed;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** An upstream row as the entry's items (item → text), each read from its mapped path. */
export function itemsOf(raw: unknown, items: readonly { name: string; type: ItemType }[], fields: Readonly<Record<string, string>> = {}): Record<string, string | null> {
  const row: Record<string, string | null> = {};
  for (const item of items) row[item.name] = asText(at(raw, fields[item.name] ?? item.name), item.type);
  return row;
}

/**
 * The rows a grant lets this call see, in order: inside the grant's row scope, passing the caller's
 * filters (conditions of the same kind, rowInScope for both), sorted when asked — by the item's
 * type, values not of the type and nulls last ascending, as PostgreSQL orders NULLs.
 */
export function governRows(rows: readonly Record<string, string | null>[], scope: RowScope, filters: RowScope,
  sort?: { item: string; desc: boolean; type: ItemType }): Record<string, string | null>[] {
  const kept = rows.filter((r) => rowInScope(scope, r) && rowInScope(filters, r));
  if (sort) {
    const dir = sort.desc ? -1 : 1;
    const key = (r: Record<string, string | null>) => {
      const v = r[sort.item];
      return v === null || v === undefined ? undefined : typedText(sort.type, v);
    };
    kept.sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (x === undefined || y === undefined) return x === y ? 0 : (x === undefined ? dir : -dir);
      return compareTyped(sort.type, x, y) * dir;
    });
  }
  return kept;
}
