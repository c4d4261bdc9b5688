import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { AppService } from './apps.ts';
import type { MountChangeService } from './mount-changes.ts';
import type { MountInput, MountService } from './mounts.ts';

const ident = Type.String({ minLength: 1, maxLength: 63 });
const MountBody = Type.Union([
  Type.Object({
    kind: Type.Literal('table'), schema: ident, table: ident,
    columns: Type.Optional(Type.Record(Type.String(), ident, { description: '数据项 → 列 / item → column (default: same name)' })),
    keyColumns: Type.Optional(Type.Array(ident, { maxItems: 10 })), changeColumn: Type.Optional(ident),
    connection: Type.Optional(Type.String({ maxLength: 2000, description: '前置库 PostgreSQL URL（加密保存，不回显）；省略 = 平台自身数据库 / the front-end database URL (stored sealed, never returned); absent = the platform\'s own database' })),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('api'),
    url: Type.String({ maxLength: 2000, description: '上游接口 http(s) 地址，不得含用户名密码（加密保存，查询参数值不回显）/ upstream http(s) URL, no user:password (stored sealed; query values never shown)' }),
    method: Type.Optional(Type.Union([Type.Literal('GET'), Type.Literal('POST')])),
    timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 60_000 })),
    authHeader: Type.Optional(Type.String({ maxLength: 64, description: '认证请求头名称，默认 Authorization / credential header name (default Authorization)' })),
    authValue: Type.Optional(Type.String({ maxLength: 4000, description: '认证请求头的值（加密保存，不回显）/ its value (stored sealed, never returned)' })),
    rowsPath: Type.Optional(Type.String({ maxLength: 200, description: '返回 JSON 中数据行数组的路径，如 data.items；省略 = 整个返回即数组 / dotted path to the rows array' })),
    fields: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 200 }), { description: '数据项 → 行内字段路径（默认同名）/ item → dotted field path in a row (default: same name)' })),
  }, { additionalProperties: false }),
  Type.Object({
    kind: Type.Literal('file'),
    files: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), bytes: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }), {
      maxItems: 100, description: '可选：须为已上传的当前版本 / optional: must be current uploaded files (POST /catalog/{id}/files); the mount lists the stored current files',
    })),
  }, { additionalProperties: false }),
]);
const MountKind = Type.Union([Type.Literal('table'), Type.Literal('api'), Type.Literal('file')]);
const Config = Type.Record(Type.String(), Type.Unknown());
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const MountView = Type.Object({
  entryId: Type.String(), kind: MountKind, config: Config,
  mountedBy: Type.String(), mountedAt: Type.String(), updatedAt: Type.String(),
  status: Type.Union([Type.Literal('mounted'), Type.Literal('change_pending')], { description: '已挂接 / 变更待审核 (a change waits for the authority, §16)' }),
  pendingChange: nullable(Type.Object({
    id: Type.String(), kind: MountKind, config: Config, proposedBy: Type.String(), proposedAt: Type.String(),
  }, { description: '待审核的挂接变更：批准前当前挂接继续服务 / the change waiting for the authority; the current mount serves until it is approved' })),
  lastRejection: nullable(Type.Object({ reason: Type.String(), decidedBy: Type.String(), decidedAt: Type.String() }, {
    description: '主管部门对最近一次挂接变更的不予批准及理由（其后再无挂接或变更时）/ the authority\'s refusal of the latest change, with its reason, until a mount or proposal follows it',
  })),
});
const MountResult = Type.Intersect([MountView, Type.Object({
  outcome: Type.Union([Type.Literal('applied'), Type.Literal('pending')], {
    description: 'applied = 已生效（首次挂接、无有效授权、文件更新）；pending = 有有效授权，变更待主管部门审核 / applied at once (first mount, no live grant, new files), or pending: live grants, the authority reviews it',
  }),
})]);
const MountChangeView = Type.Object({
  id: Type.String(), entryId: Type.String(), entryName: Type.String(), entryCode: nullable(Type.String()), providerName: Type.String(), regionName: Type.String(),
  kind: MountKind, config: Config, current: nullable(Type.Object({ kind: MountKind, config: Config })), liveGrants: Type.Integer(),
  proposedBy: Type.String(), proposedAt: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')]),
  decidedBy: nullable(Type.String()), decidedAt: nullable(Type.String()), reason: nullable(Type.String()),
});

export function mountRoutes(app: Api, mounts: MountService, changes: MountChangeService): void {
  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get('/catalog/:id/mount', {
    config: { access: ['data_steward', 'catalog_editor', 'approver'] },
    schema: {
      tags: ['delivery'], summary: '挂接配置及待审核的变更 / where the entry\'s data is mounted, with a pending change (null = 未挂接 / not mounted)',
      params, response: { 200: nullable(MountView) },
    },
  }, async (request) => mounts.get(actorOf(request), request.params.id));

  app.put('/catalog/:id/mount', {
    config: { access: ['data_steward'], audit: 'catalog.mount' },
    schema: {
      tags: ['delivery'], params, body: MountBody, response: { 200: MountResult },
      summary: '资源挂接 / mount the entry\'s data (§17); a change while grants are live waits for the authority (§16)',
    },
  }, async (request) => mounts.mount(actorOf(request), request.params.id, request.body as MountInput));

  app.post('/catalog/:id/mount/change/approve', {
    config: { access: ['authority'], audit: 'catalog.mount.change.approve' },
    schema: { tags: ['delivery'], summary: '批准挂接变更 / approve the pending mount change (§16)', params, response: { 200: nullable(MountView) } },
  }, async (request) => changes.decide(actorOf(request), request.params.id, 'approve'));

  app.post('/catalog/:id/mount/change/reject', {
    config: { access: ['authority'], audit: 'catalog.mount.change.reject' },
    schema: {
      tags: ['delivery'], summary: '驳回挂接变更（须说明理由）/ reject the pending mount change, with a reason', params,
      body: Type.Object({ reason: Type.String({ maxLength: 2000 }) }, { additionalProperties: false }), response: { 200: nullable(MountView) },
    },
  }, async (request) => changes.decide(actorOf(request), request.params.id, 'reject', request.body.reason));

  app.delete('/catalog/:id/mount/change', {
    config: { access: ['data_steward'], audit: 'catalog.mount.change.withdraw' },
    schema: { tags: ['delivery'], summary: '撤回挂接变更 / withdraw the pending mount change', params, response: { 200: nullable(MountView) } },
  }, async (request) => changes.withdraw(actorOf(request), request.params.id));

  app.get('/mount-changes', {
    config: { access: ['authority', 'data_steward'] },
    schema: {
      tags: ['delivery'], summary: '挂接变更：主管部门的审核队列（本辖区）或本部门提出的 / mount changes: the authority\'s queue (its region) or my department\'s',
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('withdrawn')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(MountChangeView), total: Type.Integer() }) },
    },
  }, async (request) => {
    const items = await changes.list(actorOf(request), request.query.status);
    return { items, total: items.length };
  });
}

const nullableCount = Type.Union([Type.Integer(), Type.Null()]);
const ChannelLimitSchema = Type.Object({
  perSecond: Type.Integer(), perDay: Type.Integer(),
  own: Type.Object({ perSecond: nullableCount, perDay: nullableCount }, { description: '本应用自设值，null = 平台默认 / the app\'s own values; null = platform default' }),
});
const AppSchema = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), name: Type.String(), description: Type.String(),
  appKey: Type.String(), ipAllowlist: Type.Array(Type.String()), disabled: Type.Boolean(), createdAt: Type.String(),
  rotatedAt: Type.Union([Type.String(), Type.Null()]),
  limits: Type.Object({ api: ChannelLimitSchema, verify: ChannelLimitSchema }, { description: '数据接口：次/秒、次/日；核验：批/秒、条记录/日 / data API calls per second and day; verification batches per second, records per day' }),
  usageToday: Type.Object({ api: Type.Integer(), verify: Type.Integer() }, { description: '今日（北京时间）已用 / used today (Asia/Shanghai)' }),
});
const limitPair = (max: number) => Type.Object({
  perSecond: Type.Union([Type.Integer({ minimum: 1, maximum: max }), Type.Null()]), perDay: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
}, { additionalProperties: false });
const LimitPairs = Type.Object({
  perSecond: Type.Integer({ minimum: 1 }), perDay: Type.Integer({ minimum: 1 }),
}, { additionalProperties: false });
const LimitSettingsSchema = Type.Object({
  defaults: Type.Object({ api: LimitPairs, verify: LimitPairs }, { additionalProperties: false }),
  ceiling: Type.Object({ api: LimitPairs, verify: LimitPairs }, { additionalProperties: false }),
}, { additionalProperties: false });
/** The same at registration and when edited (each address is checked again by the service). */
const AppDescription = Type.String({ maxLength: 1000 });
const IpAllowlist = Type.Array(Type.String({ maxLength: 45 }), { maxItems: 50, description: '来源 IP 地址；空 = 不限 / source IP addresses; empty = any' });
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
        name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(AppDescription), ipAllowlist: Type.Optional(IpAllowlist),
      }, { additionalProperties: false }),
      response: { 201: AppWithSecret },
    },
  }, async (request, reply) => reply.code(201).send(await apps.create(actorOf(request), request.body)));

  app.patch('/apps/:id', {
    config: { access: ['data_steward'], audit: 'app.edit' },
    schema: {
      tags, params, response: { 200: AppSchema },
      summary: '修改应用 IP 白名单（整体替换）或说明，AppKey 与密钥不变 / change an app\'s IP allow-list (replaced whole) or description; AppKey and secret unchanged',
      body: Type.Object({
        description: Type.Optional(AppDescription), ipAllowlist: Type.Optional(IpAllowlist),
      }, { additionalProperties: false }),
    },
  }, async (request) => apps.edit(actorOf(request), request.params.id, request.body));

  app.post('/apps/:id/rotate', {
    config: { access: ['data_steward'], audit: 'app.rotate' },
    schema: { tags, summary: '更换密钥 / rotate the secret (shown once)', params, response: { 200: AppWithSecret } },
  }, async (request) => apps.rotate(actorOf(request), request.params.id));

  app.post('/apps/:id/disable', {
    config: { access: ['data_steward'], audit: 'app.disable' },
    schema: { tags, summary: '停用应用 / disable an app', params, response: { 200: AppSchema } },
  }, async (request) => apps.disable(actorOf(request), request.params.id));

  app.put('/apps/:id/limits', {
    config: { access: ['data_steward'], audit: 'app.limits' },
    schema: {
      tags, params, response: { 200: AppSchema },
      summary: '设置应用调用限额 / set an app\'s rate limits and daily quotas (up to the authority\'s ceiling; null = default)',
      body: Type.Object({ api: limitPair(100_000), verify: limitPair(100_000) }, { additionalProperties: false }),
    },
  }, async (request) => apps.setLimits(actorOf(request), request.params.id, request.body));

  app.get('/settings/app-limits', {
    config: { access: 'user' },
    schema: { tags, summary: '应用调用默认限额与上限 / default app limits and their ceilings', response: { 200: LimitSettingsSchema } },
  }, async () => apps.limitSettings());

  app.put('/settings/app-limits', {
    config: { access: ['authority'], audit: 'settings.app_limits' },
    schema: {
      tags, summary: '设置应用调用默认限额与上限（市主管部门）/ set default app limits and ceilings (city authority)',
      body: LimitSettingsSchema, response: { 200: LimitSettingsSchema },
    },
  }, async (request) => apps.setLimitSettings(actorOf(request), request.body));
}
