import { Type } from '@sinclair/typebox';
import { CalendarError, isIsoDate, type WorkCalendar } from '../../domain/calendar/index.ts';
import type { Api } from '../../http/api.ts';
import { badRequest } from '../../http/errors.ts';
import type { CalendarService } from './service.ts';

export function calendarRoutes(app: Api, calendars: CalendarService): void {
  app.get('/calendar/deadline', {
    config: { access: 'user' },
    schema: {
      tags: ['calendar'],
      summary: '工作日期限 / working-day deadline',
      description: 'Counted from the day after `from`, ending 24:00 Asia/Shanghai of the last working day. ' +
        '`provisional` is true when the count reaches a year without an official holiday schedule.',
      querystring: Type.Object({
        from: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
        workdays: Type.Integer({ minimum: 1, maximum: 365 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ deadline: Type.String(), dueAt: Type.String(), provisional: Type.Boolean() }) },
    },
  }, async (request) => {
    if (!isIsoDate(request.query.from)) {
      throw badRequest('INVALID_DATE', `from 不是有效日期：${request.query.from}`, `from is not a valid date: ${request.query.from}`);
    }
    const d = deadlineOrRefuse(await calendars.calendar(), request.query.from, request.query.workdays);
    return { deadline: d.date, dueAt: d.dueAt.toISOString(), provisional: d.provisional };
  });

  app.get('/calendar/years', {
    config: { access: 'user' },
    schema: {
      tags: ['calendar'],
      summary: '已有节假日安排的年份 / years with a holiday schedule',
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            year: Type.Integer(), origin: Type.String(), source: Type.Union([Type.String(), Type.Null()]),
            holidays: Type.Integer(), workdays: Type.Integer(),
          })),
        }),
      },
    },
  }, async () => {
    const cal = await calendars.calendar();
    return {
      items: cal.yearsCovered().map((year) => {
        const s = cal.scheduleOf(year);
        return { year, origin: s.origin, source: s.source ?? null, holidays: s.holidays.length, workdays: s.workdays.length };
      }),
    };
  });
}

/** A count the calendar cannot make (a year beyond its lunar data) is the caller's 400, never a 500 or a guess. */
function deadlineOrRefuse(calendar: WorkCalendar, from: string, workdays: number) {
  try {
    return calendar.deadlineAt(from, workdays);
  } catch (err) {
    if (err instanceof CalendarError) throw badRequest(err.code.toUpperCase(), err.zh, err.en);
    throw err;
  }
}
