import { test } from 'node:test';
import assert from 'node:assert/strict';
import { officialSchedules } from './official.ts';
import { parseScheduleFile } from './schedule-file.ts';
import type { ScheduleIssue } from './schedule.ts';

/** A plausible 2027 notice (not the real one, which is not yet published). */
const Y2027 = {
  year: 2027,
  holidays: [
    '2027-01-01', '2027-01-02', '2027-01-03',
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12',
    '2027-04-03', '2027-04-04', '2027-04-05',
    '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04', '2027-05-05',
    '2027-06-09',
    '2027-09-15',
    '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07',
  ],
  workdays: ['2027-02-20', '2027-02-14', '2027-05-08', '2027-09-26', '2027-10-09'],
  source: '国办发明电〔2026〕x号',
};

const file = (...years: unknown[]) => JSON.stringify({ years });
const withYear = (patch: Record<string, unknown>) => file({ ...Y2027, ...patch });

test('a well-formed file parses into sorted schedules without warnings', () => {
  const result = parseScheduleFile(file(Y2027));
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.warnings, []);
  assert.equal(result.schedules.length, 1);
  const [s] = result.schedules;
  assert.equal(s?.year, 2027);
  assert.equal(s?.source, '国办发明电〔2026〕x号');
  assert.deepEqual(s?.workdays, ['2027-02-14', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09']);
  assert.deepEqual(s?.holidays, [...Y2027.holidays].sort());
});

test('an empty list of years and a year without source are accepted', () => {
  assert.deepEqual(parseScheduleFile('{"years": []}'), { ok: true, schedules: [], warnings: [] });
  const { source: _omitted, ...noSource } = Y2027;
  const result = parseScheduleFile(file(noSource));
  assert.ok(result.ok);
  assert.equal('source' in (result.schedules[0] ?? {}), false);
});

test('a holiday on a weekend day is fine (2027-02-06 is a Saturday)', () => {
  const result = parseScheduleFile(file(Y2027));
  assert.ok(result.ok && result.schedules[0]?.holidays.includes('2027-02-06'));
});

const errorCases: Array<[string, string, Array<[ScheduleIssue['code'], string]>]> = [
  ['not JSON', '{"years": [', [['invalid_json', '']]],
  ['an array instead of an object', '[]', [['invalid_document', 'years']]],
  ['years is not a list', '{"years": {"2027": {}}}', [['invalid_document', 'years']]],
  ['a year entry that is not an object', file(2027), [['invalid_document', 'years[0]']]],
  ['an unknown top-level field', '{"years": [], "note": "x"}', [['unknown_field', 'note']]],
  ['a misspelt list name', file({ year: 2027, holiday: Y2027.holidays, workdays: [] }),
    [['unknown_field', 'years[0].holiday'], ['invalid_list', 'years[0].holidays']]],
  ['a year given as text', withYear({ year: '2027' }), [['invalid_year', 'years[0].year']]],
  ['a fractional year', withYear({ year: 2027.5 }), [['invalid_year', 'years[0].year']]],
  ['a year beyond the supported range', withYear({ year: 2101, holidays: ['2101-01-01'], workdays: [] }),
    [['year_out_of_range', 'years[0].year']]],
  ['workdays missing', file({ year: 2027, holidays: Y2027.holidays }), [['invalid_list', 'years[0].workdays']]],
  ['source that is not text', withYear({ source: 7 }), [['invalid_source', 'years[0].source']]],
  ['a day that does not exist', withYear({ holidays: ['2027-01-01', '2027-02-30', ...Y2027.holidays.slice(1)] }),
    [['invalid_date', 'years[0].holidays[1]']]],
  ['a date in another format', withYear({ workdays: ['2027/02/14'] }), [['invalid_date', 'years[0].workdays[0]']]],
  ['a date given as a number', withYear({ workdays: [20270214] }), [['invalid_date', 'years[0].workdays[0]']]],
  ['a date outside its year', withYear({ workdays: ['2026-12-26'] }), [['date_outside_year', 'years[0].workdays[0]']]],
  ['the same date twice', withYear({ workdays: ['2027-02-14', '2027-02-14'] }), [['duplicate_date', 'years[0].workdays[1]']]],
  ['a date both holiday and workday', withYear({ workdays: ['2027-02-14', '2027-02-06'] }),
    [['holiday_and_workday', 'years[0].workdays[1]']]],
  ['a "workday" that is a Monday', withYear({ workdays: ['2027-02-22'] }), [['workday_not_weekend', 'years[0].workdays[0]']]],
  ['a year listed twice', file(Y2027, Y2027), [['duplicate_year', 'years[1].year']]],
  ['a year without holidays', withYear({ holidays: [], workdays: [] }), [['no_holidays', 'years[0].holidays']]],
];

for (const [name, text, expected] of errorCases) {
  test(`parseScheduleFile rejects ${name}`, () => {
    const result = parseScheduleFile(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.map((e) => [e.code, e.field]), expected);
    for (const e of result.errors) {
      assert.equal(e.level, 'error');
      assert.match(e.zh, /[\u4e00-\u9fff]/, `zh message of ${e.code}`);
      assert.match(e.en, /^[\x20-\x7e…–]+$/, `en message of ${e.code}: ${e.en}`);
    }
  });
}

test('all mistakes of a file are reported at once, each at its own path, with the offending value', () => {
  const result = parseScheduleFile(file(
    { ...Y2027, workdays: ['2027-02-22', '2027-13-01'] },
    { year: 2028, holidays: ['2028-01-01', '2027-12-31'], workdays: [], extra: true },
  ));
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.errors.map((e) => [e.code, e.field]), [
    ['unknown_field', 'years[1].extra'],
    ['workday_not_weekend', 'years[0].workdays[0]'],
    ['invalid_date', 'years[0].workdays[1]'],
    ['date_outside_year', 'years[1].holidays[1]'],
  ]);
  assert.match(result.errors[1]?.zh ?? '', /2027-02-22.*周六或周日/);
  assert.match(result.errors[1]?.en ?? '', /2027-02-22 is a weekday/);
  assert.match(result.errors[3]?.en ?? '', /2027-12-31 is not in 2028/);
});

test('a notice that leaves out a statutory weekday holiday is accepted with a warning', () => {
  const result = parseScheduleFile(withYear({ holidays: Y2027.holidays.filter((d) => d !== '2027-06-09') }));
  assert.ok(result.ok);
  assert.deepEqual(result.warnings.map((w) => [w.code, w.field]), [['missing_statutory_holiday', 'years[0].holidays']]);
  assert.match(result.warnings[0]?.zh ?? '', /端午节（2027-06-09）/);
  assert.match(result.warnings[0]?.en ?? '', /端午节 \(2027-06-09\)/);
});

test('replacing a shipped year is accepted with a warning', () => {
  const official2026 = officialSchedules().find((s) => s.year === 2026);
  const result = parseScheduleFile(file({ ...official2026, source: '更正' }));
  assert.ok(result.ok);
  assert.deepEqual(result.warnings.map((w) => [w.code, w.field]), [['replaces_official', 'years[0].year']]);
});
