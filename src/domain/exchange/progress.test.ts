import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDuration, syncProgress } from './progress.ts';

const t0 = new Date('2026-11-28T12:00:00Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);

const cases: Array<[title: string, input: Parameters<typeof syncProgress>[0], expected: ReturnType<typeof syncProgress>]> = [
  ['not started', { rowsDone: 0, rowsTotal: 1000, startedAt: null, now: t0 }, { percent: 0, rowsPerSecond: 0, etaSeconds: null }],
  ['total unknown yet', { rowsDone: 0, rowsTotal: null, startedAt: t0, now: after(1) }, { percent: null, rowsPerSecond: 0, etaSeconds: null }],
  ['a quarter in 10 s → 30 s left', { rowsDone: 250, rowsTotal: 1000, startedAt: t0, now: after(10) }, { percent: 25, rowsPerSecond: 25, etaSeconds: 30 }],
  ['done', { rowsDone: 1000, rowsTotal: 1000, startedAt: t0, now: after(20) }, { percent: 100, rowsPerSecond: 50, etaSeconds: 0 }],
  ['nothing to do', { rowsDone: 0, rowsTotal: 0, startedAt: t0, now: after(1) }, { percent: 100, rowsPerSecond: 0, etaSeconds: 0 }],
  ['resumed at 600: the rate counts only this run\'s rows', { rowsDone: 800, rowsTotal: 1000, rowsAtStart: 600, startedAt: t0, now: after(10) }, { percent: 80, rowsPerSecond: 20, etaSeconds: 10 }],
  ['percent is floored to one decimal, never 100 before the end', { rowsDone: 999_999, rowsTotal: 1_000_000, startedAt: t0, now: after(100) }, { percent: 99.9, rowsPerSecond: 10_000, etaSeconds: 1 }],
  ['more done than counted (rows added meanwhile) caps at 100', { rowsDone: 1100, rowsTotal: 1000, startedAt: t0, now: after(11) }, { percent: 100, rowsPerSecond: 100, etaSeconds: 0 }],
];
for (const [title, input, expected] of cases) {
  test(`progress: ${title}`, () => assert.deepEqual(syncProgress(input), expected));
}

const durations: Array<[number | null, string]> = [[null, '—'], [0, '0:00'], [9, '0:09'], [247, '4:07'], [3909, '1:05:09']];
for (const [s, text] of durations) test(`duration ${s} → ${text}`, () => assert.equal(formatDuration(s), text));
