import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBatch, keyLookupValues, keyOf, normalizeForCompare, verdicts, verificationKeys, type VerificationKey } from './verification.ts';

describe('数据核验 (§22 数据比对): answers match/mismatch, never the value', () => {
  const keys: VerificationKey[] = [{ name: 'id_number', matching: 'folded' }];
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
    assert.equal(checkBatch([], ['id_number'], ['name'])[0]!.field, 'records');
    assert.equal(checkBatch(Array.from({ length: 1001 }, () => ({ id_number: 'x' })), ['id_number'], ['name'])[0]!.en, 'at most 1000 records per batch');
    assert.deepEqual(checkBatch([{ name: '张三' }], ['id_number'], ['name']).map((p) => p.field), ['records[0].id_number']);
    assert.deepEqual(checkBatch([{ id_number: '1', salary: 3 }], ['id_number'], ['name']).map((p) => p.field), ['records[0].salary']);
    assert.deepEqual(checkBatch([{ id_number: '1', name: 'x' }], ['id_number'], ['name']), []);
  });

  it('refuses values that cannot be compared as sent: arrays, objects, rounded numbers, empty keys', () => {
    const fields = (records: unknown[]) => checkBatch(records, ['id_number'], ['name', 'age']).map((p) => p.field);
    assert.deepEqual(fields([{ id_number: '1', name: ['张三'] }]), ['records[0].name'], 'an array is not its text');
    assert.deepEqual(fields([{ id_number: { v: '1' } }]), ['records[0].id_number']);
    // 140581200112143771 parsed from JSON is 140581200112143780: it would be looked up wrong.
    assert.deepEqual(fields([JSON.parse('{"id_number": 140581200112143771}')]), ['records[0].id_number']);
    assert.match(checkBatch([{ id_number: 2 ** 60 }], ['id_number'], [])[0]!.en, /send it as a string/);
    assert.deepEqual(fields([{ id_number: ' ', name: 'x' }]), ['records[0].id_number'], 'a blank key is a missing key');
    assert.deepEqual(fields([{ id_number: 140581, name: null, age: 3.5 }]), [], 'safe numbers and null compare');
    assert.ok(checkBatch([{ id_number: '1', name: ['x'] }], ['id_number'], ['name'])[0]!.zh.includes('数组'));
  });

  it('folds the case of 身份证号 and 统一社会信用代码 keys only; every other key is matched exactly', () => {
    assert.deepEqual(verificationKeys([
      { name: 'id_number', key: true, sensitiveType: 'id_card' },
      { name: 'uscc', key: true, sensitiveType: 'uscc' },
      { name: 'registration_no', key: true },
      { name: 'phone', key: true, sensitiveType: 'phone' },
      { name: 'name', sensitiveType: 'name' },
    ]), [
      { name: 'id_number', matching: 'folded' },
      { name: 'uscc', matching: 'folded' },
      { name: 'registration_no', matching: 'exact' },
      { name: 'phone', matching: 'exact' },
    ]);
  });

  it('looks folded keys up normalised and exact keys as sent, each value once', () => {
    assert.deepEqual(keyLookupValues([{ id_number: ' １１０１０５１９４９１２３１００２ｘ' }, { id_number: '11010519491231002X' }, { id_number: '91140500ma0gxyzq1k' }], { name: 'id_number', matching: 'folded' }),
      ['11010519491231002X', '91140500MA0GXYZQ1K']);
    assert.deepEqual(keyLookupValues([{ no: 'Jc-0001' }, { no: 'JC-0001' }, { no: 'Jc-0001' }, { no: 42 }], { name: 'no', matching: 'exact' }), ['Jc-0001', 'JC-0001', '42']);
  });

  const company: VerificationKey[] = [{ name: 'uscc', matching: 'folded' }, { name: 'registration_no', matching: 'exact' }];
  const kept = { uscc: '91140500ma0Gxyzq1K', registration_no: 'Jc-0001', holder: '晋城市宏达运输有限公司' };
  const byKey = new Map([[keyOf(kept, company), kept]]);
  const keyCases: [string, Record<string, unknown>, boolean][] = [
    ['a credit code kept in mixed case is found in upper case', { uscc: '91140500MA0GXYZQ1K', registration_no: 'Jc-0001' }, true],
    ['… and in lower case', { uscc: '91140500ma0gxyzq1k', registration_no: 'Jc-0001' }, true],
    ['an exact key in another case is another record', { uscc: '91140500MA0GXYZQ1K', registration_no: 'JC-0001' }, false],
  ];
  for (const [name, record, found] of keyCases) {
    it(name, () => {
      const [v] = verdicts([{ ...record, holder: '别的公司' }], company, byKey);
      assert.equal(v!.found, found);
      if (found) assert.deepEqual(v!.fields, { holder: 'mismatch' });
      assert.ok(!JSON.stringify(v).includes('宏达'), 'the stored value never leaks');
    });
  }

  it('normalizes dates and empties', () => {
    assert.equal(normalizeForCompare(new Date('1990-01-01T00:00:00Z')), '1990-01-01');
    assert.equal(normalizeForCompare(undefined), null);
  });
});
