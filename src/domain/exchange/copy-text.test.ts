import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CopyLineSplitter, decodeCopyLine, encodeCopyField, encodeCopyLine, type CopyField } from './copy-text.ts';

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

test('COPY text: chunks split anywhere — inside a row, inside a UTF-8 character — give whole lines', () => {
  const text = Buffer.from('一\t二\n三\t\\N\nfour\tfive\n');
  for (let cut = 0; cut <= text.length; cut++) {
    const s = new CopyLineSplitter();
    const lines = [...s.push(text.subarray(0, cut)), ...s.push(text.subarray(cut))];
    assert.deepEqual(lines, ['一\t二', '三\t\\N', 'four\tfive'], `cut at ${cut}`);
    s.end();
  }
  const open = new CopyLineSplitter();
  open.push(Buffer.from('half a row'));
  assert.throws(() => open.end(), /inside a row/);
});
