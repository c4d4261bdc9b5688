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

/**
 * Splits a stream of COPY text chunks into lines. Chunks end anywhere (inside a row, inside a UTF-8
 * character): bytes are kept until a newline, which in this format only ever ends a row.
 */
export class CopyLineSplitter {
  private rest: Buffer = Buffer.alloc(0);

  /** The complete lines in `chunk` (and before it); the unfinished tail is kept for the next chunk. */
  push(chunk: Buffer): string[] {
    const buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const last = buf.lastIndexOf(0x0a);
    if (last < 0) {
      this.rest = buf;
      return [];
    }
    this.rest = buf.subarray(last + 1);
    return buf.toString('utf8', 0, last).split('\n');
  }

  /** Throws if the stream ended inside a row. */
  end(): void {
    if (this.rest.length) throw new Error('COPY stream ended inside a row');
  }
}
