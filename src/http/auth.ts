/**
 * The access check every route passes: it reads the route's declared `access`, authenticates the
 * bearer token or session cookie, and refuses callers without one of the declared roles (401/403).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../domain/access/roles.ts';
import type { IdentityService } from '../modules/identity/service.ts';
import { forbidden, unauthorized } from './errors.ts';

export const SESSION_COOKIE = 'gdx_session';

export function bearerOrCookie(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

export function accessHook(identity: IdentityService) {
  return async function checkAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const access = request.routeOptions.config?.access;
    // Static files, docs and 404s declare nothing and serve no data; every /api/v1 route declares
    // its access (server.ts refuses to start otherwise).
    if (access === undefined || access === 'public' || access === 'app') return;
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
