/**
 * Schemas of the security routes: the grading rule set (security rules §16) and the keyring status
 * (security rules §23). Built from the domain's enum lists so the validator and OpenAPI never drift.
 */
import { Type } from '@sinclair/typebox';
import { AUDIT_DETAILS } from '../../domain/grading/types.ts';
import { MASKING_RULES, OPEN_TYPES, SHARE_TYPES, type Grade } from '../../domain/catalog/types.ts';
import { oneOf } from '../catalog/schemas.ts';

const TextSchema = Type.Object({ zh: Type.String({ maxLength: 500 }), en: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
const grade = Type.Unsafe<Grade>({ enum: [1, 2, 3, 4], description: '分级 L1–L4' });

const policy = {
  description: TextSchema,
  maxShareType: oneOf(SHARE_TYPES, '最高共享属性 (§22)'),
  maxOpenType: oneOf(OPEN_TYPES, '最高开放属性 (Sec §28)'),
  internalReview: Type.Boolean({ description: '授权须内部审查 (Sec §27)' }),
  securityAssessment: Type.Boolean({ description: '授权须安全评估 (Sec §27)' }),
  encryptAtRest: Type.Boolean({ description: '加密存储 (Sec §23)' }),
  watermark: Type.Boolean({ description: '下载加水印 (Sec §24)' }),
  auditDetail: oneOf(AUDIT_DETAILS, '审计详细程度 (Sec §17)'),
};
export const GradePolicySchema = Type.Object(policy, { additionalProperties: false });
const SensitivePolicySchema = Type.Object({
  minGrade: grade,
  masking: oneOf(MASKING_RULES, '默认脱敏规则'),
  maskingParam: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
}, { additionalProperties: false });

export const GradingRuleSetSchema = Type.Object({
  grades: Type.Object({ 1: GradePolicySchema, 2: GradePolicySchema, 3: GradePolicySchema, 4: GradePolicySchema }, { additionalProperties: false }),
  important: Type.Object({ ...policy, minGrade: grade }, { additionalProperties: false }),
  sensitiveTypes: Type.Object({
    id_card: SensitivePolicySchema, phone: SensitivePolicySchema, name: SensitivePolicySchema, address: SensitivePolicySchema,
    bank_card: SensitivePolicySchema, uscc: SensitivePolicySchema, email: SensitivePolicySchema, health: SensitivePolicySchema,
    location: SensitivePolicySchema, other: SensitivePolicySchema,
  }, { additionalProperties: false }),
}, { additionalProperties: false });

export const GradingVersionSchema = Type.Object({
  version: Type.Integer({ description: '版本号；0 = 内置默认规则' }),
  rules: GradingRuleSetSchema,
  comment: Type.String(),
  changedBy: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.String(),
  /** Whether the caller may edit (the city authority). */
  editable: Type.Optional(Type.Boolean()),
});

export const GradingUpdateSchema = Type.Object({
  rules: GradingRuleSetSchema,
  /** The version the edit started from: a save over someone else's newer version is refused. */
  baseVersion: Type.Integer({ minimum: 0 }),
  comment: Type.String({ minLength: 1, maxLength: 1000, description: '修改说明' }),
}, { additionalProperties: false });

export const KeyringStatusSchema = Type.Object({
  cipher: Type.String(),
  source: Type.String(),
  activeKeyId: Type.String(),
  saltKeyId: Type.String(),
  activeKeyAgeDays: Type.Integer(),
  maxKeyAgeDays: Type.Integer(),
  rotationDue: Type.Boolean(),
  keys: Type.Array(Type.Object({
    id: Type.String(), createdAt: Type.String(), ageDays: Type.Integer(), active: Type.Boolean(), salt: Type.Boolean(),
  })),
  reloadError: Type.Optional(Type.String()),
  sealedValues: Type.Array(Type.Object({
    table: Type.String(), column: Type.String(), keyId: Type.String(), cipher: Type.String(), count: Type.Integer(),
  })),
});

/** The provider's internal review and security assessment given with a grant (security rules §27). */
export const GrantAssessmentSchema = Type.Object({
  internalReview: Type.String({ minLength: 2, maxLength: 4000, description: '内部审查意见 (Sec §27)' }),
  securityAssessment: Type.Optional(Type.String({ minLength: 2, maxLength: 4000, description: '安全评估结论 (Sec §27)' })),
}, { additionalProperties: false });
