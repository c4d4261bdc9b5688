import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../demo/prng.ts';
import { codePoints, keepFirst, keepFirstLast, keepLast, revealBudget } from './masking-text.ts';

type Keep = (s: string, n: number) => string;
const RULES: Array<[string, Keep]> = [['keep_first', keepFirst], ['keep_last', keepLast], ['keep_first_last', keepFirstLast]];

const table: Array<[rule: string, fn: Keep, value: string, n: number, expected: string]> = [
  // 统一社会信用代码 (18 chars): first 4 and last 4, the catalog default for uscc.
  ['keep_first_last', keepFirstLast, '91350100M000100Y43', 4, '9135**********0Y43'],
  ['keep_first', keepFirst, 'zhangsan@example.cn', 2, 'zh*****************'],
  ['keep_last', keepLast, '6222021234567890', 4, '************7890'],
  ['keep_first', keepFirst, '140525199001011234', 6, '140525************'],
  // The cap: never more than floor(len/2) revealed, whatever N says.
  ['keep_first_last', keepFirstLast, 'ab', 4, 'a*'],
  ['keep_first_last', keepFirstLast, 'abc', 1, 'a**'],
  ['keep_first_last', keepFirstLast, 'abcd', 1, 'a**d'],
  ['keep_first_last', keepFirstLast, 'abcdefghij', 4, 'abc*****ij'],
  ['keep_first', keepFirst, 'abcde', 4, 'ab***'],
  ['keep_last', keepLast, 'abcde', 9, '***de'],
  ['keep_first', keepFirst, 'a', 1, '*'],
  ['keep_last', keepLast, '', 3, ''],
  ['keep_first', keepFirst, 'abcdef', 0, '******'],
  // Chinese and characters outside the BMP count as one position each (code points, not UTF-16 units).
  ['keep_first', keepFirst, '晋城市城区', 2, '晋城***'],
  ['keep_last', keepLast, '𠮷野家𠮷', 1, '***𠮷'],
  ['keep_first_last', keepFirstLast, '😀ab😀', 1, '😀**😀'],
];

for (const [rule, fn, value, n, expected] of table) {
  test(`Sec §25 脱敏: ${rule} ${n} of "${value}" → "${expected}"`, () => {
    assert.equal(fn(value, n), expected);
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test('Sec §25 脱敏: keep_* never splits a surrogate pair', () => {
  for (const [, fn] of RULES) {
    const out = fn('𠮷𠮷𠮷𠮷𠮷', 2);
    assert.doesNotMatch(out, LONE_SURROGATE, `${out} is well-formed UTF-16`);
  }
});

test('Sec §25 脱敏: keep_* reveals at most half the value and keeps its length (property, 500 values)', () => {
  const rng = new Rng('keep-property');
  const alphabet = [...'0123456789ABCXYZ晋城泽州𠮷😀'];
  for (let i = 0; i < 500; i++) {
    const len = rng.int(0, 24);
    const value = Array.from({ length: len }, () => rng.pick(alphabet)).join('');
    const n = rng.int(0, 12);
    for (const [rule, fn] of RULES) {
      const out = codePoints(fn(value, n));
      const src = codePoints(value);
      assert.equal(out.length, src.length, `${rule} keeps length`);
      const revealed = out.filter((c, k) => c !== '*' && c === src[k]).length;
      assert.ok(revealed <= Math.min(revealBudget(len), rule === 'keep_first_last' ? 2 * n : n), `${rule} ${n} "${value}" revealed ${revealed}`);
    }
  }
});

test('Sec §25 脱敏: within one keep_* rule a smaller N reveals a subset of a larger N (basis of masking-strength)', () => {
  const rng = new Rng('keep-monotone');
  for (let i = 0; i < 300; i++) {
    const value = rng.digits(rng.int(1, 20));
    const small = rng.int(0, 8);
    const large = small + rng.int(0, 8);
    for (const [rule, fn] of RULES) {
      const a = codePoints(fn(value, small));
      const b = codePoints(fn(value, large));
      a.forEach((c, k) => {
        if (c !== '*') assert.equal(b[k], c, `${rule}: position ${k} shown by N=${small} must be shown by N=${large}`);
      });
    }
  }
});
