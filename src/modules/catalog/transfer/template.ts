/**
 * The downloadable import template (.xlsx): 「目录」 and 「数据项」 with the §9/§10 columns in Chinese,
 * dropdowns of the Chinese labels for every closed vocabulary, a frozen header, and 「填写说明」
 * explaining each column with the article it comes from, plus one worked example.
 *
 * Why the example lives in 「填写说明」 and not in the data sheets: a template uploaded as is must
 * import nothing rather than a sample entry nobody meant to file.
 */
import ExcelJS from 'exceljs';
import { entriesOf } from '../../../domain/catalog/labels.ts';
import {
  ENTRY_COLUMNS, ENTRY_SHEET, ITEM_COLUMNS, ITEM_SHEET, NAME_COLUMN, entriesToRows, type Column, type OutTable, type SheetContext,
} from '../../../domain/catalog/sheet.ts';
import type { CatalogEntryBody } from '../../../domain/catalog/types.ts';
import { addTableSheet } from './xlsx.ts';

/** Rows the dropdowns cover (the import's item-row limit). */
export const TEMPLATE_ROWS = 20_000;
const OPTIONS_SHEET = '选项';
const GUIDE_SHEET = '填写说明';

/** One consistent entry (passes every §11 rule) — the worked example. */
export const EXAMPLE_ENTRY: CatalogEntryBody = {
  name: '特种设备使用登记信息',
  summary: '全市特种设备使用登记的设备类别、使用单位和登记证编号，供监管部门履职使用',
  storageLevel: 'city',
  category: { kind: 'department', item: '01', subItem: '020' },
  grade: 2,
  important: false,
  format: 'database',
  items: [
    { name: 'registration_no', label: '使用登记证编号', type: 'string', length: 32, key: true, description: '特种设备使用登记证编号' },
    { name: 'equipment_type', label: '设备类别', type: 'string', length: 20, description: '锅炉、压力容器、电梯、起重机械等' },
    { name: 'user_uscc', label: '使用单位统一社会信用代码', type: 'string', length: 18, sensitiveType: 'uscc', masking: 'keep_first_last', maskingParam: 4 },
    { name: 'registered_on', label: '登记日期', type: 'date' },
  ],
  shareType: 'conditional',
  shareScope: '市场监管、应急管理部门履职使用',
  shareMethod: 'api',
  openType: 'closed',
  updateCycle: 'daily',
};

const colLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** The Chinese labels of each dropdown column, in a hidden sheet the validations refer to. */
function addOptionsSheet(wb: ExcelJS.Workbook, columns: readonly Column[]): Map<Column, string> {
  const ws = wb.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });
  const ranges = new Map<Column, string>();
  let n = 0;
  for (const column of columns) {
    if (ranges.has(column)) continue;
    const labels = column.vocab ? entriesOf(column.vocab).map(([, l]) => l.zh) : column.choices;
    if (!labels) continue;
    n += 1;
    const letter = colLetter(n);
    ws.getCell(`${letter}1`).value = column.header;
    labels.forEach((label, i) => { ws.getCell(`${letter}${i + 2}`).value = label; });
    ranges.set(column, `'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${labels.length + 1}`);
  }
  return ranges;
}

/** exceljs has data validations on every worksheet but leaves them out of its typings. */
const validationsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;

function addDropdowns(ws: ExcelJS.Worksheet, header: readonly string[], columns: readonly Column[], ranges: Map<Column, string>): void {
  header.forEach((h, i) => {
    const column = columns.find((c) => c.header === h);
    const range = column && ranges.get(column);
    if (!column || !range) return;
    const letter = colLetter(i + 1);
    validationsOf(ws).add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: !column.required,
      formulae: [range],
      // A warning, not a stop: the importer also accepts English labels and common aliases.
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: column.header,
      error: `请从下拉列表中选择${column.header}`,
      showInputMessage: true,
      promptTitle: column.header,
      prompt: column.note.slice(0, 250),
    });
  });
}

function addGuide(wb: ExcelJS.Workbook, ctx: SheetContext): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.columns = [{ width: 12 }, { width: 20 }, { width: 8 }, { width: 60 }, { width: 48 }, { width: 16 }];
  const lines = [
    '政务数据目录导入模板 — 依据《晋城市政务数据资源共享管理实施细则》第九条至第十一条',
    `1.「${ENTRY_SHEET}」每行一条目录；「${ITEM_SHEET}」每行一个数据项，以「${NAME_COLUMN.header}」关联到所属目录（第十条：同步提供数据字典）。`,
    '2. 红色列名为必填列；带下拉箭头的列请从下拉列表中选择（也接受英文取值）。第一行为列名，请勿修改。',
    '3. 导入时逐行检查完整性和逻辑一致性（第十一条），如有任何错误，将列出全部错误所在的工作表、行和列，且不导入任何目录；全部正确时一次性导入为本部门的草稿，提交审核后由主管部门进行规范性审核并赋统一编码（第十三条）。',
    '4. 也可导入 CSV 文件（UTF-8 或 GBK 编码）：每行一个数据项，目录各列在该目录的每一行重复填写（或留空），同名的行构成一条目录。',
    '5. 文件不超过 10 MB，数据项不超过 20000 行。',
  ];
  lines.forEach((text, i) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 6);
    row.getCell(1).font = i === 0 ? { bold: true, size: 14 } : { size: 11 };
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (i > 0) row.height = 32;
  });
  ws.addRow([]);
  const head = ws.addRow(['工作表', '列名', '必填', '填写说明', '可选值', '依据']);
  head.font = { bold: true };
  head.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } }; });
  const describe = (sheet: string, c: Column) => {
    const values = c.vocab ? entriesOf(c.vocab).map(([, l]) => l.zh).join('、') : c.choices?.join('、') ?? '';
    const row = ws.addRow([sheet, c.header, c.required ? '是' : '', c.note, values, c.article]);
    row.alignment = { wrapText: true, vertical: 'top' };
  };
  for (const c of ENTRY_COLUMNS) describe(ENTRY_SHEET, c);
  describe(ITEM_SHEET, NAME_COLUMN);
  for (const c of ITEM_COLUMNS) describe(ITEM_SHEET, c);

  const example = entriesToRows([{ body: EXAMPLE_ENTRY }], { ctx });
  const table = (title: string, t: OutTable) => {
    ws.addRow([]);
    ws.addRow([title]).font = { bold: true };
    ws.addRow(t.header).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
  };
  table(`示例：「${ENTRY_SHEET}」表中的一行`, example.entries);
  table(`示例：「${ITEM_SHEET}」表中的对应各行`, example.items);
}

export async function buildTemplate(ctx: SheetContext = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GDX 政务数据共享交换平台';
  const empty = entriesToRows([], { ctx });
  const entries = addTableSheet(wb, ENTRY_SHEET, empty.entries, { notes: true });
  const items = addTableSheet(wb, ITEM_SHEET, empty.items, { notes: true });
  addGuide(wb, ctx);
  const ranges = addOptionsSheet(wb, [...ENTRY_COLUMNS, ...ITEM_COLUMNS]);
  addDropdowns(entries, empty.entries.header, ENTRY_COLUMNS, ranges);
  addDropdowns(items, empty.items.header, ITEM_COLUMNS, ranges);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
