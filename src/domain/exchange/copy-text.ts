/**
 * PostgreSQL's COPY text format, the wire form of a table sync between two PostgreSQL servers
 * (COPY … TO STDOUT on the 前置库, COPY … FROM STDIN on the consumer's database): one row per line,
 * fields separated by a tab, NULL as \N, and backslash escapes for backslash, newline, carriage
 * return, tab and the other control characters COPY TO emits (\b \f \v). COPY TO never writes octal
 * or hex escapes (PostgreSQL docs, "COPY — Text Format"), so those are not read. Pure.
 */
export type CopyField = string | null;

const NULL = '\\N';
const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

function unescapeField(field: string): CopyField {
  if (field === NULL) return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => UNESCAPE[c] ?? c);
}

/** One line (without its newline) → its fields. */
export function decodeCopyLine(line: string): CopyField[] {
  return line.split('\t').map(unescapeField);
}

const NEEDS_ESCAPE = /[\\\n\r\t\b\f\v]/;
const ESCAPE: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

export function encodeCopyField(value: CopyField): string {
  if (value === null) return NULL;
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\n\r\t\b\f\v]/g, (c) => ESCAPE[c]!) : value;
}

/** One row → one line, newline included. */
export function encodeCopyLine(fields: readonly CopyField[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) line += (i ? '\t' : '') + encodeCopyField(fields[i]!);
  return `${line}\n`;
}

/** The field at bytes [start, end) of COPY text, decoded; unmasked fields are never decoded, only masked ones. */
export function decodeCopyField(text: Buffer, start: number, end: number): CopyField {
  return unescapeField(text.toString('utf8', start, end));
}

/** Every row of a block of whole COPY lines (each newline-terminated), decoded. */
export function decodeCopyLines(text: Buffer): CopyField[][] {
  return text.length ? text.toString('utf8', 0, text.length - 1).split('\n').map(decodeCopyLine) : [];
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * Finds the fields of the line starting at `start` without decoding it: `ends[i]` becomes the offset
 * of the tab (or, for the last field, the newline) after field i. Answers the newline's offset; a line
 * with another number of fields is an error. In this format a tab or newline byte only ever separates
 * fields or rows (data tabs and newlines are escaped, and no UTF-8 multi-byte sequence contains them).
 */
export function scanCopyLine(text: Buffer, start: number, ends: Int32Array): number {
  let f = 0;
  for (let i = start; i < text.length; i++) {
    const b = text[i];
    if (b === TAB) {
      if (f >= ends.length - 1) break;
      ends[f++] = i;
    } else if (b === NEWLINE) {
      if (f !== ends.length - 1) break;
      ends[f] = i;
      return i;
    }
  }
  throw new Error(`COPY line at byte ${start} does not have ${ends.length} fields`);
}

/** Whole lines of COPY text and how many. */
export interface CopyLines {
  text: Buffer;
  rows: number;
}

/**
 * Cuts a stream of COPY text chunks into blocks of `batchRows` whole lines, kept as bytes. Chunks end
 * anywhere (inside a row, inside a UTF-8 character); a newline only ever ends a row. Only newlines
 * are counted here, so a block costs one copy of its bytes and no strings.
 */
export class CopyLineBatcher {
  private pieces: Buffer[] = [];
  private rows = 0;

  constructor(private readonly batchRows: number) {}

  /** The blocks completed by `chunk`; the rest is kept for the next chunk. */
  push(chunk: Buffer): CopyLines[] {
    const done: CopyLines[] = [];
    let from = 0;
    for (let nl = chunk.indexOf(NEWLINE, from); nl >= 0; nl = chunk.indexOf(NEWLINE, nl + 1)) {
      if (++this.rows < this.batchRows) continue;
      this.pieces.push(chunk.subarray(from, nl + 1));
      done.push(this.take());
      from = nl + 1;
    }
    if (from < chunk.length) this.pieces.push(chunk.subarray(from));
    return done;
  }

  /** The last, shorter block (or null); throws if the stream ended inside a row. */
  end(): CopyLines | null {
    const tail = this.take();
    const ends = tail.text.length ? tail.text[tail.text.length - 1] : NEWLINE;
    if (ends !== NEWLINE) throw new Error('COPY stream ended inside a row');
    return tail.rows ? tail : null;
  }

  private take(): CopyLines {
    // One copy: the block must not pin the (larger) chunks it was cut from.
    const block = { text: Buffer.concat(this.pieces), rows: this.rows };
    this.pieces = [];
    this.rows = 0;
    return block;
  }
}
