/**
 * CSV records read as the text arrives, so a projected delivery of a large uploaded CSV holds one
 * record at a time, not the file. Same rules as the catalog's parseCsv (RFC 4180 quotes, CRLF/LF/CR,
 * comma — or tab when the first line has tabs and no comma — and the formula guard removed).
 */
import { unguard } from '../catalog/transfer/csv.ts';

export class CsvRecordStream {
  private sep: string | undefined;
  private pending = '';
  private record: string[] = [];
  private field = '';
  private quoted = false;
  /** The previous chunk ended inside a quoted field on a quote: it may be the first of a doubled pair. */
  private quoteAtEnd = false;
  private skipLf = false;

  push(text: string): string[][] {
    if (this.sep === undefined) {
      this.pending += text;
      const end = this.pending.search(/\r|\n/);
      if (end < 0) return [];
      this.decideSeparator(this.pending.slice(0, end));
      text = this.pending;
      this.pending = '';
    }
    return this.scan(text);
  }

  end(): string[][] {
    const out: string[][] = [];
    if (this.sep === undefined) {
      this.decideSeparator(this.pending);
      out.push(...this.scan(this.pending));
      this.pending = '';
    }
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      this.quoted = false;
    }
    if (this.field !== '' || this.record.length > 0) {
      this.record.push(this.field);
      out.push(this.record.map(unguard));
      this.record = [];
      this.field = '';
    }
    return out;
  }

  private decideSeparator(firstLine: string) {
    this.sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  }

  private scan(text: string): string[][] {
    const out: string[][] = [];
    const sep = this.sep!;
    let i = 0;
    if (this.quoteAtEnd) {
      this.quoteAtEnd = false;
      if (text[0] === '"') {
        this.field += '"';
        i = 1;
      } else {
        this.quoted = false;
      }
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (this.skipLf) {
        this.skipLf = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (ch !== '"') this.field += ch;
        else if (i + 1 === text.length) this.quoteAtEnd = true;
        else if (text[i + 1] === '"') { this.field += '"'; i += 1; }
        else this.quoted = false;
        continue;
      }
      if (ch === '"' && this.field === '') {
        this.quoted = true;
      } else if (ch === sep) {
        this.record.push(this.field);
        this.field = '';
      } else if (ch === '\r' || ch === '\n') {
        this.record.push(this.field);
        out.push(this.record.map(unguard));
        this.record = [];
        this.field = '';
        this.skipLf = ch === '\r';
      } else {
        this.field += ch;
      }
    }
    return out;
  }
}
