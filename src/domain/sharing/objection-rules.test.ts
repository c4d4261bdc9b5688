import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Issue } from '../catalog/issue.ts';
import {
  CORRECTION_WORKDAYS, MAX_SAMPLE_KEYS, validateObjection, validateObjectionResolution, type ObjectionInput,
} from './objection-rules.ts';

const items = ['project_name', 'level', 'location'];
const key = (i: Issue): string => `${i.level} ${i.code} ${i.field} ${i.article}`;
const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `P${i}`);

test('§32 提供部门应在收到反馈之日起5个工作日内予以校核更正', () => {
  assert.equal(CORRECTION_WORKDAYS, 5);
  assert.equal(MAX_SAMPLE_KEYS, 100);
});

const cases: Array<[title: string, input: ObjectionInput, expected: string[]]> = [
  ['§32 a described doubt is enough', { description: '建设地点与项目批复不一致' }, []],
  ['§32 with items and sample keys', { description: '层级错误', items: ['level'], sampleKeys: ['P12', 'P40'] }, []],
  ['§32 有疑义或发现有明显错误: the description is required', { items: ['level'] }, ['error REQUIRED description §32']],
  ['§32 a blank description', { description: '   ' }, ['error REQUIRED description §32']],
  ['§32 an item not in the entry', { description: 'x', items: ['level', 'budget'] }, ['error UNKNOWN_ITEM items[1] §32']],
  ['§32 an item listed twice', { description: 'x', items: ['level', 'level'] }, ['error DUPLICATE_ITEM items[1] §32']],
  ['§32 items must be a list', { description: 'x', items: 'level' }, ['error INVALID_VALUE items §32']],
  ['§32 100 sample keys are allowed', { description: 'x', sampleKeys: keys(100) }, []],
  ['§32 101 sample keys are too many', { description: 'x', sampleKeys: keys(101) }, ['error TOO_MANY sampleKeys §32']],
  ['§32 sample keys must be a list', { description: 'x', sampleKeys: 'P1' }, ['error INVALID_VALUE sampleKeys §32']],
];

for (const [title, input, expected] of cases) {
  test(title, () => assert.deepEqual(validateObjection(input, items).map(key), expected));
}

test('§32 the entry’s items may be passed as the items themselves', () => {
  const entryItems = items.map((name) => ({ name, label: name }));
  assert.deepEqual(validateObjection({ description: 'x', items: ['location'] }, entryItems), []);
  assert.deepEqual(validateObjection({ description: 'x', items: ['budget'] }, entryItems).map(key), ['error UNKNOWN_ITEM items[0] §32']);
});

test('§32 a resolution is corrected or confirmed, with a comment', () => {
  assert.deepEqual(validateObjectionResolution({ outcome: 'corrected', comment: '已按批复更正建设地点' }), []);
  assert.deepEqual(validateObjectionResolution({ outcome: 'confirmed', comment: '经核对批复文件，数据无误' }), []);
  assert.deepEqual(validateObjectionResolution({ outcome: 'ignored', comment: 'x' }).map(key), ['error INVALID_VALUE outcome §32']);
  assert.deepEqual(validateObjectionResolution({ outcome: 'confirmed' }).map(key), ['error REQUIRED comment §32']);
});
