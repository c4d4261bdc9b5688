/**
 * Regenerates the two checked-in calendar data files from the pinned `chinese-days` package, so the
 * platform never depends on the package at runtime and every date can be audited in a diff:
 *
 *   src/domain/calendar/official-schedules.json  国务院办公厅 holiday notices (holidays + 调休 workdays)
 *   src/domain/calendar/festival-dates.json      春节/清明/端午/中秋 solar dates, 1990–2100, for the
 *                                                provisional fallback of years without a notice
 *
 * Usage:  npx tsx scripts/generate-official-calendar.ts          (write the files)
 *         npx tsx scripts/generate-official-calendar.ts --check  (exit 1 if they are out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// chinese-days parses 'YYYY-MM-DD' as UTC midnight but reads the parts back with local getters, so
// west of UTC every lunar date and solar term comes out one day early. Pin the zone before loading it.
process.env.TZ = 'UTC';
const chineseDays = (await import('chinese-days')).default;

/** The regulations (晋市政办〔2024〕1号, 4号) date from 2024; earlier notices are of no use here. */
const FIRST_OFFICIAL_YEAR = 2024;
const FESTIVAL_YEARS = { first: 1990, last: 2100 } as const;

type Festival = 'springFestival' | 'qingming' | 'dragonBoat' | 'midAutumn';

/**
 * Dates where chinese-days is wrong, each checked against an astronomical computation (Meeus) and
 * ICU's Chinese calendar. The script fails if the package stops giving `chineseDays`, so a fixed
 * upstream value makes us drop the correction instead of silently keeping it.
 */
const CORRECTIONS: ReadonlyArray<{ year: number; festival: Festival; chineseDays: string; corrected: string; reason: string }> = [
  {
    year: 1996,
    festival: 'midAutumn',
    chineseDays: '1996-09-26',
    corrected: '1996-09-27',
    reason:
      "chinese-days' lunar table gives 1996 七月 29 days; the new moon opening 八月 was 1996-09-13 07:07 Beijing time, so 八月十五 is 09-27 (ICU agrees)",
  },
  {
    year: 2100,
    festival: 'qingming',
    chineseDays: '2100-04-04',
    corrected: '2100-04-05',
    reason:
      "chinese-days' solar-term formula (寿星公式) does not hold for 2100, which is not a leap year; the sun reaches 15° on 2100-04-05 about 00:40 Beijing time",
  },
];

const require = createRequire(import.meta.url);
const version = (JSON.parse(readFileSync(require.resolve('chinese-days/package.json'), 'utf8')) as { version: string }).version;
const raw = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

function datesOfYear(map: Record<string, string>, year: number): string[] {
  return Object.keys(map).filter((d) => d.startsWith(`${year}-`)).sort();
}

function officialSchedules(): Record<string, { source: string; holidays: string[]; workdays: string[] }> {
  const lastYear = Math.max(...Object.keys(raw.holidays).map((d) => Number(d.slice(0, 4))));
  const out: Record<string, { source: string; holidays: string[]; workdays: string[] }> = {};
  for (let year = FIRST_OFFICIAL_YEAR; year <= lastYear; year++) {
    out[year] = {
      source: `国务院办公厅关于${year}年部分节假日安排的通知（数据取自 chinese-days ${version}）`,
      holidays: datesOfYear(raw.holidays, year),
      workdays: datesOfYear(raw.workdays, year),
    };
  }
  return out;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function festivalDates(): Record<string, Record<Festival, string>> {
  const lunar = (year: number, month: number, day: number) =>
    chineseDays.getSolarDateFromLunar(`${year}-${pad(month)}-${pad(day)}`).date;
  const out: Record<string, Record<Festival, string>> = {};
  for (let year = FESTIVAL_YEARS.first; year <= FESTIVAL_YEARS.last; year++) {
    out[year] = {
      springFestival: lunar(year, 1, 1),
      qingming: chineseDays.getSolarTermDate(year, 4, 'pure_brightness'),
      dragonBoat: lunar(year, 5, 5),
      midAutumn: lunar(year, 8, 15),
    };
  }
  for (const c of CORRECTIONS) {
    const entry = out[c.year];
    if (entry?.[c.festival] !== c.chineseDays) {
      throw new Error(`correction ${c.year} ${c.festival}: chinese-days now gives ${entry?.[c.festival]}, review it`);
    }
    entry[c.festival] = c.corrected;
  }
  return out;
}

/** One year per line so a regenerated file diffs by year. */
function officialJson(data: ReturnType<typeof officialSchedules>): string {
  const years = Object.entries(data).map(
    ([year, s]) =>
      `  "${year}": {\n    "source": ${JSON.stringify(s.source)},\n` +
      `    "holidays": ${JSON.stringify(s.holidays)},\n    "workdays": ${JSON.stringify(s.workdays)}\n  }`,
  );
  return `{\n${years.join(',\n')}\n}\n`;
}

function festivalJson(data: ReturnType<typeof festivalDates>): string {
  const source =
    `chinese-days ${version}: getSolarDateFromLunar (正月初一, 五月初五, 八月十五) and ` +
    `getSolarTermDate (清明), computed with TZ=UTC; 除夕 is the day before 春节`;
  const corrections = CORRECTIONS.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  const years = Object.entries(data).map(([year, f]) => `    "${year}": ${JSON.stringify(f)}`).join(',\n');
  return `{\n  "source": ${JSON.stringify(source)},\n  "corrections": [\n${corrections}\n  ],\n  "years": {\n${years}\n  }\n}\n`;
}

const targets = [
  { url: new URL('../src/domain/calendar/official-schedules.json', import.meta.url), text: officialJson(officialSchedules()) },
  { url: new URL('../src/domain/calendar/festival-dates.json', import.meta.url), text: festivalJson(festivalDates()) },
];

if (process.argv.includes('--check')) {
  const stale = targets.filter((t) => {
    try {
      return readFileSync(t.url, 'utf8') !== t.text;
    } catch {
      return true;
    }
  });
  for (const t of stale) console.error(`out of date: ${t.url.pathname}`);
  process.exit(stale.length ? 1 : 0);
}
for (const t of targets) {
  writeFileSync(t.url, t.text);
  console.log(`wrote ${t.url.pathname}`);
}
