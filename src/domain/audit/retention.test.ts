/** 《网络安全法》第二十一条 logs kept ≥ 6 months; months are Asia/Shanghai calendar months. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addMonths, isMonth, monthBounds, monthOf, partitionName, retentionElapsed } from './retention.ts';

describe('audit retention months', () => {
  it('a month is a Shanghai calendar month', () => {
    assert.equal(monthOf(new Date('2026-11-30T16:00:00Z')), '2026-12'); // 00:00 on 12-01 in Shanghai
    assert.equal(monthOf(new Date('2026-11-30T15:59:59.999Z')), '2026-11');
    const { from, to } = monthBounds('2026-12');
    assert.equal(from.toISOString(), '2026-11-30T16:00:00.000Z');
    assert.equal(to.toISOString(), '2026-12-31T16:00:00.000Z');
  });

  it('adds months across years', () => {
    assert.equal(addMonths('2026-11', 2), '2027-01');
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-06', -18), '2024-12');
  });

  const cases: Array<[month: string, now: string, allowed: boolean, why: string]> = [
    ['2026-05', '2026-11-30T15:59:59.999Z', false, 'the last record of May is not yet six months old'],
    ['2026-05', '2026-11-30T16:00:00.000Z', true, 'six months after 24:00 of 2026-05-31 (Shanghai)'],
    ['2026-06', '2026-12-15T00:00:00Z', false, 'June ends 2026-06-30: not until 2027-01-01'],
    ['2025-12', '2026-06-30T16:00:00Z', true, 'across the year boundary'],
    ['2026-11', '2026-11-28T00:00:00Z', false, 'the current month is never dropped'],
  ];
  for (const [month, now, allowed, why] of cases) {
    it(`${month} droppable at ${now}: ${allowed} (${why})`, () => {
      assert.equal(retentionElapsed(month, new Date(now)), allowed);
    });
  }

  it('validates and names partitions', () => {
    assert.ok(isMonth('2026-05'));
    assert.ok(!isMonth('2026-13'));
    assert.ok(!isMonth('2026-5'));
    assert.equal(partitionName('2026-05'), 'audit_record_y2026m05');
  });
});
