import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GRADING_RULES as R } from '../grading/defaults.ts';
import { MaskingError } from '../policy/errors.ts';
import { effectiveMasking, projectAndMask } from '../policy/row-policy.ts';
import { jsonValue, typedRow } from '../policy/typed-values.ts';
import { GrantPlans, prepareProjection } from './prepared-masking.ts';

describe('prepared masking gives exactly what projectAndMask gives (security rules §25, §27)', () => {
  const items = [
    { name: 'id_card', sensitiveType: 'id_card' as const, masking: 'id_card' as const },
    { name: 'phone', sensitiveType: 'phone' as const },
    { name: 'name', masking: 'keep_first' as const, maskingParam: 1 },
    { name: 'token', masking: 'hash' as const },
    { name: 'birth', masking: 'date_year' as const },
    { name: 'district' },
  ];
  const { masking } = effectiveMasking(items, R, { district: 'redact' });
  const salt = Buffer.alloc(32, 7);
  const rows = [
    { id_card: '14052519900101123X', phone: '13800000001', name: '张三丰', token: 'abc', birth: '1990-01-01', district: '泽州县' },
    { id_card: null, phone: 13800000002, name: '', token: null, birth: 'not a date', district: undefined },
    { extra: 'not granted, never delivered' },
  ];
  const fields = ['district', 'id_card', 'phone', 'name', 'token', 'birth'];

  for (const [i, row] of rows.entries()) {
    it(`row ${i}`, () => {
      const prepared = prepareProjection(fields, masking, salt)(row);
      assert.deepEqual(prepared, projectAndMask(row, fields, masking, salt));
      assert.deepEqual(Object.keys(prepared), fields, 'exactly the asked fields, in order');
    });
  }

  it('gives unmasked values as JSON values of their type, as typedRow does; masked ones stay masked text', () => {
    const types = new Map([['district', 'string' as const], ['amount', 'decimal' as const], ['count', 'integer' as const], ['ok', 'boolean' as const], ['phone', 'string' as const]]);
    const { masking: m } = effectiveMasking([{ name: 'amount' }, { name: 'count' }, { name: 'ok' }, { name: 'phone', sensitiveType: 'phone' as const }], R, {});
    const row = { amount: '12.50', count: '9007199254740993', ok: 'true', phone: '13800000001' };
    const f = ['amount', 'count', 'ok', 'phone'];
    const got = prepareProjection(f, m, salt, { types })(row);
    assert.deepEqual(got, typedRow(projectAndMask(row, f, m, salt), types, (x) => m.get(x)?.rule === 'none'));
    assert.deepEqual(got, { amount: 12.5, count: '9007199254740993', ok: true, phone: '138****0001' });
  });

  it('numbers leave exactly as jsonValue gives them, whatever their form', () => {
    const types = new Map([['amount', 'decimal' as const], ['count', 'integer' as const]]);
    const { masking: m } = effectiveMasking([{ name: 'amount' }, { name: 'count' }], R, {});
    const project = prepareProjection(['amount', 'count'], m, salt, { types });
    for (const text of ['0', '-0.00', '+5', '007', '12.50', '1234567890.12345', '123456789012345', '1234567890123456', '9007199254740993',
      '0.1', '0.30000000000000004', '-999999999999999', '12345678901234567.89', '1e5', '.5', '5.', null]) {
      assert.deepEqual(project({ amount: text, count: text }), { amount: jsonValue('decimal', text), count: jsonValue('integer', text) }, String(text));
    }
  });

  it('refuses to prepare a field that was never granted', () => {
    assert.throws(() => prepareProjection(['secret'], masking, salt), MaskingError);
  });

  it('fails on a misconfigured rule before any row (a hash without salt)', () => {
    assert.throws(() => prepareProjection(['token'], masking, undefined as never), MaskingError);
  });

  it('keeps one plan per key and drops the oldest past its bound', () => {
    const cache = new GrantPlans<ReturnType<typeof prepareProjection>>(2);
    let built = 0;
    const build = () => {
      built++;
      return prepareProjection(['phone'], masking, salt);
    };
    const a = cache.get('g1|v1|phone', build);
    assert.equal(cache.get('g1|v1|phone', build), a);
    cache.get('g2|v1|phone', build);
    cache.get('g3|v1|phone', build);
    cache.get('g1|v1|phone', build);
    assert.equal(built, 4, 'g1 was dropped and rebuilt');
  });
});
