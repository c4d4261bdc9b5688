/**
 * What an upload holds, read once when it is stored: the leading rows of a CSV or of each sheet of an
 * XLSX, where a header row naming data items decides projection (header-projection.ts), and whether
 * a PDF can be opened and marked.
 * A file the platform cannot read is refused at upload rather than failing a consumer's download.
 */
import type ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { Cell } from '../../domain/catalog/sheet-columns.ts';
import { HEADER_SEARCH_ROWS } from '../../domain/files/header-projection.ts';
import { badRequest } from '../../http/errors.ts';
import { CsvRecordStream } from './csv-stream.ts';
import { rowCells, workbookStream } from './xlsx-stream.ts';

export const unreadable = (zh: string, en: string) => badRequest('FILE_UNREADABLE', `无法读取文件：${zh}`, `cannot read the file: ${en}`);

/** UTF-8 unless some bytes are not UTF-8: then GB18030, what Excel on a Chinese Windows writes. */
export class EncodingSniffer {
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  push(chunk: Buffer): void {
    if (!this.ok) return;
    try {
      this.utf8.decode(chunk, { stream: true });
    } catch {
      this.ok = false;
    }
  }

  result(): 'utf-8' | 'gb18030' {
    if (this.ok) {
      try {
        this.utf8.decode();
      } catch {
        this.ok = false;
      }
    }
    return this.ok ? 'utf-8' : 'gb18030';
  }
}

/**
 * The leading records of a CSV, where its header row is looked for (findHeaderRow), from its first
 * chunk: only complete records, unless that chunk is the whole file.
 */
export function csvLeadingRows(head: Buffer, encoding: string, whole: boolean): string[][] {
  const records = new CsvRecordStream();
  const rows = records.push(new TextDecoder(encoding).decode(head));
  if (whole) rows.push(...records.end());
  return rows.slice(0, HEADER_SEARCH_ROWS);
}

/** The leading rows of every sheet of an XLSX, read as a stream (only that far into each sheet). */
export async function xlsxLeadingRows(chunks: AsyncIterable<Buffer>): Promise<Cell[][][]> {
  const sheets: Cell[][][] = [];
  try {
    for await (const sheet of workbookStream(chunks)) {
      const rows: Cell[][] = [];
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        rows.push(rowCells(row));
        if (rows.length === HEADER_SEARCH_ROWS) break;
      }
      sheets.push(rows);
    }
    return sheets;
  } catch (err) {
    throw unreadable('不是有效的 .xlsx 工作簿', `not a valid .xlsx workbook (${(err as Error).message.slice(0, 100)})`);
  }
}

/** A PDF the platform can open and write a trace into: not encrypted, not broken. */
export async function checkPdf(bytes: Uint8Array): Promise<void> {
  let pages = 0;
  try {
    pages = (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch (err) {
    const encrypted = /encrypt/i.test((err as Error).message);
    throw encrypted
      ? unreadable('PDF 已加密，平台无法加注追溯标记', 'the PDF is encrypted; the platform cannot mark it')
      : unreadable('不是有效的 PDF', 'not a valid PDF');
  }
  // pdf-lib reads leniently: a file with no page it can find is not a document it can mark.
  if (pages === 0) throw unreadable('PDF 中没有可读的页面', 'the PDF has no readable page');
}
