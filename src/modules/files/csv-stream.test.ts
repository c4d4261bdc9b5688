/** Streamed CSV records: the same records whatever the chunk boundaries (quotes, CRLF, doubled quotes). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from '../catalog/transfer/csv.ts';
import { CsvRecordStream } from './csv-stream.ts';

function streamed(text: string, size: number): string[][] {
  const s = new CsvRecordStream();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  return [...out, ...s.end()];
}

describe('CsvRecordStream', () => {
  const texts: Array<[string, string]> = [
    ['plain CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['LF, no final newline', 'a,b\n1,2\n3,4'],
    ['quoted commas, new lines and doubled quotes', 'name,note\r\n"张,三","他说""好""\r\n第二行"\r\n李四,""\r\n'],
    ['a doubled quote at the very end', 'a\r\n"x"""'],
    ['CR only', 'a,b\r1,2\r'],
    ['tab-separated', 'a\tb\n1\t2\n'],
    ['formula guard removed', "a\r\n'=1+1\r\n"],
    ['empty cells', 'a,b,c\r\n,,\r\n'],
  ];
  for (const [name, text] of texts) {
    it(`${name}: same records as parseCsv at every chunk size`, () => {
      const whole = parseCsv(text);
      assert.ok(whole.ok);
      const expected = [whole.table.header, ...whole.table.rows.map((r) => r.cells)];
      for (const size of [1, 2, 3, 5, 1000]) assert.deepEqual(streamed(text, size), expected, `chunk size ${size}`);
    });
  }
});
