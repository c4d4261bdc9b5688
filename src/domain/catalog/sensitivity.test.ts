import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ITEM_TYPES, MASKING_RULES } from './types.ts';
import { maskingFitsType } from './sensitivity.ts';

const fits: Array<[rule: (typeof MASKING_RULES)[number], type: (typeof ITEM_TYPES)[number], ok: boolean]> = [
  ['id_card', 'string', true], ['id_card', 'integer', false], ['phone', 'integer', false],
  ['keep_first', 'decimal', false], ['keep_last', 'string', true], ['date_year', 'date', true],
  ['date_year', 'datetime', true], ['date_year', 'integer', false], ['hash', 'integer', true],
  ['redact', 'binary', true], ['null', 'boolean', true], ['none', 'decimal', true],
];
for (const [rule, type, ok] of fits) {
  test(`Sec §25 masking ${rule} ${ok ? 'fits' : 'does not fit'} a ${type} item`, () => {
    assert.equal(maskingFitsType(rule, type), ok);
  });
}
