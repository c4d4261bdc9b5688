import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDuplicateSources, type PublishedItemRef } from './one-source.ts';

const police = { providerId: 'd-police', providerName: '市公安局' };
const market = { providerId: 'd-market', providerName: '市市场监管局' };
const sasac = { providerId: 'd-sasac', providerName: '市国资委' };

const published: PublishedItemRef[] = [
  { ...police, entryId: 'e-pop', entryName: '人口基础信息', code: '100000/000001', itemName: 'id_number', itemLabel: '公民身份号码' },
  { ...police, entryId: 'e-pop', entryName: '人口基础信息', code: '100000/000001', itemName: 'person_name', itemLabel: '姓名' },
  { ...police, entryId: 'e-pop', entryName: '人口基础信息', code: '100000/000001', itemName: 'seq', itemLabel: '序号' },
  { ...market, entryId: 'e-corp', entryName: '法人基础信息', code: '100000/000002', itemName: 'uscc', itemLabel: '统一社会信用代码' },
  { ...market, entryId: 'e-sp', entryName: '特种设备使用登记', code: '301010/000007', itemName: 'user_uscc', itemLabel: '统一社会信用代码' },
  { ...sasac, entryId: 'e-dir', entryName: '外部董事人才库', code: '301020/000042', itemName: 'mobile', itemLabel: '手机号码' },
];

type Case = [
  title: string, items: Array<{ name?: string; label?: string }>, own: string, expected: Array<[field: string, codes: string[]]>,
  refs?: PublishedItemRef[],
];

const cases: Case[] = [
  ['§15 一数一源: the same item name published by 市公安局 is a duplicate source',
    [{ name: 'id_number', label: '身份证' }], 'd-sasac', [['items[0]', ['100000/000001']]]],
  ['§15 一数一源: the same Chinese label (full-width brackets, spaces ignored) is a duplicate source',
    [{ name: 'sfzh', label: ' 「公民身份 号码」 ' }], 'd-sasac', [['items[0]', ['100000/000001']]]],
  ['§15 一数一源: names compare case-insensitively',
    [{ name: 'ID_Number', label: '证件号' }], 'd-sasac', [['items[0]', ['100000/000001']]]],
  ['§15 一数一源: all sources are listed in one warning per item',
    [{ name: 'credit_code', label: '统一社会信用代码' }], 'd-sasac', [['items[0]', ['100000/000002', '301010/000007']]]],
  ['§15 一数一源: matching by both name and label lists the source once',
    [{ name: 'person_name', label: '姓名' }], 'd-sasac', [['items[0]', ['100000/000001']]]],
  ['§15 一数一源: the provider’s own published entries are not duplicates',
    [{ name: 'mobile', label: '手机号码' }], 'd-sasac', []],
  ['§15 一数一源: another provider’s same item is a duplicate',
    [{ name: 'mobile', label: '手机号码' }], 'd-police', [['items[0]', ['301020/000042']]]],
  ['§15 一数一源: generic items (序号, seq) are not evidence of a duplicate',
    [{ name: 'seq', label: '序号' }], 'd-sasac', []],
  ['§15 一数一源: only the duplicated items are reported, by position',
    [{ name: 'project_name', label: '项目名称' }, { name: 'owner_uscc', label: '统一社会信用代码（建设单位）' }, { name: 'uscc', label: '建设单位代码' }],
    'd-dev', [['items[2]', ['100000/000002']]]],
  ['§15 一数一源: nothing published, nothing to warn', [{ name: 'id_number', label: '公民身份号码' }], 'd-x', [], []],
];

for (const [title, items, own, expected, refs = published] of cases) {
  test(title, () => {
    const got = findDuplicateSources(items, refs, own);
    assert.deepEqual(got.map((w) => [w.field, w.sources.map((s) => s.code)]), expected);
    for (const w of got) {
      assert.equal(w.level, 'warning');
      assert.equal(w.code, 'DUPLICATE_SOURCE');
      assert.equal(w.article, '§15');
    }
  });
}

test('§15 一数一源: the warning names the other department and its entry in Chinese and English', () => {
  const [w] = findDuplicateSources([{ name: 'credit_code', label: '统一社会信用代码' }], published, 'd-sasac');
  assert.ok(w);
  assert.match(w.zh, /市市场监管局「法人基础信息」（100000\/000002）/);
  assert.match(w.zh, /市市场监管局「特种设备使用登记」（301010\/000007）/);
  assert.match(w.zh, /一数一源/);
  assert.match(w.en, /市市场监管局 "法人基础信息" \(100000\/000002\)/);
});
