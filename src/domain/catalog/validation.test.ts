import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CatalogEntryBody, DataItem } from './types.ts';
import { DEFAULT_GRADING_RULES } from '../grading/defaults.ts';
import { ENTRY_RULES, hasErrors, validateEntry, type Issue, type ValidationContext } from './validation.ts';
import { fieldLabel } from './entry-view.ts';

/** 外部董事人才库 (市国资委): personal data, conditional, masked — valid as it stands. */
const directors = (): CatalogEntryBody => ({
  name: '外部董事人才库',
  summary: '市国资委管理的外部董事人才信息，供国资监管和企业董事会建设使用。',
  storageLevel: 'city',
  category: { kind: 'department', item: '01', subItem: '020' },
  grade: 3,
  important: false,
  format: 'database',
  items: [
    { name: 'person_name', label: '姓名', type: 'string', length: 50, sensitiveType: 'name', masking: 'name' },
    { name: 'id_number', label: '公民身份号码', type: 'string', length: 18, sensitiveType: 'id_card', masking: 'id_card', key: true },
    { name: 'mobile', label: '手机号码', type: 'string', length: 11, sensitiveType: 'phone', masking: 'phone' },
    { name: 'employer', label: '工作单位', type: 'string', length: 200 },
    { name: 'speciality', label: '专业领域', type: 'string', length: 100 },
  ],
  shareType: 'conditional',
  shareScope: '市国资委、市委组织部及市属国有企业',
  shareMethod: 'api',
  openType: 'closed',
  updateCycle: 'monthly',
});

/** 2024 省市重点工程项目名单: public, unconditional, open data — valid as it stands. */
const projects = (): CatalogEntryBody => ({
  name: '2024年省市重点工程项目名单',
  summary: '晋城市2024年省市重点工程项目的名称、类别、层级和建设地点（晋市政办〔2024〕12号）。',
  storageLevel: 'city',
  category: { kind: 'department', item: '03' },
  grade: 1,
  important: false,
  format: 'xlsx',
  items: [
    { name: 'seq', label: '序号', type: 'integer' },
    { name: 'project_name', label: '项目名称', type: 'string', length: 200 },
    { name: 'level', label: '层级', type: 'string', length: 10 },
    { name: 'location', label: '建设地点', type: 'string', length: 200 },
  ],
  shareType: 'unconditional',
  shareMethod: 'file',
  openType: 'open',
  openMethod: '开放平台下载（CSV/JSON/XLSX）',
  updateCycle: 'yearly',
});

type Mutable = { [k: string]: unknown; items?: unknown[]; category?: unknown };
const edit = (make: () => CatalogEntryBody, change: (e: Mutable) => void) => (): unknown => {
  const e = structuredClone(make()) as unknown as Mutable;
  change(e);
  return e;
};
const list = (e: Mutable): unknown[] => {
  assert.ok(Array.isArray(e.items), 'fixture has items');
  return e.items;
};
const cat = (e: Mutable): Record<string, unknown> => {
  assert.ok(typeof e.category === 'object' && e.category !== null, 'fixture has a category');
  return e.category as Record<string, unknown>;
};
const item = (e: Mutable, i: number): Record<string, unknown> => {
  const it = list(e)[i];
  assert.ok(typeof it === 'object' && it !== null, `fixture has item ${i}`);
  return it as Record<string, unknown>;
};

/** Issue as compared: level code field article. */
const key = (i: Issue): string => `${i.level} ${i.code} ${i.field} ${i.article}`;

/** Validation under the built-in grading rules (catalog-rules.test.ts covers an edited set). */
const check = (body: unknown, ctx: Partial<ValidationContext> = {}) => validateEntry(body as CatalogEntryBody, { grading: DEFAULT_GRADING_RULES, ...ctx });

const cases: Array<[title: string, body: () => unknown, expected: string[], ctx?: Partial<ValidationContext>]> = [
  // §9 / §10 / §11 completeness
  ['§9 数据资源名称 is required', edit(directors, (e) => { e.name = '  '; }), ['error REQUIRED name §9']],
  ['§11 命名的准确性: a one-character name is too short', edit(directors, (e) => { e.name = '库'; }), ['error TOO_SHORT name §11']],
  ['§11 a name over 100 characters is too long', edit(directors, (e) => { e.name = '数'.repeat(101); }), ['error TOO_LONG name §11']],
  ['§11 可理解性: a summary is required', edit(directors, (e) => { delete e.summary; }), ['error REQUIRED summary §11']],
  ['§10 数据字典: at least one data item', edit(directors, (e) => { e.items = []; }), ['error REQUIRED items §10']],
  ['§10 数据字典: items missing altogether', edit(directors, (e) => { delete e.items; }), ['error REQUIRED items §10']],
  ['§9 分类 is required', edit(directors, (e) => { delete e.category; }), ['error REQUIRED category.kind §9']],
  ['§9 重要数据 mark is required', edit(directors, (e) => { e.important = null; }), ['error REQUIRED important §9']],
  ['§9 every element of an empty body is reported at once', () => ({}), [
    'error REQUIRED name §9', 'error REQUIRED summary §11', 'error REQUIRED storageLevel §9', 'error REQUIRED category.kind §9',
    'error REQUIRED grade §9', 'error REQUIRED important §9', 'error REQUIRED format §9', 'error REQUIRED items §10',
    'error REQUIRED shareType §9', 'error REQUIRED shareMethod §9', 'error REQUIRED openType §9', 'error REQUIRED updateCycle §9',
  ]],
  ['§11 a grade given as text is invalid', edit(directors, (e) => { e.grade = '3'; }), ['error INVALID_VALUE grade §11']],
  ['§11 a Chinese label where a code is expected is invalid', edit(directors, (e) => { e.shareType = '有条件共享'; }), ['error INVALID_VALUE shareType §11']],
  ['§11 important must be true or false', edit(directors, (e) => { e.important = 'no'; }), ['error INVALID_VALUE important §11']],
  ['§11 the name must be text', edit(directors, (e) => { e.name = 42; }), ['error INVALID_VALUE name §11']],
  ['§11 category must be an object', edit(directors, (e) => { e.category = 'department'; }), ['error REQUIRED category.kind §9', 'error INVALID_VALUE category §11']],
  ['§11 relatedCodes must be a list of codes', edit(directors, (e) => { e.relatedCodes = [42]; }), ['error INVALID_VALUE relatedCodes[0] §11']],
  ['§10 a data item must be an object', edit(directors, (e) => { list(e).push('id'); }), ['error INVALID_VALUE items[5] §11']],
  ['§10 an unknown item type is invalid', edit(directors, (e) => { item(e, 3).type = 'text'; }), ['error INVALID_VALUE items[3].type §11']],
  ['§10 数据项英文名 is required', edit(directors, (e) => { delete item(e, 3).name; }), ['error REQUIRED items[3].name §10']],
  ['§9 数据项名称 is required', edit(directors, (e) => { item(e, 3).label = ''; }), ['error REQUIRED items[3].label §9']],
  ['§10 数据类型 is required', edit(directors, (e) => { delete item(e, 3).type; }), ['error REQUIRED items[3].type §10']],
  ['§10 item names are machine-safe (no capitals)', edit(directors, (e) => { item(e, 3).name = 'Employer'; }), ['error ITEM_NAME_FORMAT items[3].name §10']],
  ['§10 item names start with a letter', edit(directors, (e) => { item(e, 3).name = '1employer'; }), ['error ITEM_NAME_FORMAT items[3].name §10']],
  ['§10 item names are at most 63 characters', edit(directors, (e) => { item(e, 3).name = `a${'b'.repeat(63)}`; }), ['error ITEM_NAME_FORMAT items[3].name §10']],
  ['§10 a 63-character item name is fine', edit(directors, (e) => { item(e, 3).name = `a${'b'.repeat(62)}`; }), []],
  ['§11 item names are unique', edit(directors, (e) => { item(e, 3).name = 'person_name'; }), ['error ITEM_NAME_DUPLICATE items[3].name §11']],
  ['§11 item names are unique regardless of case', edit(directors, (e) => { item(e, 3).name = 'PERSON_NAME'; }), ['error ITEM_NAME_FORMAT items[3].name §10', 'error ITEM_NAME_DUPLICATE items[3].name §11']],
  ['§11 item labels are unique (spaces and full-width ignored)', edit(directors, (e) => { item(e, 3).label = ' 姓 名 '; }), ['error ITEM_LABEL_DUPLICATE items[3].label §11']],
  ['§10 a text item needs a length', edit(directors, (e) => { delete item(e, 3).length; }), ['error ITEM_LENGTH_REQUIRED items[3].length §10']],
  ['§10 length 0 is not a positive integer', edit(directors, (e) => { item(e, 3).length = 0; }), ['error ITEM_LENGTH_INVALID items[3].length §10']],
  ['§10 length 1.5 is not a positive integer', edit(directors, (e) => { item(e, 3).length = 1.5; }), ['error ITEM_LENGTH_INVALID items[3].length §10']],
  ['§10 length "18" (text) is not a positive integer', edit(directors, (e) => { item(e, 3).length = '18'; }), ['error ITEM_LENGTH_INVALID items[3].length §10']],
  ['§10 an integer item needs no length', edit(projects, (e) => { delete item(e, 0).length; }), []],
  ['§11 an item label over 50 characters is too long', edit(directors, (e) => { item(e, 3).label = '单'.repeat(51); }), ['error TOO_LONG items[3].label §11']],
  // §13 category codes
  ['§13 项 is exactly 2 digits', edit(directors, (e) => { cat(e).item = '1'; }), ['error CATEGORY_ITEM_FORMAT category.item §13']],
  ['§13 项 00 is not an item', edit(directors, (e) => { cat(e).item = '00'; }), ['error CATEGORY_ITEM_FORMAT category.item §13']],
  ['§13 目 is exactly 3 digits', edit(directors, (e) => { cat(e).subItem = '20'; }), ['error CATEGORY_SUBITEM_FORMAT category.subItem §13']],
  ['§13 目 requires 项', edit(directors, (e) => { delete cat(e).item; }), ['error CATEGORY_SUBITEM_WITHOUT_ITEM category.item §13']],
  // §14 basic and theme databases
  ['§14 a basic-class entry names its basic database', edit(directors, (e) => { cat(e).kind = 'basic'; }), ['warning BASIC_DB_MISSING basicDb §14']],
  ['§14 a basic-class entry with its basic database is fine', edit(directors, (e) => { cat(e).kind = 'basic'; e.basicDb = 'population'; }), []],
  ['§14 a theme-class entry names its theme database', edit(directors, (e) => { cat(e).kind = 'theme'; }), ['warning THEME_DB_MISSING themeDb §14']],
  ['§14 basicDb and themeDb are mutually exclusive', edit(directors, (e) => { cat(e).kind = 'theme'; e.basicDb = 'population'; e.themeDb = 'credit'; }), ['error DB_BOTH_SET themeDb §14']],
  ['§11 a department-class entry naming a basic database is inconsistent', edit(directors, (e) => { e.basicDb = 'population'; }), ['warning DB_KIND_MISMATCH basicDb §11']],
  // §23 share scope and basis
  ['§23 有条件共享 needs a 共享范围', edit(directors, (e) => { delete e.shareScope; }), ['error SHARE_SCOPE_REQUIRED shareScope §23']],
  ['§23 a blank 共享范围 is no 共享范围', edit(directors, (e) => { e.shareScope = '   '; }), ['error SHARE_SCOPE_REQUIRED shareScope §23']],
  ['§23 不予共享 needs its 法律、法规、规章、政策依据', edit(directors, (e) => { e.shareType = 'none'; delete e.shareScope; }), ['error NOT_SHARE_BASIS_REQUIRED notShareBasis §23']],
  ['§23 不予共享 with its basis is fine, and needs no masking', edit(directors, (e) => {
    e.shareType = 'none'; delete e.shareScope; e.notShareBasis = '《中华人民共和国个人信息保护法》第十三条'; item(e, 1).masking = 'none';
  }), []],
  ['§23 a 共享范围 on 无条件共享 is ignored', edit(projects, (e) => { e.shareScope = '全市'; }), ['warning SHARE_SCOPE_IGNORED shareScope §23']],
  ['§23 a 不予共享依据 on shared data is ignored', edit(projects, (e) => { e.notShareBasis = '无'; }), ['warning NOT_SHARE_BASIS_IGNORED notShareBasis §23']],
  // §17 share method
  ['§17 a PDF can only be shared as a file', edit(directors, (e) => { e.format = 'pdf'; }), ['error FORMAT_METHOD_MISMATCH shareMethod §17']],
  ['§17 a database cannot be shared as a file', edit(directors, (e) => { e.shareMethod = 'file'; }), ['error FORMAT_METHOD_MISMATCH shareMethod §17']],
  ['§17 an API cannot be shared as tables', edit(directors, (e) => { e.format = 'api'; e.shareMethod = 'table'; }), ['error FORMAT_METHOD_MISMATCH shareMethod §17']],
  ['§17 a database may be shared as tables', edit(directors, (e) => { e.shareMethod = 'table'; }), []],
  ['§17 a database may be shared by verification', edit(directors, (e) => { e.shareMethod = 'verify'; }), []],
  ['§17 变化频繁 (daily) data should be shared by API', edit(projects, (e) => { e.updateCycle = 'daily'; }), ['warning SHOULD_USE_API shareMethod §17']],
  ['§17 时效性较强 (realtime) table data should be shared by API', edit(directors, (e) => { e.shareMethod = 'table'; e.updateCycle = 'realtime'; }), ['warning SHOULD_USE_API shareMethod §17']],
  ['§17 跨部门并联审批 data should be shared by API', edit(directors, (e) => { e.shareMethod = 'table'; e.parallelApproval = true; }), ['warning SHOULD_USE_API shareMethod §17']],
  ['§17 realtime data verified through the API is fine', edit(directors, (e) => { e.shareMethod = 'verify'; e.updateCycle = 'realtime'; }), []],
  // §22 verification and masking make data conditional
  ['§22 数据比对 needs a key item to compare on', edit(directors, (e) => { e.shareMethod = 'verify'; delete item(e, 1).key; }), ['error VERIFY_NEEDS_KEY items §22']],
  ['§22 data shared only by 比对 is 有条件共享', edit(directors, (e) => { e.shareMethod = 'verify'; e.shareType = 'unconditional'; delete e.shareScope; }), [
    'warning VERIFY_SHOULD_BE_CONDITIONAL shareType §22', 'warning MASKED_SHOULD_BE_CONDITIONAL shareType §22',
    'error SHARE_GRADE_UNCONDITIONAL shareType Sec §27',
  ]],
  ['§22 data needing 脱敏 is 有条件共享', edit(projects, (e) => {
    list(e).push({ name: 'contact_phone', label: '联系电话', type: 'string', length: 11, sensitiveType: 'phone', masking: 'phone' });
  }), ['warning MASKED_SHOULD_BE_CONDITIONAL shareType §22']],
  // §13 related codes
  ['§13 关联资源代码 follow the unified code', edit(directors, (e) => { e.relatedCodes = ['301020/000042', '100000/000001']; }), []],
  ['§13 a 关联资源代码 off the coding rule is an error', edit(directors, (e) => { e.relatedCodes = ['301020/000042', '301020-42']; }), ['error RELATED_CODE_INVALID relatedCodes[1] §13']],
  ['§13 关联资源代码 follow the authority’s own coding rule', edit(directors, (e) => { e.relatedCodes = ['JC0001']; }), [], { codingRule: { pattern: 'JC{seq:4}' } }],
  // §24 / security rules §28: opening
  ['Sec §28 L3 data cannot be opened', edit(directors, (e) => { e.openType = 'open'; e.openMethod = '下载'; }), ['error OPEN_GRADE_TOO_HIGH openType Sec §28']],
  ['Sec §28 L4 data cannot be opened even conditionally', edit(directors, (e) => { e.grade = 4; e.openType = 'conditional'; e.openMethod = '申请'; }), ['error OPEN_GRADE_TOO_HIGH openType Sec §28']],
  ['Sec §28 L2 data only 有条件开放', edit(projects, (e) => { e.grade = 2; }), ['error OPEN_GRADE2_UNCONDITIONAL openType Sec §28']],
  ['Sec §28 L2 data may be 有条件开放', edit(projects, (e) => { e.grade = 2; e.openType = 'conditional'; }), []],
  ['Sec §28 重要数据 cannot be opened', edit(projects, (e) => { e.important = true; }), [
    'error OPEN_IMPORTANT openType Sec §28', 'error SHARE_GRADE_UNCONDITIONAL shareType Sec §27', 'warning IMPORTANT_GRADE_TOO_LOW grade Sec §16',
  ]],
  ['§24 不予共享 data cannot be opened', edit(projects, (e) => { e.shareType = 'none'; e.notShareBasis = '依申请公开'; }), ['error OPEN_NOT_SHARED openType §24']],
  ['§9 开放方式 is required when opened', edit(projects, (e) => { delete e.openMethod; }), ['error OPEN_METHOD_REQUIRED openMethod §9']],
  ['§9 opened L3 data without a method reports both', edit(directors, (e) => { e.openType = 'open'; }), ['error OPEN_GRADE_TOO_HIGH openType Sec §28', 'error OPEN_METHOD_REQUIRED openMethod §9']],
  ['§9 an 开放方式 on 不予开放 is ignored', edit(projects, (e) => { e.openType = 'closed'; }), ['warning OPEN_METHOD_IGNORED openMethod §9']],
  // security rules §25, §27 masking; §16 grading
  ['Sec §27 a sensitive item needs masking (none is no masking)', edit(directors, (e) => { item(e, 1).masking = 'none'; }), ['error MASKING_REQUIRED items[1].masking Sec §27']],
  ['Sec §27 a sensitive item needs masking (missing)', edit(directors, (e) => { delete item(e, 1).masking; }), ['error MASKING_REQUIRED items[1].masking Sec §27']],
  ['Sec §27 an unknown masking rule is reported once, as invalid', edit(directors, (e) => { item(e, 1).masking = 'stars'; }), ['error INVALID_VALUE items[1].masking §11']],
  ['Sec §25 保留前N位 needs N', edit(directors, (e) => { item(e, 1).masking = 'keep_first'; }), ['error MASKING_PARAM_REQUIRED items[1].maskingParam Sec §25']],
  ['Sec §25 保留首尾N位 needs N ≥ 1', edit(directors, (e) => { item(e, 1).masking = 'keep_first_last'; item(e, 1).maskingParam = 0; }), ['error MASKING_PARAM_REQUIRED items[1].maskingParam Sec §25']],
  ['Sec §25 保留后N位 with N = 4 is fine', edit(directors, (e) => { item(e, 1).masking = 'keep_last'; item(e, 1).maskingParam = 4; }), []],
  ['Sec §25 keeping 9+9 of 18 characters masks nothing', edit(directors, (e) => { item(e, 1).masking = 'keep_first_last'; item(e, 1).maskingParam = 9; }), ['warning MASKING_INEFFECTIVE items[1].maskingParam Sec §25']],
  ['Sec §25 a text masking rule on a number is an error', edit(directors, (e) => {
    list(e).push({ name: 'age', label: '年龄', type: 'integer', masking: 'keep_first', maskingParam: 1 });
  }), ['error MASKING_TYPE_MISMATCH items[5].masking Sec §25']],
  ['Sec §25 hashing a number is fine', edit(directors, (e) => { list(e).push({ name: 'age', label: '年龄', type: 'integer', masking: 'hash' }); }), []],
  ['Sec §16 身份证号 in an L1 entry: the grade seems too low', edit(directors, (e) => { e.grade = 1; }), ['warning GRADE_TOO_LOW grade Sec §16']],
  ['Sec §16 身份证号 in an L2 entry is fine', edit(directors, (e) => { e.grade = 2; }), []],
  ['Sec §16 a phone number alone does not raise the grade', edit(directors, (e) => { e.grade = 1; list(e).splice(0, 2); }), []],
];

test('§11 the two fixtures are complete and consistent', () => {
  assert.deepEqual(check(directors()), []);
  assert.deepEqual(check(projects()), []);
});

for (const [title, body, expected, ctx] of cases) {
  test(title, () => {
    const issues = check(body(), ctx);
    assert.deepEqual(issues.map(key), expected);
    assert.equal(hasErrors(issues), expected.some((k) => k.startsWith('error')));
  });
}

test('§11 every message names its field in Chinese and English', () => {
  const unnamed: string[] = [];
  for (const [title, body, , ctx] of cases) {
    for (const i of check(body(), ctx)) {
      const l = fieldLabel(i.field);
      if (!i.zh.includes(l.zh)) unnamed.push(`${title}: zh "${i.zh}" lacks ${l.zh}`);
      if (!i.en.toLowerCase().includes(l.en.toLowerCase())) unnamed.push(`${title}: en "${i.en}" lacks ${l.en}`);
    }
  }
  assert.deepEqual(unnamed, []);
});

test('§11 a body that is not an object is reported, not thrown', () => {
  for (const junk of [null, undefined, 'entry', 42, []]) {
    const issues = check(junk);
    assert.ok(issues.some((i) => i.code === 'REQUIRED' && i.field === 'name'), String(junk));
  }
});

test('§11 rules are data: unique codes, a level and an article each', () => {
  const codes = ENTRY_RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const r of ENTRY_RULES) {
    assert.match(r.article, /^(Sec )?§\d+$/, r.code);
    assert.ok(r.level === 'error' || r.level === 'warning');
  }
});

test('§11 hasErrors is false for warnings only', () => {
  const warning: Issue = { level: 'warning', code: 'X', field: 'name', zh: '提示', en: 'note', article: '§11' };
  assert.equal(hasErrors([]), false);
  assert.equal(hasErrors([warning]), false);
  assert.equal(hasErrors([warning, { ...warning, level: 'error' }]), true);
});

test('§10 items are typed DataItem in the fixtures (compile-time guard)', () => {
  const items: DataItem[] = directors().items;
  assert.equal(items.length, 5);
});
