/**
 * Shared pieces of the row generators. A row is keyed by the entry's item names (DataItem.name);
 * dates are 'YYYY-MM-DD', datetimes ISO 8601 with +08:00, decimals numbers, missing values null.
 */
import type { Rng } from './prng.ts';
import { COUNTY_NAMES } from './people.ts';

export type Row = Record<string, unknown>;

/** Where generators get the real data files (data-files.ts by default; tests can inject). */
export interface DemoSources {
  keyProjectsCsv(): string;
}

export type RowGenerator = (seed: string | number, sources: DemoSources) => Row[];

/**
 * "Today" of the demo world: all generated dates are on or before it, so rows don't change with the
 * day they are generated. Mid-2024 — after every gazette document (the latest, 晋市工信投资字〔2024〕18号,
 * takes effect 2024-04-15) and inside the 四普 field stage (2024年5月至2025年5月).
 */
export const DEMO_TODAY = '2024-06-30';

/** 'YYYY-MM-DDTHH:MM:SS+08:00' on `date` between two hours of the day. */
export function datetimeOn(rng: Rng, date: string, fromHour = 8, toHour = 18): string {
  const s = rng.int(fromHour * 3600, toHour * 3600 - 1);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${date}T${hh}:${mm}:${ss}+08:00`;
}

export function countyName(regionCode: string): string {
  const n = COUNTY_NAMES[regionCode];
  if (!n) throw new Error(`not a 晋城 county code ${regionCode}`);
  return n;
}

/** Zero-padded sequence number. */
export function seq(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
