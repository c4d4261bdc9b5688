import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBatch, keyOf, keyProbes, normalizeForCompare, verdicts } from './verification.ts';

describe('数据核验 (§22 数据比对): answers match/mismatch, never the value', () => {
  const keys = ['id_number'];
  const stored = new Map([[keyOf({ id_number: '11010519491231002X' }, keys), { id_number: '11010519491231002X', name: '张三', birth: '1949-12-31' }]]);

  const cases: [string, Record<string, unknown>, ReturnType<typeof verdicts>[number]][] = [
    ['all fields match', { id_number: '11010519491231002X', name: '张三' }, { index: 0, found: true, fields: { name: 'match' } }],
    ['a lower-case check character still finds the person', { id_number: '11010519491231002x', name: '张三' }, { index: 0, found: true, fields: { name: 'match' } }],
    ['full-width and spaces fold', { id_number: '１１０１０５１９４９１２３１００２Ｘ ', name: ' 张三' }, { index: 0, found: true, fields: { name: 'match' } }],
    ['a wrong name is a mismatch, not the right name', { id_number: '11010519491231002X', name: '李四', birth: '1949-12-31' }, { index: 0, found: true, fields: { name: 'mismatch', birth: 'match' } }],
    ['an unknown key is not found', { id_number: '140525199001011234', name: '张三' }, { index: 0, found: false, fields: {} }],
  ];
  for (const [name, record, expected] of cases) {
    it(name, () => {
      assert.deepEqual(verdicts([record], keys, stored)[0], expected);
      assert.ok(!JSON.stringify(verdicts([record], keys, stored)).includes('张三') || record.name === '张三', 'the stored value never leaks');
    });
  }

  it('checks the batch: non-empty, at most 1000, keys present, only granted items', () => {
    assert.equal(checkBatch([], keys, ['name'])[0]!.field, 'records');
    assert.equal(checkBatch(Array.from({ length: 1001 }, () => ({ id_number: 'x' })), keys, ['name'])[0]!.en, 'at most 1000 records per batch');
    assert.deepEqual(checkBatch([{ name: '张三' }], keys, ['name']).map((p) => p.field), ['records[0].id_number']);
    assert.deepEqual(checkBatch([{ id_number: '1', salary: 3 }], keys, ['name']).map((p) => p.field), ['records[0].salary']);
    assert.deepEqual(checkBatch([{ id_number: '1', name: 'x' }], keys, ['name']), []);
  });

  it('looks keys up as they are kept: normalised (upper case) and in lower case, each once', () => {
    assert.deepEqual(keyProbes([{ id_number: ' １１０１０５１９４９１２３１００２ｘ' }, { id_number: '11010519491231002X' }, { id_number: 'JC-0001' }], 'id_number'),
      ['11010519491231002X', '11010519491231002x', 'JC-0001', 'jc-0001']);
  });

  it('normalizes dates and empties', () => {
    assert.equal(normalizeForCompare(new Date('1990-01-01T00:00:00Z')), '1990-01-01');
    assert.equal(normalizeForCompare(undefined), null);
  });
});
