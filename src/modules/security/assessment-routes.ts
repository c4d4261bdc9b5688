/**
 * The grant's 内部审查与安全评估 record (security rules §27), shown with the grant: whoever may see the
 * grant reads the provider's review opinion and assessment conclusion, with the grade and the
 * rule-set version that demanded them. A grant the platform made itself has none (`assessment: null`).
 */
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { actorOf, type Api } from '../../http/api.ts';
import type { GrantService } from '../sharing/grants.ts';
import { grantAssessmentOf } from './grant-assessment.ts';

const S = Type.String();

export const GrantAssessmentViewSchema = Type.Object({
  grantId: S,
  assessment: Type.Union([Type.Object({
    grade: Type.Integer(), important: Type.Boolean(), ruleSetVersion: Type.Integer(), internalReview: S,
    securityAssessment: Type.Union([S, Type.Null()]), recordedAt: S,
  }), Type.Null()]),
});

export class GrantAssessmentService {
  constructor(private readonly deps: { db: Db; grants: GrantService }) {}

  async get(actor: UserActor, grantId: string) {
    // The grant's own audience check: outside it, the same 404 as the grant.
    await this.deps.grants.get(actor, grantId);
    return { grantId, assessment: (await grantAssessmentOf(this.deps.db, grantId)) ?? null };
  }
}

export function grantAssessmentRoutes(app: Api, assessments: GrantAssessmentService): void {
  app.get('/grants/:id/assessment', {
    config: { access: 'user' },
    schema: {
      tags: ['security'], summary: '授权的内部审查与安全评估记录 / the grant\'s internal review and security assessment (security rules §27)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      response: { 200: GrantAssessmentViewSchema },
    },
  }, async (request) => assessments.get(actorOf(request), request.params.id));
}
