/**
 * The working-day calendar of the platform: the shipped official schedules plus the years an
 * administrator imported (`gdx calendar import FILE`). Loaded from the database on each use — the
 * table is a few rows — so a process never works from a schedule another process has replaced.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { parseScheduleFile, WorkCalendar, type YearSchedule } from '../../domain/calendar/index.ts';
import { badRequest } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';

/**
 * Re-times deadlines that depended on a fallback year; returns how many changed. `previous` is the
 * calendar the deadlines were computed on, for a handler that must recover how many working days
 * a stored deadline counted.
 */
export type ScheduleChangeHandler = (tx: Db, calendar: WorkCalendar, previous: WorkCalendar) => Promise<number>;

export class CalendarService {
  constructor(private readonly deps: { db: Db; onScheduleChange?: readonly ScheduleChangeHandler[] }) {}

  /** Inside a transaction pass it: on PGlite a second connection would wait for the transaction forever. */
  async importedYears(db: Db = this.deps.db): Promise<YearSchedule[]> {
    const rows = await db.selectFrom('calendar_year').selectAll().orderBy('year').execute();
    return rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays, ...(r.source ? { source: r.source } : {}) }));
  }

  async calendar(db: Db = this.deps.db): Promise<WorkCalendar> {
    return new WorkCalendar({ imported: await this.importedYears(db) });
  }

  /**
   * Imports (or replaces) the years of a schedule file, the whole file or nothing, and re-times the
   * provisional deadlines the new schedule now decides.
   */
  async importFile(actor: Actor, text: string): Promise<{ years: YearSchedule[]; retimed: number }> {
    const parsed = parseScheduleFile(text);
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      throw badRequest('CALENDAR_FILE_INVALID', first.zh, first.en, parsed.errors.map((i) => ({ ...i })));
    }
    const by = actor.type === 'user' ? actor.username : actor.name;
    const retimed = await this.deps.db.transaction().execute(async (tx) => {
      const previous = await this.calendar(tx);
      for (const y of parsed.schedules) {
        const row = { holidays: y.holidays, workdays: y.workdays, source: y.source ?? null, imported_by: by };
        await tx.insertInto('calendar_year').values({ year: y.year, ...row })
          .onConflict((oc) => oc.column('year').doUpdateSet({ ...row, imported_at: new Date() } as never)).execute();
      }
      const imported = (await tx.selectFrom('calendar_year').selectAll().execute())
        .map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays }));
      const calendar = new WorkCalendar({ imported });
      let count = 0;
      for (const handler of this.deps.onScheduleChange ?? []) count += await handler(tx, calendar, previous);
      await recordAudit(tx, actor, {
        action: 'calendar.import', targetType: 'calendar', targetId: parsed.schedules.map((y) => y.year).join(','),
        detail: { years: parsed.schedules.map((y) => ({ year: y.year, holidays: y.holidays.length, workdays: y.workdays.length })), retimed: count },
      });
      return count;
    });
    return { years: parsed.schedules, retimed };
  }
}
