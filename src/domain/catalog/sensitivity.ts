/**
 * Masking rules of sensitive data items: which need a parameter and which item types they fit.
 *
 * Why: security rules §25 (加工: 脱敏) and §27 (提供: 涉敏数据脱敏后再提供) require masking before data
 * leaves the provider. Which rule a sensitive type gets by default, and the lowest grade an entry
 * holding it should carry, belong to the grading rule set in force (§16, domain/grading), which the
 * authority edits: read them with defaultMaskingOf and minimumGrade.
 */
import type { ItemType, MaskingRule } from './types.ts';

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
