import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASKING_RULES, type MaskingRule } from '../catalog/types.ts';
import { generateUscc, isValidUscc } from '../../demo/ids.ts';
import { Rng } from '../../demo/prng.ts';
import { MaskingError } from './errors.ts';
import { deriveGrantSalt, hmacHex } from './masking-hash.ts';
import { REDACTED, compileMask, maskValue, type MaskOptions } from './masking.ts';

const salt = deriveGrantSalt('test-platform-masking-key-0123456789', 'grant-1');
const when = new Date('2024-03-01T08:00:00Z');

/** One row per rule and value kind; the last test checks every catalog rule appears here. */
const table: Array<[rule: MaskingRule, value: unknown, opts: MaskOptions, expected: unknown]> = [
  ['none', '140525199001011234', {}, '140525199001011234'],
  ['none', 42, {}, 42],
  ['none', when, {}, when],
  ['keep_first', '张三丰', { param: 1 }, '张**'],
  ['keep_first', 13812345678, { param: 3 }, '138********'],
  ['keep_last', '6222021234567890', { param: 4 }, '************7890'],
  ['keep_last', true, { param: 2 }, REDACTED],
  // 统一社会信用代码 with the catalog default keep_first_last 4.
  ['keep_first_last', '91350100M000100Y43', { param: 4 }, '9135**********0Y43'],
  ['keep_first_last', when, { param: 2 }, REDACTED],
  ['id_card', '11010519491231002X', {}, '110105********002X'],
  ['id_card', 140525199001011234n, {}, '140525********1234'],
  ['phone', '13812345678', {}, '138****5678'],
  // A mobile stored as a number is masked as its digits.
  ['phone', 13812345678, {}, '138****5678'],
  ['phone', '0356-2196301', {}, '0356-***6301'],
  ['name', '欧阳娜娜', {}, '欧***'],
  ['name', { first: '三', last: '张' }, {}, REDACTED],
  ['bank_card', '6217001234567890123', {}, '621700*********0123'],
  ['address_district', '山西省晋城市泽州县金村镇府城村12号', {}, '山西省晋城市泽州县'],
  ['address_district', '府城村12号', {}, REDACTED],
  ['date_year', '1990-01-01', {}, '1990'],
  ['date_year', when, {}, '2024'],
  ['hash', '140525199001011234', { salt }, hmacHex('140525199001011234', salt)],
  ['hash', '140525199001011234', { salt, algorithm: 'sm3' }, hmacHex('140525199001011234', salt, 'sm3')],
  // Numbers hash as their decimal text, so 42 and "42" join.
  ['hash', 42, { salt }, hmacHex('42', salt)],
  ['hash', 0.1, { salt }, hmacHex('0.1', salt)],
  ['hash', new Date('invalid'), { salt }, REDACTED],
  ['redact', '13812345678', {}, REDACTED],
  // Constant width: a long value does not show its length.
  ['redact', '山西省晋城市泽州县金村镇府城村12号', {}, REDACTED],
  ['redact', 0, {}, REDACTED],
  ['null', '140525199001011234', {}, null],
  ['null', 0, {}, null],
];

for (const [rule, value, opts, expected] of table) {
  test(`Sec §25 数据加工脱敏: ${rule} of ${typeof value} ${String(value)} → ${String(expected)}`, () => {
    assert.deepEqual(maskValue(value, rule, opts), expected);
    assert.deepEqual(compileMask(rule, opts)(value), expected, 'the rule compiled once masks alike');
  });
}

test('Sec §25 a rule compiled once masks every value as maskValue does, nulls and values it cannot read included', () => {
  const values: unknown[] = [null, undefined, '', ' ', '13812345678', ' 140525199001011234 ', '张三', 'Zhang San', 42, 7n, true, when, {}, ['a']];
  for (const [rule, , opts] of table) {
    const mask = compileMask(rule, opts);
    for (const v of values) assert.deepEqual(mask(v), maskValue(v, rule, opts), `${rule} of ${String(v)}`);
  }
});

test('Sec §27 脱敏后再提供: the table covers every masking rule of the catalog', () => {
  assert.deepEqual([...new Set(table.map(([r]) => r))].sort(), [...MASKING_RULES].sort());
});

test('Sec §25 null and undefined stay null under every rule (a missing value is not shown as "***")', () => {
  for (const rule of MASKING_RULES) {
    for (const v of [null, undefined]) assert.equal(maskValue(v, rule, { param: 2, salt }), null, rule);
  }
});

test('Sec §27 统一社会信用代码: 100 generated codes keep only the first and last 4', () => {
  const rng = new Rng('uscc');
  for (let i = 0; i < 100; i++) {
    const code = generateUscc(rng);
    assert.ok(isValidUscc(code));
    assert.equal(maskValue(code, 'keep_first_last', { param: 4 }), `${code.slice(0, 4)}**********${code.slice(14)}`);
  }
});

const misconfigured: Array<[what: string, rule: string, opts: MaskOptions, code: MaskingError['code']]> = [
  ['keep_first without N', 'keep_first', {}, 'invalid_param'],
  ['keep_last with a negative N', 'keep_last', { param: -1 }, 'invalid_param'],
  ['keep_first_last with a fractional N', 'keep_first_last', { param: 1.5 }, 'invalid_param'],
  ['hash without a salt', 'hash', {}, 'missing_salt'],
  ['hash with an unknown algorithm', 'hash', { salt, algorithm: 'md5' as 'sha256' }, 'unsupported_algorithm'],
  ['an unknown rule', 'mask_everything', {}, 'unknown_rule'],
  ['a prototype key as rule', 'toString', {}, 'unknown_rule'],
];
for (const [what, rule, opts, code] of misconfigured) {
  test(`Sec §27 a misconfigured rule (${what}) stops delivery, even on a null value`, () => {
    for (const v of ['13812345678', null]) {
      assert.throws(() => maskValue(v, rule as MaskingRule, opts), (e: unknown) => e instanceof MaskingError && e.code === code);
    }
    assert.throws(() => compileMask(rule as MaskingRule, opts), (e: unknown) => e instanceof MaskingError && e.code === code, 'refused when compiled');
  });
}
