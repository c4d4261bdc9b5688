/**
 * Who acts in oversight, decided from the articles:
 * - The authority side (政务数据管理部门, Sec §7, §8, §30, §32(一)(三), §33): a user of an authority
 *   organisation holding `authority` or `security_officer` — the bureau's security work is run by its
 *   security officer as much as by its reviewers — for departments of its region (the city
 *   authority for all, a county authority for its county: Sec §8).
 * - The department side (Sec §9(一) 明确…责任人, §32(二)(四), §34): the department's own
 *   `security_officer` files self-assessments, rectification reports and incident reports.
 * - Destruction (Sec §29): the department's `data_steward` asks and executes, its `approver` approves
 *   (not the same user), the authority acknowledges the filing.
 * - Auditors (网信/公安 inspectors, Sec §6) read everything, change nothing.
 */
import { authorityCovers, type UserActor } from '../access/actor.ts';

export function actsForAuthority(actor: UserActor, regionCode: string): boolean {
  if (actor.orgKind !== 'authority') return false;
  if (actor.roles.includes('authority')) return authorityCovers(actor, regionCode);
  if (!actor.roles.includes('security_officer')) return false;
  return actor.regionLevel === 'city' || actor.regionCode === regionCode;
}

/** Any user of an authority organisation with an oversight role: sees the plans of its region. */
export function isAuthoritySide(actor: UserActor): boolean {
  return actor.orgKind === 'authority' && (actor.roles.includes('authority') || actor.roles.includes('security_officer'));
}

export function isSecurityOfficerOf(actor: UserActor, orgId: string): boolean {
  return actor.orgId === orgId && actor.roles.includes('security_officer');
}

export const isAuditor = (actor: UserActor): boolean => actor.roles.includes('auditor');

/** May see oversight records of a department in `regionCode`: the department itself, its authority, auditors. */
export function maySeeOversight(actor: UserActor, orgId: string, regionCode: string): boolean {
  return actor.orgId === orgId || isAuditor(actor) || (isAuthoritySide(actor) && (actor.regionLevel === 'city' || actor.regionCode === regionCode));
}
