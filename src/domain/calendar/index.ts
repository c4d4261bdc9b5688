/** Working-day calendar (工作日历): pure rules, no I/O. Every platform deadline is computed here. */
export { CalendarError, type CalendarErrorCode } from './errors.ts';
export {
  addDays, dayOfWeek, isIsoDate, isWeekend, startOfShanghaiDay, toShanghaiDate, type IsoDate,
} from './iso-date.ts';
export { officialSchedules } from './official.ts';
export { parseScheduleFile, type ScheduleFileResult } from './schedule-file.ts';
export {
  checkYearSchedules, hasScheduleErrors, type ScheduleIssue, type ScheduleIssueCode, type YearSchedule,
} from './schedule.ts';
export {
  FESTIVAL_YEARS, fallbackSchedule, festivalDates, statutoryHolidays,
  type FestivalDates, type StatutoryHoliday, type StatutoryHolidayName,
} from './statutory.ts';
export {
  WorkCalendar, type Deadline, type RemainingWorkdays, type ResolvedSchedule, type ScheduleOrigin,
  type WorkCalendarOptions, type WorkdayAnswer, type WorkdayCount, type WorkdayDate,
} from './work-calendar.ts';
