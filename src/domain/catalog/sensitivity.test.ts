import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ITEM_TYPES, MASKING_RULES, SENSITIVE_TYPES, type SensitiveType } from './types.ts';
import {
  MASKING_RULE_SPECS, defaultMasking, maskingFitsType, minimumGradeFor, type MaskingChoice,
} from './sensitivity.ts';

const defaults: Array<[SensitiveType, MaskingChoice]> = [
  ['id_card', { masking: 'id_card' }],
  ['phone', { masking: 'phone' }],
  ['name', { masking: 'name' }],
  ['address', { masking: 'address_district' }],
  ['bank_card', { masking: 'bank_card' }],
  ['uscc', { masking: 'keep_first_last', maskingParam: 4 }],
  ['email', { masking: 'keep_first', maskingParam: 2 }],
  ['health', { masking: 'redact' }],
  ['location', { masking: 'redact' }],
  ['other', { masking: 'redact' }],
];

test('Sec §27 涉敏数据脱敏后再提供: the defaults table covers every sensitive type', () => {
  assert.deepEqual(defaults.map(([t]) => t).sort(), [...SENSITIVE_TYPES].sort());
});

for (const [type, expected] of defaults) {
  test(`Sec §25 脱敏: default masking of ${type} is ${expected.masking}`, () => {
    const got = defaultMasking(type);
    assert.deepEqual(got, expected);
    assert.notEqual(got.masking, 'none');
    // the default must itself be valid for a text item and carry its parameter
    assert.ok(maskingFitsType(got.masking, 'string'));
    if (MASKING_RULE_SPECS[got.masking].needsParam) assert.ok((got.maskingParam ?? 0) >= 1);
  });
}

test('Sec §25 defaultMasking returns a copy the caller may change', () => {
  const a = defaultMasking('uscc');
  a.maskingParam = 9;
  assert.equal(defaultMasking('uscc').maskingParam, 4);
});

const grades: Array<[SensitiveType, number]> = [
  ['id_card', 2], ['bank_card', 2], ['health', 2], ['location', 2],
  ['phone', 1], ['name', 1], ['address', 1], ['email', 1], ['uscc', 1], ['other', 1],
];
for (const [type, grade] of grades) {
  test(`Sec §16 统一分级: an entry holding ${type} should be at least L${grade}`, () => {
    assert.equal(minimumGradeFor(type), grade);
  });
}

const fits: Array<[rule: (typeof MASKING_RULES)[number], type: (typeof ITEM_TYPES)[number], ok: boolean]> = [
  ['id_card', 'string', true], ['id_card', 'integer', false], ['phone', 'integer', false],
  ['keep_first', 'decimal', false], ['keep_last', 'string', true], ['date_year', 'date', true],
  ['date_year', 'datetime', true], ['date_year', 'integer', false], ['hash', 'integer', true],
  ['redact', 'binary', true], ['null', 'boolean', true], ['none', 'decimal', true],
];
for (const [rule, type, ok] of fits) {
  test(`Sec §25 masking ${rule} ${ok ? 'fits' : 'does not fit'} a ${type} item`, () => {
    assert.equal(maskingFitsType(rule, type), ok);
  });
}
