/**
 * Consistency of a grading rule set before the authority's edit is saved. The shape (every grade and
 * sensitive type present, known values) is the API schema's job; these are the rules of the rules:
 *
 * - 分级保护 (security rules §16): a higher grade is never more open nor less protected than a lower one.
 * - A grade whose grants need the provider's internal review cannot be 无条件共享, because the platform
 *   grants that without the provider (sharing rules §30(一); security rules §27).
 * - A security assessment is part of the internal review (security rules §27).
 * - 重要数据 is never opened to the public (security rules §18, §28).
 * - Default masking must hide something and carry its N (security rules §25, §27).
 */
import { GRADES, SENSITIVE_TYPES, type Grade } from '../catalog/types.ts';
import { SENSITIVE_TYPE_LABELS } from '../catalog/labels.ts';
import { MASKING_RULE_SPECS } from '../catalog/sensitivity.ts';
import { OPEN_OPENNESS, SHARE_OPENNESS } from './requirements.ts';
import type { GradePolicy, GradingRuleSet } from './types.ts';

export interface RuleSetProblem {
  field: string;
  zh: string;
  en: string;
  article: string;
}

const FLAGS = [
  ['internalReview', '内部审查', 'internal review'],
  ['securityAssessment', '安全评估', 'security assessment'],
  ['encryptAtRest', '加密存储', 'encryption at rest'],
  ['watermark', '下载水印', 'download watermark'],
] as const;

function policyProblems(field: string, name: string, p: GradePolicy): RuleSetProblem[] {
  const out: RuleSetProblem[] = [];
  if (p.internalReview && p.maxShareType === 'unconditional') {
    out.push({ field: `${field}.maxShareType`, article: 'Sec §27',
      zh: `${name}的授权须经提供部门内部审查，共享属性最高只能为有条件共享`,
      en: `${name}: grants need the provider's internal review, so it cannot be shared unconditionally` });
  }
  if (p.securityAssessment && !p.internalReview) {
    out.push({ field: `${field}.internalReview`, article: 'Sec §27',
      zh: `${name}要求安全评估，须同时要求内部审查`, en: `${name}: a security assessment is part of the internal review, which must be required too` });
  }
  return out;
}

export function checkRuleSet(rules: GradingRuleSet): RuleSetProblem[] {
  const out: RuleSetProblem[] = [];
  for (const g of GRADES) out.push(...policyProblems(`grades.${g}`, `L${g} 级 / L${g}`, rules.grades[g]));
  out.push(...policyProblems('important', '重要数据 / important data', rules.important));

  for (let i = 1; i < GRADES.length; i++) {
    const lo = GRADES[i - 1]! as Grade;
    const hi = GRADES[i]! as Grade;
    const a = rules.grades[lo];
    const b = rules.grades[hi];
    const weaker = (zh: string, en: string, field: string) => out.push({ field: `grades.${hi}.${field}`, article: 'Sec §16',
      zh: `L${hi} 级的${zh}不能比 L${lo} 级更宽松`, en: `L${hi} cannot have a looser ${en} than L${lo}` });
    if (SHARE_OPENNESS[b.maxShareType] > SHARE_OPENNESS[a.maxShareType]) weaker('共享属性', 'share type', 'maxShareType');
    if (OPEN_OPENNESS[b.maxOpenType] > OPEN_OPENNESS[a.maxOpenType]) weaker('开放属性', 'open type', 'maxOpenType');
    for (const [flag, zh, en] of FLAGS) if (a[flag] && !b[flag]) weaker(`${zh}要求`, `${en} requirement`, flag);
    if (a.auditDetail === 'full' && b.auditDetail !== 'full') weaker('审计详细程度', 'audit detail', 'auditDetail');
  }

  if (rules.important.maxOpenType !== 'closed') {
    out.push({ field: 'important.maxOpenType', article: 'Sec §28', zh: '重要数据不能向社会开放', en: 'important data cannot be opened to the public' });
  }

  for (const t of SENSITIVE_TYPES) {
    const s = rules.sensitiveTypes[t];
    const label = SENSITIVE_TYPE_LABELS[t];
    const field = `sensitiveTypes.${t}`;
    if (s.masking === 'none') {
      out.push({ field: `${field}.masking`, article: 'Sec §27', zh: `${label.zh}的默认脱敏规则不能为不脱敏`, en: `${label.en}: the default masking cannot be "no masking"` });
    }
    const p = s.maskingParam;
    if (MASKING_RULE_SPECS[s.masking].needsParam && !(typeof p === 'number' && Number.isSafeInteger(p) && p >= 1)) {
      out.push({ field: `${field}.maskingParam`, article: 'Sec §25', zh: `${label.zh}的默认脱敏规则须填写参数 N（≥1 的整数）`, en: `${label.en}: the default masking needs N (an integer ≥ 1)` });
    }
  }
  return out;
}
