/**
 * The one error the calendar throws. It carries a machine code plus Chinese and English text, the
 * shape the HTTP layer already answers with, so a bad `/calendar/deadline` query maps to a 400 and an
 * uncovered year to a clear message instead of a stack trace.
 */
export type CalendarErrorCode =
  | 'invalid_date'
  | 'invalid_instant'
  | 'invalid_workday_count'
  | 'year_not_covered'
  | 'invalid_schedule';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'CalendarError';
  }
}
