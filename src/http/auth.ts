/**
 * The access check every route passes: it reads the route's declared `access`, authenticates the
 * bearer token or session cookie, and refuses callers without one of the declared roles (401/403),
 * the super admin on business routes open to every user (security rules §13–§14), and a session
 * that must first enrol a second factor on anything but the user's own account.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS } from '../domain/access/roles.ts';
import { isOwnAccountRoute, mayCallUserRoute } from '../domain/access/separation.ts';
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
    const url = request.routeOptions.url ?? '';
    if (actor.totpEnrolmentPending && !isOwnAccountRoute(url)) {
      throw forbidden('TOTP_ENROLMENT_REQUIRED', '主管部门要求您的角色使用动态口令，请先完成绑定', 'the authority requires a second factor for your role: enrol one first');
    }
    if (access === 'user') {
      if (!mayCallUserRoute(actor, request.method, url)) {
        throw forbidden('OPERATOR_NO_BUSINESS_ACCESS', '超级管理员只负责平台运维，不得查看或处理业务数据（安全细则第十三条、第十四条）',
          'the super admin operates the platform and may not see or handle business data (security rules §13, §14)');
      }
      return;
    }
    if (!access.some((role) => actor.roles.includes(role))) {
      const names = access.map((r) => ROLE_LABELS[r]);
      throw forbidden('ROLE_REQUIRED',
        `需要以下角色之一：${names.map((n) => n.zh).join('、')}`,
        `requires one of the roles: ${names.map((n) => n.en).join(', ')}`);
    }
  };
}
