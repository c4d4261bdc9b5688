import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CHANGE_EVENT_STATES, CHANGE_EVENT_STATE_LABELS, CHANGE_UPDATE_WORKDAYS, changeEventState, type ChangeEventClock,
  type ChangeEventState,
} from './change-deadline.ts';

// A law published Mon 2024-03-04: 15 working days later is Fri 2024-03-22, due at 24:00 Beijing time.
const dueAt = new Date('2024-03-22T16:00:00Z'); // 2024-03-23 00:00 +08:00
const at = (iso: string): Date => new Date(iso);

const cases: Array<[title: string, clock: ChangeEventClock, expected: ChangeEventState]> = [
  ['§12 with 10 working days left the event is open', { dueAt, now: at('2024-03-08T02:00:00Z'), remainingWorkdays: 10 }, 'open'],
  ['§12 with 2 working days left the event is still open', { dueAt, now: at('2024-03-20T02:00:00Z'), remainingWorkdays: 2 }, 'open'],
  ['§12 with 1 working day left the event is due soon', { dueAt, now: at('2024-03-21T02:00:00Z'), remainingWorkdays: 1 }, 'due_soon'],
  ['§12 on the last day the event is due soon', { dueAt, now: at('2024-03-22T15:59:59Z'), remainingWorkdays: 0 }, 'due_soon'],
  ['§12 at 24:00 of the last working day it is still on time', { dueAt, now: dueAt, remainingWorkdays: 0 }, 'due_soon'],
  ['§12 one millisecond after 24:00 it is overdue', { dueAt, now: new Date(dueAt.getTime() + 1), remainingWorkdays: 0 }, 'overdue'],
  ['§12 days after the deadline it is overdue', { dueAt, now: at('2024-04-01T02:00:00Z'), remainingWorkdays: -5 }, 'overdue'],
  ['§12 updated before the deadline is resolved', { dueAt, now: at('2024-04-01T02:00:00Z'), resolvedAt: at('2024-03-15T08:00:00Z'), remainingWorkdays: -5 }, 'resolved'],
  ['§12 updated at the last instant is resolved', { dueAt, now: at('2024-04-01T02:00:00Z'), resolvedAt: dueAt, remainingWorkdays: -5 }, 'resolved'],
  ['§12 updated after the deadline is resolved late', { dueAt, now: at('2024-04-01T02:00:00Z'), resolvedAt: at('2024-03-25T01:00:00Z'), remainingWorkdays: -5 }, 'resolved_late'],
  ['§12 resolved wins over the day count', { dueAt, now: at('2024-03-21T02:00:00Z'), resolvedAt: at('2024-03-21T01:00:00Z'), remainingWorkdays: 1 }, 'resolved'],
  ['§12 a null resolvedAt means not yet updated', { dueAt, now: at('2024-03-08T02:00:00Z'), resolvedAt: null, remainingWorkdays: 10 }, 'open'],
];

test('§12 自公布之日起15个工作日内 update the catalog', () => {
  assert.equal(CHANGE_UPDATE_WORKDAYS, 15);
});

for (const [title, clock, expected] of cases) {
  test(title, () => {
    assert.equal(changeEventState(clock), expected);
  });
}

test('§12 every state has a zh and en label', () => {
  for (const s of CHANGE_EVENT_STATES) {
    assert.ok(CHANGE_EVENT_STATE_LABELS[s].zh.length > 0 && CHANGE_EVENT_STATE_LABELS[s].en.length > 0);
  }
});

test('§12 an invalid date is an error, never a silent "open"', () => {
  assert.throws(() => changeEventState({ dueAt: new Date('nope'), now: at('2024-03-08T02:00:00Z'), remainingWorkdays: 3 }), RangeError);
  assert.throws(() => changeEventState({ dueAt, now: new Date(Number.NaN), remainingWorkdays: 3 }), RangeError);
  assert.throws(() => changeEventState({ dueAt, now: dueAt, resolvedAt: new Date('x'), remainingWorkdays: 3 }), RangeError);
});
