import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS, SHARE_TYPE_LABELS, VOCABULARIES, entriesOf, fromLabel, labelOf,
  type Label, type Vocabulary,
} from './labels.ts';
import { normalizeText } from './normalize-text.ts';

const vocabularies = Object.entries(VOCABULARIES) as Array<[string, Vocabulary<string | number>]>;

for (const [name, vocab] of vocabularies) {
  test(`§9 目录要素 ${name}: every value has a non-empty zh and en label`, () => {
    assert.deepEqual(Object.keys(vocab.labels).sort(), vocab.values.map(String).sort());
    for (const [value, label] of entriesOf(vocab)) {
      assert.ok(label.zh.trim().length > 0, `${name}.${value} zh`);
      assert.ok(label.en.trim().length > 0, `${name}.${value} en`);
    }
  });

  test(`§9 目录要素 ${name}: no spelling (label, alias, code) names two values`, () => {
    const owner = new Map<string, string | number>();
    for (const [value, l] of entriesOf(vocab)) {
      for (const s of [String(value), l.zh, l.en, ...(l.aliases ?? [])]) {
        const key = normalizeText(s);
        const prev = owner.get(key);
        assert.ok(prev === undefined || prev === value, `${name}: "${s}" names both ${prev} and ${value}`);
        owner.set(key, value);
      }
    }
  });

  test(`§9 目录要素 ${name}: fromLabel round-trips the zh label, the en label and the code`, () => {
    for (const [value, label] of entriesOf(vocab)) {
      assert.equal(fromLabel(vocab, label.zh), value);
      assert.equal(fromLabel(vocab, label.en), value);
      assert.equal(fromLabel(vocab, String(value)), value);
    }
  });
}

// Cells as departments actually type them in the Excel template.
const importCells: Array<[vocab: keyof typeof VOCABULARIES, cell: string | number, expected: string | number | undefined]> = [
  ['shareType', '有条件共享', 'conditional'],
  ['shareType', '无条件共享', 'unconditional'],
  ['shareType', '不予共享', 'none'],
  ['shareType', '  有条件共享类 ', 'conditional'],
  ['shareType', '有条件共享。', 'conditional'],
  ['shareType', 'Conditional Sharing', 'conditional'],
  ['shareType', '共享', undefined],
  ['shareType', '', undefined],
  ['shareMethod', '库表', 'table'],
  ['shareMethod', '接口', 'api'],
  ['shareMethod', 'ＡＰＩ', 'api'],
  ['shareMethod', '文件', 'file'],
  ['shareMethod', '核验', 'verify'],
  ['shareMethod', '数据比对', 'verify'],
  ['openType', '无条件开放', 'open'],
  ['openType', '有条件开放', 'conditional'],
  ['openType', '不予开放', 'closed'],
  ['openType', '不开放', 'closed'],
  ['updateCycle', '实时', 'realtime'],
  ['updateCycle', '每日', 'daily'],
  ['updateCycle', '每周', 'weekly'],
  ['updateCycle', '每月', 'monthly'],
  ['updateCycle', '每季度', 'quarterly'],
  ['updateCycle', '每半年', 'halfyearly'],
  ['updateCycle', '每年', 'yearly'],
  ['updateCycle', '不定期', 'irregular'],
  ['grade', 'L1', 1],
  ['grade', '第三级', 3],
  ['grade', '4', 4],
  ['grade', 3, 3],
  ['grade', 'L4 敏感', 4],
  ['grade', '不敏感', 1],
  ['sensitiveType', '公民身份号码', 'id_card'],
  ['sensitiveType', '身份证号', 'id_card'],
  ['sensitiveType', '手机号码', 'phone'],
  ['sensitiveType', '统一社会信用代码', 'uscc'],
  ['categoryKind', '基础', 'basic'],
  ['categoryKind', '部门类', 'department'],
  ['status', '撤销审核中', 'withdrawing'],
  ['status', '已撤销', 'withdrawn'],
  ['masking', '保留首尾N位', 'keep_first_last'],
  ['format', 'Excel', 'xlsx'],
  ['itemType', 'varchar', 'string'],
];

for (const [vocab, cell, expected] of importCells) {
  test(`§9 Excel import: ${vocab} cell ${JSON.stringify(cell)} → ${String(expected)}`, () => {
    assert.equal(fromLabel(VOCABULARIES[vocab] as Vocabulary<string | number>, cell), expected);
  });
}

test('§22 共享属性 labels are 无条件共享/有条件共享/不予共享', () => {
  assert.deepEqual(
    VOCABULARIES.shareType.values.map((v) => labelOf(SHARE_TYPE_LABELS, v, 'zh')),
    ['无条件共享', '有条件共享', '不予共享'],
  );
});

test('§16 (security rules) grades read L1 不敏感 … L4 敏感', () => {
  assert.equal(VOCABULARIES.grade.labels[1].zh, 'L1 不敏感');
  assert.equal(VOCABULARIES.grade.labels[4].zh, 'L4 敏感');
});

test('§10 数据字典: every entry and item field has a zh and en name, unique in zh', () => {
  for (const table of [ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS] as Array<Record<string, Label>>) {
    const zh = Object.values(table).map((l) => l.zh);
    assert.equal(new Set(zh).size, zh.length);
    for (const l of Object.values(table)) assert.ok(l.zh.length > 0 && l.en.length > 0);
  }
});
