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
