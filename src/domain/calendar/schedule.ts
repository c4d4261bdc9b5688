import { dayOfWeek, isIsoDate, type IsoDate } from './iso-date.ts';
import { FESTIVAL_YEARS, statutoryHolidays } from './statutory.ts';

/**
 * One year of the State Council's holiday notice (国务院办公厅关于某年部分节假日安排的通知): the days
 * off (including the weekend days inside a break) and the 调休 weekend days worked instead.
 */
export interface YearSchedule {
  year: number;
  holidays: IsoDate[];
  /** 调休上班日: Saturdays or Sundays that are working days */
  workdays: IsoDate[];
  /** e.g. 国办发明电〔2026〕x号 */
  source?: string;
}

export type ScheduleIssueCode =
  | 'invalid_json'
  | 'invalid_document'
  | 'unknown_field'
  | 'invalid_year'
  | 'year_out_of_range'
  | 'duplicate_year'
  | 'invalid_list'
  | 'invalid_source'
  | 'invalid_date'
  | 'date_outside_year'
  | 'duplicate_date'
  | 'holiday_and_workday'
  | 'workday_not_weekend'
  | 'no_holidays'
  | 'missing_statutory_holiday'
  | 'replaces_official';

/**
 * A finding about a schedule, shaped like the catalog's issues: `field` is a JSON path
 * (`years[1].workdays[0]`) so an administrator can find the exact value. Errors reject the file;
 * warnings are shown and the file is still accepted.
 */
export interface ScheduleIssue {
  level: 'error' | 'warning';
  code: ScheduleIssueCode;
  field: string;
  zh: string;
  en: string;
}

export function scheduleIssue(
  level: ScheduleIssue['level'],
  code: ScheduleIssueCode,
  field: string,
  zh: string,
  en: string,
): ScheduleIssue {
  return { level, code, field, zh, en };
}

const error = (code: ScheduleIssueCode, field: string, zh: string, en: string) =>
  scheduleIssue('error', code, field, zh, en);

/** The 2024 revision of 《全国年节及纪念日放假办法》 applies from 1 January 2025. */
const STATUTORY_REVISION_YEAR = 2025;

/**
 * Checks the meaning of well-formed schedules: real dates, inside their year, no day both off and
 * on, 调休 only on weekends, one entry per year. `field` locates each schedule in its document.
 */
export function checkYearSchedules(entries: ReadonlyArray<{ schedule: YearSchedule; field: string }>): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const firstFieldOfYear = new Map<number, string>();
  for (const { schedule, field } of entries) {
    const { year } = schedule;
    const previous = firstFieldOfYear.get(year);
    if (previous !== undefined) {
      issues.push(error('duplicate_year', `${field}.year`, `${year} 年重复出现（已见于 ${previous}）`, `year ${year} appears twice (first at ${previous})`));
      continue;
    }
    firstFieldOfYear.set(year, field);
    if (year < FESTIVAL_YEARS.first || year > FESTIVAL_YEARS.last) {
      issues.push(error('year_out_of_range', `${field}.year`,
        `年份 ${year} 超出支持范围 ${FESTIVAL_YEARS.first}–${FESTIVAL_YEARS.last}`,
        `year ${year} is outside the supported range ${FESTIVAL_YEARS.first}–${FESTIVAL_YEARS.last}`));
      continue;
    }
    issues.push(...checkDates(schedule, field));
  }
  return issues;
}

function checkDates(schedule: YearSchedule, field: string): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const { year } = schedule;
  const valid = { holidays: new Set<IsoDate>(), workdays: new Set<IsoDate>() };
  for (const list of ['holidays', 'workdays'] as const) {
    const zhList = list === 'holidays' ? '放假日' : '调休上班日';
    schedule[list].forEach((date, i) => {
      const at = `${field}.${list}[${i}]`;
      if (!isIsoDate(date)) {
        issues.push(error('invalid_date', at, `"${date}" 不是有效日期（应为 YYYY-MM-DD）`, `"${date}" is not a valid date (expected YYYY-MM-DD)`));
      } else if (Number(date.slice(0, 4)) !== year) {
        issues.push(error('date_outside_year', at,
          `${date} 不在 ${year} 年内；请列入其所在年份的安排`,
          `${date} is not in ${year}; list it under the year it falls in`));
      } else if (valid[list].has(date)) {
        issues.push(error('duplicate_date', at, `${zhList} ${date} 重复`, `${date} is listed twice in ${list}`));
      } else {
        valid[list].add(date);
        if (list === 'workdays' && dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6) {
          issues.push(error('workday_not_weekend', at,
            `${date} 是周一至周五，本来就是工作日；调休上班日只能是周六或周日`,
            `${date} is a weekday, already a working day; a make-up workday must be a Saturday or Sunday`));
        }
      }
    });
  }
  schedule.workdays.forEach((date, i) => {
    if (valid.holidays.has(date) && valid.workdays.has(date)) {
      issues.push(error('holiday_and_workday', `${field}.workdays[${i}]`,
        `${date} 同时列为放假日和调休上班日`, `${date} is listed both as a holiday and as a workday`));
    }
  });
  if (schedule.holidays.length === 0) {
    issues.push(error('no_holidays', `${field}.holidays`,
      `${year} 年没有任何放假日，安排不完整`, `${year} lists no holidays; the schedule is incomplete`));
  } else if (year >= STATUTORY_REVISION_YEAR) {
    issues.push(...missingStatutory(schedule, valid.holidays, field));
  }
  return issues;
}

/**
 * A statutory day off on a weekday that the notice does not give would make deadlines a day short.
 * Only a warning: the lunar data behind the check is itself computed.
 */
function missingStatutory(schedule: YearSchedule, holidays: ReadonlySet<IsoDate>, field: string): ScheduleIssue[] {
  return statutoryHolidays(schedule.year)
    .filter((h) => !holidays.has(h.date) && dayOfWeek(h.date) !== 0 && dayOfWeek(h.date) !== 6)
    .map((h) =>
      scheduleIssue('warning', 'missing_statutory_holiday', `${field}.holidays`,
        `法定节假日 ${h.name}（${h.date}）未列为放假日，请核对国务院通知`,
        `statutory holiday ${h.name} (${h.date}) is not listed as a holiday; check the State Council notice`),
    );
}

export function hasScheduleErrors(issues: readonly ScheduleIssue[]): boolean {
  return issues.some((i) => i.level === 'error');
}
