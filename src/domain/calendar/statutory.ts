import festivalData from './festival-dates.json' with { type: 'json' };
import { CalendarError } from './errors.ts';
import { addDays, type IsoDate } from './iso-date.ts';
import type { YearSchedule } from './schedule.ts';

/**
 * 《全国年节及纪念日放假办法》(2024 revision, in force from 2025): the days every citizen is off, before
 * the State Council's yearly notice rearranges them. Used only for years without a notice, so a
 * deadline there is flagged provisional rather than guessed.
 */
export type StatutoryHolidayName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

export interface StatutoryHoliday {
  date: IsoDate;
  name: StatutoryHolidayName;
}

/** Solar dates of the movable festivals, generated from chinese-days (see festival-dates.json). */
export interface FestivalDates {
  /** 春节, 正月初一 */
  springFestival: IsoDate;
  /** 清明 solar term */
  qingming: IsoDate;
  /** 端午, 五月初五 */
  dragonBoat: IsoDate;
  /** 中秋, 八月十五 */
  midAutumn: IsoDate;
}

const years = festivalData.years as Record<string, FestivalDates | undefined>;
const known = Object.keys(years).map(Number);

/** The years whose movable festivals are known, hence the years a fallback can be computed for. */
export const FESTIVAL_YEARS = { first: Math.min(...known), last: Math.max(...known) } as const;

export function festivalDates(year: number): FestivalDates {
  const dates = years[String(year)];
  if (!dates) {
    throw new CalendarError(
      'year_not_covered',
      `${year} 年没有放假安排，且超出农历换算范围（${FESTIVAL_YEARS.first}–${FESTIVAL_YEARS.last}），无法计算工作日`,
      `${year} has no holiday schedule and is outside the lunar conversion range ` +
        `(${FESTIVAL_YEARS.first}–${FESTIVAL_YEARS.last}); working days cannot be computed`,
    );
  }
  return dates;
}

export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const f = festivalDates(year);
  // 除夕 is the last day of 腊月, which may be the 29th, so it is taken as the eve of 春节.
  const springFestival = [-1, 0, 1, 2].map((d) => addDays(f.springFestival, d));
  const list: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    ...springFestival.map((date) => ({ date, name: '春节' as const })),
    { date: f.qingming, name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: f.dragonBoat, name: '端午节' },
    { date: f.midAutumn, name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Weekends plus the statutory days, with no 调休 and no 补假 (Art. 6 make-up days): the State Council
 * decides those each year, so they cannot be derived. When 中秋 falls within 国庆 the days merge.
 */
export function fallbackSchedule(year: number): YearSchedule {
  const holidays = [...new Set(statutoryHolidays(year).map((h) => h.date))];
  return {
    year,
    holidays,
    workdays: [],
    source: '《全国年节及纪念日放假办法》（2024年修订）法定节假日，未含调休——临时推算',
  };
}
