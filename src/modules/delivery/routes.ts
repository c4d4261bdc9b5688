import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { AppService } from './apps.ts';
import type { MountInput, MountService } from './mounts.ts';

const ident = Type.String({ minLength: 1, maxLength: 63 });
const MountBody = Type.Union([
  Type.Object({
    kind: Type.Literal('table'), schema: ident, table: ident,
    columns: Type.Optional(Type.Record(Type.String(), ident, { description: '数据项 → 列 / item → column (default: same name)' })),
    keyColumns: Type.Optional(Type.Array(ident, { maxItems: 10 })), changeColumn: Type.Optional(ident),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('api'), url: Type.String({ maxLength: 2000 }),
    method: Type.Optional(Type.Union([Type.Literal('GET'), Type.Literal('POST')])),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000 })),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('file'),
    files: Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), bytes: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }), { maxItems: 100 }),
  }, { additionalProperties: false }),
]);
const MountView = Type.Object({
  entryId: Type.String(), kind: Type.String(), config: Type.Record(Type.String(), Type.Unknown()),
  mountedBy: Type.String(), mountedAt: Type.String(), updatedAt: Type.String(),
});

export function mountRoutes(app: Api, mounts: MountService): void {
  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get('/catalog/:id/mount', {
    config: { access: ['data_steward', 'catalog_editor', 'approver'] },
    schema: { tags: ['delivery'], summary: '挂接配置 / where the entry\'s data is mounted', params, response: { 200: Type.Union([MountView, Type.Null()]) } },
  }, async (request) => mounts.get(actorOf(request), request.params.id));

  app.put('/catalog/:id/mount', {
    config: { access: ['data_steward'], audit: 'catalog.mount' },
    schema: { tags: ['delivery'], summary: '资源挂接 / mount the entry\'s data (§17)', params, body: MountBody, response: { 200: MountView } },
  }, async (request) => mounts.mount(actorOf(request), request.params.id, request.body as MountInput));
}

const AppSchema = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), name: Type.String(), description: Type.String(),
  appKey: Type.String(), ipAllowlist: Type.Array(Type.String()), disabled: Type.Boolean(), createdAt: Type.String(),
  rotatedAt: Type.Union([Type.String(), Type.Null()]),
});
const AppWithSecret = Type.Intersect([AppSchema, Type.Object({ secret: Type.String({ description: '只显示这一次 / shown only this once' }) })]);

export function appRoutes(app: Api, apps: AppService): void {
  const tags = ['delivery'];
  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get('/apps', {
    config: { access: ['data_steward', 'requester'] },
    schema: { tags, summary: '本部门应用系统 / my department\'s consumer apps', response: { 200: Type.Object({ items: Type.Array(AppSchema), total: Type.Integer() }) } },
  }, async (request) => {
    const items = await apps.list(actorOf(request));
    return { items, total: items.length };
  });

  app.post('/apps', {
    config: { access: ['data_steward'], audit: 'app.create' },
    schema: {
      tags, summary: '注册应用系统 / register a consumer app (the secret is shown once)',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 1000 })),
        ipAllowlist: Type.Optional(Type.Array(Type.String({ maxLength: 45 }), { maxItems: 50 })),
      }, { additionalProperties: false }),
      response: { 201: AppWithSecret },
    },
  }, async (request, reply) => reply.code(201).send(await apps.create(actorOf(request), request.body)));

  app.post('/apps/:id/rotate', {
    config: { access: ['data_steward'], audit: 'app.rotate' },
    schema: { tags, summary: '更换密钥 / rotate the secret (shown once)', params, response: { 200: AppWithSecret } },
  }, async (request) => apps.rotate(actorOf(request), request.params.id));

  app.post('/apps/:id/disable', {
    config: { access: ['data_steward'], audit: 'app.disable' },
    schema: { tags, summary: '停用应用 / disable an app', params, response: { 200: AppSchema } },
  }, async (request) => apps.disable(actorOf(request), request.params.id));
}
