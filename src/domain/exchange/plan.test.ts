import assert from 'node:assert/strict';
import { test } from 'node:test';
import { batchCount, emptyState, planPass, reconcileDue, type SyncState } from './plan.ts';

const idle = (over: Partial<SyncState> = {}): SyncState => ({ ...emptyState('S1'), generation: 3, fullDone: true, watermark: '100', ...over });

const plans: Array<[title: string, input: Parameters<typeof planPass>[0], expected: { kind: string; rebuild: boolean; resume: boolean; generation: number; fresh: boolean }]> = [
  ['no table yet: create it and load it in full, appending', { state: null, shape: 'S1', hasChangeColumn: true, forceFull: false },
    { kind: 'full', rebuild: true, resume: false, generation: 1, fresh: true }],
  ['the grant changed (items, masking, scope): rebuild and reload', { state: idle({ shape: 'S0' }), shape: 'S1', hasChangeColumn: true, forceFull: false },
    { kind: 'full', rebuild: true, resume: false, generation: 4, fresh: true }],
  ['a full pass was interrupted: resume it from its checkpoint', { state: idle({ phase: 'full', fullDone: false, lastKey: ['K9'], generation: 1, fresh: true }), shape: 'S1', hasChangeColumn: true, forceFull: false },
    { kind: 'full', rebuild: false, resume: true, generation: 1, fresh: true }],
  ['an interrupted full pass resumes even when a full run is asked for', { state: idle({ phase: 'full', lastKey: ['K9'] }), shape: 'S1', hasChangeColumn: true, forceFull: true },
    { kind: 'full', rebuild: false, resume: true, generation: 3, fresh: false }],
  ['an incremental pass was interrupted: resume it', { state: idle({ phase: 'incremental', passChange: '90', lastKey: ['K1'] }), shape: 'S1', hasChangeColumn: true, forceFull: false },
    { kind: 'incremental', rebuild: false, resume: true, generation: 3, fresh: false }],
  ['loaded, with a change column: incremental', { state: idle(), shape: 'S1', hasChangeColumn: true, forceFull: false },
    { kind: 'incremental', rebuild: false, resume: false, generation: 3, fresh: false }],
  ['loaded, full asked for: a new full pass over the existing rows', { state: idle(), shape: 'S1', hasChangeColumn: true, forceFull: true },
    { kind: 'full', rebuild: false, resume: false, generation: 4, fresh: false }],
  ['no change column: every run is a full pass', { state: idle(), shape: 'S1', hasChangeColumn: false, forceFull: false },
    { kind: 'full', rebuild: false, resume: false, generation: 4, fresh: false }],
];

for (const [title, input, e] of plans) {
  test(`§17 库表 plan: ${title}`, () => {
    const p = planPass(input);
    assert.deepEqual({ kind: p.kind, rebuild: p.rebuild, resume: p.resume, generation: p.state.generation, fresh: p.state.fresh }, e);
    if (!p.resume) {
      assert.equal(p.state.phase, p.kind);
      assert.equal(p.state.lastKey, null, 'a new pass starts before the first key');
      assert.equal(p.state.passRows, 0);
    }
  });
}

test('a new incremental pass keeps the watermark it continues from', () => {
  assert.equal(planPass({ state: idle(), shape: 'S1', hasChangeColumn: true, forceFull: false }).state.watermark, '100');
});

const now = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const reconciles: Array<[title: string, input: Parameters<typeof reconcileDue>[0], expected: boolean]> = [
  ['a full pass deletes by generation, no key comparison', { kind: 'full', requested: true, reconciledAt: null, reconcileHours: 24, now }, false],
  ['never compared', { kind: 'incremental', requested: false, reconciledAt: null, reconcileHours: 24, now }, true],
  ['compared 23 h ago, every 24 h', { kind: 'incremental', requested: false, reconciledAt: hoursAgo(23), reconcileHours: 24, now }, false],
  ['compared exactly 24 h ago', { kind: 'incremental', requested: false, reconciledAt: hoursAgo(24), reconcileHours: 24, now }, true],
  ['asked for by the run', { kind: 'incremental', requested: true, reconciledAt: hoursAgo(1), reconcileHours: 24, now }, true],
];
for (const [title, input, expected] of reconciles) {
  test(`delete propagation: ${title} → ${expected}`, () => assert.equal(reconcileDue(input), expected));
}

const batches: Array<[rows: number, size: number, expected: number]> = [[0, 1000, 0], [1, 1000, 1], [1000, 1000, 1], [1001, 1000, 2], [200_000, 2000, 100]];
for (const [rows, size, expected] of batches) {
  test(`batch planning: ${rows} rows at ${size} per batch → ${expected} batches`, () => assert.equal(batchCount(rows, size), expected));
}
test('batch planning: a batch size below 1 is refused', () => assert.throws(() => batchCount(10, 0), RangeError));
