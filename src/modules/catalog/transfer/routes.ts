/**
 * Routes of the catalog import/export (§9–§11). `/catalog/template.xlsx` and `/catalog/export` are
 * static paths, so the router prefers them to `/catalog/:id` (tested in transfer.test.ts).
 */
import type { MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, type Api } from '../../../http/api.ts';
import { AppError, badRequest } from '../../../http/errors.ts';
import { ListQuerySchema } from '../schemas.ts';
import { MAX_IMPORT_BYTES, type CatalogTransferService, type DownloadFile } from './service.ts';

const SheetErrorSchema = Type.Object({
  sheet: Type.String({ description: '工作表：目录 / 数据项 / CSV' }),
  row: Type.Integer({ description: '行号（与 Excel 一致，表头为第 1 行）' }),
  column: Type.String({ description: '列名' }),
  zh: Type.String(),
  en: Type.String(),
});

const { limit: _limit, cursor: _cursor, ...filters } = ListQuerySchema.properties;
const ExportQuerySchema = Type.Object({
  ...filters,
  format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' })),
}, { additionalProperties: false });

/** RFC 6266 / RFC 5987: an ASCII fallback plus the UTF-8 (Chinese) name. */
export function contentDisposition(file: Pick<DownloadFile, 'filename' | 'asciiFilename'>): string {
  const encoded = encodeURIComponent(file.filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encoded}`;
}

function sendFile(reply: FastifyReply, file: DownloadFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}

const tooLarge = () =>
  new AppError(413, 'FILE_TOO_LARGE', `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, `the file exceeds ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);

/** The uploaded file, or a named error: not multipart, no file, over the size limit. */
async function uploadedFile(request: FastifyRequest): Promise<{ name: string; buffer: Buffer }> {
  const noFile = () => badRequest('IMPORT_NO_FILE', '请以 multipart/form-data 上传文件（字段 file）', 'upload the file as multipart/form-data (field "file")');
  if (!request.isMultipart()) throw noFile();
  let part: MultipartFile | undefined;
  try {
    part = await request.file();
    if (!part) throw noFile();
    const buffer = await part.toBuffer();
    // The parser stops at the limit; a file cut there must be refused, not read as a shorter file.
    if (part.file.truncated) throw tooLarge();
    return { name: part.filename, buffer };
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (typeof code === 'string' && code.startsWith('FST_')) throw noFile();
    throw err;
  }
}

export function catalogTransferRoutes(app: Api, deps: { transfer: CatalogTransferService }): void {
  const { transfer } = deps;
  const tags = ['catalog'];

  app.get('/catalog/template.xlsx', {
    config: { access: 'user' },
    schema: { tags, summary: '目录导入模板 / the .xlsx import template (§9 columns in Chinese)', produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  }, async (_request, reply) => sendFile(reply, await transfer.template()));

  app.post('/catalog/import', {
    config: { access: ['catalog_editor'], audit: 'catalog.import' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '导入目录 / import .xlsx or .csv as drafts — all or nothing; 400 IMPORT_INVALID lists every error by row and column',
      response: {
        201: Type.Object({
          imported: Type.Integer(),
          entries: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
          warnings: Type.Array(SheetErrorSchema, { description: '不阻止导入的提示，如一数一源 (§15)' }),
        }),
      },
    },
  }, async (request, reply) => {
    const file = await uploadedFile(request);
    return reply.code(201).send(await transfer.importCatalog(actorOf(request), file));
  });

  app.get('/catalog/export', {
    config: { access: 'user', audit: 'catalog.export' },
    schema: { tags, summary: '导出目录 / export the filtered list (same filters as GET /catalog) as .xlsx or .csv', querystring: ExportQuerySchema },
  }, async (request, reply) => {
    const { format, ...query } = request.query;
    return sendFile(reply, await transfer.exportCatalog(actorOf(request), query, format ?? 'xlsx'));
  });
}
