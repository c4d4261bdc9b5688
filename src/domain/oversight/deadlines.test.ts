import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../calendar/index.ts';
import {
  DESTRUCTION_TASK_WORKDAYS, RECTIFICATION_WORKDAYS, SELF_ASSESSMENT_WORKDAYS, destructionTaskDue, rectificationDue, selfAssessmentDue,
} from './deadlines.ts';

const calendar = new WorkCalendar();
const at = (shanghai: string): Date => new Date(`${shanghai}+08:00`);

test('the working days chosen for oversight', () => {
  assert.equal(SELF_ASSESSMENT_WORKDAYS, 10);
  assert.deepEqual(RECTIFICATION_WORKDAYS, { major: 5, general: 15 });
  assert.equal(DESTRUCTION_TASK_WORKDAYS, 5);
});

const cases: Array<[title: string, due: () => { dueOn: string; provisional: boolean }, dueOn: string, provisional: boolean]> = [
  ['Sec §33 a major hazard found Friday 2024-09-27: 5 working days across 国庆 (09-29 worked) → 2024-10-10',
    () => rectificationDue(calendar, at('2024-09-27T10:00:00'), 'major'), '2024-10-10', false],
  ['Sec §32(三) a general finding of 2024-09-27: 15 working days (10-12 worked) → 2024-10-23',
    () => rectificationDue(calendar, at('2024-09-27T10:00:00'), 'general'), '2024-10-23', false],
  ['Sec §33 the authority\'s own limit wins: 2 working days from Friday 2024-03-08 → Tuesday 03-12',
    () => rectificationDue(calendar, at('2024-03-08T10:00:00'), 'general', 2), '2024-03-12', false],
  ['Sec §32(一) self-assessment, 10 working days from 2024-09-27 → 2024-10-16',
    () => selfAssessmentDue(calendar, at('2024-09-27T10:00:00')), '2024-10-16', false],
  ['Sec §29 a table grant ended on 2024-02-08: destroy the copy by 2024-02-21 (除夕 02-09 and Sunday 02-18 worked)',
    () => destructionTaskDue(calendar, at('2024-02-08T23:00:00')), '2024-02-21', false],
  ['Sec §29 a grant ended 2026-12-30: the 2027 deadline is provisional',
    () => destructionTaskDue(calendar, at('2026-12-30T10:00:00')), '2027-01-07', true],
];
for (const [title, due, dueOn, provisional] of cases) {
  test(title, () => {
    const d = due();
    assert.equal(d.dueOn, dueOn);
    assert.equal(d.provisional, provisional);
  });
}
