import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CopyLineBatcher, decodeCopyField, decodeCopyLine, decodeCopyLines, encodeCopyField, encodeCopyLine, scanCopyLine, type CopyField,
} from './copy-text.ts';

const fields: Array<[title: string, value: CopyField, wire: string]> = [
  ['plain text', '晋城市', '晋城市'],
  ['NULL', null, '\\N'],
  ['empty string is not NULL', '', ''],
  ['the two characters \\N as data', '\\N', '\\\\N'],
  ['tab', 'a\tb', 'a\\tb'],
  ['newline and carriage return', 'a\nb\rc', 'a\\nb\\rc'],
  ['backslash', 'C:\\data', 'C:\\\\data'],
  ['bytea hex text', '\\x0102ff', '\\\\x0102ff'],
  ['other control characters COPY TO escapes', '\b\f\v', '\\b\\f\\v'],
];

for (const [title, value, wire] of fields) {
  test(`COPY text: ${title} round-trips`, () => {
    assert.equal(encodeCopyField(value), wire);
    assert.deepEqual(decodeCopyLine(wire), [value]);
  });
}

test('COPY text: a row of several fields, NULLs included', () => {
  const row: CopyField[] = ['JC-0001', null, '张三\t丰', '', '12.50'];
  const line = encodeCopyLine(row);
  assert.equal(line, 'JC-0001\t\\N\t张三\\t丰\t\t12.50\n');
  assert.deepEqual(decodeCopyLine(line.slice(0, -1)), row);
});

test('COPY text: chunks split anywhere — inside a row, inside a UTF-8 character — give blocks of whole lines', () => {
  const text = Buffer.from('一\t二\n三\t\\N\nfour\tfive\n');
  for (let cut = 0; cut <= text.length; cut++) {
    const b = new CopyLineBatcher(2);
    const blocks = [...b.push(text.subarray(0, cut)), ...b.push(text.subarray(cut))];
    const tail = b.end();
    assert.deepEqual(blocks.map((x) => [x.rows, decodeCopyLines(x.text)]), [[2, [['一', '二'], ['三', null]]]], `cut at ${cut}`);
    assert.deepEqual(tail && [tail.rows, decodeCopyLines(tail.text)], [1, [['four', 'five']]], `cut at ${cut}`);
  }
  const exact = new CopyLineBatcher(3);
  assert.equal(exact.push(text).length, 1);
  assert.equal(exact.end(), null, 'nothing left after a full block');
  const open = new CopyLineBatcher(10);
  open.push(Buffer.from('a\tb\nhalf a row'));
  assert.throws(() => open.end(), /inside a row/);
});

test('COPY text: a line\'s fields are found in its bytes, and decoded only when asked', () => {
  const text = Buffer.from('x\n晋城\t\\N\t\ta\\tb\nnext\n');
  const ends = new Int32Array(4);
  const end = scanCopyLine(text, 2, ends);
  assert.equal(end, text.indexOf('\nnext'));
  const starts = [2, ends[0]! + 1, ends[1]! + 1, ends[2]! + 1];
  assert.deepEqual(starts.map((s, i) => decodeCopyField(text, s, ends[i]!)), ['晋城', null, '', 'a\tb']);
  assert.throws(() => scanCopyLine(text, 0, ends), /does not have 4 fields/, 'too few fields');
  assert.throws(() => scanCopyLine(Buffer.from('a\tb\tc\td\te\n'), 0, ends), /does not have 4 fields/, 'too many fields');
});
