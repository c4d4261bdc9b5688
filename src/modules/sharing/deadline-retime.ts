/**
 * After a holiday schedule is imported (`gdx calendar import`): the open sharing clocks whose deadline
 * was provisional — counted over a year without a State Council notice — are counted again on the
 * new calendar: the compliance review and the provider's reply (§28, §30) and an objection's
 * correction (§32). Each keeps its start and the number of working days it counted, read back on the
 * calendar it was counted on (a review resumed after a return is a step of its own, started at the
 * resubmission, that counted only the days that were left).
 */
import type { Db } from '../../db/connect.ts';
import { toShanghaiDate, type WorkCalendar } from '../../domain/calendar/index.ts';
import { stepDue, type StepDue } from '../../domain/sharing/deadlines.ts';

function recount(calendar: WorkCalendar, previous: WorkCalendar, start: Date, dueOn: string): StepDue {
  const workdays = previous.workdaysBetween(toShanghaiDate(start), dueOn).workdays;
  return stepDue(calendar, start, Math.max(1, workdays));
}

/** A moved deadline is reminded of and marked overdue afresh by the deadline sweep. */
function retimed(due: StepDue, oldDueOn: string) {
  return {
    due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional,
    ...(due.dueOn !== oldDueOn ? { warned_at: null, overdue_at: null } : {}),
  };
}

/** calendar ScheduleChangeHandler: returns how many open sharing deadlines were re-timed. */
export async function recomputeProvisionalSharingDeadlines(db: Db, calendar: WorkCalendar, previous: WorkCalendar): Promise<number> {
  const steps = await db.selectFrom('share_request_step as s').innerJoin('share_request as q', 'q.id', 's.request_id')
    .select(['s.id', 's.kind', 's.started_at', 's.due_on', 's.decision', 'q.updated_at'])
    .where('s.status', '=', 'open').where('s.provisional', '=', true).where('s.due_on', 'is not', null).execute();
  for (const s of steps) {
    // A review resumed after a return before resumption opened a step of its own (requests.ts) kept
    // the returned step, its decision still `return`: it restarted at the resubmission, which is the
    // request's last change while it is under review.
    const start = s.kind === 'compliance_review' && s.decision === 'return' ? s.updated_at : s.started_at;
    const due = recount(calendar, previous, start, s.due_on!);
    await db.updateTable('share_request_step').set(retimed(due, s.due_on!)).where('id', '=', s.id).execute();
  }
  const objections = await db.selectFrom('objection').select(['id', 'created_at', 'due_on'])
    .where('status', '=', 'open').where('provisional', '=', true).execute();
  for (const x of objections) {
    const due = recount(calendar, previous, x.created_at, x.due_on);
    await db.updateTable('objection').set(retimed(due, x.due_on)).where('id', '=', x.id).execute();
  }
  return steps.length + objections.length;
}
