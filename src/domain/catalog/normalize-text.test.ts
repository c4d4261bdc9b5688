import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeText } from './normalize-text.ts';

const cases: Array<[input: string, expected: string]> = [
  ['公民身份号码', '公民身份号码'],
  ['  公民 身份号码 ', '公民身份号码'],
  ['公民身份号码（脱敏）', '公民身份号码脱敏'],
  ['公民身份号码(脱敏)', '公民身份号码脱敏'],
  ['ＩＤ＿Ｎｕｍｂｅｒ', 'idnumber'],
  ['有条件共享\u3000', '有条件共享'],
  ['企业名称、地址。', '企业名称地址'],
  ['L1 不敏感', 'l1不敏感'],
  ['', ''],
];

for (const [input, expected] of cases) {
  test(`§15 一数一源 normalisation: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
    assert.equal(normalizeText(input), expected);
  });
}
