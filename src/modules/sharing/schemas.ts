/** Schemas of the sharing routes (docs/api-sharing.md), from the same lists as the pure rules. */
import { Type, type TSchema } from '@sinclair/typebox';
import { GRANT_STATUSES, GRANTED_BY, REQUEST_STATUSES, STEP_KINDS, STEP_STATUSES } from '../../domain/sharing/types.ts';
import { MAX_IN_VALUES, MAX_SCOPE_CONDITIONS, MAX_VALUE_LENGTH, ROW_SCOPE_OPS } from '../../domain/policy/row-scope-rules.ts';
import { oneOf } from '../catalog/schemas.ts';
import { GrantAssessmentSchema } from '../security/schemas.ts';

const nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);
const date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) });
const itemName = Type.String({ minLength: 1, maxLength: 63 });

/** One condition of a row scope (共享范围, src/domain/policy/row-scope-rules.ts checks it against the entry). */
export const RowConditionSchema = Type.Object({
  item: itemName,
  op: oneOf(ROW_SCOPE_OPS, 'eq 等于 | in 属于 | prefix 以…开头 | gte 不小于/不早于 | lte 不大于/不晚于'),
  values: Type.Array(Type.String({ maxLength: MAX_VALUE_LENGTH }), { maxItems: MAX_IN_VALUES, description: '一个值（in 可多个），按数据项类型书写' }),
}, { additionalProperties: false });

const rowScope = Type.Optional(Type.Array(RowConditionSchema, {
  maxItems: MAX_SCOPE_CONDITIONS, description: '共享范围（各条件同时满足）/ row scope: every condition holds; enforced on every channel',
}));
const rowFilter = Type.Optional(Type.String({ maxLength: 1000, description: '共享范围说明 / row scope in words' }));

export const ConditionsSchema = Type.Object({
  masking: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '数据项 → 脱敏规则 / item → masking rule' })),
  rowScope,
  rowFilter,
  note: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });

/** What a request may say about the rows it needs (§27); the provider decides in the grant (§29). */
export const RequestConditionsSchema = Type.Object({ rowScope, rowFilter }, { additionalProperties: false });

export const RequestInputSchema = Type.Object({
  entryId: Type.String({ format: 'uuid' }),
  items: Type.Array(itemName, { maxItems: 500, description: '申请的数据项' }),
  purpose: text(1000, '使用用途 (§20)'),
  scenario: text(1000, '应用场景 (§30)'),
  basis: text(1000, '依据/职责'),
  method: oneOf(['table', 'api', 'file', 'verify'] as const, '共享方式'),
  validUntil: date,
  appId: Type.Optional(Type.String({ format: 'uuid', description: '接收数据的应用系统' })),
  route: Type.Optional(oneOf(['standard', 'desensitized'] as const, 'desensitized: §23 脱密脱敏后共享')),
  desensitization: Type.Optional(Type.String({ maxLength: 1000 })),
  conditions: Type.Optional(RequestConditionsSchema),
}, { additionalProperties: false });

export const ResubmitSchema = Type.Partial(Type.Omit(RequestInputSchema, ['entryId']), { additionalProperties: false });

export const StepSchema = Type.Object({
  id: Type.String(), kind: oneOf(STEP_KINDS), status: oneOf(STEP_STATUSES), startedAt: Type.String(),
  dueAt: nullable(Type.String()), dueOn: nullable(Type.String()), provisional: Type.Boolean(),
  remainingWorkdays: nullable(Type.Integer()), dueSoon: Type.Boolean(), overdue: Type.Boolean(),
  doneAt: nullable(Type.String()), actorName: nullable(Type.String()), decision: nullable(Type.String()), comment: nullable(Type.String()),
});

export const RequestSchema = Type.Object({
  id: Type.String(), entryId: Type.String(), entryName: Type.String(), entryCode: nullable(Type.String()),
  providerId: Type.String(), providerName: Type.String(), consumerId: Type.String(), consumerName: Type.String(), requesterName: Type.String(),
  items: Type.Array(Type.String()), purpose: Type.String(), scenario: Type.String(), basis: Type.String(), method: Type.String(),
  validUntil: Type.String(), appId: nullable(Type.String()), route: Type.String(), desensitization: nullable(Type.String()),
  conditions: RequestConditionsSchema,
  status: oneOf(REQUEST_STATUSES), coordinated: Type.Boolean(), createdAt: Type.String(), updatedAt: Type.String(), grantId: nullable(Type.String()),
  steps: Type.Array(StepSchema),
  messages: Type.Array(Type.Object({ orgName: Type.String(), authorName: Type.String(), body: Type.String(), at: Type.String() })),
  permissions: Type.Object({
    review: Type.Boolean(), reply: Type.Boolean(), resubmit: Type.Boolean(), cancel: Type.Boolean(),
    negotiate: Type.Boolean(), fail: Type.Boolean(), coordinate: Type.Boolean(),
  }),
});

export const GrantSchema = Type.Object({
  id: Type.String(), requestId: nullable(Type.String()), entryId: Type.String(), entryName: Type.String(), entryCode: nullable(Type.String()),
  providerId: Type.String(), providerName: Type.String(), consumerId: Type.String(), consumerName: Type.String(),
  items: Type.Array(Type.String()), method: Type.String(), conditions: ConditionsSchema, purpose: Type.String(), scenario: Type.String(),
  validFrom: Type.String(), validUntil: Type.String(), status: oneOf(GRANT_STATUSES), grantedBy: oneOf(GRANTED_BY),
  lastUsedAt: nullable(Type.String()), idle: Type.Boolean(), idleSince: nullable(Type.String()),
  revokedAt: nullable(Type.String()), revokeReason: nullable(Type.String()), createdAt: Type.String(),
});

/** 数据安全协议 of a grant (security rules §27): the stored text (Chinese binds), its digest, its acceptance. */
export const AgreementSchema = Type.Object({
  grantId: Type.String(), textZh: Type.String(), textEn: Type.String(), textHash: Type.String({ description: 'hex SHA-256 of textZh, a newline, textEn' }),
  generatedAt: Type.String(), acceptedAt: nullable(Type.String()), acceptedBy: nullable(Type.String()), acceptedByName: nullable(Type.String()),
  mayAccept: Type.Boolean(),
});

export const WholeAuthorizationSchema = Type.Object({
  id: Type.String(), entryId: Type.String(), entryName: Type.String(), entryCode: nullable(Type.String()), providerId: Type.String(),
  items: Type.Array(Type.String()), methods: Type.Array(Type.String()), conditions: ConditionsSchema, validUntil: Type.String(),
  createdAt: Type.String(), revokedAt: nullable(Type.String()), revokeReason: nullable(Type.String()),
});

export const ObjectionSchema = Type.Object({
  id: Type.String(), entryId: Type.String(), entryName: Type.String(), entryCode: nullable(Type.String()),
  providerId: Type.String(), providerName: Type.String(), consumerId: Type.String(), consumerName: Type.String(),
  items: Type.Array(Type.String()), sampleKeys: Type.Array(Type.String()), description: Type.String(),
  status: oneOf(['open', 'corrected', 'confirmed'] as const), createdAt: Type.String(), dueAt: Type.String(), dueOn: Type.String(),
  provisional: Type.Boolean(), remainingWorkdays: nullable(Type.Integer()), dueSoon: Type.Boolean(), overdue: Type.Boolean(),
  resolvedAt: nullable(Type.String()), resolverName: nullable(Type.String()), outcomeComment: nullable(Type.String()),
});

export const GrantTermsSchema = {
  items: Type.Optional(Type.Array(itemName, { maxItems: 500 })),
  validUntil: Type.Optional(date),
  conditions: Type.Optional(ConditionsSchema),
  assessment: Type.Optional(GrantAssessmentSchema),
};

export const list = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), nextCursor: Type.Optional(Type.String()) });
