import { Type } from '@sinclair/typebox';
import { ROLES } from '../../domain/access/roles.ts';
import { actorOf, type Api } from '../../http/api.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import type { AccessReviewService } from './access-review.ts';
import type { AccountService } from './accounts.ts';
import { tokenHash, type IdentityService, type LoginResult } from './service.ts';
import type { TotpService } from './totp.ts';
import {
  AccessReviewRecordSchema, AccessReviewSchema, ActorSchema, LoginAnswerSchema, LoginResponseSchema, toActorView,
  TotpEnrolmentSchema, TotpPolicySchema, TotpStatusSchema,
} from './views.ts';

export interface IdentityServices {
  identity: IdentityService;
  accounts: AccountService;
  totp: TotpService;
  accessReview: AccessReviewService;
}

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Code = Type.Object({ code: Type.String({ minLength: 1, maxLength: 10, description: '6-digit TOTP code' }) }, { additionalProperties: false });
const Password = Type.String({ minLength: 1, maxLength: 256 });

export function identityRoutes(app: Api, s: IdentityServices, opts: { secureCookies: boolean }): void {
  const tags = ['auth'];
  const startSession = (reply: { setCookie: (n: string, v: string, o: object) => unknown }, r: LoginResult) => {
    reply.setCookie(SESSION_COOKIE, r.token, {
      httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', expires: r.expiresAt,
    });
    return { token: r.token, expiresAt: r.expiresAt.toISOString(), user: toActorView(r.user) };
  };

  app.post('/auth/login', {
    config: { access: 'public', audit: 'auth.login' },
    schema: {
      tags,
      summary: '登录 / log in',
      description: 'A session, or — for a user with a second factor — a challenge to answer at /auth/login/totp within 5 minutes.',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Password,
      }, { additionalProperties: false }),
      response: { 200: LoginAnswerSchema },
    },
  }, async (request, reply) => {
    const result = await s.identity.login(request.body.username, request.body.password, { ip: request.ip, requestId: String(request.id) });
    if ('challenge' in result) return { totpRequired: true as const, challenge: result.challenge, expiresAt: result.expiresAt.toISOString() };
    return startSession(reply, result);
  });

  app.post('/auth/login/totp', {
    config: { access: 'public', audit: 'auth.login' },
    schema: {
      tags, summary: '登录第二步：动态口令 / log in, second step: the TOTP code',
      body: Type.Object({ challenge: Type.String({ minLength: 1, maxLength: 100 }), code: Type.String({ minLength: 1, maxLength: 10 }) }, { additionalProperties: false }),
      response: { 200: LoginResponseSchema },
    },
  }, async (request, reply) => startSession(reply,
    await s.identity.loginWithTotp(request.body.challenge, request.body.code, { ip: request.ip, requestId: String(request.id) })));

  app.post('/auth/logout', {
    config: { access: 'user', audit: 'auth.logout' },
    schema: { tags, summary: '退出登录 / log out', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await s.identity.logout(actorOf(request), request.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', {
    config: { access: 'user' },
    schema: { tags, summary: '当前用户 / the logged-in user', response: { 200: ActorSchema } },
  }, async (request) => toActorView(actorOf(request)));

  app.post('/auth/password', {
    config: { access: 'user', audit: 'auth.password.change' },
    schema: {
      tags, summary: '修改本人密码 / change my password (other sessions end)',
      body: Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await s.accounts.changeOwnPassword(actorOf(request), request.body.currentPassword, request.body.newPassword, tokenHash(request.sessionToken!));
    return reply.code(204).send(null);
  });

  app.get('/auth/totp', {
    config: { access: 'user' },
    schema: { tags, summary: '动态口令状态 / my second factor', response: { 200: TotpStatusSchema } },
  }, async (request) => s.totp.status(actorOf(request)));

  app.post('/auth/totp/enrol', {
    config: { access: 'user', audit: 'auth.totp.enrol' },
    schema: { tags, summary: '开始绑定动态口令（密钥仅显示一次）/ start enrolling a second factor (the secret is shown once)', response: { 200: TotpEnrolmentSchema } },
  }, async (request) => s.totp.enrol(actorOf(request)));

  app.post('/auth/totp/confirm', {
    config: { access: 'user', audit: 'auth.totp.confirm' },
    schema: { tags, summary: '以一个口令确认绑定 / confirm enrolment with a code', body: Code, response: { 200: TotpStatusSchema } },
  }, async (request) => s.totp.confirm(actorOf(request), request.body.code));

  app.post('/auth/totp/remove', {
    config: { access: 'user', audit: 'auth.totp.remove' },
    schema: { tags, summary: '解除动态口令（须当前口令）/ remove my second factor (with a current code)', body: Code, response: { 200: TotpStatusSchema } },
  }, async (request) => s.totp.remove(actorOf(request), request.body.code));

  const security = ['security'];
  app.get('/security/totp-policy', {
    config: { access: ['authority', 'security_officer', 'auditor'] },
    schema: { tags: security, summary: '须使用动态口令的角色 / roles that must use a second factor', response: { 200: TotpPolicySchema } },
  }, async () => s.totp.policy());

  app.put('/security/totp-policy', {
    config: { access: ['authority'], audit: 'settings.totp_policy' },
    schema: {
      tags: security, summary: '设定须使用动态口令的角色（市主管部门）/ require a second factor for roles (city authority)',
      body: Type.Object({ requiredRoles: Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8, uniqueItems: true }) }, { additionalProperties: false }),
      response: { 200: TotpPolicySchema },
    },
  }, async (request) => s.totp.setPolicy(actorOf(request), request.body.requiredRoles));

  app.get('/security/access-review', {
    config: { access: ['security_officer', 'auditor'] },
    schema: { tags: security, summary: '权限复核 / access review: accounts, roles, last login, role changes, reviews', response: { 200: AccessReviewSchema } },
  }, async (request) => s.accessReview.view(actorOf(request)));

  app.post('/security/access-reviews', {
    config: { access: ['security_officer', 'auditor'], audit: 'access_review.record' },
    schema: {
      tags: security, summary: '记录一次权限复核 / record a periodic access review',
      body: Type.Object({ remarks: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
      response: { 201: AccessReviewRecordSchema },
    },
  }, async (request, reply) => reply.code(201).send(await s.accessReview.record(actorOf(request), request.body.remarks)));

  const organisation = ['organisation'];
  app.put('/users/:id/roles', {
    config: { access: ['super_admin'], audit: 'user.roles.change' },
    schema: {
      tags: organisation, summary: '变更用户角色（须说明理由）/ change a user\'s roles, with the reason', params: Id,
      body: Type.Object({
        roles: Type.Array(Type.Unsafe<string>({ enum: [...ROLES] }), { minItems: 1, uniqueItems: true }),
        reason: Type.String({ minLength: 1, maxLength: 1000 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.String(), username: Type.String(), roles: Type.Array(Type.String()) }) },
    },
  }, async (request) => s.accounts.changeRoles(actorOf(request), request.params.id, request.body.roles, request.body.reason));

  app.post('/users/:id/password', {
    config: { access: ['super_admin'], audit: 'user.password.reset' },
    schema: {
      tags: organisation, summary: '重置用户密码 / reset a user\'s password (their sessions end)', params: Id,
      body: Type.Object({ password: Password }, { additionalProperties: false }), response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await s.accounts.resetPassword(actorOf(request), request.params.id, request.body.password);
    return reply.code(204).send(null);
  });

  app.post('/users/:id/totp/reset', {
    config: { access: ['super_admin'], audit: 'user.totp.reset' },
    schema: { tags: organisation, summary: '清除用户的动态口令（设备丢失）/ clear a user\'s second factor (lost device)', params: Id, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await s.totp.reset(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
