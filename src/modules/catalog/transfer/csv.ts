/**
 * CSV in and out (RFC 4180), for the flat catalog layout (domain/catalog/sheet.ts).
 *
 * Why our own small parser: the rules are few (quoted fields, doubled quotes, CRLF/LF/CR, new lines
 * inside quotes), and owning them lets us number rows exactly as Excel shows them — a record is a
 * row, even when a quoted cell spans lines — and stop early on an oversized file.
 * Encoding: we write UTF-8 with a BOM, so Excel opens it right; we read UTF-8 with or without the
 * BOM, and fall back to GB18030 — what Excel on a Chinese Windows saves as 「CSV（逗号分隔）」.
 */
import type { Cell, OutTable, SheetRow, SheetTable } from '../../../domain/catalog/sheet.ts';

const BOM = '\uFEFF';

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (GBK is a subset). */
export function decodeCsv(buffer: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('gb18030').decode(buffer);
  }
  return text.startsWith(BOM) ? text.slice(1) : text;
}

export type CsvResult =
  | { ok: true; table: SheetTable; records: number }
  | { ok: false; reason: 'unterminated_quote'; row: number }
  | { ok: false; reason: 'too_many_rows'; limit: number };

/**
 * Parses CSV text into a header and rows numbered from 2. Comma-separated; a header with tabs and
 * no comma means tab-separated (what copying out of Excel gives). Stops after `maxRecords` data
 * records so an oversized file costs no more than the limit.
 */
export function parseCsv(text: string, maxRecords = Number.POSITIVE_INFINITY): CsvResult {
  const lineEnd = text.search(/\r|\n/);
  const firstLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStartRecord = 0;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < n) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteStartRecord = records.length;
    } else if (ch === sep) {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      if (records.length > maxRecords + 1) return { ok: false, reason: 'too_many_rows', limit: maxRecords };
    } else {
      field += ch; // a quote inside an unquoted field is kept as written (lenient, like Excel)
    }
    i += 1;
  }
  if (quoted) return { ok: false, reason: 'unterminated_quote', row: quoteStartRecord + 1 };
  if (field !== '' || record.length > 0) endRecord();
  if (records.length > maxRecords + 1) return { ok: false, reason: 'too_many_rows', limit: maxRecords };
  const [header = [], ...data] = records;
  const rows: SheetRow[] = data.map((cells, index) => ({ row: index + 2, cells: cells.map(unguard) }));
  return { ok: true, table: { header, rows }, records: data.length };
}

/**
 * Cells starting with = + - @ are formulas to a spreadsheet (CSV injection). The writer guards
 * them with a leading apostrophe and the reader removes exactly that guard. Apostrophes already in
 * front of such a start are guarded too, so every value — even one typed as '=x — round-trips.
 * A plain number (-12.5, +3, -1e3) is no formula: left unguarded, a spreadsheet or a consumer's
 * system reads it as the number it is, not as the text '-12.5. The reader still removes a guard in
 * front of one, as files written before this rule carry it.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const needsGuard = (s: string): boolean => FORMULA_START.test(s) && !PLAIN_NUMBER.test(s);
const guard = (s: string): string => (needsGuard(s) ? `'${s}` : s);
export function unguard(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

function quote(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const s = guard(typeof cell === 'boolean' ? (cell ? '是' : '否') : cell);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, quoted and formula-guarded, without its line end (streamed writers add CRLF). */
export function csvLine(cells: readonly Cell[]): string {
  return cells.map(quote).join(',');
}

/** UTF-8 with BOM, CRLF line ends (RFC 4180). */
export function writeCsv(table: OutTable): Buffer {
  const lines = [csvLine(table.header), ...table.rows.map(csvLine)];
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
