import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { AuditService } from './service.ts';

const date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function auditRoutes(app: Api, audit: AuditService): void {
  app.get('/audit', {
    config: { access: ['auditor', 'security_officer', 'authority'], audit: 'audit.read' },
    schema: {
      tags: ['audit'], summary: '审计记录 / the audit trail (security rules §17)',
      querystring: Type.Object({
        actor: Type.Optional(Type.String({ maxLength: 64 })),
        action: Type.Optional(Type.String({ maxLength: 64 })),
        outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
        targetType: Type.Optional(Type.String({ maxLength: 64 })),
        targetId: Type.Optional(Type.String({ maxLength: 128 })),
        orgId: Type.Optional(Type.String({ format: 'uuid' })),
        from: Type.Optional(date),
        to: Type.Optional(date),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        cursor: Type.Optional(Type.String({ maxLength: 20 })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.Integer(), at: Type.String(), actorType: Type.String(), actorName: Type.Union([Type.String(), Type.Null()]),
            orgName: Type.Union([Type.String(), Type.Null()]), action: Type.String(), targetType: Type.Union([Type.String(), Type.Null()]),
            targetId: Type.Union([Type.String(), Type.Null()]), outcome: Type.String(), ip: Type.Union([Type.String(), Type.Null()]),
            requestId: Type.Union([Type.String(), Type.Null()]), detail: Type.Record(Type.String(), Type.Unknown()),
          })),
          total: Type.Integer(), nextCursor: Type.Optional(Type.String()),
        }),
      },
    },
  }, async (request) => audit.list(actorOf(request), request.query));
}
