import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_GRADING_RULES as R } from '../grading/defaults.ts';
import type { GradingRuleSet } from '../grading/types.ts';
import { MaskingError } from './errors.ts';
import { deriveGrantSalt, hmacHex } from './masking-hash.ts';
import { effectiveMasking, filterableFields, parseGrantRule, projectAndMask, type MaskableItem } from './row-policy.ts';

const items: MaskableItem[] = [
  { name: 'person_name', sensitiveType: 'name', masking: 'name' },
  { name: 'id_number', sensitiveType: 'id_card' },
  { name: 'phone', sensitiveType: 'phone', masking: 'phone' },
  { name: 'uscc', sensitiveType: 'uscc', masking: 'keep_first_last', maskingParam: 4 },
  { name: 'address', sensitiveType: 'address' },
  { name: 'birth_date', masking: 'date_year' },
  { name: 'county', masking: 'none' },
  { name: 'amount' },
];

const planOf = (grant?: Record<string, string>) =>
  Object.fromEntries([...effectiveMasking(items, R, grant).masking].map(([k, v]) => [k, v.param === undefined ? v.rule : `${v.rule}:${v.param}`]));

test('Sec §27 涉敏数据脱敏后再提供: a sensitive item with no rule gets the default for its type', () => {
  assert.deepEqual(planOf(), {
    person_name: 'name', id_number: 'id_card', phone: 'phone', uscc: 'keep_first_last:4',
    address: 'address_district', birth_date: 'date_year', county: 'none', amount: 'none',
  });
  assert.deepEqual(effectiveMasking(items, R).issues, []);
});

test('Sec §27 a sensitive item set to none is masked by default anyway, and reported', () => {
  const { masking, issues } = effectiveMasking([{ name: 'id_number', sensitiveType: 'id_card', masking: 'none' }], R);
  assert.deepEqual(masking.get('id_number'), { rule: 'id_card', source: 'default' });
  assert.deepEqual(issues.map((i) => [i.code, i.field]), [['ITEM_MASKING_DEFAULTED', 'items[0].masking']]);
});

test('Sec §16 统一分级: the default comes from the rule set in force, as the authority edited it', () => {
  const edited: GradingRuleSet = structuredClone(R);
  edited.sensitiveTypes.id_card = { minGrade: 2, masking: 'redact' };
  edited.sensitiveTypes.address = { minGrade: 1, masking: 'keep_first', maskingParam: 3 };
  // phone: the item's own rule stays whatever the default becomes.
  edited.sensitiveTypes.phone = { minGrade: 1, masking: 'null' };
  const plan = effectiveMasking(items, edited).masking;
  assert.deepEqual(plan.get('id_number'), { rule: 'redact', source: 'default' });
  assert.deepEqual(plan.get('address'), { rule: 'keep_first', param: 3, source: 'default' });
  assert.deepEqual(plan.get('phone'), { rule: 'phone', source: 'item' });
});

test('Sec §25 never weaker: a changed default neither undoes a grant\'s stronger rule nor yields to a weaker one', () => {
  const looser: GradingRuleSet = structuredClone(R);
  looser.sensitiveTypes.id_card = { minGrade: 2, masking: 'keep_last', maskingParam: 4 };
  assert.deepEqual(effectiveMasking(items, looser, { id_number: 'hash' }).masking.get('id_number'), { rule: 'hash', source: 'grant' });
  const stricter: GradingRuleSet = structuredClone(R);
  stricter.sensitiveTypes.id_card = { minGrade: 2, masking: 'redact' };
  const { masking, issues } = effectiveMasking(items, stricter, { id_number: 'id_card' });
  assert.deepEqual(masking.get('id_number'), { rule: 'redact', source: 'default' });
  assert.deepEqual(issues.map((i) => i.code), ['GRANT_MASKING_WEAKER']);
  // The grant's id_card applied under the old default; a new default that shows other characters does not replace it.
  assert.deepEqual(effectiveMasking(items, R, { id_number: 'id_card' }).masking.get('id_number'), { rule: 'id_card', source: 'grant' });
  const other: GradingRuleSet = structuredClone(R);
  other.sensitiveTypes.id_card = { minGrade: 2, masking: 'keep_last', maskingParam: 8 };
  const changed = effectiveMasking(items, other, { id_number: 'id_card' });
  assert.deepEqual(changed.masking.get('id_number'), { rule: 'redact', source: 'fallback' });
  assert.deepEqual(changed.issues.map((i) => i.code), ['GRANT_MASKING_CONFLICT']);
});

test('Sec §27 a rule set with no usable default for the type redacts (fail closed) and says so', () => {
  const broken: GradingRuleSet = structuredClone(R);
  delete (broken.sensitiveTypes as Partial<GradingRuleSet['sensitiveTypes']>).id_card; // a set saved before the type existed
  broken.sensitiveTypes.address = { minGrade: 1, masking: 'none' };
  const { masking, issues } = effectiveMasking(items, broken);
  assert.deepEqual(masking.get('id_number'), { rule: 'redact', source: 'fallback' });
  assert.deepEqual(masking.get('address'), { rule: 'redact', source: 'fallback' });
  assert.deepEqual(issues.map((i) => [i.code, i.field]), [['DEFAULT_MASKING_MISSING', 'items[1].masking'], ['DEFAULT_MASKING_MISSING', 'items[4].masking']]);
});

const itemProblems: Array<[string, MaskableItem, string]> = [
  ['keep_first without N', { name: 'x', masking: 'keep_first' }, 'ITEM_MASKING_PARAM'],
  ['an unknown stored rule', { name: 'x', masking: 'scramble' as 'none' }, 'ITEM_MASKING_UNKNOWN'],
];
for (const [what, item, code] of itemProblems) {
  test(`Sec §27 an item with ${what} is redacted (fail closed) and reported`, () => {
    const { masking, issues } = effectiveMasking([item], R);
    assert.deepEqual(masking.get('x'), { rule: 'redact', source: 'fallback' });
    assert.deepEqual(issues.map((i) => i.code), [code]);
  });
}

/** [grant rule, item, effective rule, issue code or ''] */
const overrides: Array<[string, string, string, string]> = [
  // Stronger: applied.
  ['hash', 'id_number', 'hash', ''],
  ['redact', 'phone', 'redact', ''],
  ['null', 'address', 'null', ''],
  ['keep_first_last:2', 'uscc', 'keep_first_last:2', ''],
  ['keep_first_last', 'uscc', 'keep_first_last:4', ''],
  ['phone', 'amount', 'phone', ''],
  ['keep_last:4', 'county', 'keep_last:4', ''],
  // Weaker, or merely different from the item's own rule: the item's rule stays, and the grant is reported.
  ['none', 'id_number', 'id_card', 'GRANT_MASKING_WEAKER'],
  ['keep_first_last:6', 'uscc', 'keep_first_last:4', 'GRANT_MASKING_WEAKER'],
  ['name', 'birth_date', 'date_year', 'GRANT_MASKING_WEAKER'],
  // Merely different from a default (which the authority may change): neither shows through, redact.
  ['keep_first:10', 'id_number', 'redact', 'GRANT_MASKING_CONFLICT'],
  ['date_year', 'address', 'redact', 'GRANT_MASKING_CONFLICT'],
  // Unreadable grant masking: fail closed to redact.
  ['scramble', 'phone', 'redact', 'GRANT_MASKING_UNKNOWN'],
  ['keep_first', 'county', 'redact', 'GRANT_MASKING_PARAM'],
  ['toString', 'county', 'redact', 'GRANT_MASKING_UNKNOWN'],
];
for (const [grantRule, item, expected, code] of overrides) {
  test(`Sec §25 不得超出许可范围: grant ${grantRule} on ${item} → ${expected}${code ? ` (${code})` : ''}`, () => {
    const grant = { [item]: grantRule };
    const { masking, issues } = effectiveMasking(items, R, grant);
    const got = masking.get(item);
    assert.equal(got?.param === undefined ? got?.rule : `${got.rule}:${got.param}`, expected);
    assert.deepEqual(issues.map((i) => [i.code, i.field, i.level]), code ? [[code, `conditions.masking.${item}`, 'warning']] : []);
  });
}

test('Sec §25 a grant masking a redacted-by-null item with an unreadable rule keeps null', () => {
  const { masking } = effectiveMasking([{ name: 'x', masking: 'null' }], R, { x: '???' });
  assert.equal(masking.get('x')?.rule, 'null');
});

test('Sec §25 grant masking for an item the entry does not have is ignored and reported', () => {
  const { issues } = effectiveMasking(items, R, { salary: 'redact' });
  assert.deepEqual(issues.map((i) => i.code), ['GRANT_MASKING_UNKNOWN_ITEM']);
});

const parsed: Array<[string, ReturnType<typeof parseGrantRule>]> = [
  ['hash', { rule: 'hash' }],
  [' keep_first : 3 ', { rule: 'keep_first', param: 3 }],
  ['keep_first:-1', undefined],
  ['HASH', undefined],
  ['constructor', undefined],
  ['', undefined],
];
for (const [text, expected] of parsed) {
  test(`Sec §25 grant rule text ${JSON.stringify(text)} parses to ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(parseGrantRule(text), expected);
  });
}

const salt = deriveGrantSalt('test-platform-masking-key-0123456789', 'grant-7');
const row = {
  person_name: '欧阳娜娜', id_number: '11010519491231002X', phone: '13812345678', uscc: '91350100M000100Y43',
  address: '山西省晋城市泽州县金村镇府城村12号', birth_date: '1949-12-31', county: '泽州县', amount: 1200.5,
  secret_note: 'not granted',
};

test('Sec §27 projectAndMask returns only the granted fields, each masked', () => {
  const { masking } = effectiveMasking(items, R, { id_number: 'hash' });
  const out = projectAndMask(row, ['person_name', 'id_number', 'phone', 'uscc', 'address', 'birth_date', 'county', 'amount'], masking, salt);
  assert.deepEqual(out, {
    person_name: '欧***', id_number: hmacHex('11010519491231002X', salt), phone: '138****5678', uscc: '9135**********0Y43',
    address: '山西省晋城市泽州县', birth_date: '1949', county: '泽州县', amount: 1200.5,
  });
  assert.ok(!('secret_note' in out));
});

test('Sec §27 projection drops unlisted fields and fills missing ones with null', () => {
  const { masking } = effectiveMasking(items, R);
  const out = projectAndMask({ phone: '0356-2196301', secret_note: 'x' }, ['phone', 'county'], masking, salt);
  assert.deepEqual(out, { phone: '0356-***6301', county: null });
});

test('Sec §25 hashes are equal within a grant and differ across grants (SM3 too)', () => {
  const { masking } = effectiveMasking(items, R, { id_number: 'hash' });
  const other = deriveGrantSalt('test-platform-masking-key-0123456789', 'grant-8');
  for (const alg of ['sha256', 'sm3'] as const) {
    const a = projectAndMask(row, ['id_number'], masking, salt, alg);
    assert.deepEqual(projectAndMask({ ...row }, ['id_number'], masking, salt, alg), a);
    assert.notDeepEqual(projectAndMask(row, ['id_number'], masking, other, alg), a);
  }
});

test('Sec §27 asking to project a field without a masking plan throws instead of leaking it', () => {
  const { masking } = effectiveMasking(items, R);
  assert.throws(() => projectAndMask(row, ['phone', 'secret_note'], masking, salt), (e: unknown) => e instanceof MaskingError && e.code === 'field_not_granted');
});

test('Sec §27 a row key named __proto__ is a plain field, not a prototype', () => {
  const { masking } = effectiveMasking([{ name: '__proto__', masking: 'redact' }], R);
  const source = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>;
  const out = projectAndMask(source, ['__proto__'], masking, salt);
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, '***');
});

test('issue 4: only items delivered unmasked can be filtered or sorted on', () => {
  const granted = ['person_name', 'id_number', 'county', 'amount', 'birth_date', 'not_in_entry'];
  assert.deepEqual(filterableFields(granted, effectiveMasking(items, R).masking), ['county', 'amount']);
  // A grant that masks an otherwise open item also takes it out of the filterable set.
  assert.deepEqual(filterableFields(granted, effectiveMasking(items, R, { amount: 'hash' }).masking), ['county']);
});
