import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../calendar/index.ts';
import {
  STEP_WORKDAYS, pauseRemaining, providerReplyWorkdays, resumeDue, stepClock, stepDue, stepWorkdays,
} from './deadlines.ts';
import { CORRECTION_WORKDAYS } from './objection-rules.ts';

const calendar = new WorkCalendar();
const at = (shanghai: string): Date => new Date(`${shanghai}+08:00`);
/** 24:00 Shanghai of a day, as an instant. */
const endOf = (day: string): string => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

test('§28 §30 §32 the working days of each step', () => {
  assert.deepEqual(STEP_WORKDAYS, { compliance_review: 2, correction: 5 });
  assert.equal(CORRECTION_WORKDAYS, STEP_WORKDAYS.correction);
  assert.equal(providerReplyWorkdays(true), 5);
  assert.equal(providerReplyWorkdays(false), 10);
  assert.equal(stepWorkdays('compliance_review', { dataOnPlatform: true }), 2);
  assert.equal(stepWorkdays('provider_reply', { dataOnPlatform: true }), 5);
  assert.equal(stepWorkdays('provider_reply', { dataOnPlatform: false }), 10);
  assert.equal(stepWorkdays('correction', { dataOnPlatform: false }), 5);
  assert.equal(stepWorkdays('negotiation', { dataOnPlatform: true }), null);
  assert.equal(stepWorkdays('coordination', { dataOnPlatform: true }), null);
});

const dues: Array<[title: string, startedAt: Date, workdays: number, dueOn: string, provisional: boolean]> = [
  ['§30(一) 2个工作日内完成符合性审查: submitted 2024-02-08 before 春节 → the 调休 Sunday 2024-02-18',
    at('2024-02-08T10:00:00'), 2, '2024-02-18', false],
  ['§30(一) submitted 2024-02-08 at 23:59 Shanghai is still 02-08 → 2024-02-18', at('2024-02-08T23:59:00'), 2, '2024-02-18', false],
  ['§30(一) submitted 2024-02-08T20:00Z is 02-09 in Shanghai → 2024-02-19', new Date('2024-02-08T20:00:00Z'), 2, '2024-02-19', false],
  ['§30(一) submitted on the 调休 working Sunday 2024-02-04 → counted from Monday: 2024-02-06',
    at('2024-02-04T09:30:00'), 2, '2024-02-06', false],
  ['§30(一) submitted on Friday 2024-02-09 (除夕, worked) → after the holiday: 2024-02-19', at('2024-02-09T16:00:00'), 2, '2024-02-19', false],
  ['§30(一) submitted 2026-12-30 reaches 2027, which has no notice yet → 2027-01-04, provisional',
    at('2026-12-30T10:00:00'), 2, '2027-01-04', true],
  ['§30(二) 已在共享交换平台共享的 5个工作日: forwarded 2024-09-27 → 2024-10-10 across 国庆',
    at('2024-09-27T11:00:00'), providerReplyWorkdays(true), '2024-10-10', false],
  ['§30(二) 未及时在共享交换平台共享的 10个工作日内完成数据发布并予以答复 → 2024-10-16',
    at('2024-09-27T11:00:00'), providerReplyWorkdays(false), '2024-10-16', false],
  ['§32 收到反馈之日起5个工作日内予以校核更正: 2025-09-29 across 国庆+中秋 2025 → 2025-10-13 (10-11 worked)',
    at('2025-09-29T14:00:00'), CORRECTION_WORKDAYS, '2025-10-13', false],
  ['§32 objection on 2025-09-30 → 2025-10-14', at('2025-09-30T09:00:00'), CORRECTION_WORKDAYS, '2025-10-14', false],
];

for (const [title, startedAt, workdays, dueOn, provisional] of dues) {
  test(title, () => {
    const due = stepDue(calendar, startedAt, workdays);
    assert.equal(due.dueOn, dueOn);
    assert.equal(due.provisional, provisional);
    assert.equal(due.dueAt.toISOString(), endOf(dueOn));
  });
}

test('§30(一) the review of 2024-02-08 is on time at 23:59:59 of 02-18 and overdue at 24:00', () => {
  const { dueAt } = stepDue(calendar, at('2024-02-08T10:00:00'), 2);
  assert.equal(stepClock(calendar, at('2024-02-18T23:59:59'), dueAt).overdue, false);
  assert.equal(stepClock(calendar, at('2024-02-19T00:00:00'), dueAt).overdue, true);
});

const clocks: Array<[now: string, remaining: number, dueSoon: boolean, overdue: boolean, why: string]> = [
  ['2024-02-08T10:00:00', 2, false, false, 'the day of submission shows the full count'],
  ['2024-02-09T10:00:00', 1, true, false, '除夕 worked: one working day (02-18) left'],
  ['2024-02-12T10:00:00', 1, true, false, 'during 春节 nothing is counted'],
  ['2024-02-18T09:00:00', 0, true, false, 'the last day'],
  ['2024-02-19T09:00:00', -1, false, true, 'one working day late'],
  ['2024-02-24T09:00:00', -5, false, true, 'a Saturday, five working days late'],
];

for (const [now, remaining, dueSoon, overdue, why] of clocks) {
  test(`§30(一) clock of the review due 2024-02-18 at ${now}: ${remaining} — ${why}`, () => {
    const { dueAt } = stepDue(calendar, at('2024-02-08T10:00:00'), 2);
    assert.deepEqual(stepClock(calendar, at(now), dueAt), { remainingWorkdays: remaining, dueSoon, overdue, provisional: false });
  });
}

test('§30(一) the clock of a deadline in 2027 is provisional', () => {
  const { dueAt } = stepDue(calendar, at('2026-12-30T10:00:00'), 2);
  assert.deepEqual(stepClock(calendar, at('2026-12-31T10:00:00'), dueAt), { remainingWorkdays: 1, dueSoon: true, overdue: false, provisional: true });
});

// --- paused clock: §28 returned for more information ---------------------------------------------

test('§28 退回补充 at one working day left, resubmitted after a weekend: one working day again', () => {
  // submitted Thursday 2024-03-07 → due Monday 2024-03-11
  const first = stepDue(calendar, at('2024-03-07T10:00:00'), STEP_WORKDAYS.compliance_review);
  assert.equal(first.dueOn, '2024-03-11');
  // returned Friday 03-08: Monday is left
  const remaining = pauseRemaining(calendar, at('2024-03-08T15:00:00'), first.dueAt);
  assert.equal(remaining, 1);
  // resubmitted Friday 03-15 evening: the weekend does not count → Monday 03-18
  assert.equal(resumeDue(calendar, at('2024-03-15T18:00:00'), remaining).dueOn, '2024-03-18');
  // resubmitted on Saturday 03-16 → Monday 03-18
  assert.equal(resumeDue(calendar, at('2024-03-16T10:00:00'), remaining).dueOn, '2024-03-18');
  // resubmitted on Monday 03-18 → Tuesday 03-19
  const resumed = resumeDue(calendar, at('2024-03-18T09:00:00'), remaining);
  assert.deepEqual(resumed, { dueOn: '2024-03-19', dueAt: new Date(endOf('2024-03-19')), provisional: false });
});

test('§28 returned on the day of submission keeps both working days', () => {
  const first = stepDue(calendar, at('2024-03-07T10:00:00'), 2);
  assert.equal(pauseRemaining(calendar, at('2024-03-07T16:00:00'), first.dueAt), 2);
});

test('§28 returned on the last day, or late, still leaves the reviewer one working day', () => {
  const first = stepDue(calendar, at('2024-03-07T10:00:00'), 2);
  assert.equal(pauseRemaining(calendar, at('2024-03-11T10:00:00'), first.dueAt), 1);
  assert.equal(pauseRemaining(calendar, at('2024-03-13T10:00:00'), first.dueAt), 1);
});

test('§28 a pause across 春节 2024: returned 02-07, resubmitted on 除夕 02-09 → 2024-02-19', () => {
  const first = stepDue(calendar, at('2024-02-07T09:00:00'), 2);
  assert.equal(first.dueOn, '2024-02-09');
  const remaining = pauseRemaining(calendar, at('2024-02-07T17:00:00'), first.dueAt);
  assert.equal(remaining, 2);
  // 02-10..17 off, Sunday 02-18 worked, Monday 02-19
  assert.equal(resumeDue(calendar, at('2024-02-09T10:00:00'), remaining).dueOn, '2024-02-19');
});

test('§28 a paused step resumed in 2027 is provisional', () => {
  const r = resumeDue(calendar, at('2026-12-31T10:00:00'), 1);
  assert.deepEqual(r, { dueOn: '2027-01-04', dueAt: new Date(endOf('2027-01-04')), provisional: true });
});

test('resumeDue never gives less than one working day', () => {
  assert.equal(resumeDue(calendar, at('2024-03-18T09:00:00'), 0).dueOn, '2024-03-19');
  assert.equal(resumeDue(calendar, at('2024-03-18T09:00:00'), -3).dueOn, '2024-03-19');
});
