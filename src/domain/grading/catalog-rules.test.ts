/** The grading rule set as the catalog's validation reads it (security rules §2, §16, §27, §28). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateEntry } from '../catalog/validation.ts';
import { DEFAULT_GRADING_RULES } from './defaults.ts';
import type { GradingRuleSet } from './types.ts';

const body = (overrides: Record<string, unknown>) => ({
  name: '特种设备使用登记信息',
  summary: '全市特种设备使用登记的设备类别、使用单位和登记证编号',
  storageLevel: 'city',
  category: { kind: 'department', item: '01', subItem: '020' },
  grade: 2,
  important: false,
  format: 'database',
  items: [
    { name: 'registration_no', label: '使用登记证编号', type: 'string', length: 32, key: true },
    { name: 'equipment_type', label: '设备类别', type: 'string', length: 20 },
  ],
  shareType: 'conditional',
  shareScope: '市场监管、应急管理部门履职使用',
  shareMethod: 'api',
  openType: 'closed',
  updateCycle: 'daily',
  ...overrides,
});

const gradingCodes = (b: unknown, grading?: GradingRuleSet) => validateEntry(b as never, { grading: grading ?? DEFAULT_GRADING_RULES })
  .filter((i) => ['CORE_DATA_REFUSED', 'SHARE_GRADE_UNCONDITIONAL', 'IMPORTANT_GRADE_TOO_LOW', 'GRADE_TOO_LOW', 'OPEN_GRADE_TOO_HIGH', 'OPEN_GRADE2_UNCONDITIONAL', 'OPEN_IMPORTANT'].includes(i.code))
  .map((i) => `${i.level} ${i.code}`);

const strictL2: GradingRuleSet = structuredClone(DEFAULT_GRADING_RULES);
strictL2.grades[2] = { ...strictL2.grades[2], maxShareType: 'conditional', maxOpenType: 'closed' };
strictL2.sensitiveTypes.phone = { minGrade: 3, masking: 'phone' };

const cases: Array<[title: string, b: unknown, expected: string[], rules?: GradingRuleSet]> = [
  ['Sec §2: 核心数据 is refused', body({ core: true }), ['error CORE_DATA_REFUSED']],
  ['Sec §2: core false is ordinary data', body({ core: false }), []],
  ['§22: L1 may be shared unconditionally', body({ grade: 1, shareType: 'unconditional', shareScope: undefined }), []],
  ['§22: L2 may be shared unconditionally by default', body({ shareType: 'unconditional', shareScope: undefined }), []],
  ['Sec §27: L3 needs the provider\'s review, so it is never unconditional', body({ grade: 3, shareType: 'unconditional', shareScope: undefined }), ['error SHARE_GRADE_UNCONDITIONAL']],
  ['Sec §27: L4 is never unconditional', body({ grade: 4, shareType: 'unconditional', shareScope: undefined }), ['error SHARE_GRADE_UNCONDITIONAL']],
  ['Sec §27: L3 may be conditional', body({ grade: 3 }), []],
  ['Sec §27: 重要数据 is never unconditional, and wants L3', body({ important: true, shareType: 'unconditional', shareScope: undefined }), ['error SHARE_GRADE_UNCONDITIONAL', 'warning IMPORTANT_GRADE_TOO_LOW']],
  ['Sec §16: important L3 conditional is fine', body({ important: true, grade: 3 }), []],
  ['Sec §28: L2 opened conditionally is fine by default', body({ openType: 'conditional', openMethod: '依申请开放' }), []],
  ['Sec §16: the authority\'s stricter L2 forbids unconditional sharing', body({ shareType: 'unconditional', shareScope: undefined }), ['error SHARE_GRADE_UNCONDITIONAL'], strictL2],
  ['Sec §16: … and opening L2 at all', body({ openType: 'conditional', openMethod: '依申请开放' }), ['error OPEN_GRADE_TOO_HIGH'], strictL2],
  ['Sec §16: … and raises the floor of phone numbers', body({ items: [{ name: 'tel', label: '联系电话', type: 'string', sensitiveType: 'phone', masking: 'phone' }] }), ['warning GRADE_TOO_LOW'], strictL2],
  ['Sec §16: a phone number alone does not raise the default floor', body({ items: [{ name: 'tel', label: '联系电话', type: 'string', sensitiveType: 'phone', masking: 'phone' }] }), []],
];

for (const [title, b, expected, rules] of cases) {
  test(title, () => assert.deepEqual(gradingCodes(b, rules), expected));
}
