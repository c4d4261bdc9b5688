/**
 * Which masking each granted item gets, and the projection of a source row onto what a grant may see.
 * Security rules §25 (加工: 脱敏, 不得超出授权的许可范围和限制条件), §27 (涉敏数据脱敏后再提供).
 *
 * - The item's rule is the floor. An item with a sensitiveType and no rule (or 'none', which the
 *   catalog's MASKING_REQUIRED rejects) gets its type's default masking from the grading rule set in
 *   force (security rules §16): never unmasked by omission, and an authority's edit of the default
 *   reaches every channel. A default the set cannot supply (a type it predates) redacts.
 * - A grant's `conditions.masking` may only make an item's masking stronger (masking-strength.ts);
 *   a weaker or unreadable grant rule is reported and the safer rule applies. A grant rule that is
 *   neither weaker nor stronger than a default redacts: a changed default never undoes it.
 * - Filters and sorts are allowed only on items delivered unmasked: sorting on a masked 身份证号 or
 *   filtering `phone = '138…'` would let a caller infer the value the masking hides (issue 4).
 */
import type { Issue } from '../catalog/issue.ts';
import { MASKING_RULE_SPECS } from '../catalog/sensitivity.ts';
import type { MaskingRule, SensitiveType } from '../catalog/types.ts';
import type { GradingRuleSet } from '../grading/types.ts';
import { MaskingError } from './errors.ts';
import type { HashAlgorithm, Salt } from './masking-hash.ts';
import { isAtLeastAsStrong, type RuleChoice } from './masking-strength.ts';
import { isMaskingRule, maskValue } from './masking.ts';

export interface MaskableItem {
  name: string;
  masking?: MaskingRule;
  maskingParam?: number;
  sensitiveType?: SensitiveType;
}

export interface EffectiveRule extends RuleChoice {
  /** Where the rule came from: the item, the sensitive-type default, the grant, or a fail-closed fallback. */
  source: 'item' | 'default' | 'grant' | 'fallback';
}

export type MaskingPlan = ReadonlyMap<string, EffectiveRule>;

export interface EffectiveMasking {
  masking: MaskingPlan;
  /** Warnings about rules that were not applied as written; delivery goes on with the safer rule. */
  issues: Issue[];
}

const FALLBACK: EffectiveRule = { rule: 'redact', source: 'fallback' };

function validParam(rule: MaskingRule, param: number | undefined): boolean {
  return !MASKING_RULE_SPECS[rule].needsParam || (param !== undefined && Number.isInteger(param) && param >= 0);
}

function warn(code: string, field: string, zh: string, en: string): Issue {
  return { level: 'warning', code, field, zh, en, article: 'Sec §27' };
}

/** The item's own rule, or the rule set's default for its sensitive type; unusable configuration → redact. */
function itemRule(item: MaskableItem, path: string, rules: GradingRuleSet, issues: Issue[]): EffectiveRule {
  const declared = item.masking as string | undefined;
  if (declared !== undefined && !isMaskingRule(declared)) {
    issues.push(warn('ITEM_MASKING_UNKNOWN', `${path}.masking`, `数据项 ${item.name} 的脱敏规则 ${declared} 无法识别，已全部遮盖`, `Item ${item.name}: unknown masking rule ${declared}; redacted`));
    return FALLBACK;
  }
  if (item.sensitiveType !== undefined && (declared === undefined || declared === 'none')) {
    const d = rules.sensitiveTypes[item.sensitiveType] as GradingRuleSet['sensitiveTypes'][SensitiveType] | undefined;
    // checkRuleSet never saves such a default; a set stored before a sensitive type existed lacks it.
    if (d === undefined || d.masking === 'none' || !isMaskingRule(d.masking) || !validParam(d.masking, d.maskingParam)) {
      issues.push(warn('DEFAULT_MASKING_MISSING', `${path}.masking`, `分级规则未给出数据项 ${item.name} 的敏感类型的默认脱敏规则，已全部遮盖`, `The grading rules give no default masking for the sensitive type of item ${item.name}; redacted`));
      return FALLBACK;
    }
    if (declared === 'none') {
      issues.push(warn('ITEM_MASKING_DEFAULTED', `${path}.masking`, `数据项 ${item.name} 含敏感信息却设为不脱敏，已按默认规则 ${d.masking} 脱敏`, `Item ${item.name} holds sensitive data but is set to no masking; default rule ${d.masking} applied`));
    }
    return { rule: d.masking, ...(d.maskingParam !== undefined && MASKING_RULE_SPECS[d.masking].needsParam && { param: d.maskingParam }), source: 'default' };
  }
  const rule = declared ?? 'none';
  if (!validParam(rule, item.maskingParam)) {
    issues.push(warn('ITEM_MASKING_PARAM', `${path}.maskingParam`, `数据项 ${item.name} 的规则 ${rule} 缺少保留位数 N，已全部遮盖`, `Item ${item.name}: rule ${rule} has no valid N; redacted`));
    return FALLBACK;
  }
  return { rule, ...(item.maskingParam !== undefined && MASKING_RULE_SPECS[rule].needsParam && { param: item.maskingParam }), source: 'item' };
}

/** A grant rule is "rule" or "rule:N" (conditions.masking is free JSON, so N can travel with it). */
export function parseGrantRule(text: string): RuleChoice | undefined {
  const m = /^\s*([a-z_]+)\s*(?::\s*(\d{1,3})\s*)?$/.exec(text);
  if (!m?.[1] || !isMaskingRule(m[1])) return undefined;
  return { rule: m[1], ...(m[2] !== undefined && { param: Number(m[2]) }) };
}

function applyGrant(base: EffectiveRule, name: string, text: string, issues: Issue[]): EffectiveRule {
  const field = `conditions.masking.${name}`;
  const parsed = parseGrantRule(text);
  // A keep_* rule without N borrows the item's N when it is the same rule.
  const cand = parsed && parsed.param === undefined && parsed.rule === base.rule && base.param !== undefined
    ? { ...parsed, param: base.param } : parsed;
  // Fail closed: the grant asked for some masking we cannot apply as written, so redact (unless the item is stronger still).
  if (cand === undefined) {
    issues.push(warn('GRANT_MASKING_UNKNOWN', field, `授权条件中数据项 ${name} 的脱敏规则 ${text} 无法识别，已全部遮盖`, `Grant masking ${text} for item ${name} cannot be read; redacted`));
    return isAtLeastAsStrong(FALLBACK, base) ? FALLBACK : base;
  }
  if (!validParam(cand.rule, cand.param)) {
    issues.push(warn('GRANT_MASKING_PARAM', field, `授权条件中数据项 ${name} 的规则 ${text} 缺少保留位数 N（写作 ${cand.rule}:N），已全部遮盖`, `Grant masking ${text} for item ${name} needs N (write ${cand.rule}:N); redacted`));
    return isAtLeastAsStrong(FALLBACK, base) ? FALLBACK : base;
  }
  if (!isAtLeastAsStrong(cand, base)) {
    // An item's own rule is fixed with the entry version the grant was made on, but a default can change
    // under a live grant (security rules §16): when the grant's rule and the default each show what the
    // other hides, keeping either would show something one of them hides, so neither is kept.
    if (base.source === 'default' && !isAtLeastAsStrong(base, cand)) {
      issues.push(warn('GRANT_MASKING_CONFLICT', field, `授权条件中数据项 ${name} 的脱敏规则 ${text} 与分级规则的默认规则 ${base.rule} 互不包含，已全部遮盖`, `Grant masking ${text} for item ${name} and the grading rules' default ${base.rule} each show what the other hides; redacted`));
      return FALLBACK;
    }
    issues.push(warn('GRANT_MASKING_WEAKER', field, `授权条件不能放宽数据项 ${name} 的脱敏（${text} 弱于 ${base.rule}），仍按 ${base.rule} 脱敏`, `A grant cannot weaken the masking of item ${name} (${text} is weaker than ${base.rule}); ${base.rule} kept`));
    return base;
  }
  return { ...cand, source: 'grant' };
}

/**
 * Each item's rule: the item's own (or, for a sensitive item without one, the default of `rules`, the
 * grading rule set in force), made stronger — never weaker — by the grant's `conditions.masking`.
 */
export function effectiveMasking(
  items: readonly MaskableItem[],
  rules: GradingRuleSet,
  grantMasking?: Readonly<Record<string, string>>,
): EffectiveMasking {
  const issues: Issue[] = [];
  const masking = new Map<string, EffectiveRule>();
  items.forEach((item, i) => {
    const base = itemRule(item, `items[${i}]`, rules, issues);
    const override = grantMasking && Object.hasOwn(grantMasking, item.name) ? grantMasking[item.name] : undefined;
    masking.set(item.name, override === undefined ? base : applyGrant(base, item.name, override, issues));
  });
  for (const name of Object.keys(grantMasking ?? {})) {
    if (!masking.has(name)) {
      issues.push(warn('GRANT_MASKING_UNKNOWN_ITEM', `conditions.masking.${name}`, `授权条件中的数据项 ${name} 不在目录中，已忽略`, `Grant masking names item ${name}, which the entry does not have; ignored`));
    }
  }
  return { masking, issues };
}

/**
 * The row as the grant may see it: exactly `fields`, each masked by its plan. A field missing from
 * the row is delivered as null so every row has the same shape. A field without a plan was never
 * granted: that is a caller bug, and it throws rather than deliver an unmasked value.
 */
export function projectAndMask(
  row: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  masking: MaskingPlan,
  salt: Salt,
  algorithm: HashAlgorithm = 'sha256',
): Record<string, unknown> {
  // fromEntries defines own properties, so a field named __proto__ cannot reach the prototype.
  return Object.fromEntries(fields.map((f) => {
    const plan = masking.get(f);
    if (plan === undefined) {
      throw new MaskingError('field_not_granted', `数据项 ${f} 不在授权范围内`, `field ${f} is not granted`);
    }
    const value = Object.hasOwn(row, f) ? row[f] : null;
    return [f, maskValue(value, plan.rule, { ...(plan.param !== undefined && { param: plan.param }), salt, algorithm })];
  }));
}

/** The granted items a caller may filter or sort on: those delivered unmasked. */
export function filterableFields(grantItems: readonly string[], masking: MaskingPlan): string[] {
  return grantItems.filter((name) => masking.get(name)?.rule === 'none');
}
