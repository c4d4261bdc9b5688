/**
 * Routes of 文件共享 (§17, §38–§39; docs/api-files.md): the provider's uploads, versions and
 * retirements; downloads under a 文件 grant — by consumer apps (signed, /files/{resourceCode}/…)
 * and by users of the consumer department (/grants/{id}/files…); and the authority's trace lookup.
 */
import type { MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { splitRawUrl } from '../../domain/signature/canonical.ts';
import { actorOf, type Api } from '../../http/api.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { contentDisposition } from '../catalog/transfer/routes.ts';
import { withRetryAfter } from '../delivery/retry-after.ts';
import type { SignedCall } from '../delivery/signed-call.ts';
import type { Delivery, FileDeliveryService, FileRef } from './deliveries.ts';
import { DownloadablesSchema, EntryFilesSchema, MountKind, StoredFileSchema, TraceFindingSchema } from './schemas.ts';
import type { TraceService } from './trace-lookup.ts';
import { fileTooLarge, type FileUploadService } from './uploads.ts';

const noFile = () => badRequest('FILE_MISSING', '请以 multipart/form-data 上传文件（字段 file）', 'upload the file as multipart/form-data (field "file")');

/** The one file part of a multipart request, with the size limit applied while it streams in. */
async function filePart(request: FastifyRequest, maxBytes: number): Promise<MultipartFile> {
  if (!request.isMultipart()) throw noFile();
  try {
    const part = await request.file({ limits: { fileSize: maxBytes } });
    if (!part) throw noFile();
    return part;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    if (typeof code === 'string' && code.startsWith('FST_')) throw noFile();
    throw err;
  }
}

function send(reply: FastifyReply, d: Delivery) {
  return reply
    .header('content-type', d.contentType)
    .header('content-disposition', contentDisposition(d))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('x-gdx-delivery', d.deliveryId)
    .header('x-gdx-trace', d.trace)
    .send(d.body);
}

export function fileRoutes(app: Api, deps: { uploads: FileUploadService; deliveries: FileDeliveryService; traces: TraceService; maxBytes: number }): void {
  const { uploads, deliveries, traces, maxBytes } = deps;
  const tags = ['files'];
  const entryParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

  app.post('/catalog/:id/files', {
    config: { access: ['data_steward'], audit: 'file.upload' },
    schema: {
      tags, consumes: ['multipart/form-data'], params: entryParams,
      summary: '上传挂接文件 / upload a file of a published entry (§17): a new version of its name; 413 beyond the limit',
      response: { 201: Type.Intersect([StoredFileSchema, Type.Object({ mountKind: MountKind })]) },
    },
  }, async (request, reply) => {
    const part = await filePart(request, maxBytes);
    const stored = await uploads.upload(actorOf(request), request.params.id, {
      name: part.filename, mimetype: part.mimetype, chunks: part.file, truncated: () => part.file.truncated,
    });
    return reply.code(201).send(stored);
  });

  app.get('/catalog/:id/files', {
    config: { access: ['data_steward', 'catalog_editor', 'approver'] },
    schema: { tags, params: entryParams, summary: '挂接文件及其版本 / the entry\'s files, every version, the current ones marked', response: { 200: EntryFilesSchema } },
  }, async (request) => uploads.list(actorOf(request), request.params.id));

  app.post('/catalog/:id/files/:fileId/retire', {
    config: { access: ['data_steward'], audit: 'file.retire' },
    schema: {
      tags, summary: '停用文件 / retire a file: none of its versions is delivered any more',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: StoredFileSchema },
    },
  }, async (request) => uploads.retire(actorOf(request), request.params.id, request.params.fileId, request.body.reason));

  const grantParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  const consumerRoles = ['requester', 'data_steward'] as const;
  app.get('/grants/:id/files', {
    config: { access: consumerRoles },
    schema: { tags, params: grantParams, summary: '可下载的文件 / what the consumer department may download under a 文件 grant', response: { 200: DownloadablesSchema } },
  }, async (request) => deliveries.listForUser(actorOf(request), request.params.id));

  app.get('/grants/:id/files/:fileId', {
    config: { access: consumerRoles },
    schema: {
      tags, summary: '下载文件 / download a current file under the grant (traced, masked where structured)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) }),
    },
  }, async (request, reply) => send(reply, await deliveries.downloadForUser(actorOf(request), request.params.id, { file: request.params.fileId })));

  app.get('/grants/:id/export', {
    config: { access: consumerRoles },
    schema: {
      tags, params: grantParams, summary: '导出库表 / export the mounted table under a 文件 grant: granted items, masked, row scope',
      querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })) }, { additionalProperties: false }),
    },
  }, async (request, reply) => send(reply, await deliveries.downloadForUser(actorOf(request), request.params.id, { export: request.query.format ?? 'csv' })));

  app.get('/files/*', {
    // Signed by the consumer app itself (docs/signing.md), not by a user session.
    config: { access: 'app' },
    schema: {
      tags, security: [],
      summary: '文件接口 / files under a live 文件 grant (signed app call)',
      description: 'Path /api/v1/files/{resourceCode} (the code\'s "/" sent as %2F) lists what may be downloaded; '
        + '/api/v1/files/{resourceCode}/{fileId or URL-encoded file name} downloads a current file; '
        + '/api/v1/files/{resourceCode}/export.csv or /export.xlsx exports a table-mounted resource. See docs/api-files.md.',
    },
  }, async (request, reply) => {
    const { rawPath, rawQuery } = splitRawUrl(request.raw.url ?? request.url);
    const [codePart = '', ...rest] = rawPath.slice(rawPath.indexOf('/files/') + '/files/'.length).split('/');
    const code = decodeURIComponent(codePart);
    const call: SignedCall = {
      headers: request.headers as Record<string, string | string[] | undefined>, method: request.method, rawPath, rawQuery,
      ip: request.ip, requestId: String(request.id),
    };
    if (rest.length === 0 || (rest.length === 1 && rest[0] === '')) return deliveries.listForApp(call, code);
    const target = decodeURIComponent(rest.join('/'));
    const ref: FileRef = target === 'export.csv' ? { export: 'csv' } : target === 'export.xlsx' ? { export: 'xlsx' } : { file: target };
    return send(reply, await withRetryAfter(reply, deliveries.downloadForApp(call, code, ref)));
  });

  app.post('/files/trace', {
    config: { access: ['authority', 'auditor'], audit: 'file.trace' },
    schema: {
      tags, consumes: ['multipart/form-data'],
      summary: '文件追溯 / which grant and delivery a (leaked) copy of a delivered file came from',
      response: { 200: TraceFindingSchema },
    },
  }, async (request) => {
    const part = await filePart(request, maxBytes);
    const bytes = await part.toBuffer().catch((err: { code?: string }) => {
      throw err.code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge(maxBytes) : err;
    });
    return traces.lookup(actorOf(request), bytes);
  });
}
