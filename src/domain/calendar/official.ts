import data from './official-schedules.json' with { type: 'json' };
import type { YearSchedule } from './schedule.ts';

/**
 * The State Council notices shipped with the release, generated from chinese-days by
 * scripts/generate-official-calendar.ts and checked in so every date is reviewable.
 * Returns fresh copies: callers may sort or extend them without touching the shared data.
 */
export function officialSchedules(): YearSchedule[] {
  const byYear = data as Record<string, { source: string; holidays: string[]; workdays: string[] }>;
  return Object.entries(byYear)
    .map(([year, s]) => ({ year: Number(year), holidays: [...s.holidays], workdays: [...s.workdays], source: s.source }))
    .sort((a, b) => a.year - b.year);
}
