import { Type } from '@sinclair/typebox';
import type { Api } from '../../http/api.ts';
import { splitRawUrl } from '../../domain/signature/canonical.ts';
import { writeCsv } from '../catalog/transfer/csv.ts';
import type { DataService } from './data-api.ts';

export function dataRoutes(app: Api, data: DataService): void {
  app.get('/data/*', {
    // Signed by the consumer app itself (docs/signing.md), not by a user session.
    config: { access: 'app' },
    schema: {
      tags: ['data'],
      summary: '数据接口 / read a resource under a live grant (signed app call)',
      description: 'Path: /api/v1/data/{resourceCode} with the code\'s "/" sent as %2F. Query: fields=a,b; limit (1–1000); cursor; ' +
        'sort=item or -item; format=json|csv; any other parameter filters an unmasked granted item: item=v, item.gte=v, item.lte=v, item.in=v1,v2. ' +
        'Headers X-GDX-App, X-GDX-Timestamp, X-GDX-Nonce, X-GDX-Signature (docs/signing.md).',
      security: [],
    },
  }, async (request, reply) => {
    const { rawPath, rawQuery } = splitRawUrl(request.raw.url ?? request.url);
    const code = decodeURIComponent((request.params as { '*': string })['*']);
    const page = await data.read({
      headers: request.headers as Record<string, string | string[] | undefined>, method: request.method,
      rawPath, rawQuery, ip: request.ip, requestId: String(request.id),
    }, code);
    reply.header('x-gdx-grant', page.grant.id);
    if (new URLSearchParams(rawQuery).get('format') === 'csv') {
      const csv = writeCsv({ header: page.fields, rows: page.items.map((r) => page.fields.map((f) => (r[f] === null || r[f] === undefined ? null : String(r[f])))) });
      return reply.type('text/csv; charset=utf-8').send(csv);
    }
    // Purpose and scenario travel with the data: use beyond them is not allowed (§39).
    return { items: page.items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), grant: page.grant };
  });
}
