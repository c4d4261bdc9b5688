import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import type { ChangeEventService } from './change-events.ts';
import {
  ChangeEventSchema, DraftBodySchema, EntrySchema, IdParams, IssueSchema, ListQuerySchema, SearchResponseSchema, WithdrawalSchema,
} from './schemas.ts';
import { searchCatalog } from './search.ts';
import type { CatalogService } from './service.ts';
import type { WithdrawalService } from './withdrawals.ts';
import type { Db } from '../../db/connect.ts';
import type { EntryDraft } from '../../domain/catalog/types.ts';

const Decision = Type.Object({
  decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

/** The `updatedAt` an edit started from: `If-Match: "2026-…Z"` (quotes and a weak W/ prefix are allowed). */
function ifMatchOf(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return value === undefined || value === '' || value === '*' ? undefined : value;
}

export function catalogRoutes(app: Api, deps: { db: Db; catalog: CatalogService; withdrawals: WithdrawalService; changes: ChangeEventService }): void {
  const { catalog, withdrawals, changes } = deps;
  const tags = ['catalog'];

  app.get('/catalog', {
    config: { access: 'user' },
    schema: {
      tags, summary: '目录检索 / search the catalog (§27)', querystring: ListQuerySchema,
      response: { 200: SearchResponseSchema },
    },
  }, async (request) => searchCatalog(deps.db, actorOf(request), request.query));

  app.post('/catalog', {
    config: { access: ['catalog_editor'], audit: 'catalog.create' },
    schema: { tags, summary: '新建目录（草稿）/ create a draft entry', body: DraftBodySchema, response: { 201: EntrySchema } },
  }, async (request, reply) => reply.code(201).send(await catalog.create(actorOf(request), request.body as EntryDraft)));

  app.post('/catalog/validate', {
    config: { access: ['catalog_editor'] },
    schema: {
      tags, summary: '一致性检查 / consistency (§11) and 一数一源 (§15) findings', body: DraftBodySchema,
      response: { 200: Type.Object({ issues: Type.Array(IssueSchema) }) },
    },
  }, async (request) => ({ issues: await catalog.check(actorOf(request), request.body as EntryDraft) }));

  app.get('/catalog/:id', {
    config: { access: 'user' },
    schema: {
      tags, summary: '目录详情 / an entry (a version with ?version=N)', params: IdParams,
      querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      response: { 200: EntrySchema },
    },
  }, async (request) => catalog.get(actorOf(request), request.params.id, request.query.version));

  app.put('/catalog/:id', {
    config: { access: ['catalog_editor'], audit: 'catalog.update' },
    schema: {
      tags, summary: '修改目录 / update (a published entry gets a new version)', params: IdParams, body: DraftBodySchema, response: { 200: EntrySchema },
      description: 'Send `If-Match` with the `updatedAt` of the entry as read: a change by someone else in between is a 409 ENTRY_CHANGED, not a lost update.',
    },
  }, async (request) => catalog.update(actorOf(request), request.params.id, request.body as EntryDraft, ifMatchOf(request.headers['if-match'])));

  app.post('/catalog/:id/submit', {
    config: { access: ['catalog_editor'], audit: 'catalog.submit' },
    schema: { tags, summary: '提交审核 / submit for normative review (§13)', params: IdParams, response: { 200: EntrySchema } },
  }, async (request) => catalog.submit(actorOf(request), request.params.id));

  app.post('/catalog/:id/discard', {
    config: { access: ['catalog_editor'], audit: 'catalog.discard' },
    schema: { tags, summary: '放弃修改 / discard an unpublished new version', params: IdParams, response: { 200: EntrySchema } },
  }, async (request) => catalog.discard(actorOf(request), request.params.id));

  app.post('/catalog/:id/review', {
    config: { access: ['authority'], audit: 'catalog.review' },
    schema: { tags, summary: '规范性审核 / normative review: approve publishes and codes (§13)', params: IdParams, body: Decision, response: { 200: EntrySchema } },
  }, async (request) => catalog.review(actorOf(request), request.params.id, request.body.decision, request.body.comment));

  app.post('/catalog/:id/withdrawals', {
    config: { access: ['catalog_editor'], audit: 'catalog.withdrawal.request' },
    schema: {
      tags, summary: '申请撤销 / ask to withdraw a published entry (§19)', params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 201: WithdrawalSchema },
    },
  }, async (request, reply) => reply.code(201).send(await withdrawals.request(actorOf(request), request.params.id, request.body.reason)));

  app.get('/withdrawals', {
    config: { access: ['catalog_editor', 'authority'] },
    schema: {
      tags, summary: '撤销申请 / withdrawal requests',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')])) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(WithdrawalSchema), total: Type.Integer() }) },
    },
  }, async (request) => {
    const items = await withdrawals.list(actorOf(request), request.query.status);
    return { items, total: items.length };
  });

  app.post('/withdrawals/:id/decision', {
    config: { access: ['authority'], audit: 'catalog.withdrawal.decide' },
    schema: { tags, summary: '撤销审核 / decide a withdrawal (§19)', params: IdParams, body: Decision, response: { 200: WithdrawalSchema } },
  }, async (request) => withdrawals.decide(actorOf(request), request.params.id, request.body.decision, request.body.comment));

  app.post('/catalog/:id/change-events', {
    config: { access: ['catalog_editor', 'authority'], audit: 'catalog.change_event' },
    schema: {
      tags, summary: '登记法规/职能变化 / record a legal or function change (§12: update within 15 working days)', params: IdParams,
      body: Type.Object({
        kind: Type.Union([Type.Literal('law'), Type.Literal('function')]),
        title: Type.String({ minLength: 1, maxLength: 200 }),
        description: Type.Optional(Type.String({ maxLength: 2000 })),
        announcedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      }, { additionalProperties: false }),
      response: { 201: ChangeEventSchema },
    },
  }, async (request, reply) => reply.code(201).send(await changes.record(actorOf(request), request.params.id, request.body)));

  app.get('/change-events', {
    config: { access: ['catalog_editor', 'authority'] },
    schema: {
      tags, summary: '变更事件及更新期限 / change events with their deadlines (§12)',
      querystring: Type.Object({
        state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('resolved'), Type.Literal('all')])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ChangeEventSchema), total: Type.Integer() }) },
    },
  }, async (request) => {
    const items = await changes.list(actorOf(request), request.query.state);
    return { items, total: items.length };
  });
}
