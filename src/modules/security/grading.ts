/**
 * The authority's grading rule set (security rules §16 统一的政务数据分类分级规则): anyone logged in reads
 * it, the city's data authority edits it (§7(一) 制定政务数据安全相关政策), each save is a new version
 * and the audit record lists every changed rule (§17).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { checkRuleSet, diffRuleSets, type GradingRuleSet, type GradingVersion } from '../../domain/grading/index.ts';
import { badRequest, conflict, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import type { GradingInForce } from './grading-in-force.ts';
import { currentGradingVersion, gradingHistory } from './grading-store.ts';

const LOCK_KEY = 7_470_214; // arbitrary, constant: "GDX grading rule set"

const isCityAuthority = (actor: UserActor) => actor.orgKind === 'authority' && actor.regionLevel === 'city' && actor.roles.includes('authority');

export class GradingService {
  /** `inForce`: the held rule set of the data API, dropped once a new version is committed. */
  constructor(private readonly deps: { db: Db; inForce?: GradingInForce }) {}

  async current(actor: UserActor): Promise<GradingVersion & { editable: boolean }> {
    return { ...(await currentGradingVersion(this.deps.db)), editable: isCityAuthority(actor) };
  }

  async history(): Promise<GradingVersion[]> {
    return gradingHistory(this.deps.db);
  }

  async update(actor: UserActor, input: { rules: GradingRuleSet; baseVersion: number; comment: string }): Promise<GradingVersion & { editable: boolean }> {
    if (!isCityAuthority(actor)) {
      throw forbidden('CITY_AUTHORITY_ONLY', '统一分类分级规则由市政务数据主管部门制定（安全细则第七条、第十六条）', 'the grading rule set belongs to the city authority (security rules §7, §16)');
    }
    const problems = checkRuleSet(input.rules);
    if (problems.length) {
      throw badRequest('GRADING_INVALID', `分级规则不一致：${problems[0]!.zh}`, `the grading rules are inconsistent: ${problems[0]!.en}`,
        problems.map((p) => ({ ...p, field: `body.rules.${p.field}` })));
    }
    await this.deps.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
      const current = await currentGradingVersion(tx);
      if (current.version !== input.baseVersion) {
        throw conflict('GRADING_CHANGED', `分级规则已被他人修改为第 ${current.version} 版，请刷新后重新修改`,
          `the grading rules were changed meanwhile (now version ${current.version}): reload and edit again`, { version: current.version });
      }
      const changes = diffRuleSets(current.rules, input.rules);
      if (changes.length === 0) throw badRequest('GRADING_UNCHANGED', '分级规则没有变化', 'nothing was changed');
      const version = current.version + 1;
      await tx.insertInto('grading_rule_set').values({ version, rules: JSON.stringify(input.rules), comment: input.comment, changed_by: actor.userId }).execute();
      await recordAudit(tx, actor, {
        action: 'security.grading.update', targetType: 'grading_rule_set', targetId: String(version),
        detail: { from: current.version, to: version, comment: input.comment, changes },
      });
    });
    this.deps.inForce?.invalidate();
    return this.current(actor);
  }
}
