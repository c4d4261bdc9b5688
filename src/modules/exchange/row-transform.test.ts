/**
 * Shaping source COPY lines into the synced table's lines (security rules §25, §27): unmasked items
 * pass through byte for byte (escapes included), masked items are decoded, masked by maskValue and
 * escaped again; the key is the granted key or its HMAC; an incremental row out of scope becomes a
 * delete and is never delivered. The result must equal decode → mask → encode, row for row.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeCopyLines, encodeCopyLine, type CopyField } from '../../domain/exchange/copy-text.ts';
import { maskValue } from '../../domain/policy/masking.ts';
import type { MaskingPlan } from '../../domain/policy/row-policy.ts';
import { compileBatchShaper, compileRowKey } from './row-transform.ts';
import type { SyncColumn } from './context.ts';

const salt = Buffer.alloc(32, 7);
const col = (item: string, rule: SyncColumn['rule']): SyncColumn => ({ item, source: item, type: 'text', rule });
const columns = [col('code', 'none'), col('name', 'name'), col('note', 'none'), col('phone', 'phone')];
const masking: MaskingPlan = new Map(columns.map((c) => [c.item, { rule: c.rule, source: 'item' as const }]));
const lines = (rows: CopyField[][]) => ({ text: Buffer.from(rows.map(encodeCopyLine).join('')), rows: rows.length });
const source: CopyField[][] = [
  ['JC\\1', '张三丰', 'a\tb\\c', '13912345678'],
  ['JC-2', null, null, null],
  ['JC-3', '王\t五', '', '1391234'],
];

test('full pass, granted unmasked key: unmasked items pass through, masked ones are masked and re-escaped', async () => {
  const shape = compileBatchShaper({ columns, masking, salt, keyColumns: ['code'] }, { keys: 1, change: false, items: 4 });
  const rows = source.map((r) => [r[0]!, ...r]);
  const out = await shape(lines(rows), 3);
  const expected = source.map((r) => [r[0]!, '3', r[0]!, maskValue(r[1], 'name') as CopyField, r[2]!, maskValue(r[3], 'phone') as CopyField]);
  assert.deepEqual(decodeCopyLines(out.copy), expected);
  assert.equal(out.copy.toString(), expected.map(encodeCopyLine).join(''), 'the same bytes as encoding the decoded, masked row');
  assert.deepEqual([out.rows, out.deletes, out.lastKey, out.lastChange], [3, [], ['JC-3'], null]);
  assert.ok(out.bytes > 0);
  assert.ok(!out.copy.toString().includes('张三丰') && !out.copy.toString().includes('13912345678'), 'no masked value leaves unmasked');
});

test('incremental pass, hashed key: rows out of scope become deletes; the checkpoint is the last row read', async () => {
  const keyColumns = ['id_card'];
  const shape = compileBatchShaper({ columns, masking, salt, keyColumns }, { keys: 1, change: true, items: 4 });
  const rowKey = compileRowKey({ columns, salt, keyColumns });
  const rows: CopyField[][] = source.map((r, i) => [`1405${i}`, `2024-01-0${i + 1} 00:00:00+08`, i === 1 ? 'false' : 'true', ...r]);
  const out = await shape(lines(rows), 1);
  assert.deepEqual(out.deletes, [rowKey(['14051'])]);
  assert.deepEqual(decodeCopyLines(out.copy).map((r) => r[0]), [rowKey(['14050']), rowKey(['14052'])]);
  assert.match(rowKey(['14050']), /^[0-9a-f]{64}$/, 'an ungranted key travels only as its HMAC');
  assert.deepEqual([out.rows, out.lastKey, out.lastChange], [2, ['14052'], '2024-01-03 00:00:00+08']);
});

test('a line with the wrong number of fields stops the batch', async () => {
  const shape = compileBatchShaper({ columns, masking, salt, keyColumns: ['code'] }, { keys: 1, change: false, items: 4 });
  await assert.rejects(shape({ text: Buffer.from('a\tb\n'), rows: 1 }, 1), /fields/);
});

test('long unmasked runs and long or non-ASCII masked values come out byte for byte as decode → mask → encode', async () => {
  const wide = [col('code', 'none'), col('name', 'name'), col('note', 'none'), col('phone', 'hash')];
  const plan: MaskingPlan = new Map(wide.map((c) => [c.item, { rule: c.rule, source: 'item' as const }]));
  const shape = compileBatchShaper({ columns: wide, masking: plan, salt, keyColumns: ['code'] }, { keys: 1, change: false, items: 4 });
  const rows: CopyField[][] = [
    ['JC-0004', 'JC-0004', '欧阳娜娜', `${'x'.repeat(40)}长备注\n第二行\t${'y'.repeat(33)}`, '13800000000'],
    ['JC-0005', 'JC-0005', 'Li Lei', 'short', null],
  ];
  const out = await shape(lines(rows), 12);
  const expected = rows.map((r) => [r[0]!, '12', r[1]!, maskValue(r[2]!, 'name') as CopyField, r[3]!, (r[4] === null ? null : maskValue(r[4]!, 'hash', { salt, algorithm: 'sha256' })) as CopyField]);
  assert.equal(out.copy.toString(), expected.map(encodeCopyLine).join(''));
  assert.ok((expected[0]![5] as string).length > 32, 'a hash is longer than the short-copy path');
});
