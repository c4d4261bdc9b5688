/**
 * Sensitive data items: which masking rule they get by default, which masking rules fit which item
 * types, and the lowest grade an entry holding them should carry.
 *
 * Why: security rules §25 (加工: 脱敏) and §27 (提供: 涉敏数据脱敏后再提供) require masking before data
 * leaves the provider; §16 requires one unified grading. Keeping these as tables lets the authority
 * review and adjust the policy without touching the rule code.
 */
import { DEFAULT_GRADING_RULES } from '../grading/defaults.ts';
import type { GradingRuleSet } from '../grading/types.ts';
import { SENSITIVE_TYPES, type Grade, type ItemType, type MaskingRule, type SensitiveType } from './types.ts';

export interface MaskingChoice {
  masking: MaskingRule;
  maskingParam?: number;
}

/**
 * The masking a new item of each sensitive type gets unless the editor picks another, and the lowest
 * grade an entry holding it should carry: the platform's default grading rule set (domain/grading),
 * which the authority may change (GET/PUT /api/v1/security/grading). These constants are the
 * built-in defaults, for code that has no rule set at hand.
 */
export const DEFAULT_MASKING: { readonly [K in SensitiveType]: Readonly<MaskingChoice> } = Object.fromEntries(
  SENSITIVE_TYPES.map((t) => {
    const { masking, maskingParam } = DEFAULT_GRADING_RULES.sensitiveTypes[t];
    return [t, { masking, ...(maskingParam !== undefined && { maskingParam }) }];
  }),
) as { [K in SensitiveType]: MaskingChoice };

export function defaultMasking(sensitiveType: SensitiveType, rules: GradingRuleSet = DEFAULT_GRADING_RULES): MaskingChoice {
  const { masking, maskingParam } = rules.sensitiveTypes[sensitiveType];
  return { masking, ...(maskingParam !== undefined && { maskingParam }) };
}

/** Lowest grade an entry carrying the sensitive type should have (security rules §16); see grading/defaults.ts for why. */
export const MINIMUM_GRADE: { readonly [K in SensitiveType]: Grade } = Object.fromEntries(
  SENSITIVE_TYPES.map((t) => [t, DEFAULT_GRADING_RULES.sensitiveTypes[t].minGrade]),
) as { [K in SensitiveType]: Grade };

export function minimumGradeFor(sensitiveType: SensitiveType, rules: GradingRuleSet = DEFAULT_GRADING_RULES): Grade {
  return rules.sensitiveTypes[sensitiveType].minGrade;
}

export interface MaskingRuleSpec {
  /** keep_first / keep_last / keep_first_last need N ≥ 1 in `maskingParam`. */
  needsParam: boolean;
  /** Item types the rule can work on; 'any' for rules that replace the whole value. */
  appliesTo: readonly ItemType[] | 'any';
}

const TEXT: readonly ItemType[] = ['string'];

export const MASKING_RULE_SPECS: { readonly [K in MaskingRule]: MaskingRuleSpec } = {
  none: { needsParam: false, appliesTo: 'any' },
  keep_first: { needsParam: true, appliesTo: TEXT },
  keep_last: { needsParam: true, appliesTo: TEXT },
  keep_first_last: { needsParam: true, appliesTo: TEXT },
  id_card: { needsParam: false, appliesTo: TEXT },
  phone: { needsParam: false, appliesTo: TEXT },
  name: { needsParam: false, appliesTo: TEXT },
  bank_card: { needsParam: false, appliesTo: TEXT },
  address_district: { needsParam: false, appliesTo: TEXT },
  date_year: { needsParam: false, appliesTo: ['date', 'datetime', 'string'] },
  hash: { needsParam: false, appliesTo: 'any' },
  redact: { needsParam: false, appliesTo: 'any' },
  null: { needsParam: false, appliesTo: 'any' },
};

export function maskingFitsType(masking: MaskingRule, type: ItemType): boolean {
  const spec = MASKING_RULE_SPECS[masking];
  return spec.appliesTo === 'any' || spec.appliesTo.includes(type);
}
