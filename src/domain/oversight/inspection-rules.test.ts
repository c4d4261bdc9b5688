import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FINDING_ACTIONS, FINDING_STATUSES, TARGET_ACTIONS, TARGET_STATUSES, findingTransition, inspectionPhase, mayClose, targetTransition,
  type FindingAction, type FindingStatus, type TargetAction, type TargetStatus,
} from './inspection-rules.ts';

const X = null;
/** Each department through Sec §32's four steps; `record_onsite` is tried with 2 findings and with none. */
const targetTable: Array<[TargetStatus, { readonly [A in TargetAction]: TargetStatus | null }, TargetStatus | null]> = [
  ['self_assessment', { submit_self_assessment: 'onsite_check', record_onsite: X, all_accepted: X }, X],
  ['onsite_check', { submit_self_assessment: X, record_onsite: 'rectification', all_accepted: X }, 'passed'],
  ['rectification', { submit_self_assessment: X, record_onsite: X, all_accepted: 'rectified' }, X],
  ['passed', { submit_self_assessment: X, record_onsite: X, all_accepted: X }, X],
  ['rectified', { submit_self_assessment: X, record_onsite: X, all_accepted: X }, X],
];

test('Sec §32 the department table covers every status and action', () => {
  assert.deepEqual(targetTable.map(([s]) => s), [...TARGET_STATUSES]);
});

for (const [from, row, clean] of targetTable) {
  for (const action of TARGET_ACTIONS) {
    const to = row[action];
    test(`Sec §32 department ${from} --${action}--> ${to ?? 'ILLEGAL_TRANSITION'}`, () => {
      const r = targetTransition(from, action, { findings: 2 });
      if (to === X) {
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.equal(r.error.code, 'ILLEGAL_TRANSITION');
          assert.ok(r.error.zh && r.error.en);
        }
      } else assert.deepEqual(r, { ok: true, to });
    });
  }
  test(`Sec §32(三) department ${from}: an on-site check without findings → ${clean ?? 'ILLEGAL_TRANSITION'}`, () => {
    const r = targetTransition(from, 'record_onsite', { findings: 0 });
    assert.deepEqual(r.ok ? r.to : null, clean);
  });
}

test('Sec §32(一) after the self-assessment deadline the report is refused and the authority checks on site', () => {
  const late = targetTransition('self_assessment', 'submit_self_assessment', { selfAssessmentOverdue: true });
  assert.equal(!late.ok && late.error.code, 'SELF_ASSESSMENT_OVERDUE');
  assert.deepEqual(targetTransition('self_assessment', 'record_onsite', { selfAssessmentOverdue: true, findings: 1 }), { ok: true, to: 'rectification' });
  assert.deepEqual(targetTransition('self_assessment', 'record_onsite', { selfAssessmentOverdue: true }), { ok: true, to: 'passed' });
  assert.equal(targetTransition('self_assessment', 'record_onsite', { selfAssessmentOverdue: false, findings: 1 }).ok, false);
  assert.equal(targetTransition('onsite_check', 'submit_self_assessment', { selfAssessmentOverdue: true }).ok, false, 'filed in time: nothing to refile');
});

const findingTable: Array<[FindingStatus, { readonly [A in FindingAction]: FindingStatus | null }]> = [
  ['rectifying', { report: 'reported', accept: X, return: X }],
  ['reported', { report: X, accept: 'accepted', return: 'rectifying' }],
  ['accepted', { report: X, accept: X, return: X }],
];

test('Sec §32(四) §33 the finding table covers every status and action', () => {
  assert.deepEqual(findingTable.map(([s]) => s), [...FINDING_STATUSES]);
});
for (const [from, row] of findingTable) {
  for (const action of FINDING_ACTIONS) {
    const to = row[action];
    test(`Sec §32(四) finding ${from} --${action}--> ${to ?? 'ILLEGAL_TRANSITION'}`, () => {
      const r = findingTransition(from, action, '已完成整改');
      assert.deepEqual(r.ok ? r.to : null, to);
    });
  }
}

const texts: Array<[FindingAction, FindingStatus, boolean]> = [
  ['report', 'rectifying', true], ['return', 'reported', true], ['accept', 'reported', false],
];
for (const [action, from, needed] of texts) {
  test(`Sec §32(四) §33 ${action} ${needed ? 'needs' : 'does not need'} a text`, () => {
    const r = findingTransition(from, action, '  ');
    assert.equal(r.ok, !needed);
    if (!r.ok) assert.equal(r.error.code, 'TEXT_REQUIRED');
  });
}

const phases: Array<[TargetStatus[], 'open' | 'closed', string]> = [
  [['self_assessment', 'onsite_check'], 'open', 'self_assessment'],
  [['onsite_check', 'passed'], 'open', 'onsite_check'],
  [['rectification', 'passed'], 'open', 'rectification'],
  [['rectified', 'passed'], 'open', 'done'],
  [['rectified', 'passed'], 'closed', 'closed'],
];
for (const [targets, status, phase] of phases) {
  test(`Sec §32 a plan with departments ${targets.join(', ')} (${status}) is in phase ${phase}`, () => {
    assert.equal(inspectionPhase(status, targets), phase);
  });
}

test('Sec §32(四) a plan closes only when every department passed or rectified', () => {
  assert.deepEqual(mayClose('open', ['passed', 'rectified']), { ok: true });
  const pending = mayClose('open', ['passed', 'rectification']);
  assert.equal(pending.ok, false);
  if (!pending.ok) assert.equal(pending.code, 'TARGETS_PENDING');
  const closed = mayClose('closed', ['passed']);
  assert.equal(!closed.ok && closed.code, 'ILLEGAL_TRANSITION');
});
