import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import { SESSION_COOKIE } from '../../http/auth.ts';
import { ActorSchema, LoginResponseSchema, toActorView } from './views.ts';
import type { IdentityService } from './service.ts';

export function identityRoutes(app: Api, identity: IdentityService, opts: { secureCookies: boolean }): void {
  app.post('/auth/login', {
    config: { access: 'public', audit: 'auth.login' },
    schema: {
      tags: ['auth'],
      summary: '登录 / log in',
      body: Type.Object({
        username: Type.String({ minLength: 1, maxLength: 64 }),
        password: Type.String({ minLength: 1, maxLength: 256 }),
      }, { additionalProperties: false }),
      response: { 200: LoginResponseSchema },
    },
  }, async (request, reply) => {
    const { token, expiresAt, user } = await identity.login(request.body.username, request.body.password, {
      ip: request.ip, requestId: String(request.id),
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', expires: expiresAt,
    });
    return { token, expiresAt: expiresAt.toISOString(), user: toActorView(user) };
  });

  app.post('/auth/logout', {
    config: { access: 'user', audit: 'auth.logout' },
    schema: { tags: ['auth'], summary: '退出登录 / log out', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await identity.logout(actorOf(request), request.sessionToken!);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', {
    config: { access: 'user' },
    schema: { tags: ['auth'], summary: '当前用户 / the logged-in user', response: { 200: ActorSchema } },
  }, async (request) => toActorView(actorOf(request)));
}
