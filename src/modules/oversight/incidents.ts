/**
 * 政务数据安全事件 (Sec §34; Sec §7(四)): reported by the department where it happened (its security
 * officer) or by the authority, with the Sec §34 case, the time, the scope, the data, entries and
 * grants affected and the measures taken; the emergency-plan start is recorded; the authority of the
 * region and the auditors (网信、公安) are told at once; affected grants can be suspended in one step;
 * tracked report → response → resolved → closed with a summary. Rules: incident-rules.ts.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { incidentTransition, type IncidentAction } from '../../domain/oversight/incident-rules.ts';
import { actsForAuthority, isAuditor, isAuthoritySide, isSecurityOfficerOf, maySeeOversight } from '../../domain/oversight/permissions.ts';
import { INCIDENT_KIND_LABELS, type IncidentKind } from '../../domain/oversight/vocabulary.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { notify } from '../inbox/notify.ts';
import { auditors, authoritySide, orgRow, securityOfficerOf } from './audience.ts';
import type { OversightDeps } from './inspections.ts';
import { suspendGrants, suspensionsOf } from './suspensions.ts';

export interface IncidentInput {
  /** The department where it happened; a department's officer may leave it out (their own). */
  orgId?: string;
  kind: IncidentKind;
  title: string;
  occurredAt: string;
  scope: string;
  affectedData?: string;
  affectedEntryIds?: string[];
  affectedGrantIds?: string[];
  measures: string;
  /** When the emergency plan was started, if it already was (Sec §34 立即启动应急预案). */
  planStartedAt?: string;
}

const link = (id: string) => `/security/incidents/${id}`;

export class IncidentService {
  constructor(private readonly deps: OversightDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async report(actor: UserActor, input: IncidentInput) {
    const orgId = input.orgId ?? actor.orgId;
    const now = this.now();
    const occurredAt = new Date(input.occurredAt);
    const planStartedAt = input.planStartedAt ? new Date(input.planStartedAt) : null;
    if (Number.isNaN(occurredAt.getTime()) || occurredAt > now) {
      throw badRequest('INVALID_TIME', '事件发生时间无效或晚于当前时间', 'the time of the incident is invalid or in the future', [{ field: 'body.occurredAt', zh: '时间有误', en: 'invalid time' }]);
    }
    if (planStartedAt && (Number.isNaN(planStartedAt.getTime()) || planStartedAt > now)) {
      throw badRequest('INVALID_TIME', '启动应急预案时间无效', 'the time the plan started is invalid', [{ field: 'body.planStartedAt', zh: '时间有误', en: 'invalid time' }]);
    }
    const id = await this.deps.db.transaction().execute(async (tx) => {
      const org = await orgRow(tx, orgId);
      if (!org) throw notFound('部门', 'department');
      const own = isSecurityOfficerOf(actor, orgId);
      if (!own && !actsForAuthority(actor, org.region_code)) {
        throw forbidden('NOT_PERMITTED', '安全事件由事发部门的安全管理员或本级政务数据管理部门报送（安全细则第三十四条）',
          'an incident is reported by the department\'s security officer or the data authority of its region (Sec §34)');
      }
      const entryIds = [...new Set(input.affectedEntryIds ?? [])];
      const grantIds = [...new Set(input.affectedGrantIds ?? [])];
      if (entryIds.length) {
        const found = await tx.selectFrom('catalog_entry').select('id').where('id', 'in', entryIds).execute();
        if (found.length !== entryIds.length) throw badRequest('UNKNOWN_ENTRY', '受影响目录不存在', 'an affected entry does not exist', [{ field: 'body.affectedEntryIds', zh: '目录不存在', en: 'unknown entry' }]);
      }
      if (grantIds.length) {
        const found = await tx.selectFrom('share_grant').select('id').where('id', 'in', grantIds)
          .where((eb) => eb.or([eb('consumer_id', '=', orgId), eb('provider_id', '=', orgId)])).execute();
        if (found.length !== grantIds.length) throw badRequest('UNKNOWN_GRANT', '受影响授权须为事发部门的授权', 'affected grants must be grants of the department', [{ field: 'body.affectedGrantIds', zh: '授权不存在', en: 'unknown grant' }]);
      }
      const row = await tx.insertInto('security_incident').values({
        org_id: orgId, region_code: org.region_code, kind: input.kind, title: input.title, occurred_at: occurredAt, scope: input.scope,
        affected_data: input.affectedData ?? '', affected_entry_ids: entryIds, affected_grant_ids: grantIds, measures: input.measures,
        plan_started_at: planStartedAt, status: 'reported', reported_by: actor.userId, reported_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await this.event(tx, row.id, actor, 'reported', `${INCIDENT_KIND_LABELS[input.kind].zh}（${INCIDENT_KIND_LABELS[input.kind].article}）。已采取措施：${input.measures}`, now);
      if (planStartedAt) await this.event(tx, row.id, actor, 'plan_started', '报送时已启动应急预案', planStartedAt);
      // Sec §34 及时报送本级网信、公安、政务数据管理等部门.
      await notify(tx, [...(await authoritySide(tx, org.region_code)), ...(await auditors(tx)), ...(own ? [] : [securityOfficerOf(orgId)])], {
        kind: 'incident.reported', title: `数据安全事件：${input.title}`, body: `${org.name} · ${INCIDENT_KIND_LABELS[input.kind].zh}`, link: link(row.id),
      }, this.deps.outbound);
      await recordAudit(tx, actor, {
        action: 'incident.report', targetType: 'incident', targetId: row.id,
        detail: { orgId, kind: input.kind, occurredAt: occurredAt.toISOString(), planStarted: !!planStartedAt, entries: entryIds, grants: grantIds },
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Sec §34 立即启动应急预案, recorded once, by the department or the authority. */
  async planStarted(actor: UserActor, id: string, input: { at?: string; note?: string }) {
    await this.deps.db.transaction().execute(async (tx) => {
      const x = await this.load(tx, actor, id);
      if (!isSecurityOfficerOf(actor, x.org_id) && !actsForAuthority(actor, x.region_code)) {
        throw forbidden('NOT_PERMITTED', '由事发部门或政务数据管理部门登记', 'the department or the data authority records it');
      }
      if (x.status === 'closed') throw conflict('INCIDENT_CLOSED', '事件已结案', 'the incident is closed');
      if (x.plan_started_at) throw conflict('PLAN_ALREADY_STARTED', '已登记启动应急预案', 'the plan start is already recorded');
      const at = input.at ? new Date(input.at) : this.now();
      if (Number.isNaN(at.getTime()) || at > this.now()) throw badRequest('INVALID_TIME', '时间无效', 'invalid time', [{ field: 'body.at', zh: '时间有误', en: 'invalid time' }]);
      await tx.updateTable('security_incident').set({ plan_started_at: at }).where('id', '=', id).execute();
      await this.event(tx, id, actor, 'plan_started', input.note ?? '', at);
      await recordAudit(tx, actor, { action: 'incident.plan_started', targetType: 'incident', targetId: id, detail: { at: at.toISOString() } });
    });
    return this.get(actor, id);
  }

  /** respond, close: the authority; resolve: the department or the authority. */
  async act(actor: UserActor, id: string, action: IncidentAction, text: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const x = await this.load(tx, actor, id);
      const authority = actsForAuthority(actor, x.region_code);
      const allowed = action === 'resolve' ? authority || isSecurityOfficerOf(actor, x.org_id) : authority;
      if (!allowed) {
        throw forbidden('NOT_PERMITTED', action === 'resolve' ? '由事发部门的安全管理员或政务数据管理部门登记处置结果' : '由政务数据管理部门调查处理（安全细则第七条第四项）',
          action === 'resolve' ? 'the department\'s security officer or the data authority records the resolution' : 'the data authority handles incidents (Sec §7(四))');
      }
      const r = incidentTransition(x.status, action, text, { planStarted: !!x.plan_started_at });
      if (!r.ok) throw r.error.code === 'TEXT_REQUIRED' ? badRequest(r.error.code, r.error.zh, r.error.en) : conflict(r.error.code, r.error.zh, r.error.en);
      const now = this.now();
      await tx.updateTable('security_incident').set({ status: r.to, ...(action === 'close' ? { summary: text, closed_at: now } : {}) }).where('id', '=', id).execute();
      await this.event(tx, id, actor, action, text, now);
      const audience = action === 'respond' ? [securityOfficerOf(x.org_id)]
        : action === 'resolve' ? [...(await authoritySide(tx, x.region_code)), securityOfficerOf(x.org_id)]
          : [securityOfficerOf(x.org_id), ...(await auditors(tx))];
      const verb = { respond: '主管部门已响应', resolve: '已处置', close: '已结案' }[action];
      await notify(tx, audience, { kind: `incident.${action}`, title: `数据安全事件${verb}：${x.title}`, body: text, link: link(id) }, this.deps.outbound);
      await recordAudit(tx, actor, { action: `incident.${action}`, targetType: 'incident', targetId: id, detail: { text } });
    });
    return this.get(actor, id);
  }

  /** Suspend affected grants in one step: the department's own, or those the report names. */
  async suspendGrants(actor: UserActor, id: string, grantIds: string[], reason: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const x = await this.load(tx, actor, id);
      if (!actsForAuthority(actor, x.region_code)) throw forbidden('NOT_AUTHORITY', '只有政务数据管理部门可以暂停授权', 'only the data authority suspends grants');
      if (x.status === 'closed') throw conflict('INCIDENT_CLOSED', '事件已结案', 'the incident is closed');
      const now = this.now();
      const done = await suspendGrants(tx, actor, { type: 'incident', id, orgId: x.org_id, named: x.affected_grant_ids }, grantIds, reason, { now, outbound: this.deps.outbound });
      await this.event(tx, id, actor, 'suspension', `暂停授权 ${done.length} 项：${reason}`, now);
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string) {
    const { db } = this.deps;
    const x = await db.selectFrom('security_incident as x').innerJoin('org as o', 'o.id', 'x.org_id').innerJoin('app_user as u', 'u.id', 'x.reported_by')
      .selectAll('x').select(['o.name as org_name', 'u.display_name as reporter_name']).where('x.id', '=', id).executeTakeFirst();
    if (!x || !maySeeOversight(actor, x.org_id, x.region_code)) throw notFound('安全事件', 'incident');
    const events = await db.selectFrom('security_incident_event as v').leftJoin('app_user as u', 'u.id', 'v.actor_id').leftJoin('org as o', 'o.id', 'v.org_id')
      .select(['v.id', 'v.kind', 'v.body', 'v.at', 'u.display_name', 'o.name as org_name']).where('v.incident_id', '=', id).orderBy('v.id').execute();
    const entries = x.affected_entry_ids.length
      ? await db.selectFrom('catalog_entry').select(['id', 'name', 'code']).where('id', 'in', x.affected_entry_ids).execute() : [];
    const grants = x.affected_grant_ids.length
      ? await db.selectFrom('share_grant as g').innerJoin('catalog_entry as e', 'e.id', 'g.entry_id').innerJoin('org as c', 'c.id', 'g.consumer_id')
        .select(['g.id', 'g.status', 'e.name', 'c.name as consumer_name']).where('g.id', 'in', x.affected_grant_ids).execute() : [];
    const authority = actsForAuthority(actor, x.region_code);
    const officer = isSecurityOfficerOf(actor, x.org_id);
    const may = (a: IncidentAction) => incidentTransition(x.status, a, 'x', { planStarted: !!x.plan_started_at }).ok;
    return {
      id: x.id, orgId: x.org_id, orgName: x.org_name, regionCode: x.region_code, kind: x.kind, title: x.title,
      occurredAt: x.occurred_at.toISOString(), scope: x.scope, affectedData: x.affected_data, measures: x.measures,
      affectedEntries: entries.map((e) => ({ id: e.id, name: e.name, code: e.code })),
      affectedGrants: grants.map((g) => ({ id: g.id, status: g.status, entryName: g.name, consumerName: g.consumer_name })),
      planStartedAt: x.plan_started_at ? x.plan_started_at.toISOString() : null, status: x.status,
      reportedBy: x.reporter_name, reportedAt: x.reported_at.toISOString(), summary: x.summary, closedAt: x.closed_at ? x.closed_at.toISOString() : null,
      events: events.map((v) => ({ id: v.id, kind: v.kind, body: v.body, at: v.at.toISOString(), actorName: v.display_name, orgName: v.org_name })),
      suspensions: await suspensionsOf(db, { type: 'incident', ids: [x.id] }),
      permissions: {
        planStarted: (authority || officer) && !x.plan_started_at && x.status !== 'closed',
        respond: authority && may('respond'), resolve: (authority || officer) && may('resolve'), close: authority && may('close'),
        suspend: authority && x.status !== 'closed', lift: authority,
      },
    };
  }

  async list(actor: UserActor, q: { status?: 'reported' | 'responding' | 'resolved' | 'closed' } = {}) {
    let query = this.deps.db.selectFrom('security_incident as x').innerJoin('org as o', 'o.id', 'x.org_id')
      .select(['x.id', 'x.org_id', 'o.name as org_name', 'x.region_code', 'x.kind', 'x.title', 'x.occurred_at', 'x.reported_at', 'x.status', 'x.plan_started_at', 'x.closed_at'])
      .orderBy('x.reported_at', 'desc');
    if (q.status) query = query.where('x.status', '=', q.status);
    if (!isAuditor(actor)) {
      if (isAuthoritySide(actor)) {
        if (actor.regionLevel !== 'city') query = query.where((eb) => eb.or([eb('x.region_code', '=', actor.regionCode), eb('x.org_id', '=', actor.orgId)]));
      } else query = query.where('x.org_id', '=', actor.orgId);
    }
    const items = (await query.execute()).map((x) => ({
      id: x.id, orgId: x.org_id, orgName: x.org_name, regionCode: x.region_code, kind: x.kind, title: x.title,
      occurredAt: x.occurred_at.toISOString(), reportedAt: x.reported_at.toISOString(), status: x.status,
      planStartedAt: x.plan_started_at ? x.plan_started_at.toISOString() : null, closedAt: x.closed_at ? x.closed_at.toISOString() : null,
    }));
    return { items, total: items.length };
  }

  private async load(tx: Db, actor: UserActor, id: string) {
    const x = await tx.selectFrom('security_incident').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!x || !maySeeOversight(actor, x.org_id, x.region_code)) throw notFound('安全事件', 'incident');
    return x;
  }

  private async event(tx: Db, id: string, actor: UserActor, kind: 'reported' | 'plan_started' | IncidentAction | 'suspension', body: string, at: Date) {
    await tx.insertInto('security_incident_event').values({ incident_id: id, kind, actor_id: actor.userId, org_id: actor.orgId, body, at }).execute();
  }
}
