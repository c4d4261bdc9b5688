import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { ExchangeService } from './service.ts';

const ident = Type.String({ minLength: 1, maxLength: 63 });
const Error3 = Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() });
export const SyncRunSchema = Type.Object({
  id: Type.String(), targetId: Type.String(), grantId: Type.String(),
  trigger: Type.Union([Type.Literal('manual'), Type.Literal('schedule'), Type.Literal('cli')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled'), Type.Literal('interrupted')]),
  mode: Type.Union([Type.Literal('full'), Type.Literal('incremental'), Type.Null()]),
  forceFull: Type.Boolean(), resumed: Type.Boolean(),
  rowsTotal: Type.Union([Type.Integer(), Type.Null()]), rowsDone: Type.Integer(), rowsDeleted: Type.Integer(), bytes: Type.Integer(), batches: Type.Integer(),
  percent: Type.Union([Type.Number(), Type.Null()]), rowsPerSecond: Type.Number(), etaSeconds: Type.Union([Type.Number(), Type.Null()]),
  cancelRequested: Type.Boolean(), error: Type.Union([Error3, Type.Null()]),
  createdAt: Type.String(), startedAt: Type.Union([Type.String(), Type.Null()]), finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export const SyncTargetSchema = Type.Object({
  id: Type.String(), grantId: Type.String(), grantStatus: Type.String(), grantValidUntil: Type.String(), items: Type.Array(Type.String()),
  entryId: Type.String(), entryName: Type.String(), entryCode: Type.Union([Type.String(), Type.Null()]), providerName: Type.String(),
  updateCycle: Type.Union([Type.String(), Type.Null()]),
  connection: Type.String({ description: 'platform 或 主机:端口/库名（不含用户与密码）/ "platform" or host:port/database, never the URL' }),
  schema: Type.String(), table: Type.String(), batchRows: Type.Integer(), reconcileHours: Type.Integer(), createdAt: Type.String(),
  lastRun: Type.Union([SyncRunSchema, Type.Null()]), lastSuccessAt: Type.Union([Type.String(), Type.Null()]), nextDueAt: Type.Union([Type.String(), Type.Null()]),
});

export function exchangeRoutes(app: Api, exchange: ExchangeService): void {
  const tags = ['exchange'];
  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
  const readers = ['data_steward', 'auditor'] as const;

  app.get('/sync/targets', {
    config: { access: readers },
    schema: { tags, summary: '库表同步目标 / my department\'s table-sync targets', response: { 200: Type.Object({ items: Type.Array(SyncTargetSchema), total: Type.Integer() }) } },
  }, async (request) => {
    const items = await exchange.listTargets(actorOf(request));
    return { items, total: items.length };
  });

  app.post('/sync/targets', {
    config: { access: ['data_steward'], audit: 'sync.target.create' },
    schema: {
      tags, summary: '配置库表同步目标 / configure where a table grant is synced (§17)',
      body: Type.Object({
        grantId: Type.String({ format: 'uuid' }),
        connection: Type.Optional(Type.String({ maxLength: 2000, description: '本部门数据库 PostgreSQL URL（加密保存，不回显）；省略 = 平台数据库的 sync_* 模式 / your database URL (sealed, never returned); absent = a sync_* schema of the platform database' })),
        schema: ident, table: Type.Optional(ident),
        batchRows: Type.Optional(Type.Integer({ minimum: 10, maximum: 100_000 })),
        reconcileHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 8760 })),
      }, { additionalProperties: false }),
      response: { 201: SyncTargetSchema },
    },
  }, async (request, reply) => reply.code(201).send(await exchange.createTarget(actorOf(request), request.body)));

  app.get('/sync/targets/:id', {
    config: { access: readers },
    schema: { tags, summary: '同步目标详情 / a sync target', params, response: { 200: SyncTargetSchema } },
  }, async (request) => exchange.getTarget(actorOf(request), request.params.id));

  app.delete('/sync/targets/:id', {
    config: { access: ['data_steward'], audit: 'sync.target.delete' },
    schema: { tags, summary: '删除同步目标（不删除已同步的表）/ remove a sync target (the synced table stays)', params },
  }, async (request, reply) => {
    await exchange.deleteTarget(actorOf(request), request.params.id);
    return reply.code(204).send();
  });

  app.post('/sync/targets/:id/runs', {
    config: { access: ['data_steward'], audit: 'sync.run.start' },
    schema: {
      tags, summary: '立即同步 / start a sync run (queued for the job worker)', params,
      body: Type.Optional(Type.Object({
        full: Type.Optional(Type.Boolean({ description: '全量重新同步 / a full pass even when incremental would do' })),
        reconcile: Type.Optional(Type.Boolean({ description: '同时比对主键以同步删除 / also compare keys to propagate deletes' })),
      }, { additionalProperties: false })),
      response: { 202: SyncRunSchema },
    },
  }, async (request, reply) => reply.code(202).send(await exchange.startRun(actorOf(request), request.params.id, request.body ?? {})));

  app.get('/sync/runs', {
    config: { access: readers },
    schema: {
      tags, summary: '同步运行及进度 / sync runs with their progress',
      querystring: Type.Object({ targetId: Type.Optional(Type.String({ format: 'uuid' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }),
      response: { 200: Type.Object({ items: Type.Array(SyncRunSchema), total: Type.Integer() }) },
    },
  }, async (request) => {
    const items = await exchange.listRuns(actorOf(request), request.query);
    return { items, total: items.length };
  });

  app.get('/sync/runs/:id', {
    config: { access: readers },
    schema: { tags, summary: '同步运行 / one sync run', params, response: { 200: SyncRunSchema } },
  }, async (request) => exchange.getRun(actorOf(request), request.params.id));

  app.post('/sync/runs/:id/cancel', {
    config: { access: ['data_steward'], audit: 'sync.run.cancel' },
    schema: { tags, summary: '取消同步（断点保留）/ cancel a run (its checkpoint stays)', params, response: { 200: SyncRunSchema } },
  }, async (request) => exchange.cancelRun(actorOf(request), request.params.id));
}
