/**
 * The periodic access review (权限复核, security rules §13–§14: 严格的授权访问机制, 最小权限): who
 * reviews whose accounts, which accounts count as inactive, and when the next review is due.
 */
import type { UserActor } from './actor.ts';

/** An account unused this long should be disabled or justified. */
export const INACTIVE_DAYS = 90;
/** Reviews are due quarterly. */
export const REVIEW_INTERVAL_DAYS = 90;
const DAY = 86_400_000;

export type ReviewScope =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string }
  | { kind: 'org'; orgId: string };

/**
 * Auditors (网信/公安) and the city authority's security officer review every account; a county
 * authority's security officer those of the county; a department's security officer its own.
 * Undefined: the actor reviews nothing.
 */
export function reviewScope(actor: Pick<UserActor, 'roles' | 'orgKind' | 'regionLevel' | 'regionCode' | 'orgId'>): ReviewScope | undefined {
  if (actor.roles.includes('auditor')) return { kind: 'all' };
  if (!actor.roles.includes('security_officer')) return undefined;
  if (actor.orgKind === 'authority') return actor.regionLevel === 'city' ? { kind: 'all' } : { kind: 'region', regionCode: actor.regionCode };
  return { kind: 'org', orgId: actor.orgId };
}

/** An enabled account not used for INACTIVE_DAYS (counting from its creation when never used). */
export function isInactive(u: { disabled: boolean; lastLoginAt: Date | null; createdAt: Date }, now: Date): boolean {
  if (u.disabled) return false;
  return now.getTime() - (u.lastLoginAt ?? u.createdAt).getTime() >= INACTIVE_DAYS * DAY;
}

/** When the next review is due: REVIEW_INTERVAL_DAYS after the last, or now when there was none. */
export function nextReviewDue(lastReviewAt: Date | null, now: Date): { dueAt: Date; overdue: boolean } {
  const dueAt = lastReviewAt ? new Date(lastReviewAt.getTime() + REVIEW_INTERVAL_DAYS * DAY) : now;
  return { dueAt, overdue: dueAt.getTime() <= now.getTime() };
}
