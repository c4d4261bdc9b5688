import { CalendarError } from './errors.ts';
import {
  addDays, dayNumber, fromDayNumber, isWeekend, startOfShanghaiDay, toShanghaiDate, yearOf, type IsoDate,
} from './iso-date.ts';
import { officialSchedules } from './official.ts';
import { checkYearSchedules, type YearSchedule } from './schedule.ts';
import { fallbackSchedule } from './statutory.ts';

/**
 * Chinese working days (工作日) for every deadline of the platform: §12 (15), §30(一)(二) (2, then 5 or
 * 10), §32 (5). A deadline is counted from the day after the triggering event and ends at 24:00
 * Asia/Shanghai of its last working day. A year with no State Council notice is computed from the
 * statutory holidays alone and every answer touching it says `provisional: true`, so the caller can
 * show it as such and recompute once the notice is imported.
 */
export type ScheduleOrigin = 'official' | 'imported' | 'fallback';

export interface ResolvedSchedule extends YearSchedule {
  origin: ScheduleOrigin;
  provisional: boolean;
}

export interface WorkdayAnswer {
  workday: boolean;
  provisional: boolean;
}

export interface WorkdayDate {
  date: IsoDate;
  provisional: boolean;
}

export interface Deadline {
  /** the last working day */
  date: IsoDate;
  /** 24:00 Asia/Shanghai of `date`, i.e. 00:00+08:00 of the next day */
  dueAt: Date;
  provisional: boolean;
}

export interface WorkdayCount {
  workdays: number;
  provisional: boolean;
}

export interface RemainingWorkdays {
  /**
   * Before the deadline: working days left after today (0 = today is the last day; the event day
   * itself shows the full count). After it: minus the working days elapsed since the last day.
   */
  workdays: number;
  overdue: boolean;
  provisional: boolean;
}

export interface WorkCalendarOptions {
  /** defaults to the shipped State Council notices */
  official?: readonly YearSchedule[];
  /** the administrator's file; replaces official years it also lists */
  imported?: readonly YearSchedule[];
}

interface YearIndex {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
  provisional: boolean;
}

export class WorkCalendar {
  readonly #schedules = new Map<number, ResolvedSchedule>();
  /** lookup sets per year, fallback years included, built on first use */
  readonly #index = new Map<number, YearIndex>();

  constructor({ official = officialSchedules(), imported = [] }: WorkCalendarOptions = {}) {
    for (const [origin, list] of [['official', official], ['imported', imported]] as const) {
      // Schedules may come from a database row rather than parseScheduleFile: never count on bad data.
      const bad = checkYearSchedules(list.map((schedule, i) => ({ schedule, field: `${origin}[${i}]` })))
        .find((issue) => issue.level === 'error');
      if (bad) {
        throw new CalendarError('invalid_schedule', `放假安排无效：${bad.field} ${bad.zh}`, `invalid holiday schedule: ${bad.field} ${bad.en}`);
      }
      for (const s of list) {
        this.#schedules.set(s.year, { ...s, holidays: [...s.holidays].sort(), workdays: [...s.workdays].sort(), origin, provisional: false });
      }
    }
  }

  /** Years with an official or imported notice; every other year is provisional. */
  yearsCovered(): number[] {
    return [...this.#schedules.keys()].sort((a, b) => a - b);
  }

  scheduleOf(year: number): ResolvedSchedule {
    return this.#schedules.get(year) ?? { ...fallbackSchedule(year), origin: 'fallback', provisional: true };
  }

  isWorkday(date: IsoDate): WorkdayAnswer {
    const index = this.#yearIndex(yearOf(date));
    const workday = index.holidays.has(date) ? false : index.workdays.has(date) ? true : !isWeekend(date);
    return { workday, provisional: index.provisional };
  }

  /** The n-th working day after `from` (the event day itself never counts). */
  addWorkdays(from: IsoDate, n: number): WorkdayDate {
    assertWorkdayCount(n);
    let day = dayNumber(from);
    let provisional = false;
    for (let counted = 0; counted < n; ) {
      day += 1;
      const answer = this.isWorkday(fromDayNumber(day));
      provisional ||= answer.provisional;
      if (answer.workday) counted += 1;
    }
    return { date: fromDayNumber(day), provisional };
  }

  deadlineAt(from: IsoDate, n: number): Deadline {
    const { date, provisional } = this.addWorkdays(from, n);
    return { date, dueAt: startOfShanghaiDay(addDays(date, 1)), provisional };
  }

  /** For an event known by its instant: the Shanghai day it happened on starts the count. */
  deadlineFromInstant(event: Date, n: number): Deadline {
    return this.deadlineAt(toShanghaiDate(event), n);
  }

  /** Working days in (a, b]; negative when b is before a. Used for countdowns and paused clocks. */
  workdaysBetween(a: IsoDate, b: IsoDate): WorkdayCount {
    const start = dayNumber(a);
    const end = dayNumber(b);
    if (end < start) {
      const reverse = this.workdaysBetween(b, a);
      return { workdays: 0 - reverse.workdays, provisional: reverse.provisional };
    }
    let workdays = 0;
    let provisional = false;
    for (let day = start + 1; day <= end; day++) {
      const answer = this.isWorkday(fromDayNumber(day));
      provisional ||= answer.provisional;
      if (answer.workday) workdays += 1;
    }
    return { workdays, provisional };
  }

  remainingWorkdays(now: Date, dueAt: Date): RemainingWorkdays {
    const today = toShanghaiDate(now);
    const lastDay = toShanghaiDate(new Date(dueAt.getTime() - 1));
    if (now.getTime() < dueAt.getTime()) {
      return { ...this.workdaysBetween(today, lastDay), overdue: false };
    }
    const late = this.workdaysBetween(lastDay, today);
    return { workdays: 0 - late.workdays, overdue: true, provisional: late.provisional };
  }

  #yearIndex(year: number): YearIndex {
    let index = this.#index.get(year);
    if (!index) {
      const schedule = this.scheduleOf(year);
      index = { holidays: new Set(schedule.holidays), workdays: new Set(schedule.workdays), provisional: schedule.provisional };
      this.#index.set(year, index);
    }
    return index;
  }
}

function assertWorkdayCount(n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new CalendarError(
      'invalid_workday_count',
      `工作日数应为正整数（期限从次日起算），实际为 ${n}`,
      `the number of working days must be a positive integer (counting starts the next day), got ${n}`,
    );
  }
}
