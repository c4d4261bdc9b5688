/**
 * maskValue — apply one 脱敏规则 to one value before it leaves the provider.
 * Security rules §25 (数据加工: 采用加密、脱敏等技术手段，确保数据不外泄) and §27 (对涉敏数据…脱敏后再提供).
 *
 * Pure and total over values: null/undefined become null under every rule (there is nothing to hide
 * and `null` must not turn into '***', which would read as "a value exists"); a value a rule cannot
 * read is redacted rather than passed through. Only a misconfigured rule (unknown name, missing N,
 * missing salt) throws, so a bad catalog or grant stops the delivery instead of leaking data.
 * The rule names are the catalog's MASKING_RULES; what each may be applied to is MASKING_RULE_SPECS.
 */
import { MASKING_RULE_SPECS } from '../catalog/sensitivity.ts';
import type { MaskingRule } from '../catalog/types.ts';
import { MaskingError } from './errors.ts';
import { checkHashConfig, hashInput, hmacHex, type HashAlgorithm, type Salt } from './masking-hash.ts';
import {
  maskAddressToDistrict, maskBankCard, maskDateToYear, maskIdCard, maskName, maskPhone,
} from './masking-patterns.ts';
import { REDACTED, keepFirst, keepFirstLast, keepLast } from './masking-text.ts';

export { REDACTED } from './masking-text.ts';

export interface MaskOptions {
  /** N of keep_first / keep_last / keep_first_last (the item's maskingParam). */
  param?: number;
  /** The grant's secret salt, required by `hash` (see masking-hash.ts). */
  salt?: Salt;
  algorithm?: HashAlgorithm;
}

/** Text rules work on strings; numbers (a phone or card stored as a number) are read as decimal text. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** N must be a whole number ≥ 0; 0 reveals nothing. Never guessed: a missing N is a catalog error. */
function requireParam(rule: MaskingRule, param: number | undefined): number {
  if (param === undefined || !Number.isInteger(param) || param < 0) {
    throw new MaskingError('invalid_param', `脱敏规则 ${rule} 须设置保留位数 N（非负整数）`, `masking rule ${rule} needs N, a whole number ≥ 0`);
  }
  return param;
}

export function isMaskingRule(rule: string): rule is MaskingRule {
  return Object.hasOwn(MASKING_RULE_SPECS, rule);
}

export function maskValue(value: unknown, rule: MaskingRule, opts: MaskOptions = {}): unknown {
  // Checked at run time too: rules arrive from stored JSON (grant conditions) as plain strings.
  if (!isMaskingRule(rule)) {
    throw new MaskingError('unknown_rule', `未知的脱敏规则：${String(rule)}`, `unknown masking rule: ${String(rule)}`);
  }
  // Configuration is checked before the value, so a bad rule fails on the first row, null or not.
  if (MASKING_RULE_SPECS[rule].needsParam) requireParam(rule, opts.param);
  if (rule === 'hash') checkHashConfig(opts.salt, opts.algorithm);
  if (value === null || value === undefined) return null;

  switch (rule) {
    case 'none':
      return value;
    case 'null':
      return null;
    case 'redact':
      return REDACTED;
    case 'hash': {
      const input = hashInput(value);
      return input === undefined ? REDACTED : hmacHex(input, opts.salt, opts.algorithm ?? 'sha256');
    }
    case 'date_year':
      return maskDateToYear(value);
    default:
      return maskText(value, rule, opts.param ?? 0);
  }
}

/**
 * maskValue for one rule and its options, decided once: the rule and its configuration are checked
 * here (a misconfigured rule throws now, as maskValue throws on the first value), and the answer
 * masks each value with the rule's own function — for the data API's pages and the table sync's
 * millions of rows, where looking the rule up again for every value was a measurable share of the
 * masking. Same results as maskValue for every rule and value (masking.test.ts holds them equal).
 */
export function compileMask(rule: MaskingRule, opts: MaskOptions = {}): (value: unknown) => unknown {
  maskValue(null, rule, opts);
  const text = (mask: (s: string) => string) => (v: unknown) => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return mask(v);
    const t = asText(v);
    return t === undefined ? REDACTED : mask(t);
  };
  const n = opts.param ?? 0;
  switch (rule) {
    case 'id_card': return text(maskIdCard);
    case 'phone': return text(maskPhone);
    case 'name': return text(maskName);
    case 'bank_card': return text(maskBankCard);
    case 'address_district': return text(maskAddressToDistrict);
    case 'keep_first': return text((s) => keepFirst(s, n));
    case 'keep_last': return text((s) => keepLast(s, n));
    case 'keep_first_last': return text((s) => keepFirstLast(s, n));
    default: return (v) => maskValue(v, rule, opts);
  }
}

type TextRule = Exclude<MaskingRule, 'none' | 'null' | 'redact' | 'hash' | 'date_year'>;

function maskText(value: unknown, rule: TextRule, n: number): string {
  const text = asText(value);
  if (text === undefined) return REDACTED;
  switch (rule) {
    case 'keep_first': return keepFirst(text, n);
    case 'keep_last': return keepLast(text, n);
    case 'keep_first_last': return keepFirstLast(text, n);
    case 'id_card': return maskIdCard(text);
    case 'phone': return maskPhone(text);
    case 'name': return maskName(text);
    case 'bank_card': return maskBankCard(text);
    case 'address_district': return maskAddressToDistrict(text);
  }
}
