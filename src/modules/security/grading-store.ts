/**
 * Storage of the grading rule set (security rules §16): every saved version is kept; the highest is
 * in force; before the authority saves one, the built-in defaults (version 0) apply. Read per request
 * by the catalog's validation and import, the grant decision and agreement (inside their own
 * transactions: pass `tx`), file downloads and table syncs; the data API holds it (grading-in-force.ts).
 */
import type { Db } from '../../db/connect.ts';
import { DEFAULT_GRADING_RULES, type GradingRuleSet, type GradingVersion } from '../../domain/grading/index.ts';

export const DEFAULT_VERSION: GradingVersion = { version: 0, rules: DEFAULT_GRADING_RULES, comment: '内置默认规则 / built-in defaults', changedBy: null, changedAt: '1970-01-01T00:00:00.000Z' };

function query(db: Db) {
  return db.selectFrom('grading_rule_set as g').leftJoin('app_user as u', 'u.id', 'g.changed_by')
    .select(['g.version', 'g.rules', 'g.comment', 'u.display_name as changed_by_name', 'g.changed_at']);
}

function toVersion(r: Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>): GradingVersion {
  return { version: r.version, rules: r.rules as GradingRuleSet, comment: r.comment, changedBy: r.changed_by_name, changedAt: r.changed_at.toISOString() };
}

export async function currentGradingVersion(db: Db): Promise<GradingVersion> {
  const row = await query(db).orderBy('g.version', 'desc').limit(1).executeTakeFirst();
  return row ? toVersion(row) : DEFAULT_VERSION;
}

/** The rule set in force: what every grade demands now. */
export async function currentGradingRules(db: Db): Promise<GradingRuleSet> {
  return (await currentGradingVersion(db)).rules;
}

export async function gradingHistory(db: Db): Promise<GradingVersion[]> {
  return [...(await query(db).orderBy('g.version', 'desc').execute()).map(toVersion), DEFAULT_VERSION];
}
