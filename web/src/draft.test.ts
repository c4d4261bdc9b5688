/** The editor's masking prefill follows the grading rule set in force (security rules §16, §25, §27). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_GRADING_RULES, type GradingRuleSet } from '../../src/domain/grading/index.ts';
import { markSensitive, type DraftItem } from './draft.ts';

const row: DraftItem = { _key: 'row-1', name: 'contact_phone', label: '联系人手机号', type: 'string', length: 11 };

test('Sec §27: marking an item sensitive fills in the default masking of its type', () => {
  assert.deepEqual(markSensitive(row, 'phone', DEFAULT_GRADING_RULES), { ...row, sensitiveType: 'phone', masking: 'phone', maskingParam: undefined });
  assert.deepEqual(markSensitive(row, 'uscc', DEFAULT_GRADING_RULES), { ...row, sensitiveType: 'uscc', masking: 'keep_first_last', maskingParam: 4 });
});

test('Sec §16: the prefill is the authority\'s edited default, not the built-in one', () => {
  const edited: GradingRuleSet = structuredClone(DEFAULT_GRADING_RULES);
  edited.sensitiveTypes.phone = { minGrade: 2, masking: 'keep_last', maskingParam: 4 };
  edited.sensitiveTypes.uscc = { minGrade: 1, masking: 'redact' };
  assert.deepEqual(markSensitive(row, 'phone', edited), { ...row, sensitiveType: 'phone', masking: 'keep_last', maskingParam: 4 });
  assert.deepEqual(markSensitive({ ...row, maskingParam: 4 }, 'uscc', edited), { ...row, sensitiveType: 'uscc', masking: 'redact', maskingParam: undefined },
    'a previous N does not survive into a rule without one');
});

test('Sec §25: unmarking clears the masking; the row\'s other fields and key are kept', () => {
  const marked = markSensitive(row, 'id_card', DEFAULT_GRADING_RULES);
  assert.deepEqual(markSensitive(marked, undefined, DEFAULT_GRADING_RULES), { ...row, sensitiveType: undefined, masking: undefined, maskingParam: undefined });
  assert.equal(row.sensitiveType, undefined, 'the row it was given is not changed');
});
