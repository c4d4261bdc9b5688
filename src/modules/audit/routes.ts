import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import { AuditListSchema, AuditOutcomeSchema } from './schemas.ts';
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
        outcome: Type.Optional(AuditOutcomeSchema),
        targetType: Type.Optional(Type.String({ maxLength: 64 })),
        targetId: Type.Optional(Type.String({ maxLength: 128 })),
        orgId: Type.Optional(Type.String({ format: 'uuid' })),
        from: Type.Optional(date),
        to: Type.Optional(date),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        cursor: Type.Optional(Type.String({ maxLength: 20 })),
      }, { additionalProperties: false }),
      response: { 200: AuditListSchema },
    },
  }, async (request) => audit.list(actorOf(request), request.query));
}
