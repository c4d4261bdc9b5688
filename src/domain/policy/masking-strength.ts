/**
 * How strong each 脱敏规则 is, so a grant can only tighten an item's masking, never loosen it.
 *
 * Why: the catalog entry's masking is what the provider declared safe to share; a grant's conditions
 * (授权的限制条件) may narrow what is given but must not exceed the entry's 许可范围 (security rules §25
 * 不得超出数据授权的许可范围和限制条件; §27 脱敏后再提供; sharing rules §39 按照授权的方式和范围使用).
 *
 * Tiers, weakest first: none shows the value; the partial rules show part of it (which part differs,
 * so two different partial rules are not comparable); hash shows only equality within a grant;
 * redact shows only that a value exists; null shows nothing. Within one keep_* rule a smaller N
 * reveals a subset of a larger N's characters, so it is at least as strong.
 */
import { MASKING_RULE_SPECS } from '../catalog/sensitivity.ts';
import type { MaskingRule } from '../catalog/types.ts';

export const MASKING_TIER: { readonly [K in MaskingRule]: number } = {
  none: 0,
  keep_first: 1,
  keep_last: 1,
  keep_first_last: 1,
  id_card: 1,
  phone: 1,
  name: 1,
  bank_card: 1,
  address_district: 1,
  date_year: 1,
  hash: 2,
  redact: 3,
  null: 4,
};

export interface RuleChoice {
  rule: MaskingRule;
  /** N of the keep_* rules. */
  param?: number;
}

/** True when `candidate` reveals no more than `base` on every value. */
export function isAtLeastAsStrong(candidate: RuleChoice, base: RuleChoice): boolean {
  const c = MASKING_TIER[candidate.rule];
  const b = MASKING_TIER[base.rule];
  if (c !== b) return c > b;
  if (candidate.rule !== base.rule) return false;
  if (!MASKING_RULE_SPECS[candidate.rule].needsParam) return true;
  // A missing N is treated as revealing everything, so it never wins a comparison.
  if (candidate.param === undefined) return false;
  if (base.param === undefined) return true;
  return candidate.param <= base.param;
}
