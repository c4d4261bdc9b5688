/**
 * 权限复核 (security rules §13–§14): what a security officer or auditor looks at — accounts with their
 * roles, last login, lock and second factor, inactive ones flagged, every role change with who made
 * it — and the record of each periodic review (by whom, when, remarks, what was seen).
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { INACTIVE_DAYS, isInactive, nextReviewDue, REVIEW_INTERVAL_DAYS, reviewScope, type ReviewScope } from '../../domain/access/review.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function scopeOrRefuse(actor: UserActor): ReviewScope {
  const scope = reviewScope(actor);
  if (!scope) throw forbidden('ROLE_REQUIRED', '权限复核由安全管理员或审计员进行', 'access reviews are for security officers and auditors');
  return scope;
}

function scopeLabel(scope: ReviewScope, actor: UserActor): string {
  if (scope.kind === 'all') return '全部账号 / all accounts';
  if (scope.kind === 'region') return `${actor.orgName}所辖区域 / accounts of the region ${scope.regionCode}`;
  return `${actor.orgName} / accounts of the department`;
}

export class AccessReviewService {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private users(db: Db, scope: ReviewScope) {
    let q = db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
      .leftJoin('user_totp as t', (j) => j.onRef('t.user_id', '=', 'u.id').on('t.confirmed_at', 'is not', null))
      .select(['u.id', 'u.username', 'u.display_name', 'o.name as org_name', 'u.roles', 'u.disabled', 'u.locked_until',
        'u.last_login_at', 'u.created_at', 'u.password_changed_at', 't.confirmed_at as totp_confirmed_at'])
      .orderBy('o.key').orderBy('u.username');
    if (scope.kind === 'region') q = q.where('o.region_code', '=', scope.regionCode);
    if (scope.kind === 'org') q = q.where('u.org_id', '=', scope.orgId);
    return q.execute();
  }

  private roleChanges(db: Db, scope: ReviewScope, since?: Date) {
    let q = db.selectFrom('role_change as c').innerJoin('app_user as u', 'u.id', 'c.user_id').innerJoin('org as o', 'o.id', 'u.org_id')
      .leftJoin('app_user as by', 'by.id', 'c.changed_by')
      .select(['c.id', 'c.at', 'u.username', 'o.name as org_name', 'by.username as changed_by_name', 'c.before', 'c.after', 'c.reason'])
      .orderBy('c.at', 'desc').orderBy('c.id', 'desc').limit(200);
    if (scope.kind === 'region') q = q.where('o.region_code', '=', scope.regionCode);
    if (scope.kind === 'org') q = q.where('u.org_id', '=', scope.orgId);
    if (since) q = q.where('c.at', '>', since);
    return q.execute();
  }

  private reviews(db: Db, scope: ReviewScope) {
    let q = db.selectFrom('access_review as r').innerJoin('app_user as u', 'u.id', 'r.reviewed_by').innerJoin('org as o', 'o.id', 'r.org_id')
      .select(['r.id', 'r.reviewed_at', 'u.username as reviewer', 'u.display_name as reviewer_name', 'o.name as org_name', 'r.scope', 'r.remarks', 'r.summary'])
      .orderBy('r.reviewed_at', 'desc').limit(100);
    if (scope.kind === 'region') q = q.where('o.region_code', '=', scope.regionCode);
    if (scope.kind === 'org') q = q.where('r.org_id', '=', scope.orgId);
    return q.execute();
  }

  async view(actor: UserActor) {
    const scope = scopeOrRefuse(actor);
    const now = this.now();
    const { db } = this.deps;
    const users = (await this.users(db, scope)).map((u) => ({
      id: u.id, username: u.username, displayName: u.display_name, orgName: u.org_name, roles: u.roles, disabled: u.disabled,
      lockedUntil: u.locked_until && u.locked_until > now ? u.locked_until.toISOString() : null,
      lastLoginAt: iso(u.last_login_at), createdAt: u.created_at.toISOString(), passwordChangedAt: iso(u.password_changed_at),
      totpEnrolled: u.totp_confirmed_at !== null,
      inactive: isInactive({ disabled: u.disabled, lastLoginAt: u.last_login_at, createdAt: u.created_at }, now),
    }));
    const reviews = (await this.reviews(db, scope)).map((r) => ({
      id: r.id, reviewedAt: r.reviewed_at.toISOString(), reviewer: r.reviewer, reviewerName: r.reviewer_name, orgName: r.org_name,
      scope: r.scope, remarks: r.remarks, summary: r.summary as Record<string, number>,
    }));
    const due = nextReviewDue(reviews[0] ? new Date(reviews[0].reviewedAt) : null, now);
    return {
      scope: scopeLabel(scope, actor), inactiveDays: INACTIVE_DAYS, reviewIntervalDays: REVIEW_INTERVAL_DAYS,
      nextReviewDue: due.dueAt.toISOString(), reviewOverdue: due.overdue,
      users,
      roleChanges: (await this.roleChanges(db, scope)).map((c) => ({
        id: c.id, at: c.at.toISOString(), username: c.username, orgName: c.org_name, changedBy: c.changed_by_name, before: c.before, after: c.after, reason: c.reason,
      })),
      reviews,
    };
  }

  /** Records that the reviewer went through the accounts in their scope, with what they saw and concluded. */
  async record(actor: UserActor, remarks: string) {
    const scope = scopeOrRefuse(actor);
    if (!remarks.trim()) throw badRequest('REMARKS_REQUIRED', '请填写复核意见', 'remarks are required', [{ field: 'body.remarks', zh: '请填写复核意见', en: 'remarks are required' }]);
    const now = this.now();
    const id = await this.deps.db.transaction().execute(async (tx) => {
      const users = await this.users(tx, scope);
      const last = (await this.reviews(tx, scope))[0];
      const summary = {
        users: users.length,
        disabled: users.filter((u) => u.disabled).length,
        locked: users.filter((u) => u.locked_until && u.locked_until > now).length,
        inactive: users.filter((u) => isInactive({ disabled: u.disabled, lastLoginAt: u.last_login_at, createdAt: u.created_at }, now)).length,
        withSecondFactor: users.filter((u) => u.totp_confirmed_at !== null).length,
        roleChangesSinceLastReview: (await this.roleChanges(tx, scope, last?.reviewed_at)).length,
      };
      const row = await tx.insertInto('access_review').values({
        reviewed_by: actor.userId, org_id: actor.orgId, scope: scopeLabel(scope, actor), remarks, summary: JSON.stringify(summary), reviewed_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, actor, { action: 'access_review.record', targetType: 'access_review', targetId: row.id, detail: { summary } });
      return row.id;
    });
    return (await this.view(actor)).reviews.find((r) => r.id === id)!;
  }
}
