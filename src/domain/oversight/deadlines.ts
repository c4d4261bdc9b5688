/**
 * The clocks of oversight, in Chinese working days (calendar/WorkCalendar), counted like every
 * platform deadline from the day after the event to 24:00 Asia/Shanghai of the last working day.
 * The security rules set no number of days; these are the platform's choices, each overridable
 * where the article gives the authority the say:
 *
 *   self-assessment      10  Sec §32(一) the plan fixes its 时间安排; 10 working days (two weeks) unless the plan says otherwise
 *   rectification         5  Sec §33 重大安全隐患和安全管理缺陷 …责令有关单位限期整改: a major hazard is urgent
 *                        15  Sec §32(三)(四) other findings; the same 15 working days §12 gives a department to update its catalog
 *   destruction task      5  Sec §29, §24: a copy held after its grant ended is held without authorisation;
 *                            5 working days, as long as §32 gives a provider to correct data
 */
import type { WorkCalendar } from '../calendar/index.ts';
import { stepDue, type StepDue } from '../sharing/deadlines.ts';
import type { FindingSeverity } from './vocabulary.ts';

export const SELF_ASSESSMENT_WORKDAYS = 10;
export const RECTIFICATION_WORKDAYS: { readonly [K in FindingSeverity]: number } = { major: 5, general: 15 };
export const DESTRUCTION_TASK_WORKDAYS = 5;
/** The longest period the authority may set for any of them. */
export const MAX_OVERSIGHT_WORKDAYS = 60;

export type { StepDue };

/** The deadline of a rectification: the authority's own limit, or the default of the finding's severity. */
export function rectificationDue(calendar: WorkCalendar, from: Date, severity: FindingSeverity, workdays?: number): StepDue & { workdays: number } {
  const n = workdays ?? RECTIFICATION_WORKDAYS[severity];
  return { ...stepDue(calendar, from, n), workdays: n };
}

export function selfAssessmentDue(calendar: WorkCalendar, from: Date, workdays = SELF_ASSESSMENT_WORKDAYS): StepDue & { workdays: number } {
  return { ...stepDue(calendar, from, workdays), workdays };
}

/** A grant ended at `endedAt`: the consumer destroys its synced copy within 5 working days. */
export function destructionTaskDue(calendar: WorkCalendar, endedAt: Date): StepDue {
  return stepDue(calendar, endedAt, DESTRUCTION_TASK_WORKDAYS);
}
