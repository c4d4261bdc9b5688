/**
 * The catalog spreadsheet model (§9 目录要素, §10 数据字典, §11 完整性/一致性): every bad-input kind a
 * department's file can have is reported at its exact sheet, row and column, and a good file gives
 * back exactly the bodies it was made from.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ENTRY_COLUMNS, FLAT_SHEET, ITEM_COLUMNS, NAME_COLUMN, cellText, entriesToFlatRows, entriesToRows, flatRowsToEntries, rowsToEntries,
  type Cell, type OutTable, type SheetError, type SheetTable,
} from './sheet.ts';
import { DEFAULT_GRADING_RULES } from '../grading/defaults.ts';
import { normalizeText } from './normalize-text.ts';
import type { CatalogEntryBody } from './types.ts';

const BASIC_DB = { id: '6f1c8a52-2f6e-4d7e-9d3a-1b2c3d4e5f60', name: '人口基础数据库', kind: 'basic' as const };
const ctx = { subjectDatabases: [BASIC_DB], grading: DEFAULT_GRADING_RULES };

/** A consistent body; `undefined` in `over` removes a field (as a file without the cell gives). */
function body(name: string, over: Partial<CatalogEntryBody> = {}): CatalogEntryBody {
  const b: Record<string, unknown> = {
    name,
    summary: `${name}的摘要说明`,
    storageLevel: 'city',
    category: { kind: 'department', item: '01', subItem: '020' },
    grade: 2,
    important: false,
    format: 'database',
    items: [
      { name: 'registration_no', label: '使用登记证编号', type: 'string', length: 32, key: true },
      { name: 'equipment_type', label: '设备类别', type: 'string', length: 20, description: '按《特种设备目录》' },
      { name: 'user_uscc', label: '使用单位统一社会信用代码', type: 'string', length: 18, sensitiveType: 'uscc', masking: 'keep_first_last', maskingParam: 4 },
    ],
    shareType: 'conditional',
    shareScope: '市场监管、应急管理部门履职使用',
    shareMethod: 'api',
    openType: 'closed',
    updateCycle: 'daily',
    ...over,
  };
  for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
  return b as unknown as CatalogEntryBody;
}

const BODIES: CatalogEntryBody[] = [
  body('特种设备使用登记信息', { parallelApproval: true, relatedCodes: ['301020/000001', '301020/000002'], structure: '一张表' }),
  body('人口户籍信息', {
    category: { kind: 'basic', item: '02' }, basicDb: BASIC_DB.id, grade: 3, shareType: 'none', shareScope: undefined,
    notShareBasis: '《中华人民共和国个人信息保护法》', shareMethod: 'table',
    items: [{ name: 'id_number', label: '公民身份号码', type: 'string', length: 18, sensitiveType: 'id_card', masking: 'id_card', key: false }],
  }),
  body('公共自行车站点', { grade: 1, shareType: 'unconditional', shareScope: undefined, openType: 'open', openMethod: '数据下载', updateCycle: 'monthly',
    items: [{ name: 'station_name', label: '站点名称', type: 'string', length: 50 }, { name: 'docks', label: '车桩数', type: 'integer' }] }),
];

const asTable = (t: OutTable): SheetTable => ({ header: t.header, rows: t.rows.map((cells, i) => ({ row: i + 2, cells })) });
const clone = (t: OutTable): OutTable => ({ header: [...t.header], rows: t.rows.map((r) => [...r]) });

function workbook() {
  const out = entriesToRows(BODIES.map((b) => ({ body: b })), { ctx });
  return { entries: clone(out.entries), items: clone(out.items) };
}
const col = (t: OutTable, header: string) => {
  const i = t.header.indexOf(header);
  assert.ok(i >= 0, `no column ${header}`);
  return i;
};
/** Sets the cell of `header` on Excel row `row` (header = row 1). */
function set(t: OutTable, row: number, header: string, value: Cell): OutTable {
  t.rows[row - 2]![col(t, header)] = value;
  return t;
}
const at = (errors: readonly SheetError[]) => errors.map((e) => `${e.sheet}!${e.row}:${e.column}`);

describe('catalog sheets: a good file', () => {
  it('gives back exactly the bodies it was written from (workbook layout)', () => {
    const wb = workbook();
    const r = rowsToEntries(asTable(wb.entries), asTable(wb.items), ctx);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.entries, BODIES);
  });

  it('gives back exactly the bodies it was written from (flat CSV layout, with the export columns)', () => {
    const flat = entriesToFlatRows(BODIES.map((b, i) => ({ body: b, meta: { code: `C${i}`, providerName: '市发展改革委', status: 'draft' as const, version: 1 } })), { ctx, meta: true });
    assert.deepEqual(flat.header.slice(0, 4), ['统一编码', '提供部门', '状态', '版本']);
    const r = flatRowsToEntries(asTable(flat), ctx);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.entries, BODIES);
  });

  it('accepts English values, codes and aliases, and numbers typed into code columns', () => {
    const wb = workbook();
    set(wb.entries, 2, '共享属性', 'Conditional sharing');
    set(wb.entries, 2, '更新周期', 'daily');
    set(wb.entries, 2, '分级', 2);
    set(wb.entries, 2, '项', 1);
    set(wb.entries, 2, '重要数据', 'N');
    set(wb.items, 2, '类型', 'varchar');
    wb.entries.header[col(wb.entries, '摘要')] = '数据资源摘要';
    const r = rowsToEntries(asTable(wb.entries), asTable(wb.items), ctx);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.entries[0], BODIES[0]);
  });

  it('returns warnings separately; they do not block', () => {
    const wb = workbook();
    const before = rowsToEntries(asTable(wb.entries), asTable(wb.items), ctx).warnings;
    set(wb.entries, 3, '所属基础库/主题库', null);
    const r = rowsToEntries(asTable(wb.entries), asTable(wb.items), ctx);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(at(r.warnings).filter((w) => !at(before).includes(w)), ['目录!3:所属基础库/主题库'], '§14 basic entry without its database');
  });

  it('cells are trimmed and their line breaks are \\n in every format', () => {
    assert.equal(cellText('  第一行\r\n第二行\r第三行 '), '第一行\n第二行\n第三行');
    assert.equal(cellText(18), '18');
    assert.equal(cellText(true), '是');
    assert.equal(cellText(null), '');
  });

  it('no two columns of a layout accept the same header', () => {
    for (const columns of [ENTRY_COLUMNS, [NAME_COLUMN, ...ITEM_COLUMNS], [...ENTRY_COLUMNS, ...ITEM_COLUMNS]]) {
      const seen = new Map<string, string>();
      for (const c of columns) {
        for (const s of new Set([c.header, ...c.aliases].map((x) => normalizeText(x) || x))) {
          assert.ok(!seen.has(s) || seen.get(s) === c.header, `"${s}" names both ${seen.get(s)} and ${c.header}`);
          seen.set(s, c.header);
        }
      }
    }
  });
});

interface Case {
  name: string;
  change(wb: { entries: OutTable; items: OutTable }): void;
  /** `sheet!row:column` of every error, in order. */
  expect: string[];
  /** Text the first error's Chinese message contains. */
  says?: string;
}

const CASES: Case[] = [
  { name: 'unknown column (wrong columns)', change: (wb) => { wb.entries.header.push('负责人'); }, expect: ['目录!1:负责人'], says: '未知的列' },
  {
    name: 'missing required column (wrong columns)',
    change: (wb) => { const i = col(wb.entries, '共享属性'); wb.entries.header.splice(i, 1); wb.entries.rows.forEach((r) => r.splice(i, 1)); },
    expect: ['目录!1:共享属性'],
    says: '缺少必填列',
  },
  { name: 'duplicated column', change: (wb) => { wb.items.header[col(wb.items, '描述')] = '类型'; }, expect: ['数据项!1:类型'], says: '重复' },
  { name: 'data under a column without a header', change: (wb) => { wb.items.rows[1]!.push(null, 'x'); }, expect: ['数据项!3:第12列'], says: '没有列名' },
  { name: 'empty required cell', change: (wb) => set(wb.entries, 3, '摘要', '  '), expect: ['目录!3:摘要'], says: '不能为空' },
  { name: 'empty required item cell', change: (wb) => set(wb.items, 4, '数据项中文名称', null), expect: ['数据项!4:数据项中文名称'], says: '不能为空' },
  { name: 'bad enum value lists the accepted labels', change: (wb) => set(wb.entries, 2, '共享属性', '有时共享'), expect: ['目录!2:共享属性'], says: '可选：无条件共享、有条件共享、不予共享' },
  { name: 'bad item enum value', change: (wb) => set(wb.items, 3, '脱敏规则', '打码'), expect: ['数据项!3:脱敏规则'], says: '保留前N位' },
  { name: 'bad yes/no value', change: (wb) => set(wb.entries, 4, '重要数据', '也许'), expect: ['目录!4:重要数据'], says: '「是」或「否」' },
  { name: 'non-numeric length', change: (wb) => set(wb.items, 3, '长度', '二十'), expect: ['数据项!3:长度'], says: '整数' },
  { name: 'fractional length', change: (wb) => set(wb.items, 2, '长度', 3.5), expect: ['数据项!2:长度'] },
  {
    name: 'duplicate entry names in the file (the renamed entry\'s items lose their entry)',
    change: (wb) => set(wb.entries, 4, '数据资源名称', ' 特种设备使用登记信息'),
    expect: ['目录!4:数据资源名称', '数据项!6:数据资源名称', '数据项!7:数据资源名称'],
    says: '与第2行重复',
  },
  { name: 'item of an entry not in the 目录 sheet', change: (wb) => set(wb.items, 4, '数据资源名称', '不存在的目录'), expect: ['数据项!4:数据资源名称'], says: '不存在' },
  {
    name: 'entry without items',
    change: (wb) => { wb.items.rows = wb.items.rows.filter((r) => r[0] !== '人口户籍信息'); },
    expect: ['目录!3:数据资源名称'],
    says: '没有数据项',
  },
  { name: 'unknown subject database', change: (wb) => set(wb.entries, 3, '所属基础库/主题库', '法人库'), expect: ['目录!3:所属基础库/主题库'], says: '人口基础数据库' },
  { name: '§23 有条件共享 without 共享范围 — at the scope cell', change: (wb) => set(wb.entries, 2, '共享范围', null), expect: ['目录!2:共享范围'], says: '§23' },
  { name: '§23 不予共享 without a basis', change: (wb) => set(wb.entries, 3, '不予共享依据', null), expect: ['目录!3:不予共享依据'] },
  { name: 'Sec §27 sensitive item without masking — at the item row', change: (wb) => set(wb.items, 4, '脱敏规则', null), expect: ['数据项!4:脱敏规则'] },
  { name: '§10 text item without length — at the item row', change: (wb) => set(wb.items, 6, '长度', null), expect: ['数据项!6:长度'] },
  { name: '§10 item name format', change: (wb) => set(wb.items, 2, '数据项英文名', 'Reg No'), expect: ['数据项!2:数据项英文名'] },
  { name: '§11 duplicate item name within an entry', change: (wb) => set(wb.items, 3, '数据项英文名', 'registration_no'), expect: ['数据项!3:数据项英文名'] },
  { name: '§13 category sub-item format', change: (wb) => set(wb.entries, 2, '目', '2x'), expect: ['目录!2:目'] },
  { name: '§13 related code', change: (wb) => set(wb.entries, 2, '关联资源代码', '301020/000001、abc'), expect: ['目录!2:关联资源代码'] },
  { name: '§24 L3 data cannot be opened', change: (wb) => set(wb.entries, 3, '开放属性', '有条件开放'), expect: ['目录!3:开放属性', '目录!3:开放属性', '目录!3:开放方式'] },
  {
    name: 'several errors in several rows: all reported, in row order',
    change: (wb) => {
      set(wb.entries, 4, '更新周期', '偶尔');
      set(wb.entries, 2, '存储层级', null);
      set(wb.items, 6, '类型', '长文本');
      set(wb.items, 2, '主键', '可能');
    },
    expect: ['目录!2:存储层级', '目录!4:更新周期', '数据项!2:主键', '数据项!6:类型'],
  },
];

describe('catalog sheets: each bad input is reported at its cell', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const wb = workbook();
      c.change(wb);
      const r = rowsToEntries(asTable(wb.entries), asTable(wb.items), ctx);
      assert.deepEqual(at(r.errors), c.expect, JSON.stringify(r.errors, null, 1));
      if (c.says) assert.ok(r.errors[0]!.zh.includes(c.says), r.errors[0]!.zh);
      for (const e of r.errors) assert.ok(e.en.length > 0);
    });
  }

  it('quotes at most 60 characters of a cell: a hostile header does not make a megabyte error', () => {
    const wb = workbook();
    wb.entries.header.push('A'.repeat(100_000));
    const r = rowsToEntries(asTable(wb.entries), asTable(wb.items), ctx);
    assert.equal(r.errors.length, 1);
    assert.ok(JSON.stringify(r.errors).length < 500, JSON.stringify(r.errors).slice(0, 300));
    assert.match(r.errors[0]!.zh, /A{60}…」/);
  });

  it('an empty file: both sheets without rows but with headers → nothing and no errors', () => {
    const wb = workbook();
    const r = rowsToEntries({ header: wb.entries.header, rows: [] }, { header: wb.items.header, rows: [] }, ctx);
    assert.deepEqual(r, { entries: [], locations: [], errors: [], warnings: [] });
  });
});

describe('catalog sheets: the flat CSV layout', () => {
  const flat = () => clone(entriesToFlatRows(BODIES.map((b) => ({ body: b })), { ctx }));

  it('entry columns must agree across an entry\'s rows; empty cells inherit the first row', () => {
    const t = flat();
    set(t, 3, '共享方式', '库表');
    set(t, 4, '摘要', null);
    const r = flatRowsToEntries(asTable(t), ctx);
    assert.deepEqual(at(r.errors), [`${FLAT_SHEET}!3:共享方式`]);
    assert.ok(r.errors[0]!.zh.includes('第2行'));
  });

  it('the same value written as a code, an alias or the label is no contradiction (有条件 = 有条件共享, 2级 = L2 低敏感)', () => {
    const t = flat();
    set(t, 2, '共享属性', '有条件');
    set(t, 3, '共享属性', 'conditional');
    set(t, 2, '分级', '2级');
    set(t, 3, '分级', 2);
    const r = flatRowsToEntries(asTable(t), ctx);
    assert.deepEqual(r.errors, []);
    assert.equal(r.entries[0]!.shareType, 'conditional');
    assert.equal(r.entries[0]!.grade, 2);
  });

  it('reports item and consistency errors at the item\'s own row', () => {
    const t = flat();
    set(t, 4, '长度', 'abc');
    set(t, 2, '共享范围', null);
    set(t, 3, '共享范围', null);
    set(t, 4, '共享范围', null);
    const r = flatRowsToEntries(asTable(t), ctx);
    assert.deepEqual(at(r.errors), [`${FLAT_SHEET}!2:共享范围`, `${FLAT_SHEET}!4:长度`]);
  });

  it('a row with empty item columns carries no item; an entry with none is an error', () => {
    const t = flat();
    t.rows = t.rows.filter((r) => r[0] !== '公共自行车站点');
    const onlyEntry = entriesToFlatRows([{ body: { ...BODIES[2]!, items: [] } }], { ctx }).rows[0]!;
    t.rows.push(onlyEntry);
    const r = flatRowsToEntries(asTable(t), ctx);
    assert.deepEqual(at(r.errors), [`${FLAT_SHEET}!6:数据资源名称`]);
  });
});
