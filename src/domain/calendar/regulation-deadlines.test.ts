import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from './work-calendar.ts';

/**
 * The deadlines of 晋城市政务数据资源共享管理实施细则 on the real State Council schedules: counted from
 * the day after the event, ending at 24:00 Asia/Shanghai of the last working day.
 */
const calendar = new WorkCalendar();

const byDate: Array<[article: string, from: string, n: number, due: string, provisional: boolean, why: string]> = [
  ['§30(一) compliance review', '2024-02-08', 2, '2024-02-18', false, '春节 2024-02-10..17 off, Sunday 02-18 worked'],
  ['§30(二) compliance review', '2024-02-07', 2, '2024-02-09', false, '除夕 2024 was still a working day'],
  ['§30(二) provider reply', '2024-09-27', 5, '2024-10-10', false, '国庆 2024-10-01..07 off, Sunday 09-29 worked'],
  ['§30(二) reply when the data must first be published', '2024-09-27', 10, '2024-10-16', false, 'Saturday 10-12 worked'],
  ['§32 correction', '2024-05-06', 5, '2024-05-11', false, 'the deadline falls on the Saturday worked after 劳动节'],
  ['§12 catalog update', '2025-01-20', 15, '2025-02-14', false, '春节 2025-01-28..02-04 off, 01-26 and 02-08 worked'],
  ['§12 catalog update', '2025-01-24', 15, '2025-02-20', false, 'starts on the Sunday 01-26 worked before 春节'],
  ['§30(二) reply when the data must first be published', '2025-09-26', 10, '2025-10-16', false, '国庆+中秋 2025-10-01..08 off, 09-28 and 10-11 worked'],
  ['§30(一) compliance review', '2026-02-12', 2, '2026-02-14', false, 'Saturday 02-14 worked before 春节 2026'],
  ['§32 correction', '2026-02-12', 5, '2026-02-26', false, '春节 2026-02-15..23 off'],
  ['§12 catalog update', '2026-09-18', 15, '2026-10-15', false, '中秋 09-25..27 and 国庆 10-01..07 off, 09-20 and 10-10 worked'],
  ['§12 catalog update', '2026-09-24', 15, '2026-10-22', false, '中秋 and 国庆 2026'],
  ['§30(二) provider reply', '2026-12-24', 5, '2026-12-31', false, 'ends inside the last shipped year'],
  ['§12 catalog update', '2026-12-20', 15, '2027-01-11', true, '2027 has no notice: 2027-01-01 skipped as statutory 元旦'],
  ['§30(一) compliance review', '2026-12-30', 2, '2027-01-04', true, 'reaches 2027, 元旦 skipped'],
];

const nextDayMidnightShanghai = (date: string) => {
  const d = new Date(`${date}T00:00:00+08:00`);
  return new Date(d.getTime() + 86_400_000).toISOString();
};

for (const [article, from, n, due, provisional, why] of byDate) {
  test(`${article}: ${n} working days from ${from} → ${due}${provisional ? ' (provisional)' : ''} — ${why}`, () => {
    const deadline = calendar.deadlineAt(from, n);
    assert.equal(deadline.date, due);
    assert.equal(deadline.provisional, provisional);
    assert.equal(deadline.dueAt.toISOString(), nextDayMidnightShanghai(due));
    assert.equal(calendar.workdaysBetween(from, due).workdays, n);
  });
}

const byInstant: Array<[article: string, event: string, n: number, due: string, provisional: boolean]> = [
  // 20:00Z is 04:00 on 02-09 in Shanghai: the count starts on 02-10, not 02-09.
  ['§30(一) request submitted 2024-02-08T20:00Z', '2024-02-08T20:00:00Z', 2, '2024-02-19', false],
  ['§30(一) request submitted 2024-02-08T15:59Z', '2024-02-08T15:59:00Z', 2, '2024-02-18', false],
  ['§32 objection received 2026-12-31T17:00Z (2027-01-01 in Shanghai)', '2026-12-31T17:00:00Z', 5, '2027-01-08', true],
  ['§12 change published 2025-12-31T15:00Z (still 2025 in Shanghai)', '2025-12-31T15:00:00Z', 15, '2026-01-22', false],
];

for (const [article, event, n, due, provisional] of byInstant) {
  test(`${article}: ${n} working days → ${due}`, () => {
    const deadline = calendar.deadlineFromInstant(new Date(event), n);
    assert.equal(deadline.date, due);
    assert.equal(deadline.provisional, provisional);
    assert.equal(deadline.dueAt.toISOString(), nextDayMidnightShanghai(due));
  });
}

test('§30(一) a review due 2024-02-18 is on time at 23:59:59 and late at 24:00 Shanghai', () => {
  const { dueAt } = calendar.deadlineAt('2024-02-08', 2);
  const onTime = new Date('2024-02-18T23:59:59.999+08:00');
  const late = new Date('2024-02-19T00:00:00+08:00');
  assert.ok(onTime < dueAt);
  assert.ok(!(late < dueAt));
});
