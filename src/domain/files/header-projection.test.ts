/** Projection of an uploaded CSV/XLSX header onto a grant (§39; security rules §25) — table-driven. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_GRADING_RULES as R } from '../grading/defaults.ts';
import { effectiveMasking } from '../policy/row-policy.ts';
import { findHeaderRow, HEADER_SEARCH_ROWS, projectedColumns, projectRows, readHeader, rowByItem } from './header-projection.ts';

const items = [
  { name: 'registration_no', label: '登记证编号' },
  { name: 'holder_name', label: '持证单位' },
  { name: 'phone', label: '联系电话' },
];

describe('findHeaderRow: the header may sit under a title, a unit line or notes', () => {
  const title = ['晋城市特种行业许可证登记表', null, null];
  const unit = ['填报单位：晋城市公安局', null, '单位：户'];
  const header = ['登记证编号', '持证单位', '联系电话'];
  const data = ['JC-1', '甲公司', '13800001111'];
  const cases: Array<[string, Array<Array<string | null>>, number | undefined]> = [
    ['header first', [header, data], 0],
    ['under a title', [title, header, data], 1],
    ['under a title, a unit line and an empty row', [title, unit, [], header, data], 3],
    ['the first naming row wins, a later one is data', [title, header, header], 1],
    ['no row names an item: a document', [title, unit, ['说明', '本表为示例']], undefined],
    ['a row naming more items wins over one naming fewer above it', [title, ['登记证编号', null, null], header, data], 2],
    ['nothing at all', [], undefined],
    [`not below row ${HEADER_SEARCH_ROWS}`, [...Array.from({ length: HEADER_SEARCH_ROWS }, () => title), header], undefined],
    [`still at row ${HEADER_SEARCH_ROWS}`, [...Array.from({ length: HEADER_SEARCH_ROWS - 1 }, () => title), header], HEADER_SEARCH_ROWS - 1],
  ];
  for (const [name, rows, index] of cases) {
    it(name, () => {
      const found = findHeaderRow(rows, items);
      assert.equal(found?.index, index);
      if (found) assert.deepEqual(found.header, header);
    });
  }
});

describe('findHeaderRow: a two-level header (多级表头)', () => {
  it('takes the lower row, with a column merged down from the upper row named there', () => {
    // 登记证编号 is merged over rows 2–3 (its text in row 2 only); 持证单位 and 联系电话 sit under the group title 持证信息.
    const rows = [['晋城市特种行业许可证登记表', null, null], ['登记证编号', '持证信息', null], [null, '持证单位', '联系电话'], ['JC-1', '甲公司', '13800001111']];
    const found = findHeaderRow(rows, items)!;
    assert.equal(found.index, 2, 'the data starts below the lower row');
    assert.deepEqual(found.header, ['登记证编号', '持证单位', '联系电话']);
    assert.deepEqual(found.plan.itemAt, ['registration_no', 'holder_name', 'phone']);
  });
});

describe('readHeader + projectedColumns', () => {
  const cases: Array<[string, Array<string | null>, string[], boolean, Array<[number, string]>]> = [
    ['names, all granted', ['registration_no', 'holder_name', 'phone'], ['registration_no', 'holder_name', 'phone'], true, [[0, 'registration_no'], [1, 'holder_name'], [2, 'phone']]],
    ['names, phone not granted: absent', ['registration_no', 'holder_name', 'phone'], ['registration_no', 'holder_name'], true, [[0, 'registration_no'], [1, 'holder_name']]],
    ['Chinese labels, reordered', ['联系电话', '登记证编号'], ['phone', 'registration_no'], true, [[0, 'phone'], [1, 'registration_no']]],
    ['spacing, case and full-width forms do not matter', [' Registration_No ', 'ＰＨＯＮＥ'], ['registration_no', 'phone'], true, [[0, 'registration_no'], [1, 'phone']]],
    ['line breaks and spaces inside a header cell (Alt+Enter in Excel templates) do not matter', ['登记证\n编号', '联系　电话', 'holder _name'], ['registration_no', 'phone'], true, [[0, 'registration_no'], [1, 'phone']]],
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
