import { Type } from '@sinclair/typebox';
import { AppError } from '../../http/errors.ts';
import { actorOf, type Api } from '../../http/api.ts';
import { splitRawUrl } from '../../domain/signature/canonical.ts';
import { writeCsv } from '../catalog/transfer/csv.ts';
import { csvCell } from '../../domain/policy/typed-values.ts';
import type { AccessRecordService } from './access-records.ts';
import type { DataService } from './data-api.ts';
import { withRetryAfter } from './retry-after.ts';
import type { VerifyService } from './verify-api.ts';

export function dataRoutes(app: Api, data: DataService): void {
  app.get('/data/*', {
    // Signed by the consumer app itself (docs/signing.md), not by a user session.
    config: { access: 'app' },
    schema: {
      tags: ['data'],
      summary: '数据接口 / read a resource under a live grant (signed app call)',
      description: 'Path: /api/v1/data/{resourceCode} with the code\'s "/" sent as %2F. Query: fields=a,b; limit (1–1000); cursor; ' +
        'sort=item or -item; format=json|csv; any other parameter filters an unmasked granted item: item=v, item.gte=v, item.lte=v, item.in=v1,v2. ' +
        'Headers X-GDX-App, X-GDX-Timestamp, X-GDX-Nonce, X-GDX-Signature (docs/signing.md). The next page\'s cursor is also in the X-GDX-Next-Cursor header (CSV has no room for it).',
      security: [],
    },
  }, async (request, reply) => {
    const { rawPath, rawQuery } = splitRawUrl(request.raw.url ?? request.url);
    const code = decodeURIComponent((request.params as { '*': string })['*']);
    const page = await withRetryAfter(reply, data.read({
      headers: request.headers as Record<string, string | string[] | undefined>, method: request.method,
      rawPath, rawQuery, ip: request.ip, requestId: String(request.id), bodySent: hasBody(request.headers as Record<string, string | string[] | undefined>),
    }, code));
    reply.header('x-gdx-grant', page.grant.id);
    // Purpose and scenario travel with the data (§39) — in the headers too, for a CSV answer, whose body
    // has no room for them: percent-encoded UTF-8, as a header carries ASCII only.
    reply.header('x-gdx-grant-purpose', encodeURIComponent(page.grant.purpose));
    reply.header('x-gdx-grant-scenario', encodeURIComponent(page.grant.scenario));
    reply.header('x-gdx-grant-valid-until', page.grant.validUntil);
    // In a header too, so a CSV answer (which has no room for it) can be paged.
    if (page.nextCursor) reply.header('x-gdx-next-cursor', page.nextCursor);
    if (new URLSearchParams(rawQuery).get('format') === 'csv') {
      const csv = writeCsv({ header: page.fields, rows: page.items.map((r) => page.fields.map((f) => csvCell(r[f]))) });
      return reply.type('text/csv; charset=utf-8').send(csv);
    }
    // { items, nextCursor?, grant }: purpose and scenario travel with the data (§39). Serialized once, by the service.
    return reply.type('application/json; charset=utf-8').send(page.json);
  });
}

/** Whether a request carries a body: a Content-Length above 0, or a chunked one. */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  const length = headers['content-length'];
  return (length !== undefined && length !== '0') || headers['transfer-encoding'] !== undefined;
}

const nullableText = Type.Union([Type.String(), Type.Null()]);
const AccessRecordSchema = Type.Object({
  id: Type.Integer(), at: Type.String(), channel: Type.String(), appKey: nullableText, appName: nullableText, consumerName: nullableText,
  providerName: nullableText, entryName: nullableText, entryCode: nullableText, grantId: nullableText, items: Type.Array(Type.String()),
  rows: Type.Integer(), bytes: Type.Integer(), outcome: Type.String(), status: Type.Integer(), errorCode: nullableText,
  latencyMs: Type.Integer(), ip: nullableText, requestId: nullableText,
  userName: nullableText, deliveryId: nullableText, sha256: nullableText,
});

export function accessRecordRoutes(app: Api, records: AccessRecordService): void {
  app.get('/access-records', {
    config: { access: 'user' },
    schema: {
      tags: ['data'],
      summary: '数据访问记录 / who used which data: mine (my calls), provided (who used my data), all (authority, auditors)',
      querystring: Type.Object({
        view: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('provided'), Type.Literal('all')])),
        grantId: Type.Optional(Type.String({ format: 'uuid' })),
        outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('failure')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        cursor: Type.Optional(Type.String({ maxLength: 20 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(AccessRecordSchema), nextCursor: Type.Optional(Type.String()) }) },
    },
  }, async (request) => records.list(actorOf(request), request.query));
}

const VERIFY_BODY_LIMIT = 2 * 1024 * 1024;

export function verifyRoutes(app: Api, verify: VerifyService): void {
  // Its own scope: the body of any content type arrives as its bytes. The signature covers the exact
  // bytes, and a body that is not UTF-8 JSON is refused by the service after the signature, so the
  // refusal is clear, bilingual and in the access records (the shared JSON parser would answer
  // before the call is known, and would read GBK bytes as U+FFFD — a silent mismatch).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: VERIFY_BODY_LIMIT }, (_request, body, done) => done(null, body));
    scope.post('/verify/*', {
      config: { access: 'app' },
      bodyLimit: VERIFY_BODY_LIMIT,
      schema: {
        tags: ['data'],
        summary: '数据核验 / verify values without receiving them (§22; signed app call)',
        description: 'Body {records:[{<key items>, <items to check>}]} (≤ 1000), UTF-8 JSON. Answer per record: found, and per field match|mismatch — never the stored value.',
        security: [],
      },
    }, async (request, reply) => {
      const { rawPath, rawQuery } = splitRawUrl(request.raw.url ?? request.url);
      const code = decodeURIComponent((request.params as { '*': string })['*']);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { results, grantId } = await withRetryAfter(reply, verify.verify({
        headers: request.headers as Record<string, string | string[] | undefined>, method: request.method, rawPath, rawQuery,
        body, ip: request.ip, requestId: String(request.id),
      }, code));
      return { results, grantId };
    });
  });
}
