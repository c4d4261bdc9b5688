import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { InboxService } from './service.ts';

const Item = Type.Object({
  id: Type.Integer(), kind: Type.String(), title: Type.String(), body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String(), readAt: Type.Union([Type.String(), Type.Null()]),
});

export function inboxRoutes(app: Api, inbox: InboxService): void {
  const tags = ['inbox'];
  app.get('/inbox', {
    config: { access: 'user' },
    schema: {
      tags, summary: '待办与通知 / my inbox',
      querystring: Type.Object({
        unread: Type.Optional(Type.Boolean()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        cursor: Type.Optional(Type.String({ maxLength: 20 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Item), total: Type.Integer(), unread: Type.Integer(), nextCursor: Type.Optional(Type.String()) }) },
    },
  }, async (request) => inbox.list(actorOf(request), request.query));

  app.post('/inbox/:id/read', {
    config: { access: 'user' },
    schema: { tags, summary: '标为已读 / mark read', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await inbox.markRead(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/inbox/read-all', {
    config: { access: 'user' },
    schema: { tags, summary: '全部标为已读 / mark all read', response: { 200: Type.Object({ marked: Type.Integer() }) } },
  }, async (request) => ({ marked: await inbox.markAllRead(actorOf(request)) }));
}
