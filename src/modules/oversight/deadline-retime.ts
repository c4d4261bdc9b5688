/**
 * After a holiday schedule is imported (`gdx calendar import`): the open oversight clocks whose
 * deadline was provisional — counted over a year without a State Council notice — are counted again
 * on the new calendar, like the sharing ones (sharing/deadline-retime.ts). Each keeps its start and
 * its number of working days (domain/oversight/deadlines.ts):
 * - an open inspection's self-assessment (Sec §32(二)): from the plan, the days its deadline counted
 *   on the calendar it was counted on (the plan may have set its own number, not stored);
 * - a rectification not yet accepted (Sec §33): from the on-site record, the finding's own `workdays`
 *   (a returned report runs on against the same deadline);
 * - an approved destruction task for a synced copy (Sec §29): 5 working days from the grant's end.
 * A moved deadline is reminded of and marked overdue afresh by the oversight sweep (sweeps.ts).
 */
import type { Db } from '../../db/connect.ts';
import { toShanghaiDate, type WorkCalendar } from '../../domain/calendar/index.ts';
import { destructionTaskDue } from '../../domain/oversight/deadlines.ts';
import { stepDue } from '../../domain/sharing/deadlines.ts';
import { destructionTaskStart } from './sweeps.ts';

/** calendar ScheduleChangeHandler: returns how many open oversight deadlines were re-timed. */
export async function recomputeProvisionalOversightDeadlines(db: Db, calendar: WorkCalendar, previous: WorkCalendar): Promise<number> {
  const plans = await db.selectFrom('security_inspection').select(['id', 'created_at', 'self_assessment_due_on'])
    .where('status', '=', 'open').where('provisional', '=', true).execute();
  for (const p of plans) {
    const workdays = previous.workdaysBetween(toShanghaiDate(p.created_at), p.self_assessment_due_on).workdays;
    const due = stepDue(calendar, p.created_at, Math.max(1, workdays));
    await db.updateTable('security_inspection')
      .set({ self_assessment_due_at: due.dueAt, self_assessment_due_on: due.dueOn, provisional: due.provisional }).where('id', '=', p.id).execute();
    if (due.dueOn !== p.self_assessment_due_on) {
      await db.updateTable('inspection_target').set({ warned_at: null, overdue_at: null })
        .where('inspection_id', '=', p.id).where('status', '=', 'self_assessment').execute();
    }
  }
  const findings = await db.selectFrom('inspection_finding').select(['id', 'created_at', 'workdays', 'due_on'])
    .where('status', '<>', 'accepted').where('provisional', '=', true).execute();
  for (const f of findings) {
    const due = stepDue(calendar, f.created_at, f.workdays);
    await db.updateTable('inspection_finding').set({
      due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional,
      ...(due.dueOn !== f.due_on ? { warned_at: null, overdue_at: null } : {}),
    }).where('id', '=', f.id).execute();
  }
  const tasks = await db.selectFrom('destruction_request as d').innerJoin('share_grant as g', 'g.id', 'd.grant_id')
    .select(['d.id', 'd.requested_at', 'd.due_on', 'g.status as grant_status', 'g.revoked_at', 'g.valid_until'])
    .where('d.status', '=', 'approved').where('d.origin', '=', 'grant_end').where('d.provisional', '=', true).execute();
  for (const d of tasks) {
    const due = destructionTaskDue(calendar, destructionTaskStart({ status: d.grant_status, revoked_at: d.revoked_at, valid_until: d.valid_until }, d.requested_at));
    await db.updateTable('destruction_request').set({
      due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional, ...(due.dueOn !== d.due_on ? { warned_at: null, overdue_at: null } : {}),
    }).where('id', '=', d.id).execute();
  }
  return plans.length + findings.length + tasks.length;
}
