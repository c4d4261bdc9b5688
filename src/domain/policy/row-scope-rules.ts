/**
 * How a row scope (共享范围) may be written, and when one is inside another — the rules the request
 * (§27: the requester states the rows it needs), the provider's grant (§29: it sets or narrows them)
 * and the whole authorisation apply, on the server and in the web forms alike. Pure; never throws.
 *
 * - A condition names an item of the entry. Any item may carry one, granted or not: the scope is
 *   enforced by the platform (row-scope-sql.ts) and the item's column is never delivered for it — but
 *   the consumer can read its grant, so a condition on a sensitive item tells it something about every
 *   row it receives (a warning, Sec §25).
 * - The operator must suit the item's type, and every value must be written in the type's form
 *   (typed-values.ts): dates ISO, integers whole numbers, codes as text.
 * - Limits keep the compiled SQL small: MAX_SCOPE_CONDITIONS conditions, MAX_IN_VALUES values for
 *   `in`, MAX_VALUE_LENGTH characters a value.
 */
import type { Issue } from '../catalog/issue.ts';
import type { ItemType, SensitiveType } from '../catalog/types.ts';
import type { RowCondition, RowScope } from './row-scope.ts';
import { TYPED_FORMS, compareTyped, parseTyped } from './typed-values.ts';

export const ROW_SCOPE_OPS = ['eq', 'in', 'prefix', 'gte', 'lte'] as const;
export type RowScopeOp = (typeof ROW_SCOPE_OPS)[number];

export const MAX_SCOPE_CONDITIONS = 10;
export const MAX_IN_VALUES = 100;
export const MAX_VALUE_LENGTH = 200;

/**
 * The operators each type allows: prefix only on text (codes such as 行政区划代码 140525…), ranges on
 * what has an order, equality on everything but binary, which is never compared.
 */
export const OPS_BY_TYPE: Record<ItemType, readonly RowScopeOp[]> = {
  string: ['eq', 'in', 'prefix', 'gte', 'lte'],
  integer: ['eq', 'in', 'gte', 'lte'],
  decimal: ['eq', 'in', 'gte', 'lte'],
  date: ['eq', 'in', 'gte', 'lte'],
  datetime: ['eq', 'in', 'gte', 'lte'],
  boolean: ['eq', 'in'],
  binary: [],
};

/** An entry item as the rules need it. */
export interface ScopeItem {
  name: string;
  type: ItemType;
  label?: string;
  sensitiveType?: SensitiveType;
}

export interface ScopeCheck {
  /** §27 for a request, §29 for a grant or whole authorisation. */
  article: string;
  /** Path of the scope in the body, for the issues' `field`. */
  field: string;
  /** Check items and value types against the entry (off only when the entry is not at hand). */
  checkItems?: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function issue(level: Issue['level'], code: string, field: string, article: string, zh: string, en: string): Issue {
  return { level, code, field, zh, en, article };
}

/** Every issue of a row scope (undefined = none given) against the entry's items. */
export function validateRowScope(raw: unknown, items: readonly ScopeItem[], check: ScopeCheck): Issue[] {
  const { article, field } = check;
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    return [issue('error', 'SCOPE_INVALID', field, article, '共享范围应为条件列表', 'the row scope must be a list of conditions')];
  }
  const out: Issue[] = [];
  if (raw.length > MAX_SCOPE_CONDITIONS) {
    out.push(issue('error', 'SCOPE_TOO_MANY', field, article, `共享范围最多 ${MAX_SCOPE_CONDITIONS} 个条件`, `a row scope has at most ${MAX_SCOPE_CONDITIONS} conditions`));
  }
  const byName = new Map(items.map((i) => [i.name, i]));
  raw.forEach((c, i) => out.push(...checkCondition(c, `${field}[${i}]`, article, check.checkItems === false ? undefined : byName)));
  return out;
}

function checkCondition(c: unknown, path: string, article: string, items: Map<string, ScopeItem> | undefined): Issue[] {
  const err = (code: string, at: string, zh: string, en: string) => [issue('error', code, at, article, zh, en)];
  if (!isRecord(c) || typeof c.item !== 'string' || !Array.isArray(c.values) || Object.keys(c).some((k) => !['item', 'op', 'values'].includes(k))) {
    return err('SCOPE_INVALID', path, '共享范围条件应为 {item, op, values}', 'a row-scope condition is {item, op, values}');
  }
  const item = items?.get(c.item);
  if (items && !item) return err('SCOPE_UNKNOWN_ITEM', `${path}.item`, `目录中没有数据项 ${c.item}`, `the entry has no data item ${c.item}`);
  const name = item?.label ? `${item.label}（${c.item}）` : c.item;
  if (!(ROW_SCOPE_OPS as readonly unknown[]).includes(c.op)) {
    return err('SCOPE_OP_INVALID', `${path}.op`, `条件运算应为 ${ROW_SCOPE_OPS.join('、')}`, `op must be one of ${ROW_SCOPE_OPS.join(', ')}`);
  }
  const op = c.op as RowScopeOp;
  if (item && !OPS_BY_TYPE[item.type].includes(op)) {
    const allowed = OPS_BY_TYPE[item.type];
    return err('SCOPE_OP_NOT_FOR_TYPE', `${path}.op`,
      allowed.length ? `数据项 ${name}（${TYPED_FORMS[item.type].zh}）不能用 ${op}，可用：${allowed.join('、')}` : `二进制数据项 ${name} 不能作为共享范围条件`,
      allowed.length ? `item ${c.item} (${item.type}) does not take ${op}; allowed: ${allowed.join(', ')}` : `the binary item ${c.item} cannot be a row-scope condition`);
  }
  const values = c.values as unknown[];
  const count = op === 'in' ? values.length >= 1 && values.length <= MAX_IN_VALUES : values.length === 1;
  if (!count) {
    return err('SCOPE_VALUES_COUNT', `${path}.values`,
      op === 'in' ? `「属于」条件须有 1–${MAX_IN_VALUES} 个值` : '该条件须有且只有一个值',
      op === 'in' ? `an "in" condition takes 1 to ${MAX_IN_VALUES} values` : `an "${op}" condition takes exactly one value`);
  }
  const out: Issue[] = [];
  values.forEach((v, j) => {
    const at = `${path}.values[${j}]`;
    if (typeof v !== 'string' || v === '') out.push(...err('SCOPE_VALUE_EMPTY', at, `数据项 ${name} 的条件值不能为空`, `a value for ${c.item} is required`));
    else if (v.length > MAX_VALUE_LENGTH) out.push(...err('SCOPE_VALUE_TOO_LONG', at, `条件值最长 ${MAX_VALUE_LENGTH} 个字符`, `a value has at most ${MAX_VALUE_LENGTH} characters`));
    else if (item && !parseTyped(item.type, v)) {
      out.push(...err('SCOPE_VALUE_INVALID', at, `数据项 ${name} 的条件值 ${v} 应为${TYPED_FORMS[item.type].zh}`, `the value ${v} of ${c.item} must be ${TYPED_FORMS[item.type].en}`));
    }
  });
  if (item?.sensitiveType && out.length === 0) {
    out.push(issue('warning', 'SCOPE_ON_SENSITIVE_ITEM', `${path}.item`, 'Sec §25',
      `${name} 是敏感数据项：使用部门可以看到该条件，即知道所得每一行都满足它`,
      `${c.item} is sensitive: the consumer sees this condition, so it learns that every row it receives meets it`));
  }
  return out;
}

/** The values a condition allows, when finitely many (eq, in). */
const finite = (c: RowCondition): readonly string[] | undefined => (c.op === 'eq' ? c.values.slice(0, 1) : c.op === 'in' ? c.values : undefined);

/** Whether every row meeting `n` meets `w` (both on the same item, values valid for `type`). */
function implies(n: RowCondition, w: RowCondition, type: ItemType): boolean {
  const cmp = (a: string, b: string) => compareTyped(type, a, b);
  const vs = finite(n);
  const [a = ''] = w.values;
  switch (w.op) {
    case 'eq': return !!vs && vs.every((v) => cmp(v, a) === 0);
    case 'in': return !!vs && vs.every((v) => w.values.some((x) => cmp(v, x) === 0));
    case 'prefix': return vs ? vs.every((v) => v.startsWith(a)) : n.op === 'prefix' && n.values[0]!.startsWith(a);
    // Every text that starts with q sorts at or after q.
    case 'gte': return vs ? vs.every((v) => cmp(v, a) >= 0) : (n.op === 'gte' || n.op === 'prefix') && cmp(n.values[0]!, a) >= 0;
    case 'lte': return vs ? vs.every((v) => cmp(v, a) <= 0) : n.op === 'lte' && cmp(n.values[0]!, a) <= 0;
  }
}

/**
 * The conditions of `wide` that `narrow` does not guarantee — empty when every row inside `narrow` is
 * inside `wide` (a grant's scope within the request's, §39). Conservative: each condition of `wide`
 * must follow from one condition of `narrow` on the same item, so restating the request's conditions
 * and adding more always passes; an unusual equivalent rewrite may be refused, never a wider one.
 */
export function notImplied(narrow: RowScope, wide: RowScope, types: ReadonlyMap<string, ItemType>): RowCondition[] {
  return wide.filter((w) => !narrow.some((n) => n.item === w.item && implies(n, w, types.get(w.item) ?? 'string')));
}
