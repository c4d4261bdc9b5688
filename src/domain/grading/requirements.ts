/**
 * What an entry's grade (and 重要数据 mark) demands, read from the rule set: pure functions other
 * modules call — the catalog's validation, the provider's grant decision, file downloads, storage.
 * An important entry gets the stricter of its grade's policy and the 重要数据 policy on every point.
 */
import type { Grade, OpenType, SensitiveType, ShareType } from '../catalog/types.ts';
import type { AuditDetail, DataMarks, GradePolicy, GradingRuleSet, SensitiveTypePolicy } from './types.ts';

/** Openness order, least open first. */
export const SHARE_OPENNESS: { readonly [K in ShareType]: number } = { none: 0, conditional: 1, unconditional: 2 };
export const OPEN_OPENNESS: { readonly [K in OpenType]: number } = { closed: 0, conditional: 1, open: 2 };

const lessOpen = <K extends string>(order: { readonly [P in K]: number }, a: K, b: K): K => (order[a] <= order[b] ? a : b);

/** The policy of a grade, tightened by the 重要数据 policy when the entry is important. */
export function effectivePolicy(grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): GradePolicy {
  const g = rules.grades[grade];
  if (!marks.important) return g;
  const i = rules.important;
  return {
    description: g.description,
    maxShareType: lessOpen(SHARE_OPENNESS, g.maxShareType, i.maxShareType),
    maxOpenType: lessOpen(OPEN_OPENNESS, g.maxOpenType, i.maxOpenType),
    internalReview: g.internalReview || i.internalReview,
    securityAssessment: g.securityAssessment || i.securityAssessment,
    encryptAtRest: g.encryptAtRest || i.encryptAtRest,
    watermark: g.watermark || i.watermark,
    auditDetail: g.auditDetail === 'full' || i.auditDetail === 'full' ? 'full' : 'summary',
  };
}

export interface GrantRequirements {
  /** 内部审查 by the provider before it grants (security rules §27). */
  internalReview: boolean;
  /** A security assessment record must accompany the grant (security rules §27: 涉敏数据应当进行安全评估). */
  securityAssessment: boolean;
  /** The platform may grant without the provider (sharing rules §30(一), 无条件共享). */
  platformMayGrant: boolean;
}

/** What a grant of data of this grade needs (security rules §27). */
export function grantRequirements(grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): GrantRequirements {
  const p = effectivePolicy(grade, rules, marks);
  return {
    internalReview: p.internalReview,
    securityAssessment: p.securityAssessment,
    platformMayGrant: p.maxShareType === 'unconditional' && !p.internalReview && !p.securityAssessment,
  };
}

/** Whether files of this grade are watermarked with the consumer on download (security rules §24, §25). */
export function watermarkRequired(grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): boolean {
  return effectivePolicy(grade, rules, marks).watermark;
}

/** Whether the platform must encrypt this data's sensitive items where it stores them (security rules §23). */
export function encryptionRequired(grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): boolean {
  return effectivePolicy(grade, rules, marks).encryptAtRest;
}

/** How much an access record of this data keeps (security rules §17). */
export function auditDetail(grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): AuditDetail {
  return effectivePolicy(grade, rules, marks).auditDetail;
}

/** Whether an entry of this grade may carry this 共享属性 (sharing rules §22; security rules §27). */
export function shareTypeAllowed(shareType: ShareType, grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): boolean {
  return SHARE_OPENNESS[shareType] <= SHARE_OPENNESS[effectivePolicy(grade, rules, marks).maxShareType];
}

/** Whether an entry of this grade may carry this 开放属性 (security rules §28). */
export function openTypeAllowed(openType: OpenType, grade: Grade, rules: GradingRuleSet, marks: DataMarks = {}): boolean {
  return OPEN_OPENNESS[openType] <= OPEN_OPENNESS[effectivePolicy(grade, rules, marks).maxOpenType];
}

/** The lowest grade an entry holding this sensitive type (or marked important) should carry (security rules §16). */
export function minimumGrade(sensitiveType: SensitiveType, rules: GradingRuleSet): Grade {
  return rules.sensitiveTypes[sensitiveType].minGrade;
}

/** The masking a new item of this sensitive type gets unless the editor picks another (security rules §25, §27). */
export function defaultMaskingOf(sensitiveType: SensitiveType, rules: GradingRuleSet): SensitiveTypePolicy {
  return { ...rules.sensitiveTypes[sensitiveType] };
}

/**
 * 核心数据 is refused by this platform (security rules §2; 数据安全法 §21 核心数据实行更加严格的管理制度):
 * such an entry can be neither saved nor published.
 */
export const CORE_DATA_REFUSAL = {
  code: 'CORE_DATA_REFUSED',
  article: 'Sec §2',
  zh: '核心数据不在本平台共享交换范围内，不能登记、保存或发布（《数据安全法》第二十一条，安全细则第二条）',
  en: 'Core data (核心数据) is outside this platform: it cannot be catalogued, saved or published (Data Security Law §21; security rules §2)',
} as const;
