/**
 * The CSV reader and writer (RFC 4180): quoting, line breaks inside cells, row numbers as Excel
 * shows them, BOM and GB18030 (what Excel on a Chinese Windows saves), the formula guard, limits.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCsv, parseCsv, writeCsv } from './csv.ts';

/** GB18030 bytes of `text` (double-byte characters only), found by decoding every two-byte code. */
function gbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      const ch = decoder.decode(new Uint8Array([a, b]));
      if (!table.has(ch)) table.set(ch, [a, b]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch) ?? [0x3f])));
}

const ok = (text: string) => {
  const r = parseCsv(text);
  assert.ok(r.ok, JSON.stringify(r));
  return r.table;
};

describe('CSV', () => {
  it('parses quoted cells, doubled quotes and line breaks inside cells; a record is one row', () => {
    const t = ok('名称,说明\r\n"甲,乙","他说""好"""\r\n"多行\n说明",x\n丙,\r\n');
    assert.deepEqual(t.header, ['名称', '说明']);
    assert.deepEqual(t.rows, [
      { row: 2, cells: ['甲,乙', '他说"好"'] },
      { row: 3, cells: ['多行\n说明', 'x'] },
      { row: 4, cells: ['丙', ''] },
    ]);
  });

  it('accepts LF, CR and a missing final line break; keeps empty lines as (blank) rows', () => {
    assert.deepEqual(ok('a,b\rc,d').rows, [{ row: 2, cells: ['c', 'd'] }]);
    assert.deepEqual(ok('a\n\nb').rows.map((r) => r.row), [2, 3]);
  });

  it('reads tab-separated text (copied out of Excel)', () => {
    assert.deepEqual(ok('名称\t说明\n甲\t乙').rows[0]!.cells, ['甲', '乙']);
  });

  it('names the row of a quote that is never closed', () => {
    assert.deepEqual(parseCsv('a,b\r\nx,y\r\n"open,z\r\nmore'), { ok: false, reason: 'unterminated_quote', row: 3 });
  });

  it('stops at the row limit', () => {
    assert.deepEqual(parseCsv('h\n' + 'x\n'.repeat(11), 10), { ok: false, reason: 'too_many_rows', limit: 10 });
    assert.ok(parseCsv('h\n' + 'x\n'.repeat(10), 10).ok);
  });

  it('decodes UTF-8 with or without BOM, and GB18030', () => {
    const text = '数据资源名称,共享属性\r\n人口信息,有条件共享\r\n';
    assert.equal(decodeCsv(Buffer.from('\uFEFF' + text, 'utf8')), text);
    assert.equal(decodeCsv(Buffer.from(text, 'utf8')), text);
    const bytes = gbk(text);
    assert.notDeepEqual(bytes, Buffer.from(text, 'utf8'));
    assert.equal(decodeCsv(bytes), text);
  });

  it('writes UTF-8 with BOM and CRLF, quotes only when needed, and guards formula-like cells', () => {
    const out = writeCsv({ header: ['a', 'b', 'c', 'd'], rows: [['x,y', 'say "hi"', 3, null], ['=1+1', '-5 度', ' pad ', true]] });
    assert.deepEqual([...out.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(out.toString('utf8').slice(1), 'a,b,c,d\r\n"x,y","say ""hi""",3,\r\n\'=1+1,\'-5 度," pad ",是\r\n');
  });

  it('leaves plain numbers unguarded, so -12.5 stays a number, and still reads the guard older files put on them', () => {
    const out = writeCsv({ header: ['n'], rows: [['-12.5'], ['+3'], ['-1e3'], ['-.5'], ['-1+2'], ['-12.5 元'], ['+86 138']] });
    assert.equal(out.toString('utf8').slice(1), "n\r\n-12.5\r\n+3\r\n-1e3\r\n-.5\r\n'-1+2\r\n'-12.5 元\r\n'+86 138\r\n");
    assert.deepEqual(ok(decodeCsv(out)).rows.map((r) => r.cells[0]), ['-12.5', '+3', '-1e3', '-.5', '-1+2', '-12.5 元', '+86 138']);
    const older = ok(decodeCsv(Buffer.from("n\r\n'-12.5\r\n'5\r\n", 'utf8')));
    assert.deepEqual(older.rows.map((r) => r.cells[0]), ['-12.5', "'5"]);
  });

  it('round-trips every cell exactly, the guard included', () => {
    const rows = [['=SUM(A1)', '+86', '@x', '-', "'=kept as typed", '多行\r\n文本', 'a"b', '']];
    const parsed = ok(decodeCsv(writeCsv({ header: ['1', '2', '3', '4', '5', '6', '7', '8'], rows })));
    assert.deepEqual(parsed.rows[0]!.cells, ["=SUM(A1)", '+86', '@x', '-', "'=kept as typed", '多行\r\n文本', 'a"b', '']);
  });
});
