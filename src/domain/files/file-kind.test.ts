/** What an uploaded file is (§17 文件共享): name rules, kind by extension and first bytes — table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileNameProblem, headMatchesKind, kindByName, mediaTypeOf } from './file-kind.ts';

describe('file names', () => {
  const cases: Array<[string, string | undefined]> = [
    ['2024年重点工程项目.xlsx', undefined], ['report v2.pdf', undefined], ['', 'empty'], ['..', 'empty'],
    ['a/b.csv', 'path'], ['a\\b.csv', 'path'], ['tab\there.csv', 'control'], [' lead.csv', 'control'], ['x'.repeat(201), 'too_long'],
  ];
  for (const [name, problem] of cases) it(`${JSON.stringify(name.slice(0, 30))} → ${problem ?? 'ok'}`, () => assert.equal(fileNameProblem(name), problem));
});

describe('kinds', () => {
  const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]);
  const cases: Array<[string, Buffer, string, boolean]> = [
    ['data.CSV', Buffer.from('a,b\r\n'), 'csv', true],
    ['data.csv', Buffer.from([0x61, 0x00, 0x62]), 'csv', false],
    ['book.xlsx', zip, 'xlsx', true],
    ['book.xlsx', Buffer.from('a,b'), 'xlsx', false],
    ['scan.pdf', Buffer.from('%PDF-1.7\n'), 'pdf', true],
    ['scan.pdf', zip, 'pdf', false],
    ['archive.zip', zip, 'other', true],
    ['noext', Buffer.from('x'), 'other', true],
  ];
  for (const [name, head, kind, matches] of cases) {
    it(`${name} is ${kind}${matches ? '' : ', and its bytes disagree'}`, () => {
      assert.equal(kindByName(name), kind);
      assert.equal(headMatchesKind(kindByName(name), head), matches);
    });
  }
  it('media types: ours for known kinds, a plausible declared one otherwise', () => {
    assert.equal(mediaTypeOf('csv', 'application/vnd.ms-excel'), 'text/csv');
    assert.equal(mediaTypeOf('other', 'application/zip'), 'application/zip');
    assert.equal(mediaTypeOf('other', 'text/html; script'), 'application/octet-stream');
    assert.equal(mediaTypeOf('other', undefined), 'application/octet-stream');
  });
});
