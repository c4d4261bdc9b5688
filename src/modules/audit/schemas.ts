/** Response schema of the audit trail (security rules §17); the web client derives its types from it. */
import { Type } from '@sinclair/typebox';

const nullableString = Type.Union([Type.String(), Type.Null()]);

export const AuditOutcomeSchema = Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')]);

export const AuditRecordSchema = Type.Object({
  id: Type.Integer(), at: Type.String(),
  actorType: Type.Union([Type.Literal('user'), Type.Literal('app'), Type.Literal('system'), Type.Literal('anonymous')]),
  actorName: nullableString, orgName: nullableString, action: Type.String(), targetType: nullableString, targetId: nullableString,
  outcome: AuditOutcomeSchema, ip: nullableString, requestId: nullableString, detail: Type.Record(Type.String(), Type.Unknown()),
});

export const AuditListSchema = Type.Object({
  items: Type.Array(AuditRecordSchema), total: Type.Integer(), nextCursor: Type.Optional(Type.String()),
});

const ChainBreakSchema = Type.Object({
  seq: Type.Integer(), recordId: Type.Union([Type.Integer(), Type.Null()]),
  reason: Type.Union(['content_changed', 'missing', 'duplicate', 'reordered', 'forged', 'link_broken',
    'checkpoint_mismatch', 'checkpoint_signature', 'truncated'].map((r) => Type.Literal(r))),
  checkpointId: Type.Optional(Type.Integer()), zh: Type.String(), en: Type.String(),
});

const HashAlgorithmSchema = Type.Union([Type.Literal('sm3'), Type.Literal('sha256')]);

/** GET /audit/chain: the chain at a glance, without a walk (also the posture page's source). */
export const AuditChainStatusSchema = Type.Object({
  head: Type.Union([Type.Object({ seq: Type.Integer(), hash: Type.String() }), Type.Null()]),
  algorithm: Type.Union([HashAlgorithmSchema, Type.Null()]),
  sealed: Type.Integer(), unsealed: Type.Integer(), oldestUnsealedAt: nullableString,
  lastCheckpoint: Type.Union([Type.Object({
    id: Type.Integer(), at: Type.String(), count: Type.Integer(), hash: Type.String(), keyId: Type.String(), verified: Type.Boolean(),
  }), Type.Null()]),
  lastVerification: Type.Union([Type.Object({
    at: Type.String(), ok: Type.Boolean(), verifiedThrough: Type.Integer(), reason: Type.Optional(Type.String()), seq: Type.Optional(Type.Integer()),
  }), Type.Null()]),
});

/** GET /audit/verify: a full walk of the chain; `firstBad` names the first broken record and why. */
export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(), checkedAt: Type.String(), seconds: Type.Number(), verified: Type.Integer(), verifiedThrough: Type.Integer(),
  headHash: nullableString, unsealed: Type.Integer(),
  checkpoints: Type.Object({
    total: Type.Integer(), verified: Type.Integer(),
    lastVerified: Type.Optional(Type.Object({ id: Type.Integer(), seq: Type.Integer() })),
  }),
  archivedRanges: Type.Integer(),
  firstBad: Type.Optional(ChainBreakSchema),
});

export const AuditCheckpointSchema = Type.Object({
  id: Type.Integer(), at: Type.String(), count: Type.Integer(), hash: Type.String(), keyId: Type.String(), signature: Type.String(),
});

export const AuditPublicKeySchema = Type.Object({
  algorithm: Type.Literal('Ed25519'), keyId: Type.String(), publicKey: Type.String(),
  checkpointMessage: Type.String(), archiveMessage: Type.String(),
});

export const AuditCheckpointListSchema = Type.Object({
  items: Type.Array(AuditCheckpointSchema), keyId: Type.String(), publicKey: Type.String(), nextCursor: Type.Optional(Type.String()),
});
