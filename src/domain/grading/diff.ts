/**
 * What changed between two versions of the grading rule set, path by path — the audit record of an
 * edit says who changed what (security rules §16 统一规则, §17 日志审计).
 */
import type { GradingRuleSet } from './types.ts';

export interface RuleChange {
  /** e.g. `grades.3.watermark`, `sensitiveTypes.phone.minGrade`. */
  path: string;
  before: unknown;
  after: unknown;
}

function walk(path: string, a: unknown, b: unknown, out: RuleChange[]): void {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, before: a ?? null, after: b ?? null });
}

export function diffRuleSets(before: GradingRuleSet, after: GradingRuleSet): RuleChange[] {
  const out: RuleChange[] = [];
  walk('', before, after, out);
  return out;
}
