import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GRADING_RULES } from './defaults.ts';
import { diffRuleSets } from './diff.ts';
import { checkRuleSet } from './validate.ts';
import type { GradingRuleSet } from './types.ts';

const edited = (change: (r: GradingRuleSet) => void): GradingRuleSet => {
  const r = structuredClone(DEFAULT_GRADING_RULES);
  change(r);
  return r;
};

test('the default rule set is consistent', () => {
  assert.deepEqual(checkRuleSet(DEFAULT_GRADING_RULES), []);
});

const cases: Array<[title: string, rules: GradingRuleSet, expected: string[]]> = [
  ['Sec §16 分级保护: L3 cannot be opened more than L2', edited((r) => { r.grades[3].maxOpenType = 'open'; }), ['grades.3.maxOpenType Sec §16']],
  ['Sec §16: L4 cannot drop the watermark L3 has', edited((r) => { r.grades[4].watermark = false; }), ['grades.4.watermark Sec §16']],
  ['Sec §16: L4 cannot log less than L3', edited((r) => { r.grades[4].auditDetail = 'summary'; }), ['grades.4.auditDetail Sec §16']],
  ['Sec §16: L2 cannot demand encryption that L3 does not', edited((r) => { r.grades[2].encryptAtRest = true; r.grades[3].encryptAtRest = false; r.grades[4].encryptAtRest = false; }), ['grades.3.encryptAtRest Sec §16']],
  ['Sec §27 + §30(一): a grade needing internal review cannot be unconditional', edited((r) => {
    r.grades[3].maxShareType = 'unconditional'; r.grades[4].maxShareType = 'unconditional';
  }), ['grades.3.maxShareType Sec §27', 'grades.4.maxShareType Sec §27']],
  ['Sec §27: a security assessment is part of the internal review', edited((r) => { r.important.internalReview = false; }), ['important.internalReview Sec §27']],
  ['Sec §28: 重要数据 is never opened', edited((r) => { r.important.maxOpenType = 'conditional'; }), ['important.maxOpenType Sec §28']],
  ['Sec §27: a sensitive type cannot default to no masking', edited((r) => { r.sensitiveTypes.phone.masking = 'none'; }), ['sensitiveTypes.phone.masking Sec §27']],
  ['Sec §25: a keep-N default needs its N', edited((r) => { r.sensitiveTypes.email = { minGrade: 1, masking: 'keep_first' }; }), ['sensitiveTypes.email.maskingParam Sec §25']],
  ['a stricter L2 is fine', edited((r) => { r.grades[2].maxShareType = 'conditional'; r.grades[2].internalReview = true; }), []],
];

for (const [title, rules, expected] of cases) {
  test(title, () => {
    const problems = checkRuleSet(rules);
    assert.deepEqual(problems.map((p) => `${p.field} ${p.article}`), expected);
    for (const p of problems) assert.ok(p.zh && p.en && p.zh !== p.en);
  });
}

test('Sec §17: an edit is recorded path by path', () => {
  const after = edited((r) => { r.grades[2].watermark = true; r.sensitiveTypes.email = { minGrade: 2, masking: 'redact' }; });
  assert.deepEqual(diffRuleSets(DEFAULT_GRADING_RULES, after), [
    { path: 'grades.2.watermark', before: false, after: true },
    { path: 'sensitiveTypes.email.masking', before: 'keep_first', after: 'redact' },
    { path: 'sensitiveTypes.email.maskingParam', before: 2, after: null },
    { path: 'sensitiveTypes.email.minGrade', before: 1, after: 2 },
  ]);
  assert.deepEqual(diffRuleSets(DEFAULT_GRADING_RULES, structuredClone(DEFAULT_GRADING_RULES)), []);
});
