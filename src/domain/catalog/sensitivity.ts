/**
 * Sensitive data items: which masking rule they get by default, which masking rules fit which item
 * types, and the lowest grade an entry holding them should carry.
 *
 * Why: security rules §25 (加工: 脱敏) and §27 (提供: 涉敏数据脱敏后再提供) require masking before data
 * leaves the provider; §16 requires one unified grading. Keeping these as tables lets the authority
 * review and adjust the policy without touching the rule code.
 */
import type { Grade, ItemType, MaskingRule, SensitiveType } from './types.ts';

export interface MaskingChoice {
  masking: MaskingRule;
  maskingParam?: number;
}

/** The masking a new item of each sensitive type gets unless the editor picks another. */
export const DEFAULT_MASKING: { readonly [K in SensitiveType]: Readonly<MaskingChoice> } = {
  id_card: { masking: 'id_card' },
  phone: { masking: 'phone' },
  name: { masking: 'name' },
  address: { masking: 'address_district' },
  bank_card: { masking: 'bank_card' },
  // 18 characters: the first 4 (登记管理部门/机构类别 + province) and the check tail stay recognisable.
  uscc: { masking: 'keep_first_last', maskingParam: 4 },
  // Keeps the first two characters of the local part; the rest, domain included, is hidden.
  email: { masking: 'keep_first', maskingParam: 2 },
  // No partial form of these is safe to show.
  health: { masking: 'redact' },
  location: { masking: 'redact' },
  other: { masking: 'redact' },
};

export function defaultMasking(sensitiveType: SensitiveType): MaskingChoice {
  return { ...DEFAULT_MASKING[sensitiveType] };
}

/**
 * Lowest grade an entry carrying the sensitive type should have (security rules §16). The types at
 * grade 2 are what PIPL §28 and GB/T 35273 call 敏感个人信息 (身份证件号码, 金融账户, 医疗健康, 行踪轨迹):
 * they cannot sit in an L1 不敏感 entry. Names, phones, addresses and e-mails are ordinary personal
 * information and also appear in data that is public by law (legal representatives, office phones),
 * so they do not raise the floor on their own.
 */
export const MINIMUM_GRADE: { readonly [K in SensitiveType]: Grade } = {
  id_card: 2,
  bank_card: 2,
  health: 2,
  location: 2,
  phone: 1,
  name: 1,
  address: 1,
  email: 1,
  uscc: 1,
  other: 1,
};

export function minimumGradeFor(sensitiveType: SensitiveType): Grade {
  return MINIMUM_GRADE[sensitiveType];
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
