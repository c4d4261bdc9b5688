/**
 * What an uploaded file is (§17 文件共享): its kind decides how the platform can deliver it — CSV and
 * XLSX can be projected to the granted items and masked, PDF can carry a trace and a watermark,
 * anything else can only be delivered whole. The kind comes from the name's extension and must agree
 * with the first bytes, so a renamed file cannot slip past the projection as "other".
 */
export const FILE_KINDS = ['csv', 'xlsx', 'pdf', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const MEDIA_TYPES: Record<Exclude<FileKind, 'other'>, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export const MAX_NAME_LENGTH = 200;

export type NameProblem = 'empty' | 'too_long' | 'path' | 'control';

/** Why a file name cannot be stored as given: it names the file to consumers and in downloads. */
export function fileNameProblem(name: string): NameProblem | undefined {
  if (name.trim() === '' || name === '.' || name === '..') return 'empty';
  if ([...name].length > MAX_NAME_LENGTH) return 'too_long';
  if (/[/\\]/.test(name)) return 'path';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name) || name !== name.trim()) return 'control';
  return undefined;
}

export function kindByName(name: string): FileKind {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' || ext === 'pdf' ? ext : 'other';
}

/** Whether the first bytes agree with the kind the name claims. */
export function headMatchesKind(kind: FileKind, head: Uint8Array): boolean {
  switch (kind) {
    case 'xlsx': return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    case 'pdf': return head.length >= 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-';
    // Text has no NUL byte; a binary file named .csv would be neither projected nor delivered as text.
    case 'csv': return !head.includes(0);
    case 'other': return true;
  }
}

/** Extensions of spreadsheets the platform cannot read: legacy Excel, WPS 表格, macro/binary workbooks, OpenDocument. */
const UNREADABLE_SHEETS = new Set(['xls', 'xlt', 'xlsm', 'xlsb', 'xltx', 'xltm', 'et', 'ett', 'ods']);
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A spreadsheet that would be stored as 'other' — and so delivered whole, every column unmasked, to
 * any 文件 grant whatever items it names: an .xlsx under another name ('xlsx': rename it), or a
 * workbook the platform cannot read to project ('unreadable': a legacy .xls or WPS .et, by name or by
 * an OLE2 `Workbook` stream among the first bytes; .xlsm, .ods…). Government systems often export
 * HTML or text tables named .xls, so the name alone is enough.
 */
export function spreadsheetAsOther(name: string, head: Uint8Array): 'xlsx' | 'unreadable' | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext !== undefined && UNREADABLE_SHEETS.has(ext)) return 'unreadable';
  if (kindByName(name) !== 'other') return undefined;
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (zipEntryNames(bytes).some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (OLE2.every((b, i) => bytes[i] === b) && bytes.includes(Buffer.from('Workbook', 'utf16le'))) return 'unreadable';
  return undefined;
}

/** Names of the zip entries whose local headers lie in `bytes` (an OOXML workbook has its `xl/` parts). */
function zipEntryNames(bytes: Buffer): string[] {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return [];
  const names: string[] = [];
  for (let at = 0; at >= 0 && at + 30 <= bytes.length; at = bytes.indexOf('PK\x03\x04', at + 4, 'latin1')) {
    const length = bytes.readUInt16LE(at + 26);
    names.push(bytes.subarray(at + 30, at + 30 + length).toString('latin1'));
  }
  return names;
}

/** The media type delivered: ours for known kinds; for others the uploader's, if it looks like one. */
export function mediaTypeOf(kind: FileKind, declared: string | undefined): string {
  if (kind !== 'other') return MEDIA_TYPES[kind];
  return declared && /^[a-z]+\/[a-z0-9.+-]{1,100}$/i.test(declared) ? declared.toLowerCase() : 'application/octet-stream';
}
