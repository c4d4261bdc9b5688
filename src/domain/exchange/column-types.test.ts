import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ItemType, MaskingRule } from '../catalog/types.ts';
import { targetColumnType } from './column-types.ts';

const cases: Array<[ItemType, MaskingRule, string]> = [
  ['string', 'none', 'text'],
  ['integer', 'none', 'bigint'],
  ['decimal', 'none', 'numeric'],
  ['date', 'none', 'date'],
  ['datetime', 'none', 'timestamptz'],
  ['boolean', 'none', 'boolean'],
  ['binary', 'none', 'bytea'],
  // Security rules §27 脱敏后再提供: what masking leaves is text, whatever the item's type.
  ['date', 'date_year', 'text'],
  ['integer', 'hash', 'text'],
  ['string', 'phone', 'text'],
  ['datetime', 'redact', 'text'],
  ['decimal', 'null', 'text'],
  ['binary', 'keep_first', 'text'],
];

for (const [type, rule, expected] of cases) {
  test(`§17 库表: a ${type} item masked by ${rule} is ${expected}`, () => {
    assert.equal(targetColumnType(type, rule), expected);
  });
}
