/**
 * The access check every route passes: it reads the route's declared `access`, authenticates the
 * bearer token or session cookie, and refuses callers without one of the declared roles (401/403).
 * A route that forgets to declare access is refused for everyone rather than left open.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../domain/access/roles.ts';
import type { IdentityService } from '../modules/identity/service.ts';
import { AppError, forbidden, unauthorized } from './errors.ts';

export const SESSION_COOKIE = 'gdx_session';

export function bearerOrCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

export function accessHook(identity: IdentityService) {
  return async function checkAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const access = request.routeOptions.config?.access;
    if (access === undefined) {
      // Not an API route of ours (static files, docs, 404s) — those declare nothing and serve no data.
      if (request.url.startsWith('/api/v1/') && request.routeOptions.url) {
        throw new AppError(500, 'ROUTE_WITHOUT_ACCESS', '接口未声明访问权限', 'route declares no access rule');
      }
      return;
    }
    if (access === 'public') return;
    const token = bearerOrCookie(request);
    const actor = token ? await identity.authenticate(token, { ip: request.ip, requestId: String(request.id) }) : undefined;
    if (!actor) throw unauthorized('UNAUTHENTICATED', '未登录或登录已过期', 'not logged in, or the session has expired');
    request.actor = actor;
    request.sessionToken = token;
    if (access === 'user') return;
    if (!access.some((role) => actor.roles.includes(role))) {
      const names = access.map((r) => ROLE_LABELS[r]);
      throw forbidden('ROLE_REQUIRED',
        `需要以下角色之一：${names.map((n) => n.zh).join('、')}`,
        `requires one of the roles: ${names.map((n) => n.en).join(', ')}`);
    }
  };
}
