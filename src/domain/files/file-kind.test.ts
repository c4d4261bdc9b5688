/** What an uploaded file is (§17 文件共享): name rules, kind by extension and first bytes — table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileNameProblem, headMatchesKind, kindByName, mediaTypeOf, spreadsheetAsOther } from './file-kind.ts';

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

describe('spreadsheets that would be delivered whole as "other"', () => {
  const local = (name: string) => {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(Buffer.byteLength(name, 'latin1'), 26);
    return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from('compressed…')]);
  };
  const xlsx = Buffer.concat([local('[Content_Types].xml'), local('_rels/.rels'), local('xl/workbook.xml')]);
  const docx = Buffer.concat([local('[Content_Types].xml'), local('word/document.xml')]);
  const ole2 = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le')]);
  const cases: Array<[string, Buffer, string | undefined]> = [
    ['登记表.xls', Buffer.from('<html><table>'), 'unreadable'],
    ['登记表.ET', ole2('Workbook'), 'unreadable'],
    ['登记表.xlsm', xlsx, 'unreadable'],
    ['登记表.dat', ole2('Workbook'), 'unreadable'],
    ['登记表.bak', xlsx, 'xlsx'],
    ['登记表', xlsx, 'xlsx'],
    ['登记表.xlsx', xlsx, undefined],
    ['说明.docx', docx, undefined],
    ['说明.doc', ole2('WordDocument'), undefined],
    ['archive.zip', local('a.txt'), undefined],
    ['notes.txt', Buffer.from('xl/workbook.xml'), undefined],
  ];
  for (const [name, head, verdict] of cases) {
    it(`${name} → ${verdict ?? 'as named'}`, () => assert.equal(spreadsheetAsOther(name, head), verdict));
  }
});
