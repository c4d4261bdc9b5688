import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays } from './iso-date.ts';
import { officialSchedules } from './official.ts';
import { FESTIVAL_YEARS, fallbackSchedule, festivalDates, statutoryHolidays } from './statutory.ts';

test('lunar and solar-term conversion covers 1990–2100', () => {
  assert.deepEqual(FESTIVAL_YEARS, { first: 1990, last: 2100 });
  for (const year of [1989, 2101]) {
    assert.throws(() => festivalDates(year), { code: 'year_not_covered' });
    assert.throws(() => fallbackSchedule(year), { code: 'year_not_covered' });
  }
});

test('movable festivals of known years', () => {
  const table: Array<[string, string, string]> = [
    ['春节', festivalDates(2024).springFestival, '2024-02-10'],
    ['春节', festivalDates(2025).springFestival, '2025-01-29'],
    ['春节', festivalDates(2026).springFestival, '2026-02-17'],
    ['春节', festivalDates(2027).springFestival, '2027-02-06'], // new moon 23:56 Beijing time
    ['春节', festivalDates(2028).springFestival, '2028-01-26'],
    ['春节', festivalDates(2030).springFestival, '2030-02-03'], // new moon 00:07 Beijing time
    ['春节', festivalDates(2033).springFestival, '2033-01-31'],
    ['清明', festivalDates(2005).qingming, '2005-04-05'],
    ['清明', festivalDates(2009).qingming, '2009-04-04'],
    ['清明', festivalDates(2024).qingming, '2024-04-04'],
    ['清明', festivalDates(2025).qingming, '2025-04-04'],
    ['清明', festivalDates(2026).qingming, '2026-04-05'],
    ['清明', festivalDates(2027).qingming, '2027-04-05'],
    ['清明', festivalDates(2100).qingming, '2100-04-05'], // chinese-days says 04-04: corrected
    ['端午', festivalDates(2024).dragonBoat, '2024-06-10'],
    ['端午', festivalDates(2025).dragonBoat, '2025-05-31'],
    ['端午', festivalDates(2026).dragonBoat, '2026-06-19'],
    ['端午', festivalDates(2027).dragonBoat, '2027-06-09'],
    ['端午', festivalDates(2028).dragonBoat, '2028-05-28'], // 2028 has a leap 5th month: the first one counts
    ['中秋', festivalDates(1996).midAutumn, '1996-09-27'], // chinese-days says 09-26: corrected
    ['中秋', festivalDates(2020).midAutumn, '2020-10-01'],
    ['中秋', festivalDates(2024).midAutumn, '2024-09-17'],
    ['中秋', festivalDates(2025).midAutumn, '2025-10-06'], // after a leap 6th month
    ['中秋', festivalDates(2026).midAutumn, '2026-09-25'],
    ['中秋', festivalDates(2027).midAutumn, '2027-09-15'],
  ];
  for (const [name, actual, expected] of table) assert.equal(actual, expected, `${name} ${expected}`);
});

test('除夕 is the eve of 春节 even when 腊月 has only 29 days', () => {
  const eve = (year: number) => statutoryHolidays(year).find((h) => h.name === '春节')?.date;
  assert.equal(eve(2027), '2027-02-05'); // 腊月廿九
  assert.equal(eve(2025), '2025-01-28'); // 腊月廿九
  assert.equal(eve(2024), '2024-02-09'); // 腊月三十
});

test('every festival date 1990–2100 falls in its astronomical window', () => {
  for (let year = FESTIVAL_YEARS.first; year <= FESTIVAL_YEARS.last; year++) {
    const f = festivalDates(year);
    const inWindow = (date: string, from: string, to: string) =>
      assert.ok(date >= `${year}-${from}` && date <= `${year}-${to}`, `${year}: ${date} not in ${from}..${to}`);
    inWindow(f.springFestival, '01-21', '02-20');
    inWindow(f.qingming, '04-04', '04-06');
    inWindow(f.dragonBoat, '05-23', '06-25');
    inWindow(f.midAutumn, '09-07', '10-08');
  }
});

/**
 * ICU computes the Chinese calendar astronomically, independently of chinese-days' table. It puts a
 * new moon within minutes of Beijing midnight on the wrong day in these years; the official
 * calendar (紫金山天文台) agrees with the value we ship.
 */
const ICU_NEAR_MIDNIGHT = new Map([[2027, '2027-02-06'], [2030, '2030-02-03']]);

test('festival dates 1990–2100 agree with ICU\'s Chinese calendar', (t) => {
  const format = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' });
  if (format.resolvedOptions().calendar !== 'chinese') {
    t.skip('this Node build has no Chinese calendar in ICU');
    return;
  }
  const lunar = (date: string) => {
    const parts = format.formatToParts(new Date(`${date}T12:00:00+08:00`));
    return `${parts.find((p) => p.type === 'month')?.value}/${parts.find((p) => p.type === 'day')?.value}`;
  };
  for (let year = FESTIVAL_YEARS.first; year <= FESTIVAL_YEARS.last; year++) {
    const f = festivalDates(year);
    const known = ICU_NEAR_MIDNIGHT.get(year);
    if (known) assert.equal(f.springFestival, known);
    else assert.equal(lunar(f.springFestival), '1/1', `${year} 春节 ${f.springFestival}`);
    assert.equal(lunar(f.dragonBoat), '5/5', `${year} 端午 ${f.dragonBoat}`);
    assert.equal(lunar(f.midAutumn), '8/15', `${year} 中秋 ${f.midAutumn}`);
  }
});

test('fallback for 2027: weekends plus the 13 statutory days, no 调休', () => {
  const s = fallbackSchedule(2027);
  assert.equal(s.year, 2027);
  assert.deepEqual(s.workdays, []);
  assert.deepEqual(s.holidays, [
    '2027-01-01', // 元旦
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', // 春节: 除夕 to 初三
    '2027-04-05', // 清明
    '2027-05-01', '2027-05-02', // 劳动节
    '2027-06-09', // 端午
    '2027-09-15', // 中秋
    '2027-10-01', '2027-10-02', '2027-10-03', // 国庆节
  ]);
  assert.match(s.source ?? '', /全国年节及纪念日放假办法/);
});

test('fallback merges 中秋 into 国庆 when they coincide (2020-10-01)', () => {
  const s = fallbackSchedule(2020);
  assert.equal(s.holidays.length, 12);
  assert.equal(s.holidays.filter((d) => d === '2020-10-01').length, 1);
  assert.equal(statutoryHolidays(2020).length, 13);
});

test('every fallback holiday of 2025 and 2026 is a holiday in the official notice (the 2024 revision holds)', () => {
  for (const official of officialSchedules().filter((s) => s.year >= 2025)) {
    const holidays = new Set(official.holidays);
    for (const date of fallbackSchedule(official.year).holidays) assert.ok(holidays.has(date), `${official.year}: ${date}`);
  }
});

test('statutory holidays come sorted and named', () => {
  const list = statutoryHolidays(2026);
  assert.deepEqual(list.map((h) => h.date), [...list.map((h) => h.date)].sort());
  assert.deepEqual([...new Set(list.map((h) => h.name))], ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
  assert.equal(addDays(festivalDates(2026).springFestival, -1), list.find((h) => h.name === '春节')?.date);
});
