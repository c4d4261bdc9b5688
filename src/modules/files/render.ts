/**
 * Writers of delivered files, each carrying the trace mark (domain/files/trace.ts) and, from grade 3,
 * a visible watermark (domain/files/delivery-plan.ts):
 * - CSV: UTF-8 with BOM; the first line `# GDX-TRACE …` (and `# 仅供…` when watermarked), then the data;
 * - XLSX: streamed (exceljs WorkbookWriter); the mark in the document properties (keywords,
 *   description), the watermark in every sheet's page header and footer;
 * - PDF: the mark in the Info dictionary's Keywords; the watermark drawn across every page.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { degrees, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Cell } from '../../domain/catalog/sheet-columns.ts';
import { csvLine } from '../catalog/transfer/csv.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface Marks {
  /** traceText(mark): the GDX-TRACE words. */
  trace: string;
  /** Visible watermark words, when the grade asks for one. */
  watermark?: { zh: string; ascii: string };
  title: string;
}

export interface Counter {
  rows: number;
}

/** A projected CSV: BOM, comment lines, header, rows. */
export async function* csvOutput(marks: Marks, header: readonly Cell[], batches: AsyncIterable<Cell[][]>, counter: Counter): AsyncGenerator<Buffer> {
  const comments = [`# ${marks.trace}`, ...(marks.watermark ? [`# ${marks.watermark.zh}`] : [])];
  yield Buffer.concat([BOM, Buffer.from(comments.map((l) => `${l}\r\n`).join('') + csvLine(header) + '\r\n', 'utf8')]);
  for await (const batch of batches) {
    counter.rows += batch.length;
    if (batch.length) yield Buffer.from(batch.map((r) => `${csvLine(r)}\r\n`).join(''), 'utf8');
  }
}

/**
 * A CSV delivered whole: its bytes unchanged behind the comment lines (after its BOM, if it has one).
 * The lines are ASCII unless the file is UTF-8, so they read right in a GB18030 file too.
 */
export async function* csvWholeOutput(marks: Marks, chunks: AsyncIterable<Buffer>, utf8: boolean): AsyncGenerator<Buffer> {
  const comments = [`# ${marks.trace}`, ...(marks.watermark ? [`# ${utf8 ? marks.watermark.zh : marks.watermark.ascii}`] : [])];
  const lines = Buffer.from(comments.map((l) => `${l}\r\n`).join(''), 'utf8');
  let first = true;
  for await (const chunk of chunks) {
    if (first) {
      first = false;
      const hasBom = chunk.subarray(0, 3).equals(BOM);
      yield hasBom ? Buffer.concat([BOM, lines, chunk.subarray(3)]) : Buffer.concat([lines, chunk]);
    } else {
      yield chunk;
    }
  }
}

export interface OutSheet {
  name: string;
  header?: readonly Cell[];
  rows: AsyncIterable<Cell[][]>;
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ (Excel's rules). */
function sheetName(name: string, used: Set<string>): string {
  const base = (name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'Sheet').trim() || 'Sheet';
  let out = base;
  for (let i = 2; used.has(out); i++) out = `${base}(${i})`;
  used.add(out);
  return out;
}

/** An XLSX written as it is read: one batch of rows in memory, waiting whenever the consumer lags. */
export function xlsxOutput(marks: Marks, sheets: AsyncIterable<OutSheet>, counter: Counter): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  // Core properties the streaming writer renders from itself (exceljs CoreXform).
  Object.assign(wb, {
    creator: 'GDX 政务数据共享交换平台', lastModifiedBy: 'GDX', title: marks.title, subject: 'GDX 授权交付 / granted delivery',
    keywords: marks.trace, description: `${marks.trace}\n仅限授权用途使用，不得提供给第三方（第三十九条）/ for the granted purpose only (§39)`, category: 'GDX-TRACE',
  });
  // Header/footer codes: && is a literal ampersand; &C centres; &P/&N page numbers.
  const words = marks.watermark ? marks.watermark.zh.replace(/&/g, '&&') : undefined;
  const headerFooter = words ? { oddHeader: `&C${words}`, oddFooter: `&C${words} &P/&N`, evenHeader: `&C${words}`, evenFooter: `&C${words} &P/&N` } : undefined;
  const used = new Set<string>();
  const write = async () => {
    for await (const sheet of sheets) {
      const ws = wb.addWorksheet(sheetName(sheet.name, used), headerFooter ? { headerFooter } : {});
      if (sheet.header) ws.addRow([...sheet.header]).commit();
      for await (const batch of sheet.rows) {
        for (const row of batch) ws.addRow(row).commit();
        counter.rows += batch.length;
        if (out.destroyed) return;
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
      ws.commit();
    }
    await wb.commit();
  };
  write().catch((err: Error) => out.destroy(err));
  return out;
}

/** The PDF with the mark in its Keywords (kept with any the provider set) and, if asked, a watermark on every page. */
export async function markPdf(bytes: Uint8Array, marks: Marks): Promise<Buffer> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const existing = doc.getKeywords();
  doc.setKeywords([...(existing ? [existing] : []), marks.trace]);
  if (marks.watermark) {
    // The standard fonts have no CJK glyphs: the drawn words are the ASCII form (consumer key, delivery id).
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const text = marks.watermark.ascii;
    for (const page of doc.getPages()) {
      const { width, height } = page.getSize();
      const angle = Math.atan2(height, width);
      const size = Math.max(8, Math.min(28, (Math.hypot(width, height) * 0.8) / font.widthOfTextAtSize(text, 1)));
      const tw = font.widthOfTextAtSize(text, size);
      page.drawText(text, {
        x: width / 2 - (Math.cos(angle) * tw) / 2, y: height / 2 - (Math.sin(angle) * tw) / 2, size, font,
        color: rgb(0.55, 0.55, 0.55), opacity: 0.3, rotate: degrees((angle * 180) / Math.PI),
      });
      page.drawText(text, { x: 24, y: 12, size: 7, font, color: rgb(0.4, 0.4, 0.4), opacity: 0.8 });
    }
  }
  return Buffer.from(await doc.save());
}
