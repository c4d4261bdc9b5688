/**
 * 统一分类分级 (security rules §16): the platform's one grading rule set and what each grade demands.
 * Other modules import from here, e.g. `watermarkRequired(grade, rules)` for file downloads and
 * `grantRequirements(grade, rules)` for grant decisions; the current rule set is read with
 * `currentGradingRules(db)` from src/modules/security/grading-store.ts.
 */
export { DEFAULT_GRADING_RULES } from './defaults.ts';
export {
  CORE_DATA_REFUSAL, OPEN_OPENNESS, SHARE_OPENNESS, auditDetail, defaultMaskingOf, effectivePolicy, encryptionRequired,
  grantRequirements, minimumGrade, openTypeAllowed, shareTypeAllowed, watermarkRequired, type GrantRequirements,
} from './requirements.ts';
export { checkRuleSet, type RuleSetProblem } from './validate.ts';
export { diffRuleSets, type RuleChange } from './diff.ts';
export {
  AUDIT_DETAILS, DATA_LEVELS, type AuditDetail, type DataLevel, type DataMarks, type GradePolicy, type GradingRuleSet,
  type GradingVersion, type SensitiveTypePolicy, type Text,
} from './types.ts';
