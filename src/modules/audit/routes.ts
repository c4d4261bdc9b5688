import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { AuditChainService } from './chain-service.ts';
import {
  AuditChainStatusSchema, AuditCheckpointListSchema, AuditCheckpointSchema, AuditListSchema, AuditOutcomeSchema,
  AuditPublicKeySchema, AuditVerificationSchema,
} from './schemas.ts';
import type { AuditService } from './service.ts';

const date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function auditRoutes(app: Api, audit: AuditService, chain: AuditChainService): void {
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

  const readers = ['auditor', 'security_officer', 'authority'] as const;

  app.get('/audit/chain', {
    config: { access: readers, audit: 'audit.chain' },
    schema: { tags: ['audit'], summary: '审计链状态 / audit chain status: head, sealed and unsealed records, last checkpoint', response: { 200: AuditChainStatusSchema } },
  }, async () => chain.status());

  app.get('/audit/verify', {
    config: { access: readers, audit: 'audit.verify' },
    schema: {
      tags: ['audit'],
      summary: '校验审计链 / verify the whole audit chain; names the first broken record and why (security rules §17)',
      response: { 200: AuditVerificationSchema },
    },
  }, async (request) => chain.verify(actorOf(request)));

  app.get('/audit/checkpoints', {
    config: { access: readers, audit: 'audit.checkpoints' },
    schema: {
      tags: ['audit'], summary: '已签名检查点 / signed checkpoints of the chain, newest first, with the public key',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
      }, { additionalProperties: false }),
      response: { 200: AuditCheckpointListSchema },
    },
  }, async (request) => chain.checkpoints(request.query));

  app.post('/audit/checkpoints', {
    config: { access: readers, audit: 'audit.checkpoint' },
    schema: { tags: ['audit'], summary: '立即签署检查点 / sign a checkpoint of the chain now', response: { 200: AuditCheckpointSchema } },
  }, async (request) => chain.checkpoint(actorOf(request)));

  app.get('/audit/public-key', {
    config: { access: 'public' },
    schema: {
      tags: ['audit'], summary: '审计签名公钥 / the public key that checks checkpoints and archives (Ed25519, PEM)',
      response: { 200: AuditPublicKeySchema },
    },
  }, async () => chain.publicKey());
}
