import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entriesOf, fromLabel, type Vocabulary } from '../catalog/labels.ts';
import { normalizeText } from '../catalog/normalize-text.ts';
import { REQUEST_STATUS_LABELS, SHARING_VOCABULARIES, STEP_KIND_LABELS } from './labels.ts';
import { GRANTED_BY, GRANT_STATUSES, REQUEST_ACTIONS, REQUEST_STATUSES, STEP_KINDS } from './types.ts';

const vocabularies = Object.entries(SHARING_VOCABULARIES) as Array<[string, Vocabulary<string>]>;

for (const [name, vocab] of vocabularies) {
  test(`§28–§32 ${name}: every value has a zh and an en label`, () => {
    assert.deepEqual(Object.keys(vocab.labels).sort(), [...vocab.values].sort());
    for (const [value, label] of entriesOf(vocab)) {
      assert.ok(label.zh.trim().length > 0, `${name}.${value} zh`);
      assert.ok(label.en.trim().length > 0, `${name}.${value} en`);
    }
  });

  test(`§28–§32 ${name}: no spelling names two values, and labels read back`, () => {
    const owner = new Map<string, string>();
    for (const [value, l] of entriesOf(vocab)) {
      for (const s of [value, l.zh, l.en, ...(l.aliases ?? [])]) {
        const k = normalizeText(s);
        const prev = owner.get(k);
        assert.ok(prev === undefined || prev === value, `${name}: "${s}" names both ${prev} and ${value}`);
        owner.set(k, value);
      }
      assert.equal(fromLabel(vocab, l.zh), value);
      assert.equal(fromLabel(vocab, l.en), value);
    }
  });
}

test('the vocabularies the API fixes', () => {
  assert.deepEqual(REQUEST_STATUSES, ['reviewing', 'returned', 'rejected', 'forwarded', 'granted', 'refused', 'negotiation', 'coordination', 'cancelled']);
  assert.deepEqual(STEP_KINDS, ['compliance_review', 'provider_reply', 'negotiation', 'coordination', 'correction']);
  assert.equal(REQUEST_ACTIONS.length, 11);
  assert.deepEqual(GRANT_STATUSES, ['active', 'suspended', 'expired', 'revoked']);
  assert.deepEqual(GRANTED_BY, ['platform', 'provider', 'whole', 'coordination']);
});

test('§28 §30 §32 the regulation’s own words', () => {
  assert.deepEqual(STEP_KINDS.map((k) => STEP_KIND_LABELS[k].zh), ['符合性审查', '提供部门答复', '协商', '协调', '校核更正']);
  assert.deepEqual(REQUEST_STATUSES.map((s) => REQUEST_STATUS_LABELS[s].zh),
    ['审查中', '已退回补充', '审查未通过', '已转提供部门', '已授权', '不予提供', '协商中', '协调中', '已撤回']);
});
