/**
 * 目录规范性校验 — completeness and logical consistency of a catalog entry (§11: 完整性、逻辑一致性、
 * 描述的可理解性、命名的准确性; 不得瞒编、漏编、错编).
 *
 * Every rule is an entry of ENTRY_RULES (code, level, article, check). Adding a rule means adding one
 * object to one of the rule lists; the runner, the API and the Excel importer pick it up unchanged.
 * Errors block submission for review (§13 规范性审核); warnings are shown to the editor and reviewer.
 */
import type { GradingRuleSet } from '../grading/types.ts';
import { DEFAULT_CODING_RULE, type CodingRule } from './code.ts';
import { buildEntryView, type EntryInput, type EntryRule } from './entry-view.ts';
import type { Issue } from './issue.ts';
import { COMPLETENESS_RULES } from './rules-completeness.ts';
import { SECURITY_RULES } from './rules-security.ts';
import { SHARING_RULES } from './rules-sharing.ts';

export { hasErrors, type Issue, type IssueLevel } from './issue.ts';
export type { EntryInput, ItemInput, EntryRule } from './entry-view.ts';

export interface ValidationContext {
  /** The authority's coding rule, to check 关联资源代码 (§13). Default: DEFAULT_CODING_RULE. */
  codingRule?: CodingRule;
  /**
   * The grading rule set in force (security rules §16), which the authority edits: every caller passes
   * it (the server reads it with currentGradingRules, the web editor from GET /security/grading).
   */
  grading: GradingRuleSet;
}

export const ENTRY_RULES: readonly EntryRule[] = [...COMPLETENESS_RULES, ...SHARING_RULES, ...SECURITY_RULES];

/**
 * All issues of an entry body, in rule order. Accepts incomplete or malformed input (a draft, an
 * imported row) and never throws: a non-object body is reported as missing every required field.
 */
export function validateEntry(body: EntryInput, ctx: ValidationContext): Issue[] {
  const view = buildEntryView(body);
  const ruleCtx = { codingRule: ctx.codingRule ?? DEFAULT_CODING_RULE, grading: ctx.grading };
  return ENTRY_RULES.flatMap((rule) =>
    rule.check(view, ruleCtx).map((f) => ({
      level: rule.level,
      code: rule.code,
      field: f.field,
      zh: f.zh,
      en: f.en,
      article: f.article ?? rule.article,
    })),
  );
}
