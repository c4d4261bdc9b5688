/**
 * Helpers of the files API tests: sample files built the way departments make them (exceljs,
 * pdf-lib), multipart uploads over real HTTP, downloads as bytes, and a granted 文件 request.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { TestServer } from '../../testing/http.ts';
import { request } from '../sharing/test-kit.ts';

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function xlsxOf(rows: unknown[][], sheet = '登记信息'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  wb.addWorksheet('备注').addRow(['内部说明', '不在数据字典中']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function pdfOf(pages: number, text = 'Annual report'): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawText(`${text} p.${i + 1}`, { x: 50, y: 780, size: 14, font });
  doc.setKeywords(['provider-keyword']);
  return Buffer.from(await doc.save());
}

export async function upload(server: TestServer, token: string | undefined, path: string, name: string, bytes: Uint8Array, type?: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], type ? { type } : {}), name);
  const res = await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export async function download(res: Response) {
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

export async function userGet(server: TestServer, token: string, path: string) {
  return download(await fetch(`${server.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }));
}

/** fgw asks for the entry (by the 文件 method unless told); the authority passes it; gaj grants; fgw accepts the agreement. */
export async function grantFile(server: TestServer, tok: Record<string, string>, entryId: string, items: string[], conditions: Record<string, unknown> = {}, method = 'file',
  reply: Record<string, unknown> = {}) {
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const r = await call('fgw', 'POST', '/requests', request(entryId, { items, method, validUntil: '2027-06-30' }));
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
  let grantId = (await call('fgw', 'GET', `/requests/${r.body.id}`)).body.grantId as string | undefined;
  if (!grantId) {
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant', conditions, ...reply });
    grantId = granted.body.grantId;
    if (!grantId) throw new Error(JSON.stringify(granted.body));
  }
  return grantId;
}

export async function acceptAgreement(server: TestServer, token: string, grantId: string) {
  const res = await server.call('POST', `/api/v1/grants/${grantId}/agreement`, { token, body: { accept: true } });
  if (res.status !== 200) throw new Error(`agreement: ${res.status} ${JSON.stringify(res.body)}`);
}

/** CSV text of delivered bytes: the BOM dropped, records split on CRLF. */
export function csvLines(bytes: Buffer): string[] {
  return bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
}
