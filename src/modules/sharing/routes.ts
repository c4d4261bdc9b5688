import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import { REQUEST_STATUSES, GRANT_STATUSES } from '../../domain/sharing/types.ts';
import { oneOf } from '../catalog/schemas.ts';
import type { AgreementService } from './agreements.ts';
import type { DecisionService } from './decisions.ts';
import type { GrantService } from './grants.ts';
import type { ObjectionService } from './objections.ts';
import type { RequestInput, RequestService } from './requests.ts';
import {
  AgreementSchema, ConditionsSchema, GrantSchema, GrantTermsSchema, ObjectionSchema, RequestInputSchema, RequestSchema, ResubmitSchema,
  WholeAuthorizationSchema, list,
} from './schemas.ts';
import type { WholeAuthorizationService } from './whole-authorizations.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const opt = (max: number) => Type.Optional(Type.String({ maxLength: max }));

export interface SharingServices {
  requests: RequestService;
  decisions: DecisionService;
  grants: GrantService;
  agreements: AgreementService;
  whole: WholeAuthorizationService;
  objections: ObjectionService;
}

export function sharingRoutes(app: Api, s: SharingServices): void {
  const tags = ['sharing'];

  app.post('/requests', {
    config: { access: ['requester'], audit: 'request.create' },
    schema: { tags, summary: '提出共享申请 / ask for data (§27, §30)', body: RequestInputSchema, response: { 201: RequestSchema } },
  }, async (request, reply) => reply.code(201).send(await s.requests.create(actorOf(request), request.body as RequestInput)));

  app.get('/requests', {
    config: { access: 'user' },
    schema: {
      tags, summary: '共享申请 / requests (mine, incoming, review, all)',
      querystring: Type.Object({
        view: Type.Optional(oneOf(['mine', 'incoming', 'review', 'all'] as const)),
        status: Type.Optional(oneOf(REQUEST_STATUSES)),
        overdue: Type.Optional(Type.Boolean()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        cursor: opt(20),
      }, { additionalProperties: false }),
      response: { 200: list(RequestSchema) },
    },
  }, async (request) => s.requests.list(actorOf(request), request.query));

  app.get('/requests/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '申请详情与时间线 / a request with its timeline and deadlines', params: Id, response: { 200: RequestSchema } },
  }, async (request) => s.requests.get(actorOf(request), request.params.id));

  app.post('/requests/:id/compliance-review', {
    config: { access: ['authority'], audit: 'request.compliance' },
    schema: {
      tags, summary: '符合性审查 / compliance review (§28, §30; 2 working days)', params: Id,
      body: Type.Object({ decision: oneOf(['pass', 'return', 'reject'] as const), comment: opt(2000) }, { additionalProperties: false }),
      response: { 200: RequestSchema },
    },
  }, async (request) => s.decisions.complianceReview(actorOf(request), request.params.id, request.body.decision, request.body.comment));

  app.post('/requests/:id/resubmit', {
    config: { access: ['requester'], audit: 'request.resubmit' },
    schema: { tags, summary: '补充后重新提交 / resubmit after a return', params: Id, body: ResubmitSchema, response: { 200: RequestSchema } },
  }, async (request) => s.requests.resubmit(actorOf(request), request.params.id, request.body as Partial<RequestInput>));

  app.post('/requests/:id/reply', {
    config: { access: ['approver'], audit: 'request.reply' },
    schema: {
      tags, summary: '提供部门答复 / provider\'s reply (§29, §30(二))', params: Id,
      body: Type.Object({ decision: oneOf(['grant', 'refuse'] as const), reason: opt(2000), ...GrantTermsSchema }, { additionalProperties: false }),
      response: { 200: RequestSchema },
    },
  }, async (request) => s.decisions.reply(actorOf(request), request.params.id, request.body));

  app.post('/requests/:id/negotiation', {
    config: { access: ['requester', 'approver'], audit: 'request.negotiation' },
    schema: {
      tags, summary: '协商 / negotiation message (§30(三))', params: Id,
      body: Type.Object({ message: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 200: RequestSchema },
    },
  }, async (request) => s.decisions.negotiate(actorOf(request), request.params.id, request.body.message));

  app.post('/requests/:id/negotiation/fail', {
    config: { access: ['requester'], audit: 'request.negotiation.fail' },
    schema: {
      tags, summary: '协商未果，提请协调 / negotiation failed: ask the authority to coordinate', params: Id,
      body: Type.Object({ reason: opt(2000) }, { additionalProperties: false }), response: { 200: RequestSchema },
    },
  }, async (request) => s.decisions.negotiationFailed(actorOf(request), request.params.id, request.body.reason));

  app.post('/requests/:id/coordination', {
    config: { access: ['authority'], audit: 'request.coordination' },
    schema: {
      tags, summary: '主管部门协调决定 / the authority\'s binding coordination (§30(三))', params: Id,
      body: Type.Object({ decision: oneOf(['grant', 'uphold'] as const), comment: opt(2000), ...GrantTermsSchema }, { additionalProperties: false }),
      response: { 200: RequestSchema },
    },
  }, async (request) => s.decisions.coordinate(actorOf(request), request.params.id, request.body));

  app.post('/requests/:id/cancel', {
    config: { access: ['requester'], audit: 'request.cancel' },
    schema: { tags, summary: '撤回申请 / cancel', params: Id, body: Type.Object({ reason: opt(1000) }, { additionalProperties: false }), response: { 200: RequestSchema } },
  }, async (request) => s.requests.cancel(actorOf(request), request.params.id, request.body.reason));

  app.get('/grants', {
    config: { access: 'user' },
    schema: {
      tags, summary: '授权 / grants (mine, provided, all)',
      querystring: Type.Object({
        view: Type.Optional(oneOf(['mine', 'provided', 'all'] as const)), status: Type.Optional(oneOf(GRANT_STATUSES)), idle: Type.Optional(Type.Boolean()),
        entryId: Type.Optional(Type.String({ format: 'uuid' })),
      }, { additionalProperties: false }),
      response: { 200: list(GrantSchema) },
    },
  }, async (request) => s.grants.list(actorOf(request), request.query));

  app.get('/grants/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '授权详情 / a grant', params: Id, response: { 200: GrantSchema } },
  }, async (request) => s.grants.get(actorOf(request), request.params.id));

  app.post('/grants/:id/revoke', {
    config: { access: ['approver', 'authority'], audit: 'grant.revoke' },
    schema: {
      tags, summary: '收回授权 / revoke (idle §31, misuse §40)', params: Id,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }), response: { 200: GrantSchema },
    },
  }, async (request) => s.grants.revoke(actorOf(request), request.params.id, request.body.reason));

  app.get('/grants/:id/agreement', {
    config: { access: 'user' },
    schema: { tags, summary: '授权的数据安全协议 / the grant\'s data-security agreement (security rules §27)', params: Id, response: { 200: AgreementSchema } },
  }, async (request) => s.agreements.get(actorOf(request), request.params.id));

  app.post('/grants/:id/agreement', {
    config: { access: ['requester', 'approver', 'data_steward'], audit: 'grant.agreement.accept' },
    schema: {
      tags, summary: '使用方接受数据安全协议 / the consumer accepts the agreement (before any use, security rules §27)', params: Id,
      body: Type.Object({ accept: Type.Literal(true) }, { additionalProperties: false }), response: { 200: AgreementSchema },
    },
  }, async (request) => s.agreements.accept(actorOf(request), request.params.id));

  app.get('/whole-authorizations', {
    config: { access: ['approver'] },
    schema: { tags, summary: '整体授权 / whole authorisations of my department (§29)', response: { 200: list(WholeAuthorizationSchema) } },
  }, async (request) => s.whole.list(actorOf(request)));

  app.post('/whole-authorizations', {
    config: { access: ['approver'], audit: 'whole_authorization.create' },
    schema: {
      tags, summary: '整体授权给平台 / authorise the platform to grant matching requests (§29)',
      body: Type.Object({
        entryId: Type.String({ format: 'uuid' }), items: Type.Array(Type.String({ minLength: 1, maxLength: 63 }), { minItems: 1, maxItems: 500 }),
        methods: Type.Array(oneOf(['table', 'api', 'file', 'verify'] as const), { minItems: 1, uniqueItems: true }),
        conditions: Type.Optional(ConditionsSchema), validUntil: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      }, { additionalProperties: false }),
      response: { 201: WholeAuthorizationSchema },
    },
  }, async (request, reply) => reply.code(201).send(await s.whole.create(actorOf(request), request.body)));

  app.post('/whole-authorizations/:id/revoke', {
    config: { access: ['approver'], audit: 'whole_authorization.revoke' },
    schema: {
      tags, summary: '撤回整体授权 / withdraw a whole authorisation', params: Id,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }), response: { 200: WholeAuthorizationSchema },
    },
  }, async (request) => s.whole.revoke(actorOf(request), request.params.id, request.body.reason));

  app.post('/objections', {
    config: { access: ['requester', 'data_steward'], audit: 'objection.create' },
    schema: {
      tags, summary: '提出数据异议 / report doubtful or wrong data (§32)',
      body: Type.Object({
        entryId: Type.String({ format: 'uuid' }), items: Type.Optional(Type.Array(Type.String({ maxLength: 63 }), { maxItems: 500 })),
        sampleKeys: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })), description: Type.String({ minLength: 1, maxLength: 4000 }),
      }, { additionalProperties: false }),
      response: { 201: ObjectionSchema },
    },
  }, async (request, reply) => reply.code(201).send(await s.objections.create(actorOf(request), request.body)));

  app.get('/objections', {
    config: { access: 'user' },
    schema: {
      tags, summary: '数据异议 / objections', querystring: Type.Object({ view: Type.Optional(oneOf(['mine', 'incoming', 'all'] as const)) }, { additionalProperties: false }),
      response: { 200: list(ObjectionSchema) },
    },
  }, async (request) => s.objections.list(actorOf(request), request.query.view));

  app.get('/objections/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '异议详情 / an objection', params: Id, response: { 200: ObjectionSchema } },
  }, async (request) => s.objections.get(actorOf(request), request.params.id));

  app.post('/objections/:id/resolve', {
    config: { access: ['data_steward', 'approver'], audit: 'objection.resolve' },
    schema: {
      tags, summary: '校核更正 / verify and correct (§32, 5 working days)', params: Id,
      body: Type.Object({ outcome: oneOf(['corrected', 'confirmed'] as const), comment: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
      response: { 200: ObjectionSchema },
    },
  }, async (request) => s.objections.resolve(actorOf(request), request.params.id, request.body));
}
