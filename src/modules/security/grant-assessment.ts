/**
 * 内部审查与安全评估 of a grant (security rules §27: 按照分类分级要求对政务数据进行内部审查。对涉密、涉敏数据
 * 应当进行安全评估，脱密、脱敏后再提供). When the entry's grade (or 重要数据 mark) demands it under the
 * rule set in force, the provider's grant — or the authority's coordination grant standing in for it
 * — must carry the review opinion and the assessment conclusion; they are kept with the grant.
 * Grants the platform makes by itself (无条件共享, 整体授权) are not decisions on graded data: the catalog
 * refuses 无条件共享 for grades needing review (SHARE_GRADE_UNCONDITIONAL).
 */
import type { Static } from '@sinclair/typebox';
import type { Db } from '../../db/connect.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { grantRequirements } from '../../domain/grading/index.ts';
import { badRequest } from '../../http/errors.ts';
import { currentGradingVersion } from './grading-store.ts';
import type { GrantAssessmentSchema } from './schemas.ts';

export type GrantAssessmentInput = Static<typeof GrantAssessmentSchema>;

const filled = (s: string | undefined) => s !== undefined && s.trim().length >= 2;

/**
 * Checks the decision carries what the grade demands and records it with the grant; throws 400
 * ASSESSMENT_REQUIRED otherwise (the caller's transaction then rolls the grant back).
 */
export async function recordGrantAssessment(tx: Db, g: {
  grantId: string; body: Pick<CatalogEntryBody, 'grade' | 'important'>; by: 'platform' | 'provider' | 'whole' | 'coordination';
  assessment?: GrantAssessmentInput; userId: string;
}): Promise<void> {
  if (g.by === 'platform' || g.by === 'whole') return;
  const { version, rules } = await currentGradingVersion(tx);
  const needs = grantRequirements(g.body.grade, rules, { important: g.body.important });
  const a = g.assessment;
  const missing = [
    ...(needs.internalReview && !filled(a?.internalReview) ? [{ field: 'body.assessment.internalReview', zh: '须填写内部审查意见', en: 'an internal review opinion is required' }] : []),
    ...(needs.securityAssessment && !filled(a?.securityAssessment) ? [{ field: 'body.assessment.securityAssessment', zh: '须填写安全评估结论', en: 'a security assessment conclusion is required' }] : []),
  ];
  const what = g.body.important ? `L${g.body.grade} 级重要数据` : `L${g.body.grade} 级数据`;
  if (missing.length) {
    throw badRequest('ASSESSMENT_REQUIRED', `授权${what}须附提供部门按分类分级要求的内部审查意见${needs.securityAssessment ? '和安全评估结论' : ''}（安全细则第二十七条）`,
      `a grant of ${g.body.important ? 'important ' : ''}L${g.body.grade} data needs the provider's internal review${needs.securityAssessment ? ' and security assessment' : ''} (security rules §27)`, missing);
  }
  if (!a) return;
  await tx.insertInto('grant_assessment').values({
    grant_id: g.grantId, grade: g.body.grade, important: g.body.important, rule_set_version: version,
    internal_review: a.internalReview.trim(), security_assessment: a.securityAssessment?.trim() ?? null, recorded_by: g.userId,
  }).execute();
}

/** The record behind a grant, if one was required or given. */
export async function grantAssessmentOf(db: Db, grantId: string) {
  const r = await db.selectFrom('grant_assessment').selectAll().where('grant_id', '=', grantId).executeTakeFirst();
  return r && {
    grade: r.grade, important: r.important, ruleSetVersion: r.rule_set_version, internalReview: r.internal_review,
    securityAssessment: r.security_assessment, recordedAt: r.recorded_at.toISOString(),
  };
}
