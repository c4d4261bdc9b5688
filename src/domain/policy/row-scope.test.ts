import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../catalog/issue.ts';
import { RowScopeError, rowInScope, rowScopeOf, type RowCondition } from './row-scope.ts';
import { MAX_IN_VALUES, MAX_SCOPE_CONDITIONS, notImplied, validateRowScope, type ScopeItem } from './row-scope-rules.ts';

/** 2024 省市重点工程项目名单, as a 有条件共享 entry with a typed data dictionary. */
const ITEMS: ScopeItem[] = [
  { name: 'project_name', type: 'string', label: '项目名称' },
  { name: 'region_code', type: 'string', label: '行政区划代码' },
  { name: 'investment', type: 'decimal', label: '总投资（亿元）' },
  { name: 'staff', type: 'integer', label: '用工人数' },
  { name: 'approved_on', type: 'date', label: '批复日期' },
  { name: 'updated_at', type: 'datetime', label: '更新时间' },
  { name: 'provincial', type: 'boolean', label: '是否省级重点' },
  { name: 'site_plan', type: 'binary', label: '总平面图' },
  { name: 'owner_id', type: 'string', label: '法定代表人身份证号', sensitiveType: 'id_card' },
];
const TYPES = new Map(ITEMS.map((i) => [i.name, i.type]));
const c = (item: string, op: RowCondition['op'], ...values: string[]): RowCondition => ({ item, op, values });
const codes = (issues: Issue[]) => issues.map((i) => `${i.level} ${i.code} ${i.field}`);
const check = (raw: unknown, article = '§27') => validateRowScope(raw, ITEMS, { article, field: 'conditions.rowScope' });

/** [title, scope as written, issues expected ('' = none)] — §27 the requester states the rows it needs, §29 the provider grants them. */
const cases: Array<[string, unknown, string[]]> = [
  ['§27 no scope: every row', undefined, []],
  ['§27 an empty list: every row', [], []],
  ['§27 a county by its 行政区划代码 prefix', [c('region_code', 'prefix', '140525')], []],
  ['§27 several conditions hold together', [c('region_code', 'in', '140502', '140525'), c('approved_on', 'gte', '2024-01-01'), c('investment', 'lte', '50.5')], []],
  ['§29 an integer range', [c('staff', 'gte', '100'), c('staff', 'lte', '+2000')], []],
  ['§29 a datetime needs its offset', [c('updated_at', 'gte', '2024-03-01T00:00:00+08:00')], []],
  ['§29 a boolean', [c('provincial', 'eq', 'true')], []],
  ['a scope on an item the grant does not deliver is allowed: the platform enforces it', [c('region_code', 'eq', '140525')], []],
  ['not a list', { item: 'x' }, ['error SCOPE_INVALID conditions.rowScope']],
  ['a condition without values', [{ item: 'region_code', op: 'eq' }], ['error SCOPE_INVALID conditions.rowScope[0]']],
  ['an extra key', [{ ...c('region_code', 'eq', '1'), note: 'x' }], ['error SCOPE_INVALID conditions.rowScope[0]']],
  ['§27 an item the entry does not have', [c('district', 'eq', '城区')], ['error SCOPE_UNKNOWN_ITEM conditions.rowScope[0].item']],
  ['an unknown operator', [{ item: 'staff', op: 'gt', values: ['1'] }], ['error SCOPE_OP_INVALID conditions.rowScope[0].op']],
  ['prefix is for text only', [c('staff', 'prefix', '1')], ['error SCOPE_OP_NOT_FOR_TYPE conditions.rowScope[0].op']],
  ['no range on a boolean', [c('provincial', 'gte', 'false')], ['error SCOPE_OP_NOT_FOR_TYPE conditions.rowScope[0].op']],
  ['never on a binary item', [c('site_plan', 'eq', 'AAEC')], ['error SCOPE_OP_NOT_FOR_TYPE conditions.rowScope[0].op']],
  ['eq takes exactly one value', [c('region_code', 'eq', '1', '2')], ['error SCOPE_VALUES_COUNT conditions.rowScope[0].values']],
  ['in takes at least one', [c('region_code', 'in')], ['error SCOPE_VALUES_COUNT conditions.rowScope[0].values']],
  [`in takes at most ${MAX_IN_VALUES}`, [c('staff', 'in', ...Array.from({ length: MAX_IN_VALUES + 1 }, (_, i) => String(i)))], ['error SCOPE_VALUES_COUNT conditions.rowScope[0].values']],
  ['a value is required', [c('region_code', 'prefix', '')], ['error SCOPE_VALUE_EMPTY conditions.rowScope[0].values[0]']],
  ['a value is text', [{ item: 'staff', op: 'eq', values: [100] }], ['error SCOPE_VALUE_EMPTY conditions.rowScope[0].values[0]']],
  ['values have a length limit', [c('project_name', 'eq', 'x'.repeat(201))], ['error SCOPE_VALUE_TOO_LONG conditions.rowScope[0].values[0]']],
  ['dates are ISO', [c('approved_on', 'gte', '2024/01/01')], ['error SCOPE_VALUE_INVALID conditions.rowScope[0].values[0]']],
  ['integers are whole numbers', [c('staff', 'in', '10', '10.5')], ['error SCOPE_VALUE_INVALID conditions.rowScope[0].values[1]']],
  ['a datetime without offset is ambiguous', [c('updated_at', 'lte', '2024-03-01T00:00:00')], ['error SCOPE_VALUE_INVALID conditions.rowScope[0].values[0]']],
  ['booleans are true or false', [c('provincial', 'eq', '是')], ['error SCOPE_VALUE_INVALID conditions.rowScope[0].values[0]']],
  [`at most ${MAX_SCOPE_CONDITIONS} conditions`, Array.from({ length: MAX_SCOPE_CONDITIONS + 1 }, () => c('staff', 'gte', '1')), ['error SCOPE_TOO_MANY conditions.rowScope']],
  ['Sec §25 a condition on a sensitive item tells the consumer about every row: a warning', [c('owner_id', 'prefix', '140525')], ['warning SCOPE_ON_SENSITIVE_ITEM conditions.rowScope[0].item']],
];
for (const [title, raw, expected] of cases) {
  test(title, () => assert.deepEqual(codes(check(raw)), expected));
}

test('issues cite the article of the step: §27 for a request, §29 for a grant; messages name the item in both languages', () => {
  const [request] = check([c('staff', 'eq', 'many')], '§27');
  assert.equal(request!.article, '§27');
  assert.match(request!.zh, /用工人数（staff）.*整数/);
  assert.match(request!.en, /staff must be a whole number/);
  assert.equal(check([c('staff', 'eq', 'many')], '§29')[0]!.article, '§29');
});

test('rowScopeOf: no conditions, no rowScope → every row', () => {
  assert.deepEqual(rowScopeOf(null), []);
  assert.deepEqual(rowScopeOf({ masking: {} }), []);
  assert.deepEqual(rowScopeOf({ rowScope: [] }, ITEMS), []);
});

test('rowScopeOf types each condition by the entry, for typed comparison', () => {
  assert.deepEqual(rowScopeOf({ rowScope: [c('staff', 'gte', '100')], rowFilter: '用工百人以上' }, ITEMS), [{ item: 'staff', op: 'gte', values: ['100'], type: 'integer' }]);
  assert.deepEqual(rowScopeOf({ rowScope: [c('staff', 'gte', '100')] }), [{ item: 'staff', op: 'gte', values: ['100'] }]);
});

test('§39 fail closed: a stored scope that no longer fits the entry stops delivery instead of widening it', () => {
  assert.throws(() => rowScopeOf({ rowScope: [c('district', 'eq', '城区')] }, ITEMS), RowScopeError);
  assert.throws(() => rowScopeOf({ rowScope: [c('staff', 'eq', 'x')] }, ITEMS), /cannot be applied/);
  assert.throws(() => rowScopeOf({ rowScope: 'region = 140525' }), RowScopeError);
  assert.throws(() => rowScopeOf({ rowScope: [{ item: 'staff', op: 'eq', values: [] }] }), RowScopeError);
});

const scope = rowScopeOf({ rowScope: [c('region_code', 'prefix', '1405'), c('staff', 'gte', '100'), c('approved_on', 'lte', '2024-06-30')] }, ITEMS);
/** [row, inside] — typed: 99 < 100 numerically although '99' > '100' as text. */
const rows: Array<[Record<string, unknown>, boolean]> = [
  [{ region_code: '140525', staff: 100, approved_on: '2024-06-30' }, true],
  [{ region_code: '140525', staff: '2000', approved_on: '2024-01-02' }, true],
  [{ region_code: '140525', staff: 99, approved_on: '2024-01-02' }, false],
  [{ region_code: '140525', staff: '99', approved_on: '2024-01-02' }, false],
  [{ region_code: '140100', staff: 500, approved_on: '2024-01-02' }, false],
  [{ region_code: '140525', staff: 500, approved_on: '2024-07-01' }, false],
  [{ region_code: '140525', staff: null, approved_on: '2024-01-02' }, false],
  [{ region_code: '140525', approved_on: '2024-01-02' }, false],
  [{ region_code: '140525', staff: 'many', approved_on: '2024-01-02' }, false],
];
for (const [row, inside] of rows) {
  test(`rowInScope ${JSON.stringify(row)} → ${inside}`, () => assert.equal(rowInScope(scope, row), inside));
}

test('rowInScope: in, eq on datetimes by instant, booleans; untyped conditions compare as text', () => {
  const typed = rowScopeOf({ rowScope: [c('updated_at', 'eq', '2024-03-01T08:00:00+08:00'), c('provincial', 'in', 'true')] }, ITEMS);
  assert.equal(rowInScope(typed, { updated_at: '2024-03-01T00:00:00Z', provincial: true }), true);
  assert.equal(rowInScope(typed, { updated_at: '2024-03-01 08:00:00', provincial: 'true' }), true);
  assert.equal(rowInScope(typed, { updated_at: '2024-03-01T08:00:00+08:00', provincial: false }), false);
  assert.equal(rowInScope([c('staff', 'gte', '100')], { staff: 99 }), true, 'without the entry, "99" ≥ "100" as text');
  assert.equal(rowInScope([], {}), true);
});

/** [title, narrow (granted), wide (requested), conditions of wide not guaranteed] — §39 授权只能缩小不能扩大. */
const narrowing: Array<[string, RowCondition[], RowCondition[], string[]]> = [
  ['§29 nothing asked: any scope narrows it', [c('staff', 'gte', '1')], [], []],
  ['§39 restating the request', [c('region_code', 'prefix', '1405')], [c('region_code', 'prefix', '1405')], []],
  ['§29 a longer prefix', [c('region_code', 'prefix', '140525')], [c('region_code', 'prefix', '1405')], []],
  ['§29 one county of the prefix', [c('region_code', 'eq', '140525')], [c('region_code', 'prefix', '1405')], []],
  ['§29 fewer of the values asked', [c('region_code', 'in', '140525')], [c('region_code', 'in', '140502', '140525')], []],
  ['§29 a higher lower bound, by number', [c('staff', 'gte', '1000')], [c('staff', 'gte', '200')], []],
  ['§29 an earlier end', [c('approved_on', 'lte', '2024-03-31')], [c('approved_on', 'lte', '2024-06-30')], []],
  ['§29 conditions added on other items', [c('staff', 'gte', '5'), c('provincial', 'eq', 'true')], [c('staff', 'gte', '5')], []],
  ['§39 dropping a condition widens', [c('staff', 'gte', '5')], [c('staff', 'gte', '5'), c('provincial', 'eq', 'true')], ['provincial']],
  ['§39 a lower bound below the one asked widens', [c('staff', 'gte', '150')], [c('staff', 'gte', '200')], ['staff']],
  ['§39 another value widens', [c('region_code', 'in', '140525', '140581')], [c('region_code', 'in', '140525')], ['region_code']],
  ['§39 a shorter prefix widens', [c('region_code', 'prefix', '14')], [c('region_code', 'prefix', '1405')], ['region_code']],
  ['§39 a range is not an equality', [c('staff', 'gte', '5'), c('staff', 'lte', '5')], [c('staff', 'eq', '5')], ['staff']],
];
for (const [title, narrow, wide, missing] of narrowing) {
  test(title, () => assert.deepEqual(notImplied(narrow, wide, TYPES).map((w) => w.item), missing));
}
