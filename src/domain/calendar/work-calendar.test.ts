import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarError } from './errors.ts';
import { addDays } from './iso-date.ts';
import { officialSchedules } from './official.ts';
import type { YearSchedule } from './schedule.ts';
import { WorkCalendar } from './work-calendar.ts';

const calendar = new WorkCalendar();

/** A plausible 2027 notice, standing in for the administrator's file. */
const Y2027: YearSchedule = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', ...range('2027-02-05', 8), ...range('2027-10-01', 7)],
  workdays: ['2027-02-14', '2027-02-20', '2027-10-09'],
  source: '国办发明电〔2026〕x号',
};

function range(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

test('isWorkday on the real schedules', () => {
  const table: Array<[date: string, workday: boolean, provisional: boolean, why: string]> = [
    ['2024-02-04', true, false, 'Sunday worked before 春节 2024'],
    ['2024-02-09', true, false, '除夕 2024 was a working day'],
    ['2024-02-18', true, false, 'Sunday worked after 春节 2024'],
    ['2024-02-19', true, false, 'ordinary Monday'],
    ['2024-02-24', false, false, 'ordinary Saturday'],
    ['2024-09-29', true, false, 'Sunday worked before 国庆 2024'],
    ['2024-10-12', true, false, 'Saturday worked after 国庆 2024'],
    ['2025-01-28', false, false, '除夕 2025, statutory since the 2024 revision'],
    ['2025-10-08', false, false, 'last day of 国庆+中秋 2025'],
    ['2026-01-02', false, false, '元旦 2026 bridge day'],
    ['2026-01-04', true, false, 'Sunday worked after 元旦 2026'],
    ['2026-09-20', true, false, 'Sunday worked before 国庆 2026'],
    ['2027-01-01', false, true, '元旦 2027, statutory fallback'],
    ['2027-01-04', true, true, 'Monday in a year with no notice'],
    ['2027-02-05', false, true, '除夕 2027 (腊月廿九), statutory fallback'],
    ['2027-02-06', false, true, 'Saturday'],
  ];
  for (const [date, workday, provisional, why] of table) {
    assert.deepEqual(calendar.isWorkday(date), { workday, provisional }, `${date}: ${why}`);
  }
  for (const date of range('2024-02-10', 8)) assert.equal(calendar.isWorkday(date).workday, false, `春节 2024 ${date}`);
  for (const date of range('2024-10-01', 7)) assert.equal(calendar.isWorkday(date).workday, false, `国庆 2024 ${date}`);
});

test('years covered and where each schedule comes from', () => {
  assert.deepEqual(calendar.yearsCovered(), [2024, 2025, 2026]);
  assert.equal(calendar.scheduleOf(2025).origin, 'official');
  assert.equal(calendar.scheduleOf(2025).provisional, false);
  const fallback = calendar.scheduleOf(2027);
  assert.equal(fallback.origin, 'fallback');
  assert.equal(fallback.provisional, true);
  const withImport = new WorkCalendar({ imported: [Y2027] });
  assert.deepEqual(withImport.yearsCovered(), [2024, 2025, 2026, 2027]);
  assert.equal(withImport.scheduleOf(2027).origin, 'imported');
  assert.equal(withImport.scheduleOf(2027).source, '国办发明电〔2026〕x号');
});

test('addWorkdays counts from the day after, over weekends and holidays', () => {
  const table: Array<[from: string, n: number, date: string]> = [
    ['2024-03-01', 1, '2024-03-04'], // Friday → Monday
    ['2024-03-02', 1, '2024-03-04'], // from a Saturday
    ['2024-02-29', 1, '2024-03-01'], // leap day
    ['2024-02-12', 1, '2024-02-18'], // from inside 春节 to the Sunday worked
    ['2024-12-31', 1, '2025-01-02'], // across the year and 元旦
  ];
  for (const [from, n, date] of table) assert.deepEqual(calendar.addWorkdays(from, n), { date, provisional: false }, `${from} + ${n}`);
});

test('addWorkdays refuses a count that is not a positive integer', () => {
  for (const n of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => calendar.addWorkdays('2024-03-01', n), (e: unknown) => {
      assert.ok(e instanceof CalendarError);
      assert.equal(e.code, 'invalid_workday_count');
      assert.match(e.zh, /正整数/);
      return true;
    }, String(n));
  }
  assert.throws(() => calendar.deadlineAt('2024-03-01', 0), { code: 'invalid_workday_count' });
  assert.throws(() => calendar.addWorkdays('2024-02-30', 2), { code: 'invalid_date' });
});

test('every deadline inside the shipped years lands on a working day exactly n working days later', () => {
  for (let from = '2024-01-01'; from <= '2026-11-30'; from = addDays(from, 1)) {
    for (const n of [1, 2, 5, 10, 15]) {
      const { date, provisional } = calendar.addWorkdays(from, n);
      assert.equal(provisional, false, `${from} + ${n}`);
      assert.equal(calendar.isWorkday(date).workday, true, `${from} + ${n} = ${date}`);
      assert.equal(calendar.workdaysBetween(from, date).workdays, n, `${from} + ${n} = ${date}`);
      assert.equal(calendar.workdaysBetween(from, addDays(date, -1)).workdays, n - 1, `${from} + ${n}: not earlier`);
    }
  }
});

test('provisional only when a day examined has no notice', () => {
  assert.deepEqual(calendar.addWorkdays('2026-12-24', 5), { date: '2026-12-31', provisional: false });
  assert.deepEqual(calendar.addWorkdays('2026-12-31', 1), { date: '2027-01-04', provisional: true });
  // The event day itself is never examined: from 2023-12-31 nothing of 2023 is looked at, while from
  // 2023-12-29 the weekend of 2023-12-30/31 (a year without a notice) is.
  assert.deepEqual(calendar.addWorkdays('2023-12-29', 1), { date: '2024-01-02', provisional: true });
  assert.deepEqual(calendar.addWorkdays('2023-12-31', 1), { date: '2024-01-02', provisional: false });
});

test('an imported 2027 notice replaces the fallback and its 调休', () => {
  const imported = new WorkCalendar({ imported: [Y2027] });
  assert.deepEqual(calendar.addWorkdays('2027-02-01', 5), { date: '2027-02-10', provisional: true });
  assert.deepEqual(imported.addWorkdays('2027-02-01', 5), { date: '2027-02-15', provisional: false });
  assert.deepEqual(imported.addWorkdays('2026-12-20', 15), { date: '2027-01-11', provisional: false });
});

test('an imported year overrides the shipped one', () => {
  const official2026 = officialSchedules().find((s) => s.year === 2026);
  assert.ok(official2026);
  const corrected = new WorkCalendar({ imported: [{ ...official2026, holidays: [...official2026.holidays, '2026-12-24'] }] });
  assert.equal(calendar.addWorkdays('2026-12-21', 3).date, '2026-12-24');
  assert.equal(corrected.addWorkdays('2026-12-21', 3).date, '2026-12-25');
  assert.equal(corrected.scheduleOf(2026).origin, 'imported');
});

test('without any notice every day is provisional and 调休 is unknown', () => {
  const bare = new WorkCalendar({ official: [] });
  assert.deepEqual(bare.yearsCovered(), []);
  assert.deepEqual(bare.isWorkday('2024-02-04'), { workday: false, provisional: true });
  assert.deepEqual(bare.addWorkdays('2024-02-08', 2), { date: '2024-02-14', provisional: true }); // 除夕..初三 = 02-09..12
});

test('the constructor refuses invalid schedules with the offending path', () => {
  const bad = { year: 2027, holidays: ['2027-01-01'], workdays: ['2027-02-08'] };
  assert.throws(() => new WorkCalendar({ imported: [bad] }), (e: unknown) => {
    assert.ok(e instanceof CalendarError);
    assert.equal(e.code, 'invalid_schedule');
    assert.match(e.en, /imported\[0\]\.workdays\[0\]/);
    return true;
  });
  assert.throws(() => new WorkCalendar({ imported: [Y2027, Y2027] }), { code: 'invalid_schedule' });
});

test('beyond the lunar conversion range a year without notice is an error, not a guess', () => {
  assert.throws(() => calendar.isWorkday('2101-01-03'), { code: 'year_not_covered' });
  assert.throws(() => calendar.addWorkdays('2100-12-30', 5), { code: 'year_not_covered' });
  assert.equal(calendar.addWorkdays('2100-12-20', 5).provisional, true);
});

test('workdaysBetween counts (a, b] and is antisymmetric', () => {
  const table: Array<[a: string, b: string, n: number, provisional: boolean]> = [
    ['2024-02-08', '2024-02-18', 2, false],
    ['2024-02-09', '2024-02-17', 0, false],
    ['2024-09-27', '2024-10-10', 5, false],
    ['2024-03-04', '2024-03-04', 0, false],
    ['2023-12-31', '2024-12-31', 251, false], // 2024: 262 weekdays, 19 of them off, 8 weekend days worked
    ['2024-12-31', '2025-12-31', 248, false], // 2025: 261 weekdays, 18 of them off, 5 weekend days worked
    ['2026-12-30', '2027-01-05', 3, true],
  ];
  for (const [a, b, n, provisional] of table) {
    assert.deepEqual(calendar.workdaysBetween(a, b), { workdays: n, provisional }, `(${a}, ${b}]`);
    const reverse = calendar.workdaysBetween(b, a);
    assert.ok(Object.is(reverse.workdays, 0 - n), `(${b}, ${a}] is ${0 - n}`);
  }
});

test('remainingWorkdays: the countdown of a §30(一) review due 2024-02-18', () => {
  const { dueAt } = calendar.deadlineAt('2024-02-08', 2);
  const at = (local: string) => calendar.remainingWorkdays(new Date(`${local}+08:00`), dueAt);
  assert.deepEqual(at('2024-02-08T10:00:00'), { workdays: 2, overdue: false, provisional: false }); // event day
  assert.deepEqual(at('2024-02-09T10:00:00'), { workdays: 1, overdue: false, provisional: false });
  assert.deepEqual(at('2024-02-12T10:00:00'), { workdays: 1, overdue: false, provisional: false }); // 春节
  assert.deepEqual(at('2024-02-18T23:59:59'), { workdays: 0, overdue: false, provisional: false }); // last day
  assert.deepEqual(at('2024-02-19T00:00:00'), { workdays: -1, overdue: true, provisional: false });
  assert.deepEqual(at('2024-02-20T09:00:00'), { workdays: -2, overdue: true, provisional: false });
});

test('remainingWorkdays: overdue over a weekend is 0 working days late but overdue', () => {
  const { dueAt } = calendar.deadlineAt('2024-02-29', 1); // due Friday 2024-03-01
  assert.deepEqual(calendar.remainingWorkdays(new Date('2024-03-02T10:00:00+08:00'), dueAt), { workdays: 0, overdue: true, provisional: false });
  const next = calendar.deadlineAt('2026-12-30', 2); // due 2027-01-04, provisional
  assert.deepEqual(calendar.remainingWorkdays(new Date('2026-12-30T12:00:00+08:00'), next.dueAt), { workdays: 2, overdue: false, provisional: true });
});
