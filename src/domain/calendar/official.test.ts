import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { officialSchedules } from './official.ts';
import { checkYearSchedules } from './schedule.ts';

test('the release ships the State Council notices for 2024–2026', () => {
  const schedules = officialSchedules();
  assert.deepEqual(schedules.map((s) => s.year), [2024, 2025, 2026]);
  for (const s of schedules) assert.match(s.source ?? '', new RegExp(`国务院办公厅关于${s.year}年部分节假日安排的通知`));
});

test('the shipped notices pass every schedule check, without warnings', () => {
  const issues = checkYearSchedules(officialSchedules().map((schedule, i) => ({ schedule, field: `official[${i}]` })));
  assert.deepEqual(issues, []);
});

test('shipped data quotes the notices: 2024 春节 and 国庆, 2025 and 2026 调休', () => {
  const byYear = new Map(officialSchedules().map((s) => [s.year, s]));
  const y2024 = byYear.get(2024);
  assert.ok(y2024);
  for (const d of ['2024-02-10', '2024-02-13', '2024-02-17', '2024-10-01', '2024-10-07']) assert.ok(y2024.holidays.includes(d), d);
  assert.ok(!y2024.holidays.includes('2024-02-09'), '除夕 2024 was not a statutory day off before the 2024 revision');
  assert.deepEqual(y2024.workdays, ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']);
  assert.deepEqual(byYear.get(2025)?.workdays, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
  assert.deepEqual(byYear.get(2026)?.workdays, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
});

test('officialSchedules returns copies', () => {
  officialSchedules()[0]?.holidays.push('2024-12-31');
  assert.ok(!officialSchedules()[0]?.holidays.includes('2024-12-31'));
});

test('shipped dates equal the pinned chinese-days data', () => {
  const require = createRequire(import.meta.url);
  const raw = JSON.parse(readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  for (const s of officialSchedules()) {
    const ofYear = (map: Record<string, string>) => Object.keys(map).filter((d) => d.startsWith(`${s.year}-`)).sort();
    assert.deepEqual(s.holidays, ofYear(raw.holidays), `${s.year} holidays`);
    assert.deepEqual(s.workdays, ofYear(raw.workdays), `${s.year} workdays`);
  }
});

test('the data files are what scripts/generate-official-calendar.ts produces', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-official-calendar.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
    // A zone west of UTC is where chinese-days goes wrong; the script must not.
    env: { ...process.env, TZ: 'America/New_York' },
  });
  assert.equal(run.status, 0, run.stderr);
});
