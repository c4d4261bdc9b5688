/**
 * 统一的政务数据分类分级规则 (security rules §16) as data: one platform-wide rule set, edited by the
 * city's data authority (§7(一) 制定政务数据安全相关政策), versioned. Pure types; the defaults are in
 * defaults.ts, what a grade demands in requirements.ts, the consistency checks in validate.ts.
 *
 * Grades L1 不敏感 … L4 敏感 apply to 一般数据; 重要数据 is a mark on top (GB/T 43697-2024 数据分类分级规则:
 * 核心数据 / 重要数据 / 一般数据). 核心数据 is not handled by this platform at all (security rules §2:
 * 涉及国家秘密的按有关法律执行; 核心数据 falls under the stricter national regime of 数据安全法 §21).
 */
import type { Grade, MaskingRule, OpenType, SensitiveType, ShareType } from '../catalog/types.ts';

/** 数据级别 of GB/T 43697: 核心 / 重要 / 一般. */
export const DATA_LEVELS = ['core', 'important', 'general'] as const;
export type DataLevel = (typeof DATA_LEVELS)[number];

/** How much an access record keeps (security rules §17 日志审计): who/when/what entry, or also items, filters and row counts. */
export const AUDIT_DETAILS = ['summary', 'full'] as const;
export type AuditDetail = (typeof AUDIT_DETAILS)[number];

export interface Text {
  zh: string;
  en: string;
}

/** What the platform demands of data of one grade (or of 重要数据). */
export interface GradePolicy {
  /** What kind of data belongs here — shown to catalog editors. */
  description: Text;
  /** The most open 共享属性 (sharing rules §22): a grade that needs the provider's review cannot be 无条件. */
  maxShareType: ShareType;
  /** The most open 开放属性 (security rules §28). */
  maxOpenType: OpenType;
  /** A grant needs the provider's internal review (security rules §27 按照分类分级要求对政务数据进行内部审查). */
  internalReview: boolean;
  /** A grant needs a security assessment record (security rules §27 对涉敏数据应当进行安全评估). */
  securityAssessment: boolean;
  /** The platform encrypts the data's sensitive items it stores (security rules §23 加密存储). */
  encryptAtRest: boolean;
  /** Downloads carry a watermark naming the consumer (security rules §24 可追溯, §25 确保数据不外泄). */
  watermark: boolean;
  /** Access records keep the full detail (security rules §17). */
  auditDetail: AuditDetail;
}

/** Per 敏感类型: the lowest grade an entry holding it may carry and the masking its items get by default. */
export interface SensitiveTypePolicy {
  minGrade: Grade;
  masking: MaskingRule;
  maskingParam?: number;
}

export interface GradingRuleSet {
  grades: { [G in Grade]: GradePolicy };
  /** 重要数据: at least this grade, and never less strict than this policy. */
  important: GradePolicy & { minGrade: Grade };
  sensitiveTypes: { [S in SensitiveType]: SensitiveTypePolicy };
}

/** Marks of an entry beside its grade. */
export interface DataMarks {
  important?: boolean;
}

/** A stored version of the rule set: who changed what, when (security rules §16, §17). */
export interface GradingVersion {
  version: number;
  rules: GradingRuleSet;
  comment: string;
  changedBy: string | null;
  changedAt: string;
}
