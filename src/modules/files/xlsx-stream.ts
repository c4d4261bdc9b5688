/**
 * exceljs's streaming XLSX reader over a stored file's chunks, with two of its defects corrected
 * where it reads — both lose a department's data silently or at random, and both are pinned by
 * xlsx-stream.test.ts so an upgrade that fixes or changes them is noticed:
 *
 * 1. exceljs 4.4 walks the zip with unzipper 0.10's `Parse`, which emits 'end' (and 'close') the
 *    moment its *input* is fully written — while entries it has parsed may still sit unread in its
 *    buffer. exceljs stops at that 'end' and never sees the entries behind it: an upload's header
 *    check failed now and then with "reading 'sheets'" (xl/workbook.xml, which exceljs writes last,
 *    never read), and a workbook whose sheets come late in the zip could lose them. The `Parse`
 *    exceljs uses is wrapped so 'end' and 'close' pass only once its readable side has truly ended;
 *    unzipper still ends after the zip's last record and still errs on a truncated or foreign file.
 * 2. It decodes every chunk of XML on its own, so a 汉字 whose three UTF-8 bytes straddle two chunks
 *    (inflate hands out 16 KiB, a spooled sheet is re-read in 64 KiB) becomes U+FFFD — in shared
 *    strings, in inline strings, in sheet names. Its own non-streaming `load` decodes whole entries;
 *    here each part it parses is handed over as text decoded across chunk boundaries.
 * 3. Sheets that come before the shared strings in the zip are spooled to temporary files (`tmp`),
 *    each left with an open descriptor that only its cleanup closes — and exceljs cleans up only a
 *    sheet read to its end. A read stopped early (a header check, a download the consumer broke off)
 *    left the decompressed sheets in /tmp and their descriptors open for the life of the server.
 *    The files a read spools are noted (AsyncLocalStorage around each step of the reader) and
 *    removed when the read ends, however it ends.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { Readable, type Duplex } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from '../../domain/catalog/sheet-columns.ts';
import { plainCell } from '../catalog/transfer/xlsx.ts';

type ParseFactory = ((opts?: object) => Duplex) & { truthfulEnd?: true };
type Source = AsyncIterable<Buffer | string> & { setEncoding?: (encoding: BufferEncoding) => unknown };
type ReaderMethod = (this: unknown, source: Source, ...rest: unknown[]) => unknown;

type TmpFile = ((...args: unknown[]) => unknown) & { tracked?: true };
type Cleanup = () => void;

// The instances exceljs itself requires, wherever npm placed them.
const requireAsExceljs = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const unzipper = requireAsExceljs('unzipper') as { Parse: ParseFactory };
const tmp = requireAsExceljs('tmp') as { file: TmpFile };

if (!unzipper.Parse.truthfulEnd) {
  const parse = unzipper.Parse;
  const truthful: ParseFactory = (opts) => {
    const zip = parse(opts);
    const emit = zip.emit;
    zip.emit = function (this: Duplex, event: string | symbol, ...args: unknown[]) {
      if ((event === 'end' || event === 'close') && !this.readableEnded) return false;
      return emit.call(this, event, ...args);
    } as Duplex['emit'];
    return zip;
  };
  truthful.truthfulEnd = true;
  unzipper.Parse = truthful;
}

/** The cleanups of the temporary files spooled by the read whose step is running. */
const spooled = new AsyncLocalStorage<Cleanup[]>();

if (!tmp.file.tracked) {
  const file = tmp.file;
  const tracking: TmpFile = function (this: unknown, ...args: unknown[]) {
    const cleanups = spooled.getStore();
    const done = args[args.length - 1];
    if (cleanups && typeof done === 'function') {
      args[args.length - 1] = (err: unknown, path: string, fd: number, cleanup: Cleanup) => {
        if (!err) cleanups.push(cleanup);
        return (done as (...a: unknown[]) => unknown)(err, path, fd, cleanup);
      };
    }
    return file.apply(this, args);
  };
  tracking.tracked = true;
  tmp.file = tracking;
}

/** A part's bytes as text: a stream told its encoding, any other chunks decoded with carry-over. */
function asText(source: Source): Source {
  if (typeof source.setEncoding === 'function') {
    source.setEncoding('utf8');
    return source;
  }
  return (async function* decode() {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of source) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  })();
}

const reader = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string, ReaderMethod> & { textParts?: true };
if (!reader.textParts) {
  // Every method that hands a zip part to the XML parser: an entry stream or a chunk iterator first.
  for (const name of ['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet', '_parseHyperlinks']) {
    const original = reader[name];
    if (typeof original !== 'function') throw new Error(`exceljs WorkbookReader has no ${name}: xlsx-stream.ts needs revisiting`);
    reader[name] = function (this: unknown, source: Source, ...rest: unknown[]) {
      return original.call(this, asText(source), ...rest);
    };
  }
  reader.textParts = true;
}

/** unzipper's `Parse` as exceljs gets it: for the test that pins the behaviour this module relies on. */
export const zipParse = (): Duplex => unzipper.Parse({ forceStream: true });

/**
 * Sheets emitted as they are read, its temporary files removed when the read ends, however it ends.
 * Styles are read because a date is a number formatted as a date: without them every date would
 * come out as Excel's serial number (45306 for 2024-01-15).
 */
export async function* workbookStream(chunks: AsyncIterable<Buffer>): AsyncGenerator<unknown> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'ignore',
  });
  const sheets = (reader as unknown as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const cleanups: Cleanup[] = [];
  try {
    for (;;) {
      const next = await spooled.run(cleanups, () => sheets.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await sheets.return?.();
    for (const cleanup of cleanups) cleanup();
  }
}

/**
 * A worksheet row as plain cell values (exceljs's row values are 1-based, with holes): a dense array,
 * every empty cell null — `map` would keep the holes, and a stored header with holes reads back
 * with nulls where text is expected.
 */
export const rowCells = (row: ExcelJS.Row): Cell[] => Array.from((row.values as ExcelJS.CellValue[]).slice(1), (v) => plainCell(v));
