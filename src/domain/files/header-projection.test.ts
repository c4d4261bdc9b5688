/** Projection of an uploaded CSV/XLSX header onto a grant (§39; security rules §25) — table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GRADING_RULES as R } from '../grading/defaults.ts';
import { effectiveMasking } from '../policy/row-policy.ts';
import { projectedColumns, projectRows, readHeader, rowByItem } from './header-projection.ts';

const items = [
  { name: 'registration_no', label: '登记证编号' },
  { name: 'holder_name', label: '持证单位' },
  { name: 'phone', label: '联系电话' },
];

describe('readHeader + projectedColumns', () => {
  const cases: Array<[string, Array<string | null>, string[], boolean, Array<[number, string]>]> = [
    ['names, all granted', ['registration_no', 'holder_name', 'phone'], ['registration_no', 'holder_name', 'phone'], true, [[0, 'registration_no'], [1, 'holder_name'], [2, 'phone']]],
    ['names, phone not granted: absent', ['registration_no', 'holder_name', 'phone'], ['registration_no', 'holder_name'], true, [[0, 'registration_no'], [1, 'holder_name']]],
    ['Chinese labels, reordered', ['联系电话', '登记证编号'], ['phone', 'registration_no'], true, [[0, 'phone'], [1, 'registration_no']]],
    ['spacing, case and full-width forms do not matter', [' Registration_No ', 'ＰＨＯＮＥ'], ['registration_no', 'phone'], true, [[0, 'registration_no'], [1, 'phone']]],
    ['an unknown column is never delivered', ['registration_no', '备注', 'holder_name'], ['registration_no', 'holder_name'], true, [[0, 'registration_no'], [2, 'holder_name']]],
    ['a second column claiming an item is dropped', ['phone', '联系电话'], ['phone'], true, [[0, 'phone']]],
    ['no item named: a document, not structured', ['标题', '内容', null], ['phone'], false, []],
    ['empty header', [], ['phone'], false, []],
  ];
  for (const [name, header, granted, structured, expected] of cases) {
    it(name, () => {
      const plan = readHeader(header, items);
      assert.equal(plan.structured, structured);
      assert.deepEqual(projectedColumns(plan, header, granted).map((c) => [c.index, c.item]), expected);
    });
  }

  it('keeps the provider\'s header text and reads every item column of a row for the row scope', () => {
    const header = ['登记证编号', '联系电话', '备注'];
    const plan = readHeader(header, items);
    assert.deepEqual(projectedColumns(plan, header, ['phone']), [{ index: 1, item: 'phone', header: '联系电话' }]);
    assert.deepEqual(rowByItem(plan, ['JC-1', '138', 'x']), { registration_no: 'JC-1', phone: '138' });
    assert.deepEqual(rowByItem(plan, ['JC-2']), { registration_no: 'JC-2', phone: null });
  });
});

describe('projectRows', () => {
  it('keeps rows inside the scope, cuts to granted columns and masks them (security rules §25, §27)', () => {
    const header = ['登记证编号', '持证单位', '联系电话', '备注'];
    const plan = readHeader(header, items);
    const columns = projectedColumns(plan, header, ['registration_no', 'phone']);
    const { masking } = effectiveMasking([{ name: 'registration_no' }, { name: 'holder_name' }, { name: 'phone', sensitiveType: 'phone', masking: 'phone' }], R);
    const rows = [['JC-1', '甲', '13800001111', 'x'], ['JC-2', '乙', '13900002222', 'y'], ['JC-3', '甲', null, 'z']];
    const scope = [{ item: 'holder_name', op: 'eq' as const, values: ['甲'] }];
    assert.deepEqual(projectRows(rows, plan, columns, scope, masking, 'salt'), [['JC-1', '138****1111'], ['JC-3', null]]);
    assert.deepEqual(projectRows(rows, plan, columns, [{ item: 'other_item', op: 'eq', values: ['1'] }], masking, 'salt'), [], 'a scope on an item the file lacks lets nothing through');
  });
});
