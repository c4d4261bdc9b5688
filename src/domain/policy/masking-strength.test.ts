import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MASKING_RULES } from '../catalog/types.ts';
import { MASKING_TIER, isAtLeastAsStrong, type RuleChoice } from './masking-strength.ts';

const r = (rule: RuleChoice['rule'], param?: number): RuleChoice => (param === undefined ? { rule } : { rule, param });

/** [candidate, base, candidate at least as strong as base?] */
const order: Array<[RuleChoice, RuleChoice, boolean]> = [
  [r('null'), r('redact'), true],
  [r('redact'), r('null'), false],
  [r('redact'), r('hash'), true],
  [r('hash'), r('redact'), false],
  [r('hash'), r('id_card'), true],
  [r('id_card'), r('hash'), false],
  [r('phone'), r('none'), true],
  [r('none'), r('phone'), false],
  [r('keep_first', 6), r('none'), true],
  [r('none'), r('none'), true],
  [r('id_card'), r('id_card'), true],
  // Different partial rules show different parts: not comparable, so neither may replace the other.
  [r('keep_first', 2), r('id_card'), false],
  [r('id_card'), r('keep_first', 2), false],
  [r('keep_first', 2), r('keep_last', 2), false],
  [r('keep_first', 2), r('keep_first_last', 4), false],
  [r('date_year'), r('address_district'), false],
  // Same keep_* rule: a smaller N reveals a subset.
  [r('keep_first_last', 2), r('keep_first_last', 4), true],
  [r('keep_first_last', 4), r('keep_first_last', 4), true],
  [r('keep_first_last', 6), r('keep_first_last', 4), false],
  [r('keep_last', 0), r('keep_last', 3), true],
  [r('keep_first'), r('keep_first', 3), false],
  [r('keep_first', 3), r('keep_first'), true],
];

for (const [cand, base, expected] of order) {
  test(`Sec §25 不得超出许可范围: ${cand.rule}${cand.param ?? ''} ${expected ? 'is' : 'is not'} at least as strong as ${base.rule}${base.param ?? ''}`, () => {
    assert.equal(isAtLeastAsStrong(cand, base), expected);
  });
}

test('Sec §25 the strength table ranks every rule, none weakest and null strongest', () => {
  assert.deepEqual(Object.keys(MASKING_TIER).sort(), [...MASKING_RULES].sort());
  for (const rule of MASKING_RULES) {
    assert.ok(MASKING_TIER.none <= MASKING_TIER[rule] && MASKING_TIER[rule] <= MASKING_TIER.null);
    // Every rule is at least as strong as none, and null is at least as strong as every rule.
    assert.ok(isAtLeastAsStrong({ rule, param: 1 }, { rule: 'none' }));
    assert.ok(isAtLeastAsStrong({ rule: 'null' }, { rule, param: 1 }));
  }
});
