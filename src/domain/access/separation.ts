/**
 * Separation of the platform operator from the business (security rules §13 最高管理权限由专人负责,
 * §14 系统账号按照"最小权限"原则进行分权管理). The super admin holds no business role, so every
 * role-restricted route already refuses them; routes open to any logged-in user are the rest: of
 * those, the operator may call only their own account and the organisational directory they
 * administer — never the catalog, requests, grants, objections or access records of any department
 * (their own account sits in a department too). A route added later is closed to them by default.
 */
import type { UserActor } from './actor.ts';

/** Route patterns (Fastify's `METHOD /url` with `:params`) open to the super admin among 'user' routes. */
export const OPERATOR_USER_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/v1/regions',
  'GET /api/v1/orgs',
  'GET /api/v1/orgs/:id',
  'GET /api/v1/subject-databases',
  'GET /api/v1/calendar/years',
  'GET /api/v1/calendar/deadline',
  'GET /api/v1/inbox',
  'POST /api/v1/inbox/:id/read',
  'POST /api/v1/inbox/read-all',
]);

/** One's own account — session, password, second factor: always one's own business. */
export const OWN_ACCOUNT_PREFIX = '/api/v1/auth/';

export const isOwnAccountRoute = (url: string): boolean => url.startsWith(OWN_ACCOUNT_PREFIX);

/** Whether the actor may call a route whose access is 'user' (any logged-in user). */
export function mayCallUserRoute(actor: Pick<UserActor, 'roles'>, method: string, url: string): boolean {
  if (!actor.roles.includes('super_admin')) return true;
  return isOwnAccountRoute(url) || OPERATOR_USER_ROUTES.has(`${method} ${url}`);
}
