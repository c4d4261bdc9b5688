/**
 * Oversight deadlines that run themselves (one periodic job, `oversight.scan`, in src/jobs.ts), in one
 * transaction with the job's completion like the sharing sweeps:
 * - a table grant that ended (expired or revoked) gives its consumer a destruction task for the
 *   synced copy, due in 5 working days (Sec §29; deadlines.ts);
 * - overdue marks, notifications and audit records for self-assessments (Sec §32(二)), rectifications
 *   (Sec §33 限期整改) and destruction tasks — to the party that must act and the authority.
 */
import type { Db } from '../../db/connect.ts';
import type { Job } from '../../db/jobs.ts';
import type { SystemActor } from '../../domain/access/actor.ts';
import { addDays, startOfShanghaiDay } from '../../domain/calendar/index.ts';
import { destructionTaskDue } from '../../domain/oversight/deadlines.ts';
import { recordAudit } from '../audit/store.ts';
import { notify } from '../inbox/notify.ts';
import type { SweepDeps } from '../sharing/sweeps.ts';
import { authoritySide, securityOfficerOf } from './audience.ts';

const system: SystemActor = { type: 'system', name: 'oversight-sweep' };

export async function scanOversight(db: Db, job: Job, deps: SweepDeps): Promise<{ tasks: number; overdue: number }> {
  const now = deps.now?.() ?? new Date();
  return db.transaction().execute(async (tx) => {
    const tasks = await createDestructionTasks(tx, now, deps);
    const overdue = await flagOverdue(tx, now, deps);
    await deps.complete(tx, job);
    return { tasks, overdue };
  });
}

/**
 * When a synced copy's destruction clock starts: a revoked grant's revocation; an expired one's
 * 24:00 of its last valid day (§31) — never after the task was created (`createdAt`).
 */
export function destructionTaskStart(g: { status: string; revoked_at: Date | null; valid_until: string }, createdAt: Date): Date {
  const endedAt = g.status === 'revoked' && g.revoked_at ? g.revoked_at : startOfShanghaiDay(addDays(g.valid_until, 1));
  return endedAt > createdAt ? createdAt : endedAt;
}

export async function createDestructionTasks(tx: Db, now: Date, deps: Pick<SweepDeps, 'calendars' | 'outbound'>): Promise<number> {
  const ended = await tx.selectFrom('share_grant as g').innerJoin('catalog_entry as e', 'e.id', 'g.entry_id').innerJoin('org as c', 'c.id', 'g.consumer_id')
    .select(['g.id', 'g.status', 'g.valid_until', 'g.revoked_at', 'g.consumer_id', 'c.region_code', 'e.name'])
    .where('g.method', '=', 'table').where('g.status', 'in', ['expired', 'revoked'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('destruction_request as d').select('d.id').whereRef('d.grant_id', '=', 'g.id').where('d.origin', '=', 'grant_end'))))
    .execute();
  if (ended.length === 0) return 0;
  const calendar = await deps.calendars.calendar(tx);
  for (const g of ended) {
    const due = destructionTaskDue(calendar, destructionTaskStart(g, now));
    const row = await tx.insertInto('destruction_request').values({
      org_id: g.consumer_id, region_code: g.region_code, target: 'synced_copy', method: 'drop_synced_copy', origin: 'grant_end',
      grant_id: g.id, files: '[]', reason: `授权已${g.status === 'revoked' ? '收回' : '到期'}，须销毁库表同步副本（第三十一条；安全细则第二十四条、第二十九条）`,
      status: 'approved', requested_at: now, due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional,
    }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!row) continue;
    await notify(tx, { orgId: g.consumer_id, role: 'data_steward' }, {
      kind: 'destruction.task', title: `销毁同步副本：${g.name}`, body: `请于 ${due.dueOn} 前销毁并留存记录（安全细则第二十九条）`, link: `/security/destructions/${row.id}`,
    }, deps.outbound);
    await recordAudit(tx, system, { action: 'destruction.task_created', targetType: 'destruction', targetId: row.id, detail: { grantId: g.id, grantStatus: g.status, dueOn: due.dueOn } });
  }
  return ended.length;
}

async function flagOverdue(tx: Db, now: Date, deps: Pick<SweepDeps, 'outbound'>): Promise<number> {
  let count = 0;
  const lateSelf = await tx.selectFrom('inspection_target as t').innerJoin('security_inspection as i', 'i.id', 't.inspection_id')
    .innerJoin('org as o', 'o.id', 't.org_id')
    .select(['t.inspection_id', 't.org_id', 'o.name as org_name', 'i.title', 'i.region_code', 'i.self_assessment_due_on'])
    .where('i.status', '=', 'open').where('t.status', '=', 'self_assessment').where('t.overdue_at', 'is', null)
    .where('i.self_assessment_due_at', '<=', now).execute();
  for (const t of lateSelf) {
    await tx.updateTable('inspection_target').set({ overdue_at: now }).where('inspection_id', '=', t.inspection_id).where('org_id', '=', t.org_id).execute();
    await notify(tx, [securityOfficerOf(t.org_id), ...(await authoritySide(tx, t.region_code))], {
      kind: 'deadline.overdue', title: `自查报告逾期未报送：${t.title}`, body: `${t.org_name} · 期限 ${t.self_assessment_due_on}（安全细则第三十二条第二项）`,
      link: `/security/inspections/${t.inspection_id}`,
    }, deps.outbound);
    await recordAudit(tx, system, { action: 'oversight.overdue', targetType: 'inspection', targetId: t.inspection_id, detail: { step: 'self_assessment', orgId: t.org_id, dueOn: t.self_assessment_due_on } });
    count += 1;
  }
  const lateFindings = await tx.selectFrom('inspection_finding as f').innerJoin('security_inspection as i', 'i.id', 'f.inspection_id')
    .innerJoin('org as o', 'o.id', 'f.org_id')
    .select(['f.id', 'f.inspection_id', 'f.org_id', 'f.due_on', 'f.description', 'o.name as org_name', 'i.region_code'])
    .where('f.status', '=', 'rectifying').where('f.overdue_at', 'is', null).where('f.due_at', '<=', now).execute();
  for (const f of lateFindings) {
    await tx.updateTable('inspection_finding').set({ overdue_at: now }).where('id', '=', f.id).execute();
    await notify(tx, [securityOfficerOf(f.org_id), ...(await authoritySide(tx, f.region_code))], {
      kind: 'deadline.overdue', title: `整改逾期：${f.org_name}`, body: `${f.description} · 期限 ${f.due_on}（安全细则第三十三条）`,
      link: `/security/inspections/${f.inspection_id}`,
    }, deps.outbound);
    await recordAudit(tx, system, { action: 'oversight.overdue', targetType: 'finding', targetId: f.id, detail: { step: 'rectification', dueOn: f.due_on } });
    count += 1;
  }
  const lateTasks = await tx.selectFrom('destruction_request as d').innerJoin('org as o', 'o.id', 'd.org_id')
    .select(['d.id', 'd.org_id', 'd.region_code', 'd.due_on', 'o.name as org_name'])
    .where('d.status', '=', 'approved').where('d.overdue_at', 'is', null).where('d.due_at', '<=', now).execute();
  for (const d of lateTasks) {
    await tx.updateTable('destruction_request').set({ overdue_at: now }).where('id', '=', d.id).execute();
    await notify(tx, [{ orgId: d.org_id, role: 'data_steward' }, ...(await authoritySide(tx, d.region_code))], {
      kind: 'deadline.overdue', title: `数据销毁逾期未执行：${d.org_name}`, body: `期限 ${d.due_on}（安全细则第二十九条）`, link: `/security/destructions/${d.id}`,
    }, deps.outbound);
    await recordAudit(tx, system, { action: 'oversight.overdue', targetType: 'destruction', targetId: d.id, detail: { dueOn: d.due_on } });
    count += 1;
  }
  return count;
}
