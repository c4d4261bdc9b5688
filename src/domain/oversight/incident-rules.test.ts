import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INCIDENT_ACTIONS, INCIDENT_STATUSES, incidentTransition, type IncidentAction, type IncidentStatus } from './incident-rules.ts';

const X = null;
const table: Array<[IncidentStatus, { readonly [A in IncidentAction]: IncidentStatus | null }]> = [
  ['reported', { respond: 'responding', resolve: X, close: X }],
  ['responding', { respond: X, resolve: 'resolved', close: X }],
  ['resolved', { respond: X, resolve: X, close: 'closed' }],
  ['closed', { respond: X, resolve: X, close: X }],
];

test('Sec §34 §7(四) the incident table covers every status and action', () => {
  assert.deepEqual(table.map(([s]) => s), [...INCIDENT_STATUSES]);
});
for (const [from, row] of table) {
  for (const action of INCIDENT_ACTIONS) {
    const to = row[action];
    test(`Sec §34 incident ${from} --${action}--> ${to ?? 'ILLEGAL_TRANSITION'}`, () => {
      const r = incidentTransition(from, action, '已处理', { planStarted: true });
      assert.deepEqual(r.ok ? r.to : null, to);
      if (!r.ok) assert.equal(r.error.code, 'ILLEGAL_TRANSITION');
    });
  }
}

for (const [action, from] of [['respond', 'reported'], ['resolve', 'responding'], ['close', 'resolved']] as const) {
  test(`Sec §7(四) §34 ${action} needs a text`, () => {
    const r = incidentTransition(from, action, '', { planStarted: true });
    assert.equal(!r.ok && r.error.code, 'TEXT_REQUIRED');
  });
}

test('Sec §34 应当立即启动应急预案: not resolved while the plan was never started', () => {
  const r = incidentTransition('responding', 'resolve', '已修复漏洞', { planStarted: false });
  assert.equal(!r.ok && r.error.code, 'PLAN_NOT_STARTED');
});
