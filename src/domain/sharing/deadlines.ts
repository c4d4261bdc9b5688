/**
 * 办理时限 — the clocks of the sharing steps, in Chinese working days (calendar/WorkCalendar):
 *   compliance_review  2  §28, §30(一)(二) 政务数据主管部门应于2个工作日内完成符合性审查
 *   provider_reply     5  §30(二) 已在共享交换平台共享的，提供部门应在5个工作日内予以答复
 *                     10  §30(二) 确属本部门履职范围内而未及时在共享交换平台共享的，10个工作日内完成数据发布并予以答复
 *   correction         5  §32 提供部门应在收到反馈之日起5个工作日内予以校核更正
 *   negotiation, coordination — no deadline in the regulation.
 * A clock starts the day after the Shanghai day of the event and ends at 24:00 of its last working
 * day. Returning a request for more information stops the review clock (the delay is the
 * requester's); on resubmission it resumes with the working days that were left, at least one.
 */
import type { IsoDate, WorkCalendar } from '../calendar/index.ts';
import type { StepKind } from './types.ts';

export const STEP_WORKDAYS = { compliance_review: 2, correction: 5 } as const;

/** §30(二): 5 working days when the data is already shared on the platform, 10 when it must first be published. */
export function providerReplyWorkdays(dataOnPlatform: boolean): 5 | 10 {
  return dataOnPlatform ? 5 : 10;
}

/** Working days of a step, or null for steps the regulation sets no deadline for. */
export function stepWorkdays(kind: StepKind, opts: { dataOnPlatform: boolean }): number | null {
  switch (kind) {
    case 'compliance_review': return STEP_WORKDAYS.compliance_review;
    case 'correction': return STEP_WORKDAYS.correction;
    case 'provider_reply': return providerReplyWorkdays(opts.dataOnPlatform);
    case 'negotiation':
    case 'coordination': return null;
  }
}

export interface StepDue {
  /** 24:00 Asia/Shanghai of `dueOn`. */
  dueAt: Date;
  /** The last working day. */
  dueOn: IsoDate;
  /** Some day counted lies in a year without an official holiday notice. */
  provisional: boolean;
}

/** The deadline of a step started at `startedAt`, counted from the next Shanghai day. */
export function stepDue(calendar: WorkCalendar, startedAt: Date, workdays: number): StepDue {
  const d = calendar.deadlineFromInstant(startedAt, workdays);
  return { dueAt: d.dueAt, dueOn: d.date, provisional: d.provisional };
}

/**
 * Working days left when a step is paused at `now` (returned for more information, §28): the
 * working days after today up to the last day — at least 1, so a request returned on its last day
 * or late still gives the reviewer one working day after resubmission.
 */
export function pauseRemaining(calendar: WorkCalendar, now: Date, dueAt: Date): number {
  return Math.max(1, calendar.remainingWorkdays(now, dueAt).workdays);
}

/** The new deadline when a paused step resumes at `resumedAt` with `remaining` working days. */
export function resumeDue(calendar: WorkCalendar, resumedAt: Date, remaining: number): StepDue {
  return stepDue(calendar, resumedAt, Math.max(1, Math.floor(remaining)));
}

export interface StepClock {
  /** Working days left after today (0 = today is the last day; negative = working days late). */
  remainingWorkdays: number;
  /** At most 1 working day left and not yet overdue — time to remind the party. */
  dueSoon: boolean;
  /** Past 24:00 of the last day. */
  overdue: boolean;
  provisional: boolean;
}

export function stepClock(calendar: WorkCalendar, now: Date, dueAt: Date): StepClock {
  const r = calendar.remainingWorkdays(now, dueAt);
  return { remainingWorkdays: r.workdays, dueSoon: !r.overdue && r.workdays <= 1, overdue: r.overdue, provisional: r.provisional };
}
