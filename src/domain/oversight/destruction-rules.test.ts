import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DESTRUCTION_ACTIONS, DESTRUCTION_FINAL, DESTRUCTION_STATUSES, destructionTransition, type DestructionAction, type DestructionStatus,
} from './destruction-rules.ts';
import { availableActions } from './machine.ts';
import { DESTRUCTION_MACHINE } from './destruction-rules.ts';

const X = null;
const table: Array<[DestructionStatus, { readonly [A in DestructionAction]: DestructionStatus | null }]> = [
  ['pending', { approve: 'approved', reject: 'rejected', cancel: 'cancelled', execute: X, file: X }],
  ['approved', { approve: X, reject: X, cancel: X, execute: 'executed', file: X }],
  ['rejected', { approve: X, reject: X, cancel: X, execute: X, file: X }],
  ['cancelled', { approve: X, reject: X, cancel: X, execute: X, file: X }],
  ['executed', { approve: X, reject: X, cancel: X, execute: X, file: 'filed' }],
  ['filed', { approve: X, reject: X, cancel: X, execute: X, file: X }],
];

test('Sec §29 the destruction table covers every status and action', () => {
  assert.deepEqual(table.map(([s]) => s), [...DESTRUCTION_STATUSES]);
});
for (const [from, row] of table) {
  for (const action of DESTRUCTION_ACTIONS) {
    const to = row[action];
    test(`Sec §29 审批、记录和备案: ${from} --${action}--> ${to ?? 'ILLEGAL_TRANSITION'}`, () => {
      const r = destructionTransition(from, action, '理由');
      assert.deepEqual(r.ok ? r.to : null, to);
    });
  }
  test(`Sec §29 ${from} is ${DESTRUCTION_FINAL.includes(from) ? '' : 'not '}final`, () => {
    assert.equal(availableActions(DESTRUCTION_MACHINE, from).length === 0, DESTRUCTION_FINAL.includes(from));
  });
}

test('Sec §29 a rejection needs a reason; an approval does not', () => {
  assert.equal(destructionTransition('pending', 'reject', ' ').ok, false);
  assert.equal(destructionTransition('pending', 'approve').ok, true);
});
