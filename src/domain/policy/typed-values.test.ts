import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ItemType } from '../catalog/types.ts';
import { compareTyped, csvCell, jsonValue, parseTyped, shanghaiIso, typedRow, typedText } from './typed-values.ts';

/** [type, written value, accepted] — §10 数据字典: an item's type says how its values are written. */
const written: Array<[ItemType, string, boolean]> = [
  ['string', '', true],
  ['string', '泽州县', true],
  ['integer', '42', true],
  ['integer', '-7', true],
  ['integer', '+007', true],
  ['integer', '9223372036854775807', true],
  ['integer', '9223372036854775808', false],
  ['integer', '1.5', false],
  ['integer', '1e3', false],
  ['integer', ' 42', false],
  ['integer', '', false],
  ['decimal', '12.50', true],
  ['decimal', '-0.001', true],
  ['decimal', '12.', false],
  ['decimal', '1e-3', false],
  ['decimal', 'NaN', false],
  ['date', '2024-02-29', true],
  ['date', '2023-02-29', false],
  ['date', '2024-2-1', false],
  ['date', '2024-03-01T00:00:00+08:00', false],
  ['datetime', '2024-03-01T08:00:00+08:00', true],
  ['datetime', '2024-03-01T08:00Z', true],
  ['datetime', '2024-03-01T08:00:00.123456-05:30', true],
  ['datetime', '2024-03-01T08:00:00', false],
  ['datetime', '2024-03-01 08:00:00+08:00', false],
  ['datetime', '2024-03-01T24:00:00+08:00', false],
  ['datetime', '2024-02-30T08:00:00+08:00', false],
  ['boolean', 'true', true],
  ['boolean', 'false', true],
  ['boolean', 'TRUE', false],
  ['boolean', '1', false],
  ['binary', 'AAEC', false],
];
for (const [type, text, ok] of written) {
  test(`§10 a ${type} is ${ok ? '' : 'not '}written ${JSON.stringify(text)}`, () => assert.equal(parseTyped(type, text), ok));
}

/** [type, a, b, sign of a − b]: by value, never as text. */
const order: Array<[ItemType, string, string, number]> = [
  ['integer', '9', '10', -1],
  ['integer', '-10', '-9', -1],
  ['integer', '+007', '7', 0],
  ['decimal', '12.5', '12.50', 0],
  ['decimal', '2.05', '2.5', -1],
  ['decimal', '-0', '0', 0],
  ['decimal', '123456789012345678901234567890.1', '123456789012345678901234567890.2', -1],
  ['date', '2024-01-31', '2024-02-01', -1],
  ['datetime', '2024-03-01T08:00:00+08:00', '2024-03-01T00:00:00Z', 0],
  ['datetime', '2024-03-01T08:00:01+08:00', '2024-03-01T00:00:00Z', 1],
  ['boolean', 'false', 'true', -1],
  ['string', 'JC-0009', 'JC-0010', -1],
  ['string', 'b', 'B', 1],
];
for (const [type, a, b, sign] of order) {
  test(`${type} ${a} vs ${b} → ${sign}`, () => assert.equal(Math.sign(compareTyped(type, a, b)), sign));
}

test('values met in a row (an upstream API) read as their type; datetimes without an offset are UTC+8', () => {
  assert.equal(typedText('integer', 12), '12');
  assert.equal(typedText('decimal', 12.5), '12.5');
  assert.equal(typedText('boolean', true), 'true');
  assert.equal(typedText('datetime', '2024-03-01 08:00:00'), '2024-03-01T08:00:00+08:00');
  assert.equal(typedText('integer', 'abc'), undefined);
  assert.equal(typedText('integer', 1e21), undefined);
  assert.equal(typedText('string', { a: 1 }), undefined);
});

/** [type, canonical SQL text, JSON value]: numbers when a double carries them exactly, else the exact text. */
const json: Array<[ItemType, string | null, unknown]> = [
  ['integer', '42', 42],
  ['integer', '-42', -42],
  ['integer', '9007199254740991', 9007199254740991],
  ['integer', '9007199254740993', '9007199254740993'],
  ['decimal', '12.50', 12.5],
  ['decimal', '0.1', 0.1],
  ['decimal', '-3.000', -3],
  ['decimal', '12345678901234567.89', '12345678901234567.89'],
  ['decimal', '0.00000001', 1e-8],
  ['decimal', '1000000000000000000000', 1e21],
  ['decimal', '0.1000000000000000055511151231257827', '0.1000000000000000055511151231257827'],
  ['boolean', 'true', true],
  ['boolean', 'false', false],
  ['date', '2024-03-01', '2024-03-01'],
  ['string', '007', '007'],
  ['binary', 'AAEC', 'AAEC'],
  ['integer', null, null],
];
for (const [type, text, value] of json) {
  test(`delivered ${type} ${String(text)} → ${JSON.stringify(value)}`, () => assert.deepEqual(jsonValue(type, text), value));
}

test('datetimes leave as ISO 8601 at +08:00, the fraction only when there is one', () => {
  assert.equal(shanghaiIso('2024-03-01T08:00:00.000000'), '2024-03-01T08:00:00+08:00');
  assert.equal(shanghaiIso('2024-03-01T08:00:00.120000'), '2024-03-01T08:00:00.12+08:00');
});

test('Sec §27 masked values stay as masked (text or null); unmasked ones are typed', () => {
  const types = new Map<string, ItemType>([['count', 'integer'], ['phone', 'integer'], ['open', 'boolean'], ['gone', 'integer']]);
  const row = typedRow({ count: '3', phone: '138****0001', open: 'true', gone: null }, types, (f) => f !== 'phone' && f !== 'gone');
  assert.deepEqual(row, { count: 3, phone: '138****0001', open: true, gone: null });
});

test('CSV cells: numbers stay numbers (a negative one is no formula), the rest text, null empty', () => {
  assert.equal(csvCell(-3), -3);
  assert.equal(csvCell(true), 'true');
  assert.equal(csvCell(null), null);
  assert.equal(csvCell('=1+1'), '=1+1');
});
