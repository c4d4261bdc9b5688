import { Type } from '@sinclair/typebox';
import { actorOf, type Api } from '../../http/api.ts';
import { DESTRUCTION_STATUSES } from '../../domain/oversight/destruction-rules.ts';
import { INCIDENT_STATUSES } from '../../domain/oversight/incident-rules.ts';
import { oneOf } from '../catalog/schemas.ts';
import type { DestructionService } from './destructions.ts';
import type { FindingService } from './findings.ts';
import type { IncidentService } from './incidents.ts';
import type { InspectionService } from './inspections.ts';
import {
  DestructionInputSchema, DestructionSchema, FindingSchema, IncidentInputSchema, IncidentSchema, IncidentSummarySchema, InspectionInputSchema,
  InspectionSchema, InspectionSummarySchema, OnsiteInputSchema, PostureSchema, SelfAssessmentInputSchema, SuspendInputSchema, SuspendableGrantSchema, list,
} from './schemas.ts';
import type { PostureService } from './posture.ts';
import type { SuspensionService } from './suspensions.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Target = Type.Object({ id: Type.String({ format: 'uuid' }), orgId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Text = (name: string) => Type.Object({ [name]: Type.String({ minLength: 1, maxLength: 8000 }) }, { additionalProperties: false });
const Comment = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false });
/** The authority side acts: its reviewers and its security officer (domain/oversight/permissions.ts). */
const AUTHORITY = ['authority', 'security_officer'] as const;

export interface OversightServices {
  inspections: InspectionService;
  findings: FindingService;
  incidents: IncidentService;
  destructions: DestructionService;
  suspensions: SuspensionService;
  posture: PostureService;
}

export function oversightRoutes(app: Api, s: OversightServices): void {
  const tags = ['oversight'];

  app.get('/security/posture', {
    config: { access: ['authority', 'security_officer', 'auditor'] },
    schema: { tags, summary: '安全态势 / security posture: audit chain, keys, L3+ data, open findings and incidents, late destructions, failed logins', response: { 200: PostureSchema } },
  }, async (request) => s.posture.posture(actorOf(request)));

  // --- 监督检查 (Sec §30–§33) ---
  app.post('/security/inspections', {
    config: { access: AUTHORITY, audit: 'inspection.create' },
    schema: { tags, summary: '制定监督检查方案 / plan an inspection (Sec §32(一))', body: InspectionInputSchema, response: { 201: InspectionSchema } },
  }, async (request, reply) => reply.code(201).send(await s.inspections.create(actorOf(request), request.body)));

  app.get('/security/inspections', {
    config: { access: 'user' },
    schema: {
      tags, summary: '监督检查 / inspections I run, take part in, or audit',
      querystring: Type.Object({ status: Type.Optional(oneOf(['open', 'closed'] as const)) }, { additionalProperties: false }),
      response: { 200: list(InspectionSummarySchema) },
    },
  }, async (request) => s.inspections.list(actorOf(request), request.query));

  app.get('/security/inspections/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '检查详情 / an inspection with every step', params: Id, response: { 200: InspectionSchema } },
  }, async (request) => s.inspections.get(actorOf(request), request.params.id));

  app.post('/security/inspections/:id/targets/:orgId/self-assessment', {
    config: { access: ['security_officer'], audit: 'inspection.self_assess' },
    schema: { tags, summary: '报送自查报告 / file the self-assessment (Sec §32(二))', params: Target, body: SelfAssessmentInputSchema, response: { 200: InspectionSchema } },
  }, async (request) => s.inspections.selfAssess(actorOf(request), request.params.id, request.params.orgId, request.body));

  app.post('/security/inspections/:id/targets/:orgId/onsite', {
    config: { access: AUTHORITY, audit: 'inspection.onsite' },
    schema: { tags, summary: '登记实地检查与问题 / record the on-site check and findings (Sec §32(三), §33)', params: Target, body: OnsiteInputSchema, response: { 200: InspectionSchema } },
  }, async (request) => s.inspections.recordOnsite(actorOf(request), request.params.id, request.params.orgId, request.body));

  app.post('/security/inspections/:id/close', {
    config: { access: AUTHORITY, audit: 'inspection.close' },
    schema: { tags, summary: '结束检查 / close the inspection', params: Id, body: Text('summary'), response: { 200: InspectionSchema } },
  }, async (request) => s.inspections.close(actorOf(request), request.params.id, request.body.summary as string));

  app.get('/security/findings/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '检查问题 / a finding', params: Id, response: { 200: FindingSchema } },
  }, async (request) => s.findings.get(actorOf(request), request.params.id));

  app.post('/security/findings/:id/report', {
    config: { access: ['security_officer'], audit: 'finding.report' },
    schema: { tags, summary: '报送整改情况 / report the rectification (Sec §32(四))', params: Id, body: Text('report'), response: { 200: FindingSchema } },
  }, async (request) => s.findings.report(actorOf(request), request.params.id, request.body.report as string));

  app.post('/security/findings/:id/decision', {
    config: { access: AUTHORITY, audit: 'finding.decision' },
    schema: {
      tags, summary: '整改验收或退回 / accept or return the rectification', params: Id,
      body: Type.Object({ decision: oneOf(['accept', 'return'] as const), comment: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }),
      response: { 200: FindingSchema },
    },
  }, async (request) => s.findings.decide(actorOf(request), request.params.id, request.body.decision, request.body.comment));

  app.post('/security/findings/:id/suspend-grants', {
    config: { access: AUTHORITY, audit: 'grant.suspend' },
    schema: { tags, summary: '暂停该部门的授权 / suspend chosen grants of the department (Sec §33)', params: Id, body: SuspendInputSchema, response: { 200: FindingSchema } },
  }, async (request) => s.findings.suspendGrants(actorOf(request), request.params.id, request.body.grantIds, request.body.reason));

  app.get('/security/suspendable-grants', {
    config: { access: AUTHORITY },
    schema: {
      tags, summary: '部门的有效授权 / live grants of a department, to choose from',
      querystring: Type.Object({ orgId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
      response: { 200: list(SuspendableGrantSchema) },
    },
  }, async (request) => s.suspensions.grantsOf(actorOf(request), request.query.orgId));

  app.post('/security/suspensions/:id/lift', {
    config: { access: AUTHORITY, audit: 'grant.resume' },
    schema: { tags, summary: '解除暂停 / lift a suspension', params: Id, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await s.suspensions.lift(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  // --- 安全事件 (Sec §34) ---
  app.post('/security/incidents', {
    config: { access: ['security_officer', 'authority'], audit: 'incident.report' },
    schema: { tags, summary: '报送安全事件 / report an incident (Sec §34)', body: IncidentInputSchema, response: { 201: IncidentSchema } },
  }, async (request, reply) => reply.code(201).send(await s.incidents.report(actorOf(request), request.body)));

  app.get('/security/incidents', {
    config: { access: 'user' },
    schema: {
      tags, summary: '安全事件 / incidents',
      querystring: Type.Object({ status: Type.Optional(oneOf(INCIDENT_STATUSES)) }, { additionalProperties: false }),
      response: { 200: list(IncidentSummarySchema) },
    },
  }, async (request) => s.incidents.list(actorOf(request), request.query));

  app.get('/security/incidents/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '事件详情 / an incident with its timeline', params: Id, response: { 200: IncidentSchema } },
  }, async (request) => s.incidents.get(actorOf(request), request.params.id));

  app.post('/security/incidents/:id/plan-started', {
    config: { access: ['security_officer', 'authority'], audit: 'incident.plan_started' },
    schema: {
      tags, summary: '登记启动应急预案 / record the emergency-plan start', params: Id,
      body: Type.Object({ at: Type.Optional(Type.String({ format: 'date-time' })), note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 200: IncidentSchema },
    },
  }, async (request) => s.incidents.planStarted(actorOf(request), request.params.id, request.body));

  for (const action of ['respond', 'resolve', 'close'] as const) {
    app.post(`/security/incidents/:id/${action}`, {
      config: { access: action === 'resolve' ? ['security_officer', 'authority'] : AUTHORITY, audit: `incident.${action}` },
      schema: {
        tags, summary: { respond: '响应处置 / respond (Sec §7(四))', resolve: '登记处置完成 / record as resolved', close: '结案 / close with a summary' }[action],
        params: Id, body: Text('text'), response: { 200: IncidentSchema },
      },
    }, async (request) => s.incidents.act(actorOf(request), (request.params as { id: string }).id, action, (request.body as { text: string }).text));
  }

  app.post('/security/incidents/:id/suspend-grants', {
    config: { access: AUTHORITY, audit: 'grant.suspend' },
    schema: { tags, summary: '暂停受影响的授权 / suspend affected grants', params: Id, body: SuspendInputSchema, response: { 200: IncidentSchema } },
  }, async (request) => s.incidents.suspendGrants(actorOf(request), request.params.id, request.body.grantIds, request.body.reason));

  // --- 数据销毁 (Sec §29) ---
  app.post('/security/destructions', {
    config: { access: ['data_steward'], audit: 'destruction.request' },
    schema: { tags, summary: '申请销毁数据 / ask to destroy data (Sec §29)', body: DestructionInputSchema, response: { 201: DestructionSchema } },
  }, async (request, reply) => reply.code(201).send(await s.destructions.request(actorOf(request), request.body)));

  app.get('/security/destructions', {
    config: { access: 'user' },
    schema: {
      tags, summary: '销毁申请与任务 / destruction requests and tasks',
      querystring: Type.Object({
        view: Type.Optional(oneOf(['mine', 'all'] as const)), origin: Type.Optional(oneOf(['request', 'grant_end'] as const)),
        status: Type.Optional(oneOf(DESTRUCTION_STATUSES)), overdue: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: list(DestructionSchema) },
    },
  }, async (request) => s.destructions.list(actorOf(request), request.query));

  app.get('/security/destructions/:id', {
    config: { access: 'user' },
    schema: { tags, summary: '销毁记录 / a destruction and its record', params: Id, response: { 200: DestructionSchema } },
  }, async (request) => s.destructions.get(actorOf(request), request.params.id));

  const ACTION_ACCESS = { approve: ['approver'], reject: ['approver'], cancel: ['data_steward'], file: AUTHORITY } as const;
  for (const action of ['approve', 'reject', 'cancel', 'file'] as const) {
    app.post(`/security/destructions/:id/${action}`, {
      config: { access: ACTION_ACCESS[action], audit: `destruction.${action}` },
      schema: {
        tags, summary: { approve: '批准 / approve', reject: '不予批准 / reject', cancel: '撤回 / cancel', file: '备案 / acknowledge the filing' }[action],
        params: Id, body: Comment, response: { 200: DestructionSchema },
      },
    }, async (request) => s.destructions.act(actorOf(request), (request.params as { id: string }).id, action, (request.body as { comment?: string }).comment));
  }

  app.post('/security/destructions/:id/execute', {
    config: { access: ['data_steward'], audit: 'destruction.execute' },
    schema: {
      tags, summary: '执行销毁并记录 / execute and record', params: Id,
      body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }), response: { 200: DestructionSchema },
    },
  }, async (request) => s.destructions.execute(actorOf(request), request.params.id, request.body));
}
