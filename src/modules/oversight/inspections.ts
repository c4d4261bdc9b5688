/**
 * 政务数据安全监督检查 (Sec §30–§33): the authority's plan (安排部署), each department's
 * self-assessment (自查评估), the on-site check with its findings (实地检查), and the close once
 * every department has passed or rectified (整改提高 — the findings themselves: findings.ts).
 * Rules: src/domain/oversight/inspection-rules.ts; who acts: src/domain/oversight/permissions.ts.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { stepClock } from '../../domain/sharing/deadlines.ts';
import { MAX_OVERSIGHT_WORKDAYS, rectificationDue, selfAssessmentDue } from '../../domain/oversight/deadlines.ts';
import {
  inspectionPhase, mayClose, targetTransition, type TargetStatus,
} from '../../domain/oversight/inspection-rules.ts';
import { actsForAuthority, isAuditor, isAuthoritySide, isSecurityOfficerOf } from '../../domain/oversight/permissions.ts';
import {
  CHECK_ITEM_LABELS, type CheckItem, type FindingSeverity, type SelfConclusion,
} from '../../domain/oversight/vocabulary.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import type { CalendarService } from '../calendar/service.ts';
import { notify, type Outbound } from '../inbox/notify.ts';
import { auditors, authoritySide, securityOfficerOf } from './audience.ts';
import { findingViews } from './findings.ts';
import { suspendGrants } from './suspensions.ts';

export interface InspectionInput {
  title: string;
  focus?: string;
  checkItems: CheckItem[];
  orgIds: string[];
  selfAssessmentWorkdays?: number;
  onsiteFrom?: string;
  onsiteUntil?: string;
}

export interface SelfAssessmentInput {
  report: string;
  items: { item: CheckItem; conclusion: SelfConclusion; note?: string }[];
}

export interface OnsiteInput {
  comment: string;
  findings: {
    item: CheckItem; severity: FindingSeverity; description: string; opinion: string; workdays?: number;
    /** Grants of the department to suspend at once (Sec §33 立即制止). */
    suspendGrantIds?: string[];
  }[];
}

export interface OversightDeps {
  db: Db;
  calendars: CalendarService;
  outbound?: Outbound;
  now?: () => Date;
}

type Plan = Awaited<ReturnType<typeof loadPlan>>;

async function loadPlan(db: Db, id: string, lock = false) {
  let q = db.selectFrom('security_inspection').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

const link = (id: string) => `/security/inspections/${id}`;

export class InspectionService {
  constructor(private readonly deps: OversightDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Sees a plan: its authority side, auditors, and the departments in its scope (their part only). */
  private async visible(db: Db, actor: UserActor, plan: NonNullable<Plan>): Promise<'all' | 'own' | null> {
    if (isAuditor(actor) || (isAuthoritySide(actor) && (actor.regionLevel === 'city' || actor.regionCode === plan.region_code))) return 'all';
    const mine = await db.selectFrom('inspection_target').select('org_id').where('inspection_id', '=', plan.id).where('org_id', '=', actor.orgId).executeTakeFirst();
    return mine ? 'own' : null;
  }

  private async plan(db: Db, actor: UserActor, id: string, lock = false) {
    const plan = await loadPlan(db, id, lock);
    const scope = plan ? await this.visible(db, actor, plan) : null;
    if (!plan || !scope) throw notFound('检查方案', 'inspection');
    return { plan, scope };
  }

  async create(actor: UserActor, input: InspectionInput) {
    if (!isAuthoritySide(actor)) {
      throw forbidden('NOT_AUTHORITY', '监督检查由政务数据管理部门组织（安全细则第三十条）', 'inspections are run by the data authority (Sec §30)');
    }
    const items = [...new Set(input.checkItems)];
    if (items.length === 0 || input.orgIds.length === 0) {
      throw badRequest('PLAN_INCOMPLETE', '检查方案须确定检查内容和受检部门（安全细则第三十二条第一项）', 'a plan needs check items and departments (Sec §32(一))');
    }
    if (input.onsiteFrom && input.onsiteUntil && input.onsiteUntil < input.onsiteFrom) {
      throw badRequest('INVALID_TIMELINE', '实地检查结束日期早于开始日期', 'the on-site window ends before it starts', [{ field: 'body.onsiteUntil', zh: '结束日期有误', en: 'invalid end date' }]);
    }
    const now = this.now();
    const id = await this.deps.db.transaction().execute(async (tx) => {
      const orgIds = [...new Set(input.orgIds)];
      const orgs = await tx.selectFrom('org').select(['id', 'kind', 'region_code']).where('id', 'in', orgIds).execute();
      for (const orgId of orgIds) {
        const o = orgs.find((x) => x.id === orgId);
        if (!o || o.kind !== 'department' || !actsForAuthority(actor, o.region_code)) {
          throw badRequest('ORG_OUT_OF_SCOPE', '受检部门须为本级政务数据管理部门所辖的政务部门', 'inspected departments must be departments of your region',
            [{ field: 'body.orgIds', zh: `部门 ${orgId} 不在本辖区`, en: `department ${orgId} is not in your region` }]);
        }
      }
      const due = selfAssessmentDue(await this.deps.calendars.calendar(tx), now, input.selfAssessmentWorkdays);
      const row = await tx.insertInto('security_inspection').values({
        region_code: actor.regionCode, title: input.title, focus: input.focus ?? '', check_items: items,
        self_assessment_due_at: due.dueAt, self_assessment_due_on: due.dueOn, provisional: due.provisional,
        onsite_from: input.onsiteFrom ?? null, onsite_until: input.onsiteUntil ?? null, status: 'open', created_by: actor.userId, created_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      await tx.insertInto('inspection_target').values(orgIds.map((org_id) => ({ inspection_id: row.id, org_id, status: 'self_assessment' as const }))).execute();
      await notify(tx, orgIds.map(securityOfficerOf), {
        kind: 'inspection.plan', title: `数据安全监督检查：${input.title}`,
        body: `请于 ${due.dueOn} 前完成自查并报送自查报告（安全细则第三十二条第二项）`, link: link(row.id),
      }, this.deps.outbound);
      await notify(tx, await auditors(tx), { kind: 'inspection.plan', title: `数据安全监督检查已部署：${input.title}`, link: link(row.id) }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'inspection.create', targetType: 'inspection', targetId: row.id, detail: { checkItems: items, orgIds, selfAssessmentDueOn: due.dueOn } });
      return row.id;
    });
    return this.get(actor, id);
  }

  async selfAssess(actor: UserActor, id: string, orgId: string, input: SelfAssessmentInput) {
    await this.deps.db.transaction().execute(async (tx) => {
      const { plan } = await this.plan(tx, actor, id, true);
      const target = await this.target(tx, id, orgId);
      if (!isSecurityOfficerOf(actor, orgId)) {
        throw forbidden('NOT_SECURITY_OFFICER', '自查报告由受检部门的安全管理员报送（安全细则第九条、第三十二条第二项）', 'the department\'s security officer files its self-assessment (Sec §9, §32(二))');
      }
      this.assertOpen(plan);
      const move = targetTransition(target.status, 'submit_self_assessment', { selfAssessmentOverdue: this.now() >= plan.self_assessment_due_at });
      if (!move.ok) throw conflict(move.error.code, move.error.zh, move.error.en);
      if (!input.report.trim()) throw badRequest('REPORT_REQUIRED', '请填写自查报告', 'write the self-assessment report', [{ field: 'body.report', zh: '必填', en: 'required' }]);
      const given = input.items.map((i) => i.item);
      const missing = plan.check_items.filter((c) => !given.includes(c as CheckItem));
      const extra = given.filter((g, i) => !plan.check_items.includes(g) || given.indexOf(g) !== i);
      if (missing.length || extra.length) {
        throw badRequest('SELF_ITEMS_MISMATCH', '须对检查方案的每一项检查内容逐项自查，且各一次（安全细则第三十一条）',
          'assess every check item of the plan exactly once (Sec §31)', [...missing.map((m) => ({ field: 'body.items', item: m, zh: `缺少：${CHECK_ITEM_LABELS[m as CheckItem].zh}`, en: `missing: ${m}` })),
            ...extra.map((m) => ({ field: 'body.items', item: m, zh: `不在方案中或重复：${m}`, en: `not in the plan, or repeated: ${m}` }))]);
      }
      await tx.insertInto('inspection_self_item').values(input.items.map((i) => ({ inspection_id: id, org_id: orgId, item: i.item, conclusion: i.conclusion, note: i.note ?? '' }))).execute();
      await tx.updateTable('inspection_target').set({ status: move.to, self_report: input.report, self_assessed_by: actor.userId, self_assessed_at: this.now() })
        .where('inspection_id', '=', id).where('org_id', '=', orgId).execute();
      await notify(tx, await authoritySide(tx, plan.region_code), {
        kind: 'inspection.self_assessed', title: `${actor.orgName} 已报送自查报告：${plan.title}`, link: link(id),
      }, this.deps.outbound);
      await recordAudit(tx, actor, {
        action: 'inspection.self_assess', targetType: 'inspection', targetId: id,
        detail: { orgId, conclusions: Object.fromEntries(input.items.map((i) => [i.item, i.conclusion])) },
      });
    });
    return this.get(actor, id);
  }

  async recordOnsite(actor: UserActor, id: string, orgId: string, input: OnsiteInput) {
    const now = this.now();
    await this.deps.db.transaction().execute(async (tx) => {
      const { plan } = await this.plan(tx, actor, id, true);
      if (!actsForAuthority(actor, plan.region_code)) {
        throw forbidden('NOT_AUTHORITY', '实地检查由政务数据管理部门组织（安全细则第三十二条第三项）', 'the data authority runs the on-site check (Sec §32(三))');
      }
      this.assertOpen(plan);
      const target = await this.target(tx, id, orgId);
      const move = targetTransition(target.status, 'record_onsite', { findings: input.findings.length, selfAssessmentOverdue: now >= plan.self_assessment_due_at });
      if (!move.ok) throw conflict(move.error.code, move.error.zh, move.error.en);
      if (!input.comment.trim()) throw badRequest('COMMENT_REQUIRED', '请填写检查复核意见', 'write the check\'s conclusion', [{ field: 'body.comment', zh: '必填', en: 'required' }]);
      const calendar = await this.deps.calendars.calendar(tx);
      input.findings.forEach((f, i) => {
        if (!plan.check_items.includes(f.item)) {
          throw badRequest('ITEM_NOT_IN_PLAN', '问题须对应检查方案中的检查内容', 'a finding must concern a check item of the plan', [{ field: `body.findings[${i}].item`, zh: '不在方案中', en: 'not in the plan' }]);
        }
        if (f.workdays !== undefined && (f.workdays < 1 || f.workdays > MAX_OVERSIGHT_WORKDAYS)) {
          throw badRequest('INVALID_WORKDAYS', `整改期限应为 1–${MAX_OVERSIGHT_WORKDAYS} 个工作日`, `the limit is 1–${MAX_OVERSIGHT_WORKDAYS} working days`, [{ field: `body.findings[${i}].workdays`, zh: '超出范围', en: 'out of range' }]);
        }
      });
      await tx.updateTable('inspection_target').set({ status: move.to, onsite_by: actor.userId, onsite_at: now, onsite_comment: input.comment })
        .where('inspection_id', '=', id).where('org_id', '=', orgId).execute();
      const org = await tx.selectFrom('org').select('name').where('id', '=', orgId).executeTakeFirstOrThrow();
      for (const f of input.findings) {
        const due = rectificationDue(calendar, now, f.severity, f.workdays);
        const row = await tx.insertInto('inspection_finding').values({
          inspection_id: id, org_id: orgId, item: f.item, severity: f.severity, description: f.description, opinion: f.opinion,
          workdays: due.workdays, due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional, status: 'rectifying', created_by: actor.userId, created_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(tx, actor, { action: 'finding.create', targetType: 'finding', targetId: row.id, detail: { inspectionId: id, orgId, item: f.item, severity: f.severity, dueOn: due.dueOn } });
        if (f.suspendGrantIds?.length) {
          await suspendGrants(tx, actor, { type: 'finding', id: row.id, orgId }, f.suspendGrantIds, `${plan.title}：${f.description}`, { now, outbound: this.deps.outbound });
        }
      }
      await notify(tx, [securityOfficerOf(orgId)], {
        kind: 'inspection.onsite', title: `实地检查结果：${plan.title}`,
        body: input.findings.length ? `发现问题 ${input.findings.length} 项，请按处理意见限期整改并报送整改情况（安全细则第三十二条第四项）` : '检查通过',
        link: link(id),
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'inspection.onsite', targetType: 'inspection', targetId: id, detail: { orgId, org: org.name, findings: input.findings.length } });
    });
    return this.get(actor, id);
  }

  async close(actor: UserActor, id: string, summary: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const { plan } = await this.plan(tx, actor, id, true);
      if (!actsForAuthority(actor, plan.region_code)) throw forbidden('NOT_AUTHORITY', '由政务数据管理部门结束检查', 'the data authority closes an inspection');
      if (!summary.trim()) throw badRequest('SUMMARY_REQUIRED', '结束检查须填写检查总结', 'closing needs a summary', [{ field: 'body.summary', zh: '必填', en: 'required' }]);
      const targets = await tx.selectFrom('inspection_target').select('status').where('inspection_id', '=', id).execute();
      const may = mayClose(plan.status, targets.map((t) => t.status));
      if (!may.ok) throw conflict(may.code, may.zh, may.en);
      await tx.updateTable('security_inspection').set({ status: 'closed', closed_by: actor.userId, closed_at: this.now(), summary }).where('id', '=', id).execute();
      await notify(tx, await auditors(tx), { kind: 'inspection.closed', title: `数据安全监督检查已结束：${plan.title}`, body: summary, link: link(id) }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'inspection.close', targetType: 'inspection', targetId: id, detail: { summary } });
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string) {
    const { db } = this.deps;
    const { plan, scope } = await this.plan(db, actor, id);
    let tq = db.selectFrom('inspection_target as t').innerJoin('org as o', 'o.id', 't.org_id')
      .leftJoin('app_user as s', 's.id', 't.self_assessed_by').leftJoin('app_user as c', 'c.id', 't.onsite_by')
      .select(['t.org_id', 'o.name as org_name', 't.status', 't.self_report', 't.self_assessed_at', 's.display_name as self_by', 't.onsite_at',
        'c.display_name as onsite_by', 't.onsite_comment', 't.overdue_at'])
      .where('t.inspection_id', '=', id).orderBy('o.name');
    if (scope === 'own') tq = tq.where('t.org_id', '=', actor.orgId);
    const targets = await tq.execute();
    const items = await db.selectFrom('inspection_self_item').selectAll().where('inspection_id', '=', id)
      .$if(scope === 'own', (q) => q.where('org_id', '=', actor.orgId)).execute();
    const findings = await findingViews(db, await this.deps.calendars.calendar(), this.now(), (q) => q.where('f.inspection_id', '=', id)
      .$if(scope === 'own', (w) => w.where('f.org_id', '=', actor.orgId)), actor);
    const creator = await db.selectFrom('app_user').select('display_name').where('id', '=', plan.created_by).executeTakeFirst();
    const calendar = await this.deps.calendars.calendar();
    const now = this.now();
    const overdue = now >= plan.self_assessment_due_at;
    const authority = actsForAuthority(actor, plan.region_code) && plan.status === 'open';
    const allTargets = scope === 'all' ? targets.map((t) => t.status) : (await db.selectFrom('inspection_target').select('status').where('inspection_id', '=', id).execute()).map((t) => t.status);
    return {
      id: plan.id, regionCode: plan.region_code, title: plan.title, focus: plan.focus, checkItems: plan.check_items as CheckItem[],
      selfAssessmentDueAt: plan.self_assessment_due_at.toISOString(), selfAssessmentDueOn: plan.self_assessment_due_on, provisional: plan.provisional,
      selfAssessmentRemainingWorkdays: stepClock(calendar, now, plan.self_assessment_due_at).remainingWorkdays, selfAssessmentOverdue: overdue,
      onsiteFrom: plan.onsite_from, onsiteUntil: plan.onsite_until, status: plan.status, phase: inspectionPhase(plan.status, allTargets),
      createdBy: creator?.display_name ?? '', createdAt: plan.created_at.toISOString(),
      closedAt: plan.closed_at ? plan.closed_at.toISOString() : null, summary: plan.summary,
      targets: targets.map((t) => ({
        orgId: t.org_id, orgName: t.org_name, status: t.status, selfReport: t.self_report, selfAssessedBy: t.self_by,
        selfAssessedAt: t.self_assessed_at ? t.self_assessed_at.toISOString() : null, selfAssessmentLate: t.status === 'self_assessment' && overdue,
        // In the plan's order of Sec §31's items, as the department answered them (the rows keep none).
        selfItems: items.filter((i) => i.org_id === t.org_id).sort((a, b) => plan.check_items.indexOf(a.item) - plan.check_items.indexOf(b.item))
          .map((i) => ({ item: i.item as CheckItem, conclusion: i.conclusion, note: i.note })),
        onsiteAt: t.onsite_at ? t.onsite_at.toISOString() : null, onsiteBy: t.onsite_by, onsiteComment: t.onsite_comment,
        findings: findings.filter((f) => f.orgId === t.org_id),
        permissions: {
          selfAssess: plan.status === 'open' && isSecurityOfficerOf(actor, t.org_id) && targetTransition(t.status, 'submit_self_assessment', { selfAssessmentOverdue: overdue }).ok,
          onsite: authority && targetTransition(t.status, 'record_onsite', { findings: 1, selfAssessmentOverdue: overdue }).ok,
        },
      })),
      permissions: { close: authority && mayClose(plan.status, allTargets).ok },
    };
  }

  async list(actor: UserActor, q: { status?: 'open' | 'closed' } = {}) {
    const { db } = this.deps;
    let query = db.selectFrom('security_inspection as i').select(['i.id']).orderBy('i.created_at', 'desc');
    if (q.status) query = query.where('i.status', '=', q.status);
    if (!isAuditor(actor)) {
      const authorityView = isAuthoritySide(actor);
      query = query.where((eb) => eb.or([
        eb.exists(eb.selectFrom('inspection_target as t').select('t.org_id').whereRef('t.inspection_id', '=', 'i.id').where('t.org_id', '=', actor.orgId)),
        ...(authorityView ? [actor.regionLevel === 'city' ? eb.lit(true) : eb('i.region_code', '=', actor.regionCode)] : []),
      ]));
    }
    const ids = await query.execute();
    const items = [];
    for (const { id } of ids) {
      const v = await this.get(actor, id);
      const fs = v.targets.flatMap((t) => t.findings);
      items.push({
        id: v.id, title: v.title, regionCode: v.regionCode, status: v.status, phase: v.phase, checkItems: v.checkItems,
        selfAssessmentDueOn: v.selfAssessmentDueOn, createdAt: v.createdAt, closedAt: v.closedAt,
        departments: v.targets.map((t) => ({ orgId: t.orgId, orgName: t.orgName, status: t.status })),
        openFindings: fs.filter((f) => f.status !== 'accepted').length, overdueFindings: fs.filter((f) => f.overdue).length,
      });
    }
    return { items, total: items.length };
  }

  private assertOpen(plan: NonNullable<Plan>): void {
    if (plan.status !== 'open') throw conflict('INSPECTION_CLOSED', '检查已结束', 'the inspection is closed');
  }

  private async target(db: Db, id: string, orgId: string): Promise<{ status: TargetStatus }> {
    const t = await db.selectFrom('inspection_target').select('status').where('inspection_id', '=', id).where('org_id', '=', orgId).forUpdate().executeTakeFirst();
    if (!t) throw notFound('受检部门', 'inspected department');
    return t;
  }
}
