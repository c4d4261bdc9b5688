import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Category } from './types.ts';
import {
  CodingError, DEFAULT_CODING_RULE, classificationPrefix, formatCode, parseCode, validateCodingRule,
  type CodeOptions, type ParsedCode,
} from './code.ts';

const R = (pattern: string) => ({ pattern });

const formats: Array<[pattern: string, category: Category, seq: number, opts: CodeOptions, code: string, prefix: string]> = [
  [DEFAULT_CODING_RULE.pattern, { kind: 'department', item: '01', subItem: '020' }, 42, {}, '301020/000042', '301020/'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic' }, 1, {}, '100000/000001', '100000/'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'theme', item: '12' }, 999999, {}, '212000/999999', '212000/'],
  ['{region}-{kind}{item}{subItem}-{seq:5}', { kind: 'department', item: '03' }, 7, { region: '140525' }, '140525-303000-00007', '140525-303000-'],
  ['JC{kind}.{seq:4}', { kind: 'theme' }, 12, {}, 'JC2.0012', 'JC2.'],
  ['{seq:3}/{kind}', { kind: 'basic' }, 5, {}, '005/1', ''],
  ['{seq:12}', { kind: 'basic' }, 123456789012, {}, '123456789012', ''],
];

for (const [pattern, category, seq, opts, code, prefix] of formats) {
  test(`§13 统一编码: ${pattern} with ${JSON.stringify(category)} seq ${seq} → ${code}`, () => {
    assert.equal(formatCode(R(pattern), category, seq, opts), code);
    assert.equal(classificationPrefix(R(pattern), category, opts), prefix);
    assert.ok(code.startsWith(prefix));
  });
}

const parses: Array<[pattern: string, code: string, parsed: ParsedCode]> = [
  [DEFAULT_CODING_RULE.pattern, '301020/000042', { kind: 'department', item: '01', subItem: '020', seq: 42 }],
  [DEFAULT_CODING_RULE.pattern, '100000/000001', { kind: 'basic', seq: 1 }],
  [DEFAULT_CODING_RULE.pattern, '212000/999999', { kind: 'theme', item: '12', seq: 999999 }],
  ['{region}-{kind}{item}{subItem}-{seq:5}', '140525-303000-00007', { region: '140525', kind: 'department', item: '03', seq: 7 }],
  ['JC{kind}.{seq:4}', 'JC2.0012', { kind: 'theme', seq: 12 }],
  ['{seq:3}/{kind}', '005/1', { kind: 'basic', seq: 5 }],
];

for (const [pattern, code, parsed] of parses) {
  test(`§13 统一编码: parse ${code} under ${pattern}`, () => {
    assert.deepEqual(parseCode(R(pattern), code), { ok: true, parsed });
  });
}

const badCodes: Array<[pattern: string, code: string, error: string]> = [
  [DEFAULT_CODING_RULE.pattern, '301020000042', 'CODE_FORMAT'],     // missing the literal '/'
  [DEFAULT_CODING_RULE.pattern, '301020/00042', 'CODE_FORMAT'],     // seq one digit short
  [DEFAULT_CODING_RULE.pattern, '301020/0000042', 'CODE_FORMAT'],   // seq one digit long
  [DEFAULT_CODING_RULE.pattern, '3010a0/000042', 'CODE_FORMAT'],    // letter in a digit field
  [DEFAULT_CODING_RULE.pattern, ' 301020/000042', 'CODE_FORMAT'],   // no trimming: a code is exact
  [DEFAULT_CODING_RULE.pattern, '', 'CODE_FORMAT'],
  [DEFAULT_CODING_RULE.pattern, '401020/000042', 'CODE_KIND'],      // class digit must be 1–3
  [DEFAULT_CODING_RULE.pattern, '001020/000042', 'CODE_KIND'],
  [DEFAULT_CODING_RULE.pattern, '300020/000042', 'CODE_SUBITEM_WITHOUT_ITEM'],
  [DEFAULT_CODING_RULE.pattern, '301020/000000', 'CODE_SEQ_ZERO'],
  ['JC{kind}.{seq:4}', 'JCX2.0012', 'CODE_FORMAT'],
  ['JC{kind}.{seq:4}', 'JC2x0012', 'CODE_FORMAT'],                  // '.' is literal, not "any character"
  ['{region}-{seq:3}', '14052-001', 'CODE_FORMAT'],
  ['{kind}{oops}{seq:3}', '1001', 'CODING_RULE_INVALID'],
];

for (const [pattern, code, error] of badCodes) {
  test(`§13 统一编码: ${JSON.stringify(code)} under ${pattern} is rejected with ${error}`, () => {
    const r = parseCode(R(pattern), code);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.code, error);
      assert.ok(r.error.zh.length > 0 && r.error.en.length > 0);
    }
  });
}

test('§13 统一编码: format then parse round-trips for every class, with and without 项/目', () => {
  const categories: Category[] = [
    { kind: 'basic' }, { kind: 'theme', item: '05' }, { kind: 'department', item: '99', subItem: '001' },
    { kind: 'department', item: '10', subItem: '999' },
  ];
  for (const pattern of [DEFAULT_CODING_RULE.pattern, '{region}{kind}{item}{subItem}{seq:8}']) {
    for (const category of categories) {
      for (const seq of [1, 42, 99999]) {
        const code = formatCode(R(pattern), category, seq, { region: '140581' });
        const r = parseCode(R(pattern), code);
        assert.ok(r.ok, code);
        if (r.ok) {
          assert.equal(r.parsed.kind, category.kind);
          assert.equal(r.parsed.item, category.item);
          assert.equal(r.parsed.subItem, category.subItem);
          assert.equal(r.parsed.seq, seq);
        }
      }
    }
  }
});

const badRules: Array<[pattern: string, errors: string[]]> = [
  ['', ['CODING_RULE_EMPTY']],
  ['   ', ['CODING_RULE_EMPTY']],
  ['{kind}{item}{subItem}', ['CODING_RULE_NO_SEQ']],
  ['{kind}{seq}', ['CODING_RULE_SEQ_WIDTH']],
  ['{kind}{seq:0}', ['CODING_RULE_SEQ_WIDTH']],
  ['{kind}{seq:13}', ['CODING_RULE_SEQ_WIDTH']],
  ['{kind}{seq:x}', ['CODING_RULE_UNKNOWN_PLACEHOLDER', 'CODING_RULE_NO_SEQ']],
  ['{kind}{dept}{seq:6}', ['CODING_RULE_UNKNOWN_PLACEHOLDER']],
  ['{Kind}{seq:6}', ['CODING_RULE_UNKNOWN_PLACEHOLDER']],
  ['{kind}{kind}{seq:6}', ['CODING_RULE_DUPLICATE_PLACEHOLDER']],
  ['{seq:6}{seq:4}', ['CODING_RULE_DUPLICATE_PLACEHOLDER']],
  ['{kind{seq:6}', ['CODING_RULE_UNBALANCED_BRACE']],
  ['{kind}}{seq:6}', ['CODING_RULE_UNBALANCED_BRACE']],
  ['{kind} {seq:6}', ['CODING_RULE_BAD_LITERAL']],
  ['晋城{kind}{seq:6}', ['CODING_RULE_BAD_LITERAL']],
  [`${'A'.repeat(95)}{seq:6}`, ['CODING_RULE_TOO_LONG']],
];

for (const [pattern, errors] of badRules) {
  test(`§13 编码规范: coding rule ${JSON.stringify(pattern)} is refused (${errors.join(', ')})`, () => {
    const got = validateCodingRule(pattern);
    assert.deepEqual(got.map((e) => e.code), errors);
    for (const e of got) assert.ok(e.zh.length > 0 && e.en.length > 0);
  });
}

const goodRules = [
  DEFAULT_CODING_RULE.pattern, '{seq:1}', '{region}{kind}{item}{subItem}{seq:6}', 'JC-{kind}_{item}.{seq:4}',
];
for (const pattern of goodRules) {
  test(`§13 编码规范: coding rule ${pattern} is accepted`, () => {
    assert.deepEqual(validateCodingRule(pattern), []);
  });
}

const formatErrors: Array<[pattern: string, category: Category, seq: number, opts: CodeOptions, error: string]> = [
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic' }, 0, {}, 'SEQ_OUT_OF_RANGE'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic' }, 1_000_000, {}, 'SEQ_OUT_OF_RANGE'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic' }, 1.5, {}, 'SEQ_OUT_OF_RANGE'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic' }, -3, {}, 'SEQ_OUT_OF_RANGE'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic', item: '1' }, 1, {}, 'CATEGORY_INVALID'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic', subItem: '001' }, 1, {}, 'CATEGORY_INVALID'],
  [DEFAULT_CODING_RULE.pattern, { kind: 'basic', item: '01', subItem: '1' }, 1, {}, 'CATEGORY_INVALID'],
  ['{region}{seq:4}', { kind: 'basic' }, 1, {}, 'REGION_REQUIRED'],
  ['{region}{seq:4}', { kind: 'basic' }, 1, { region: '1405' }, 'REGION_INVALID'],
  ['{kind}', { kind: 'basic' }, 1, {}, 'CODING_RULE_NO_SEQ'],
];

for (const [pattern, category, seq, opts, error] of formatErrors) {
  test(`§13 统一编码: formatCode(${pattern}, ${JSON.stringify(category)}, ${seq}) throws ${error}`, () => {
    assert.throws(
      () => formatCode(R(pattern), category, seq, opts),
      (e: unknown) => e instanceof CodingError && e.code === error && e.zh.length > 0 && e.en.length > 0,
    );
  });
}

test('§13 统一编码: classificationPrefix needs the region too when the rule has {region}', () => {
  assert.throws(() => classificationPrefix(R('{region}{seq:4}'), { kind: 'basic' }), CodingError);
  assert.equal(classificationPrefix(R('{region}{seq:4}'), { kind: 'basic' }, { region: '140500' }), '140500');
});
