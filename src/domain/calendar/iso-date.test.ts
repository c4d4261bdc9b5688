import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarError } from './errors.ts';
import {
  addDays, dayNumber, dayOfWeek, fromDayNumber, isIsoDate, isWeekend, startOfShanghaiDay, toShanghaiDate, yearOf,
} from './iso-date.ts';

test('isIsoDate accepts only real YYYY-MM-DD days', () => {
  const table: Array<[unknown, boolean]> = [
    ['2024-02-29', true], // leap year
    ['2023-02-29', false],
    ['2100-02-29', false], // century, not a leap year
    ['2000-02-29', true],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-2-9', false],
    ['2024-02-09T00:00:00Z', false],
    [' 2024-02-09', false],
    ['0099-01-01', true], // not mapped to 1999 as Date.UTC would
    ['', false],
    [20240209, false],
    [null, false],
  ];
  for (const [value, expected] of table) assert.equal(isIsoDate(value), expected, String(value));
});

test('dayNumber rejects a bad date with a bilingual invalid_date error', () => {
  assert.throws(() => dayNumber('2024-02-30'), (e: unknown) => {
    assert.ok(e instanceof CalendarError);
    assert.equal(e.code, 'invalid_date');
    assert.match(e.zh, /2024-02-30/);
    assert.match(e.en, /2024-02-30/);
    return true;
  });
});

test('day arithmetic crosses months, years and leap days', () => {
  const table: Array<[string, number, string]> = [
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2024-10-01', 0, '2024-10-01'],
  ];
  for (const [from, n, expected] of table) assert.equal(addDays(from, n), expected, `${from} + ${n}`);
  assert.equal(fromDayNumber(dayNumber('1990-01-01')), '1990-01-01');
  assert.equal(dayNumber('1970-01-01'), 0);
  assert.equal(yearOf('2027-02-05'), 2027);
});

test('weekdays do not depend on the server time zone', () => {
  const table: Array<[string, number]> = [
    ['2024-02-04', 0], // Sunday, a 调休 workday
    ['2024-02-08', 4],
    ['2024-02-18', 0],
    ['2024-10-12', 6],
    ['2027-01-01', 5],
  ];
  for (const [date, dow] of table) assert.equal(dayOfWeek(date), dow, date);
  assert.equal(isWeekend('2024-10-12'), true);
  assert.equal(isWeekend('2024-10-11'), false);
});

test('toShanghaiDate: late-evening UTC events belong to the next Shanghai day', () => {
  const table: Array<[string, string]> = [
    ['2024-02-08T20:00:00Z', '2024-02-09'],
    ['2024-02-08T15:59:59.999Z', '2024-02-08'],
    ['2024-02-08T16:00:00Z', '2024-02-09'],
    ['2024-02-09T00:00:00+08:00', '2024-02-09'],
    ['2026-12-31T16:30:00Z', '2027-01-01'], // crosses into a year with no notice
    ['2024-07-01T23:59:59-05:00', '2024-07-02'],
  ];
  for (const [instant, expected] of table) assert.equal(toShanghaiDate(new Date(instant)), expected, instant);
});

test('toShanghaiDate rejects an invalid Date', () => {
  assert.throws(() => toShanghaiDate(new Date('not a date')), { code: 'invalid_instant' });
});

test('startOfShanghaiDay is 00:00+08:00, which is 16:00Z the day before', () => {
  assert.equal(startOfShanghaiDay('2024-02-19').toISOString(), '2024-02-18T16:00:00.000Z');
  assert.equal(toShanghaiDate(startOfShanghaiDay('2027-01-01')), '2027-01-01');
  assert.equal(toShanghaiDate(new Date(startOfShanghaiDay('2027-01-01').getTime() - 1)), '2026-12-31');
});
