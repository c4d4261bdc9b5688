/**
 * §12: when a law or regulation is revised or a department's administrative function changes, the
 * department updates its catalog within 15 working days of the publication date. This file holds the
 * rule and the status of one such change event; counting working days (holidays, 调休) belongs to the
 * calendar module, so dates and day counts come in as inputs.
 */
import type { Label } from './labels.ts';

/** §12: 自公布之日起15个工作日内. */
export const CHANGE_UPDATE_WORKDAYS = 15;

/** Warn when this many working days or fewer are left. */
export const DUE_SOON_WORKDAYS = 1;

/** What triggered the update duty (§12). */
export const CHANGE_EVENT_KINDS = ['law_revision', 'function_change'] as const;
export type ChangeEventKind = (typeof CHANGE_EVENT_KINDS)[number];

export const CHANGE_EVENT_KIND_LABELS: { readonly [K in ChangeEventKind]: Label } = {
  law_revision: { zh: '法律法规修订', en: 'Law or regulation revised' },
  function_change: { zh: '行政管理职能变化', en: 'Administrative function changed' },
};

export const CHANGE_EVENT_STATES = ['open', 'due_soon', 'overdue', 'resolved', 'resolved_late'] as const;
export type ChangeEventState = (typeof CHANGE_EVENT_STATES)[number];

export const CHANGE_EVENT_STATE_LABELS: { readonly [K in ChangeEventState]: Label } = {
  open: { zh: '待更新', en: 'Open' },
  due_soon: { zh: '即将到期', en: 'Due soon' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  resolved: { zh: '已按时更新', en: 'Updated on time' },
  resolved_late: { zh: '逾期后更新', en: 'Updated late' },
};

export interface ChangeEventClock {
  /**
   * The last instant that is still on time: 24:00 of the 15th working day after publication, as the
   * calendar computes it (Asia/Shanghai).
   */
  dueAt: Date;
  /** When the catalog update was published; null/undefined while not yet done. */
  resolvedAt?: Date | null;
  now: Date;
  /**
   * Whole working days left after today until dueAt, from the calendar: 0 on the last day, 1 on the
   * working day before it. Ignored once resolved or overdue.
   */
  remainingWorkdays: number;
}

function assertValid(d: Date, what: string): void {
  if (Number.isNaN(d.getTime())) throw new RangeError(`changeEventState: ${what} is not a valid date`);
}

/** Where a §12 change event stands. Feeds the supervision scorecard (§41(一), §43(五)). */
export function changeEventState(c: ChangeEventClock): ChangeEventState {
  assertValid(c.dueAt, 'dueAt');
  assertValid(c.now, 'now');
  if (c.resolvedAt) {
    assertValid(c.resolvedAt, 'resolvedAt');
    return c.resolvedAt.getTime() <= c.dueAt.getTime() ? 'resolved' : 'resolved_late';
  }
  if (c.now.getTime() > c.dueAt.getTime()) return 'overdue';
  return c.remainingWorkdays <= DUE_SOON_WORKDAYS ? 'due_soon' : 'open';
}
