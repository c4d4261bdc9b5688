import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UpdateCycle } from '../catalog/types.ts';
import { nextSyncAt, syncDue } from './schedule.ts';

const last = new Date('2026-11-01T00:00:00Z');
const cases: Array<[UpdateCycle, string]> = [
  ['realtime', '2026-11-01T00:15:00.000Z'],
  ['daily', '2026-11-02T00:00:00.000Z'],
  ['weekly', '2026-11-08T00:00:00.000Z'],
  ['monthly', '2026-12-01T00:00:00.000Z'],
  ['quarterly', '2027-01-31T00:00:00.000Z'],
  ['halfyearly', '2027-05-02T00:00:00.000Z'],
  ['yearly', '2027-11-01T00:00:00.000Z'],
  ['irregular', '2026-11-02T00:00:00.000Z'],
];
for (const [cycle, next] of cases) {
  test(`更新周期 ${cycle}: synced ${last.toISOString()} → next ${next}`, () => {
    assert.equal(nextSyncAt(last, cycle)?.toISOString(), next);
    assert.equal(syncDue(last, cycle, new Date(Date.parse(next) - 1)), false);
    assert.equal(syncDue(last, cycle, new Date(next)), true);
  });
}
test('never synced: due at once', () => {
  assert.equal(nextSyncAt(null, 'yearly'), null);
  assert.equal(syncDue(null, 'yearly', last), true);
});
