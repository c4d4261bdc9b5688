import { CalendarError } from './errors.ts';

/**
 * A calendar day 'YYYY-MM-DD' as the regulations count it (北京时间). Kept as a string rather than a
 * Date so a day can never silently shift with the server's time zone.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for every
 * instant the platform handles and needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01, or undefined when `value` is not a real 'YYYY-MM-DD' day. */
function tryDayNumber(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(d.getTime() / DAY_MS);
}

export function isIsoDate(value: unknown): value is IsoDate {
  return tryDayNumber(value) !== undefined;
}

/** Throws `invalid_date` so a malformed day never reaches the counting loops. */
export function dayNumber(date: IsoDate): number {
  const n = tryDayNumber(date);
  if (n === undefined) {
    throw new CalendarError(
      'invalid_date',
      `"${String(date)}" 不是有效日期（应为 YYYY-MM-DD）`,
      `"${String(date)}" is not a valid date (expected YYYY-MM-DD)`,
    );
  }
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function yearOf(date: IsoDate): number {
  dayNumber(date);
  return Number(date.slice(0, 4));
}

/** 0 = Sunday … 6 = Saturday, independent of the server's time zone. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** The Shanghai calendar day an instant falls on: 2024-02-08T20:00Z is 2024-02-09 in Shanghai. */
export function toShanghaiDate(instant: Date): IsoDate {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(t)) {
    throw new CalendarError('invalid_instant', '无效的时间点', 'invalid instant');
  }
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 Asia/Shanghai of `date` — also 24:00 of the day before, which is how deadlines end. */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(dayNumber(date) * DAY_MS - SHANGHAI_OFFSET_MS);
}
