import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_REQUEST_YEARS, allowedMethods, hasErrors, maxValidUntil, minValidUntil, validateShareRequest,
  type Issue, type RequestedEntry, type ShareRequestInput,
} from './request-rules.ts';

const TODAY = '2024-06-03';

/** 外部董事人才库 (市国资委): 有条件共享, by API, keyed by 公民身份号码. */
const directors: RequestedEntry = {
  shareType: 'conditional',
  shareMethod: 'api',
  items: [
    { name: 'person_name' }, { name: 'id_number', key: true }, { name: 'mobile' }, { name: 'employer' }, { name: 'speciality' },
  ],
};
/** 2024 省市重点工程项目名单: 无条件共享, file. */
const projects: RequestedEntry = {
  shareType: 'unconditional', shareMethod: 'file', items: [{ name: 'seq' }, { name: 'project_name' }, { name: 'location' }],
};
/** A 不予共享 entry with its legal basis. */
const relief: RequestedEntry = {
  shareType: 'none', shareMethod: 'table', items: [{ name: 'household_id', key: true }, { name: 'address' }, { name: 'amount' }],
  notShareBasis: '《社会救助暂行办法》第六十二条',
};

const good = (extra: Partial<ShareRequestInput> = {}): ShareRequestInput => ({
  items: ['person_name', 'speciality'],
  purpose: '市属国有企业董事会建设，遴选外部董事候选人',
  scenario: '交通投资集团董事会换届',
  basis: '《晋城市市属国有企业外部董事管理办法》',
  method: 'api',
  validUntil: '2025-06-30',
  ...extra,
});

const key = (i: Issue): string => `${i.level} ${i.code} ${i.field} ${i.article}`;

const cases: Array<[title: string, input: ShareRequestInput, entry: RequestedEntry, expected: string[]]> = [
  ['§20 a complete request has no issue', good(), directors, []],
  ['§20 明确的共享需求: items are required', good({ items: [] }), directors, ['error REQUIRED items §20']],
  ['§20 items missing altogether', good({ items: undefined }), directors, ['error REQUIRED items §20']],
  ['§20 items must be a list', good({ items: 'person_name' }), directors, ['error REQUIRED items §20']],
  ['§27 an item not in the entry is named', good({ items: ['person_name', 'salary'] }), directors, ['error UNKNOWN_ITEM items[1] §27']],
  ['§27 each unknown item is reported', good({ items: ['salary', 'person_name', 'home'] }), directors,
    ['error UNKNOWN_ITEM items[0] §27', 'error UNKNOWN_ITEM items[2] §27']],
  ['§20 an item listed twice', good({ items: ['person_name', 'mobile', 'person_name'] }), directors, ['error DUPLICATE_ITEM items[2] §20']],
  ['§20 an item that is not a name', good({ items: ['person_name', 3, ' '] }), directors,
    ['error INVALID_ITEM items[1] §20', 'error INVALID_ITEM items[2] §20']],
  ['§17 the method is required', good({ method: undefined }), directors, ['error REQUIRED method §17']],
  ['§17 an API entry is not delivered as a table', good({ method: 'table' }), directors, ['error METHOD_NOT_ALLOWED method §17']],
  ['§22 数据比对: an API entry with key items may be verified', good({ method: 'verify' }), directors, []],
  ['§17 a file entry only as files', good({ items: ['project_name'], method: 'api' }), projects, ['error METHOD_NOT_ALLOWED method §17']],
  ['§31 the end date is required', good({ validUntil: undefined }), directors, ['error REQUIRED validUntil §31']],
  ['§31 the end date must be a real date', good({ validUntil: '2025-02-30' }), directors, ['error INVALID_DATE validUntil §31']],
  ['§31 the end date must be a date string', good({ validUntil: 20250630 }), directors, ['error INVALID_DATE validUntil §31']],
  ['§31 the end date today is too early', good({ validUntil: TODAY }), directors, ['error NOT_AFTER_TODAY validUntil §31']],
  ['§31 the end date in the past', good({ validUntil: '2024-01-01' }), directors, ['error NOT_AFTER_TODAY validUntil §31']],
  ['§31 tomorrow is the earliest end date', good({ validUntil: '2024-06-04' }), directors, []],
  ['§31 数据最长授权期为三年: exactly three years is allowed', good({ validUntil: '2027-06-03' }), directors, []],
  ['§31 数据最长授权期为三年: one day more is too long', good({ validUntil: '2027-06-04' }), directors, ['error TOO_LONG validUntil §31']],
  ['§20 数据使用用途 is required', good({ purpose: '  ' }), directors, ['error REQUIRED purpose §20']],
  ['§30 应用场景 is required', good({ scenario: undefined }), directors, ['error REQUIRED scenario §30']],
  ['§20 the basis (履行职责) is required', good({ basis: '' }), directors, ['error REQUIRED basis §20']],
  ['§20 §30 a request saying nothing', {}, directors, [
    'error REQUIRED items §20', 'error REQUIRED method §17', 'error REQUIRED validUntil §31',
    'error REQUIRED purpose §20', 'error REQUIRED scenario §30', 'error REQUIRED basis §20',
  ]],
  ['§23 不予共享类 is not shareable', good({ items: ['amount'], method: 'table' }), relief, ['error NOT_SHAREABLE entryId §23']],
  ['§23 经脱密、脱敏等处理后达到共享条件的，可在一定范围共享',
    good({ items: ['amount'], method: 'table', route: 'desensitized', desensitization: '按乡镇汇总救助金额，不含户信息' }), relief, []],
  ['§23 the desensitized route needs a description of the processing',
    good({ items: ['amount'], method: 'table', route: 'desensitized', desensitization: ' ' }), relief, ['error NOT_SHAREABLE desensitization §23']],
  ['§23 a desensitized route on shareable data is not needed',
    good({ route: 'desensitized', desensitization: '隐去手机号' }), directors, ['warning DESENSITIZATION_NOT_NEEDED route §23']],
  ['§23 the standard route may be named explicitly', good({ route: 'standard' }), directors, []],
  ['§23 an unknown route', good({ route: 'anonymous' }), directors, ['error INVALID_VALUE route §23']],
  ['§27 the rows asked for: a scope on the entry\'s items', good({ conditions: { rowScope: [{ item: 'employer', op: 'in', values: ['晋城市交通投资集团'] }], rowFilter: '仅交投集团' } }),
    directors, []],
  ['§27 a scope may be on an item not asked for (the platform applies it)', good({ conditions: { rowScope: [{ item: 'mobile', op: 'prefix', values: ['139'] }] } }), directors, []],
  ['§27 a scope on an item the entry does not have', good({ conditions: { rowScope: [{ item: 'salary', op: 'gte', values: ['1'] }] } }), directors,
    ['error SCOPE_UNKNOWN_ITEM conditions.rowScope[0].item §27']],
  ['§27 a scope value of the wrong type', good({ items: ['household_id'], method: 'table', route: 'desensitized', desensitization: '汇总',
    conditions: { rowScope: [{ item: 'amount', op: 'gte', values: ['一千'] }] } }), { ...relief, items: [...relief.items.slice(0, 2), { name: 'amount', type: 'decimal' }] },
    ['error SCOPE_VALUE_INVALID conditions.rowScope[0].values[0] §27']],
  ['§27 conditions must be an object', good({ conditions: [] }), directors, ['error INVALID_VALUE conditions §27']],
];

for (const [title, input, entry, expected] of cases) {
  test(title, () => {
    assert.deepEqual(validateShareRequest(input, entry, TODAY).map(key), expected);
  });
}

test('§27 the unknown item is named in both languages', () => {
  const [i] = validateShareRequest(good({ items: ['salary'] }), directors, TODAY);
  assert.ok(i && i.zh.includes('salary') && i.en.includes('salary'));
});

test('§23 NOT_SHAREABLE quotes the entry’s 不予共享依据', () => {
  const [i] = validateShareRequest(good({ items: ['amount'], method: 'table' }), relief, TODAY);
  assert.ok(i && i.zh.includes('《社会救助暂行办法》第六十二条') && i.en.includes('《社会救助暂行办法》第六十二条'));
  assert.ok(hasErrors([i]));
});

test('§31 the TOO_LONG message names the latest end date', () => {
  const [i] = validateShareRequest(good({ validUntil: '2030-01-01' }), directors, TODAY);
  assert.ok(i && i.zh.includes('2027-06-03') && i.en.includes('2027-06-03'));
});

test('§17 §22 methods an entry allows', () => {
  const items = [{ name: 'a' }, { name: 'b', key: true }];
  const plain = [{ name: 'a' }];
  assert.deepEqual(allowedMethods({ shareMethod: 'table', items }), ['table', 'api', 'verify']);
  assert.deepEqual(allowedMethods({ shareMethod: 'table', items: plain }), ['table', 'api']);
  assert.deepEqual(allowedMethods({ shareMethod: 'api', items }), ['api', 'verify']);
  assert.deepEqual(allowedMethods({ shareMethod: 'api', items: plain }), ['api']);
  assert.deepEqual(allowedMethods({ shareMethod: 'file', items }), ['file']);
  assert.deepEqual(allowedMethods({ shareMethod: 'verify', items }), ['verify']);
});

test('§31 数据最长授权期为三年: the latest end date', () => {
  assert.equal(MAX_REQUEST_YEARS, 3);
  assert.equal(maxValidUntil('2024-06-03'), '2027-06-03');
  assert.equal(maxValidUntil('2024-02-29'), '2027-02-28');
  assert.equal(maxValidUntil('2025-02-28'), '2028-02-28');
  assert.equal(maxValidUntil('2024-12-31'), '2027-12-31');
  assert.equal(minValidUntil('2024-12-31'), '2025-01-01');
});

test('§31 a request made on 2024-02-29 may run until 2027-02-28, not 03-01', () => {
  assert.deepEqual(validateShareRequest(good({ validUntil: '2027-02-28' }), directors, '2024-02-29'), []);
  assert.deepEqual(validateShareRequest(good({ validUntil: '2027-03-01' }), directors, '2024-02-29').map(key), ['error TOO_LONG validUntil §31']);
});
