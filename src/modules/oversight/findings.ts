/**
 * 整改提高 (Sec §32(三)(四), §33): each finding of an on-site check carries the authority's 处理意见
 * and a deadline in working days; the department's security officer reports the rectification, the
 * authority accepts it or returns it (the same deadline runs on). When the department's last finding
 * is accepted its rectification is complete. A finding may stop chosen grants of the department at
 * once (suspensions.ts).
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import { stepClock } from '../../domain/sharing/deadlines.ts';
import { findingTransition, targetTransition, type FindingAction } from '../../domain/oversight/inspection-rules.ts';
import { actsForAuthority, isSecurityOfficerOf, maySeeOversight } from '../../domain/oversight/permissions.ts';
import type { CheckItem } from '../../domain/oversight/vocabulary.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { notify } from '../inbox/notify.ts';
import { authoritySide, securityOfficerOf } from './audience.ts';
import type { OversightDeps } from './inspections.ts';
import { suspendGrants, suspensionsOf } from './suspensions.ts';

function findingQuery(db: Db) {
  return db.selectFrom('inspection_finding as f').innerJoin('security_inspection as i', 'i.id', 'f.inspection_id')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .leftJoin('app_user as r', 'r.id', 'f.reported_by').leftJoin('app_user as d', 'd.id', 'f.decided_by')
    .select(['f.id', 'f.inspection_id', 'i.title as inspection_title', 'i.region_code', 'f.org_id', 'o.name as org_name', 'f.item', 'f.severity',
      'f.description', 'f.opinion', 'f.workdays', 'f.due_at', 'f.due_on', 'f.provisional', 'f.status', 'f.created_at', 'f.report',
      'f.reported_at', 'r.display_name as reported_by', 'f.decided_at', 'd.display_name as decided_by', 'f.decision_comment', 'f.overdue_at']);
}
type FindingQuery = ReturnType<typeof findingQuery>;

export async function findingViews(db: Db, calendar: WorkCalendar, now: Date, where: (q: FindingQuery) => FindingQuery, actor?: UserActor) {
  const rows = await where(findingQuery(db)).orderBy('f.created_at').execute();
  const suspensions = await suspensionsOf(db, { type: 'finding', ids: rows.map((r) => r.id) });
  return rows.map((f) => {
    const open = f.status !== 'accepted';
    const clock = open ? stepClock(calendar, now, f.due_at) : undefined;
    return {
      id: f.id, inspectionId: f.inspection_id, inspectionTitle: f.inspection_title, regionCode: f.region_code, orgId: f.org_id, orgName: f.org_name,
      item: f.item as CheckItem, severity: f.severity, description: f.description, opinion: f.opinion, workdays: f.workdays,
      dueAt: f.due_at.toISOString(), dueOn: f.due_on, provisional: f.provisional,
      remainingWorkdays: clock?.remainingWorkdays ?? null, dueSoon: clock?.dueSoon ?? false, overdue: clock?.overdue ?? false,
      status: f.status, createdAt: f.created_at.toISOString(), report: f.report,
      reportedAt: f.reported_at ? f.reported_at.toISOString() : null, reportedBy: f.reported_by,
      late: f.reported_at ? f.reported_at >= f.due_at : false,
      decidedAt: f.decided_at ? f.decided_at.toISOString() : null, decidedBy: f.decided_by, decisionComment: f.decision_comment,
      suspensions: suspensions.filter((s) => s.causeId === f.id),
      permissions: {
        report: !!actor && isSecurityOfficerOf(actor, f.org_id) && f.status === 'rectifying',
        decide: !!actor && actsForAuthority(actor, f.region_code) && f.status === 'reported',
        suspend: !!actor && actsForAuthority(actor, f.region_code) && open,
        lift: !!actor && actsForAuthority(actor, f.region_code),
      },
    };
  });
}
export type FindingView = Awaited<ReturnType<typeof findingViews>>[number];

export class FindingService {
  constructor(private readonly deps: OversightDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async load(tx: Db, actor: UserActor, id: string) {
    const f = await tx.selectFrom('inspection_finding as f').innerJoin('security_inspection as i', 'i.id', 'f.inspection_id')
      .select(['f.id', 'f.inspection_id', 'f.org_id', 'f.status', 'f.description', 'i.title', 'i.region_code', 'i.status as plan_status'])
      .where('f.id', '=', id).forUpdate('f').executeTakeFirst();
    if (!f || !maySeeOversight(actor, f.org_id, f.region_code)) throw notFound('检查问题', 'finding');
    if (f.plan_status !== 'open') throw conflict('INSPECTION_CLOSED', '检查已结束', 'the inspection is closed');
    return f;
  }

  async get(actor: UserActor, id: string): Promise<FindingView> {
    const [view] = await findingViews(this.deps.db, await this.deps.calendars.calendar(), this.now(), (q) => q.where('f.id', '=', id), actor);
    if (!view || !maySeeOversight(actor, view.orgId, view.regionCode)) throw notFound('检查问题', 'finding');
    return view;
  }

  /** Sec §32(四) 整改情况报送: the department's security officer. */
  async report(actor: UserActor, id: string, report: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const f = await this.load(tx, actor, id);
      if (!isSecurityOfficerOf(actor, f.org_id)) {
        throw forbidden('NOT_SECURITY_OFFICER', '整改情况由受检部门的安全管理员报送（安全细则第三十二条第四项）', 'the department\'s security officer reports the rectification (Sec §32(四))');
      }
      this.step(f.status, 'report', report);
      await tx.updateTable('inspection_finding').set({ status: 'reported', report, reported_by: actor.userId, reported_at: this.now() }).where('id', '=', id).execute();
      await notify(tx, await authoritySide(tx, f.region_code), {
        kind: 'finding.reported', title: `整改情况待验收：${f.title}`, body: `${actor.orgName}：${f.description}`, link: `/security/inspections/${f.inspection_id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'finding.report', targetType: 'finding', targetId: id, detail: { report } });
    });
    return this.get(actor, id);
  }

  /** The authority accepts the rectification or returns it with what is still wrong. */
  async decide(actor: UserActor, id: string, decision: 'accept' | 'return', comment?: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const f = await this.load(tx, actor, id);
      if (!actsForAuthority(actor, f.region_code)) throw forbidden('NOT_AUTHORITY', '整改验收由政务数据管理部门进行（安全细则第三十二条第四项）', 'the data authority accepts rectifications (Sec §32(四))');
      const to = this.step(f.status, decision, comment);
      await tx.updateTable('inspection_finding').set({ status: to, decided_by: actor.userId, decided_at: this.now(), decision_comment: comment ?? null })
        .where('id', '=', id).execute();
      const left = await tx.selectFrom('inspection_finding').select('id').where('inspection_id', '=', f.inspection_id).where('org_id', '=', f.org_id)
        .where('status', '<>', 'accepted').execute();
      const target = await tx.selectFrom('inspection_target').select('status').where('inspection_id', '=', f.inspection_id).where('org_id', '=', f.org_id).executeTakeFirstOrThrow();
      if (left.length === 0) {
        const done = targetTransition(target.status, 'all_accepted');
        if (done.ok) await tx.updateTable('inspection_target').set({ status: done.to }).where('inspection_id', '=', f.inspection_id).where('org_id', '=', f.org_id).execute();
      }
      await notify(tx, securityOfficerOf(f.org_id), {
        kind: `finding.${decision}`, title: decision === 'accept' ? `整改已验收：${f.title}` : `整改被退回：${f.title}`,
        body: comment ?? f.description, link: `/security/inspections/${f.inspection_id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: `finding.${decision}`, targetType: 'finding', targetId: id, detail: { comment, rectified: left.length === 0 } });
    });
    return this.get(actor, id);
  }

  /** Sec §33 存在违法行为的应立即制止: stop chosen grants of the department in one step. */
  async suspendGrants(actor: UserActor, id: string, grantIds: string[], reason: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const f = await this.load(tx, actor, id);
      if (!actsForAuthority(actor, f.region_code)) throw forbidden('NOT_AUTHORITY', '只有政务数据管理部门可以暂停授权', 'only the data authority suspends grants');
      if (f.status === 'accepted') throw conflict('FINDING_CLOSED', '该问题已整改验收', 'this finding has been accepted');
      await suspendGrants(tx, actor, { type: 'finding', id, orgId: f.org_id }, grantIds, reason, { now: this.now(), outbound: this.deps.outbound });
    });
    return this.get(actor, id);
  }

  private step(from: Parameters<typeof findingTransition>[0], action: FindingAction, text?: string) {
    const r = findingTransition(from, action, text);
    if (!r.ok) throw r.error.code === 'TEXT_REQUIRED' ? badRequest('TEXT_REQUIRED', r.error.zh, r.error.en) : conflict(r.error.code, r.error.zh, r.error.en);
    return r.to;
  }
}
