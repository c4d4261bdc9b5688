/**
 * The acting principal, passed explicitly as the first argument of every service function
 * (STYLE.md §2). Nothing reads a "current user" from anywhere else.
 */
import type { Role } from './roles.ts';

export interface UserActor {
  type: 'user';
  userId: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  orgKind: 'authority' | 'department';
  regionCode: string;
  /** The city's authority sees and acts for every region; a county's only for its own (§5, §8). */
  regionLevel: 'city' | 'county';
  roles: readonly Role[];
  /**
   * The session was opened by a user whose roles require a second factor they have not enrolled:
   * until they do, only their own account is open to them (security rules §14).
   */
  totpEnrolmentPending?: boolean;
  ip?: string;
  requestId?: string;
}

/** Background jobs, migrations and the demo seed. */
export interface SystemActor {
  type: 'system';
  name: string;
  requestId?: string;
}

export type Actor = UserActor | SystemActor;

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.type === 'user' && roles.some((r) => actor.roles.includes(r));
}

/**
 * Whether an authority user may act for something in `regionCode` (§5: the city authority for the
 * whole city, a county authority for its county only).
 */
export function authorityCovers(actor: Actor, regionCode: string): boolean {
  if (actor.type !== 'user' || !actor.roles.includes('authority') || actor.orgKind !== 'authority') return false;
  return actor.regionLevel === 'city' || actor.regionCode === regionCode;
}
