/**
 * The columns of the catalog spreadsheet (Excel template, import, export) as data: one row per
 * column with its Chinese header, the body path it fills, how a cell is read and written, and the
 * explanation shown in the template's 「填写说明」 sheet with the article it comes from.
 *
 * Why data: the template, the importer, the exporter, the error locations and the instructions all
 * walk the same list, so a column added here appears everywhere and they never disagree.
 * Cells hold the Chinese labels of labels.ts (有条件共享, 库表, 每日, L2 低敏感); the importer also
 * accepts the English labels, the codes and the aliases departments use (labels.ts `fromLabel`).
 */
import { ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS, VOCABULARIES, entriesOf, fromLabel, type Label, type Vocabulary } from './labels.ts';
import { normalizeText } from './normalize-text.ts';

/** A spreadsheet cell as the readers hand it over (dates and rich text already turned into text). */
export type Cell = string | number | boolean | null;

export interface SubjectDbRef {
  id: string;
  name: string;
  kind: 'basic' | 'theme';
}

/** What the columns need to know beyond the cell itself. */
export interface SheetContext {
  /** 基础数据库 / 主题数据库 (§14): the sheet names them, the body holds their id. */
  subjectDatabases?: readonly SubjectDbRef[];
}

export type Parsed = { ok: true; value: unknown } | { ok: false; zh: string; en: string };

export interface Column {
  /** Header written in the template and the export. */
  readonly header: string;
  readonly en: string;
  /** Other headers accepted on import (compared after normalizeText). */
  readonly aliases: readonly string[];
  /** Body paths the column fills; validation issues on these paths are reported at this column. */
  readonly paths: readonly string[];
  /** An empty cell is an error. */
  readonly required: boolean;
  /** Closed vocabulary: the template offers its Chinese labels in a dropdown. */
  readonly vocab?: Vocabulary<string | number>;
  /** Fixed dropdown choices that are not a vocabulary (是/否). */
  readonly choices?: readonly string[];
  /** Cells are text even when they look like numbers (项 "01" must not become 1). */
  readonly textFormat?: boolean;
  readonly width: number;
  readonly article: string;
  readonly note: string;
  /** Non-empty trimmed cell text → value, or why it is not acceptable. */
  parse(text: string, ctx: SheetContext): Parsed;
  /** Writes the parsed value into the body being built. */
  assign(target: Record<string, unknown>, value: unknown): void;
  /** The cell for a body (export and the template's example). */
  format(body: Readonly<Record<string, unknown>>, ctx: SheetContext): Cell;
}

// ---------------------------------------------------------------------------------------------
// Paths and cells

export function getPath(obj: Readonly<Record<string, unknown>>, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (typeof next === 'object' && next !== null) cur = next as Record<string, unknown>;
    else cur = cur[key] = {};
  }
  cur[keys[keys.length - 1]!] = value;
}

/**
 * The trimmed text of a cell; numbers as written, booleans as 是/否. Line breaks become \n whatever
 * the file used (XML inside an .xlsx already turns \r\n into \n; a CSV keeps it), so both
 * formats give the same text.
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return String(cell).replace(/\r\n?/g, '\n').trim();
}

const ok = (value: unknown): Parsed => ({ ok: true, value });

// ---------------------------------------------------------------------------------------------
// Column kinds

interface Base {
  header: string;
  label: Label;
  path: string;
  required?: boolean;
  extraAliases?: readonly string[];
  width?: number;
  article: string;
  note: string;
}

function base(b: Base): Omit<Column, 'parse' | 'format'> {
  return {
    header: b.header,
    en: b.label.en,
    aliases: [b.label.zh, b.label.en, ...(b.label.aliases ?? []), ...(b.extraAliases ?? [])],
    paths: [b.path],
    required: b.required ?? false,
    width: b.width ?? 14,
    article: b.article,
    note: b.note,
    assign: (target, value) => setPath(target, b.path, value),
  };
}

function textColumn(b: Base & { max?: number; textFormat?: boolean; pad?: number }): Column {
  return {
    ...base(b),
    ...(b.textFormat ? { textFormat: true } : {}),
    parse(text) {
      // Excel turns a typed 01 into the number 1: give the code its leading zeros back (§13 项/目 codes).
      const value = b.pad && /^\d+$/.test(text) && text.length < b.pad ? text.padStart(b.pad, '0') : text;
      if (b.max !== undefined && [...value].length > b.max) {
        return { ok: false, zh: `「${b.header}」不能超过 ${b.max} 个字`, en: `${b.label.en} must not exceed ${b.max} characters` };
      }
      return ok(value);
    },
    format: (body) => {
      const v = getPath(body, b.path);
      return typeof v === 'string' ? v : null;
    },
  };
}

export function acceptedLabels(vocab: Vocabulary<string | number>): { zh: string; en: string } {
  const labels = entriesOf(vocab).map(([, l]) => l);
  return { zh: labels.map((l) => l.zh).join('、'), en: labels.map((l) => `${l.zh} (${l.en})`).join(', ') };
}

function choiceColumn(b: Base & { vocab: Vocabulary<string | number> }): Column {
  return {
    ...base(b),
    vocab: b.vocab,
    parse(text) {
      const value = fromLabel(b.vocab, text);
      if (value !== undefined) return ok(value);
      const accepted = acceptedLabels(b.vocab);
      return {
        ok: false,
        zh: `「${b.header}」的取值「${text}」无效，可选：${accepted.zh}`,
        en: `${b.label.en}: "${text}" is not a valid value; accepted: ${accepted.en}`,
      };
    },
    format: (body) => {
      const v = getPath(body, b.path);
      const label = (b.vocab.labels as Record<string, Label | undefined>)[String(v)];
      return label ? label.zh : v === undefined || v === null ? null : String(v);
    },
  };
}

/** Compared like labels; symbols such as √ normalise to nothing, so they are kept as typed. */
const norm = (s: string): string => normalizeText(s) || s;
const YES = ['是', 'y', 'yes', 'true', '1', '√', '✓'].map(norm);
const NO = ['否', 'n', 'no', 'false', '0', '×', '✗'].map(norm);

function yesNoColumn(b: Base): Column {
  return {
    ...base(b),
    choices: ['是', '否'],
    parse(text) {
      const t = norm(text);
      if (YES.includes(t)) return ok(true);
      if (NO.includes(t)) return ok(false);
      return { ok: false, zh: `「${b.header}」应填写「是」或「否」，而不是「${text}」`, en: `${b.label.en}: expected 是 (yes) or 否 (no), not "${text}"` };
    },
    format: (body) => {
      const v = getPath(body, b.path);
      return v === true ? '是' : v === false ? '否' : null;
    },
  };
}

function integerColumn(b: Base & { min: number; max: number }): Column {
  return {
    ...base(b),
    parse(text) {
      const n = Number(text.replace(/[,，\s]/g, ''));
      if (/^[+-]?[\d,，\s]+(\.0*)?$/.test(text) && Number.isSafeInteger(n) && n >= b.min && n <= b.max) return ok(n);
      return { ok: false, zh: `「${b.header}」应为 ${b.min}–${b.max} 的整数，而不是「${text}」`, en: `${b.label.en}: expected a whole number ${b.min}–${b.max}, not "${text}"` };
    },
    format: (body) => {
      const v = getPath(body, b.path);
      return typeof v === 'number' ? v : null;
    },
  };
}

/** 关联资源代码: several codes in one cell, separated by 、 (also , ， ; ； or new lines). */
function codeListColumn(b: Base & { maxCodes: number; maxLength: number }): Column {
  return {
    ...base(b),
    parse(text) {
      const codes = text.split(/[、,，;；\r\n]+/).map((c) => c.trim()).filter((c) => c !== '');
      if (codes.length > b.maxCodes) {
        return { ok: false, zh: `「${b.header}」最多 ${b.maxCodes} 个`, en: `${b.label.en}: at most ${b.maxCodes} codes` };
      }
      const long = codes.find((c) => c.length > b.maxLength);
      if (long) return { ok: false, zh: `「${b.header}」中的代码「${long}」过长`, en: `${b.label.en}: code "${long}" is too long` };
      return ok(codes);
    },
    format: (body) => {
      const v = getPath(body, b.path);
      return Array.isArray(v) && v.length ? v.join('、') : null;
    },
  };
}

/**
 * 所属基础库/主题库 (§14): one column naming either kind of subject database; the database's own
 * kind decides whether the body gets basicDb or themeDb.
 */
function subjectDbColumn(b: Omit<Base, 'path' | 'label'>): Column {
  const label: Label = { zh: b.header, en: 'Basic or theme database', aliases: [
    ENTRY_FIELD_LABELS.basicDb.zh, ENTRY_FIELD_LABELS.themeDb.zh, '所属数据库', '基础库/主题库', '所属基础库', '所属主题库'] };
  return {
    ...base({ ...b, label, path: 'basicDb' }),
    paths: ['basicDb', 'themeDb'],
    parse(text, ctx) {
      const wanted = norm(text);
      const found = (ctx.subjectDatabases ?? []).find((d) => d.id === text || norm(d.name) === wanted);
      if (found) return ok(found);
      const known = (ctx.subjectDatabases ?? []).map((d) => d.name);
      return {
        ok: false,
        zh: `基础数据库或主题数据库「${text}」不存在${known.length ? `，现有：${known.join('、')}` : ''}`,
        en: `no basic or theme database named "${text}"${known.length ? `; known: ${known.join(', ')}` : ''}`,
      };
    },
    assign(target, value) {
      const db = value as SubjectDbRef;
      target[db.kind === 'basic' ? 'basicDb' : 'themeDb'] = db.id;
    },
    format(body, ctx) {
      const id = body.basicDb ?? body.themeDb;
      if (typeof id !== 'string') return null;
      return (ctx.subjectDatabases ?? []).find((d) => d.id === id)?.name ?? id;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The two sheets

export const ENTRY_SHEET = '目录';
export const ITEM_SHEET = '数据项';
export const FLAT_SHEET = 'CSV';

const L = ENTRY_FIELD_LABELS;
const I = ITEM_FIELD_LABELS;
const V = VOCABULARIES;

/** The entry's link column in 「数据项」 (and the key of a CSV row group): the entry's name. */
export const NAME_COLUMN: Column = textColumn({
  header: '数据资源名称', label: L.name, path: 'name', required: true, width: 28, article: '§9、§11',
  note: '目录名称，准确反映数据内容，2–100 字；同一文件内不得重复。「数据项」表以此列关联到目录。',
});

/** 「目录」: one row per entry (§9 目录要素). */
export const ENTRY_COLUMNS: readonly Column[] = [
  NAME_COLUMN,
  textColumn({ header: '摘要', label: L.summary, path: 'summary', required: true, width: 40, article: '§11', note: '数据内容的说明，使他人能够理解（描述的可理解性）。' }),
  choiceColumn({ header: '存储层级', label: L.storageLevel, path: 'storageLevel', vocab: V.storageLevel, required: true, article: '§9', note: '数据存储在市级还是县级平台。' }),
  choiceColumn({ header: '资源分类', label: L.category, path: 'category.kind', vocab: V.categoryKind, required: true, extraAliases: ['资源分类（类）', '类'], article: '§9、§13', note: '资源分类的「类」：基础类、主题类或部门类。' }),
  textColumn({ header: '项', label: { zh: '资源分类（项）', en: 'Category item' }, path: 'category.item', extraAliases: ['分类项'], textFormat: true, pad: 2, width: 8, article: '§13', note: '资源分类的「项」，2 位数字（01–99），参与统一编码。' }),
  textColumn({ header: '目', label: { zh: '资源分类（目）', en: 'Category sub-item' }, path: 'category.subItem', extraAliases: ['分类目'], textFormat: true, pad: 3, width: 8, article: '§13', note: '资源分类的「目」，3 位数字（001–999）；填写「目」须同时填写「项」。' }),
  subjectDbColumn({ header: '所属基础库/主题库', width: 22, article: '§14', note: '基础类、主题类目录填写所属基础数据库或主题数据库的名称；其目录由牵头部门编制、维护。' }),
  choiceColumn({ header: '分级', label: L.grade, path: 'grade', vocab: V.grade, required: true, width: 16, article: '安全细则§16', note: '数据分级 L1（不敏感）至 L4（敏感）；含个人信息等敏感数据项的目录分级不得过低。' }),
  yesNoColumn({ header: '重要数据', label: L.important, path: 'important', required: true, width: 10, article: '安全细则§16', note: '是否为重要数据，填「是」或「否」。' }),
  choiceColumn({ header: '数据格式', label: L.format, path: 'format', vocab: V.format, required: true, article: '§9、§17', note: '数据的物理形态；决定可用的共享方式（如文件类数据不能以库表方式共享）。' }),
  choiceColumn({ header: '共享属性', label: L.shareType, path: 'shareType', vocab: V.shareType, required: true, article: '§22', note: '无条件共享、有条件共享或不予共享。' }),
  textColumn({ header: '共享范围', label: L.shareScope, path: 'shareScope', width: 30, article: '§23', note: '有条件共享类必须标明共享范围（共享条件）。' }),
  textColumn({ header: '不予共享依据', label: L.notShareBasis, path: 'notShareBasis', width: 30, article: '§23', note: '不予共享类必须提供法律、法规、规章、政策等依据。' }),
  choiceColumn({ header: '共享方式', label: L.shareMethod, path: 'shareMethod', vocab: V.shareMethod, required: true, article: '§17', note: '库表、接口、文件或核验。变化频繁、时效性强或用于并联审批的数据应采用接口方式。' }),
  choiceColumn({ header: '开放属性', label: L.openType, path: 'openType', vocab: V.openType, required: true, article: '§24', note: '无条件开放、有条件开放或不予开放。' }),
  textColumn({ header: '开放方式', label: L.openMethod, path: 'openMethod', width: 16, article: '§24', note: '向社会开放的方式，如数据下载、接口调用。' }),
  choiceColumn({ header: '更新周期', label: L.updateCycle, path: 'updateCycle', vocab: V.updateCycle, required: true, width: 12, article: '§9、§12', note: '实时、每日、每周、每月、每季度、每半年、每年或不定期。' }),
  yesNoColumn({ header: '并联审批', label: L.parallelApproval, path: 'parallelApproval', width: 10, article: '§17', note: '是否用于跨部门并联审批或协同办公；是则应采用接口方式共享。' }),
  codeListColumn({ header: '关联资源代码', label: L.relatedCodes, path: 'relatedCodes', maxCodes: 50, maxLength: 40, width: 24, article: '§13', note: '相关目录的统一编码，多个以「、」分隔。' }),
  // 5000: the API's limit for 数据结构 (modules/catalog/schemas.ts), stricter than the rule's 20000.
  textColumn({ header: '数据结构', label: L.structure, path: 'structure', max: 5000, width: 30, article: '§10', note: '数据结构说明（表、关系等），随目录同步提供。' }),
];

/** 「数据项」: one row per data item (§10 数据字典); the first column links it to its entry. */
export const ITEM_COLUMNS: readonly Column[] = [
  textColumn({ header: '数据项英文名', label: I.name, path: 'name', required: true, width: 20, article: '§10', note: '机器名：小写字母开头，只含小写字母、数字和下划线；同一目录内不得重复。' }),
  textColumn({ header: '数据项中文名称', label: I.label, path: 'label', required: true, extraAliases: ['数据项中文名'], width: 20, article: '§9', note: '数据项的中文名称，如「公民身份号码」。' }),
  choiceColumn({ header: '类型', label: I.type, path: 'type', vocab: V.itemType, required: true, width: 12, article: '§10', note: '字符型、整数型、数值型、日期型、日期时间型、布尔型或二进制。' }),
  integerColumn({ header: '长度', label: I.length, path: 'length', min: 1, max: 1_000_000, width: 8, article: '§10', note: '字符型必须填写长度（正整数）。' }),
  textColumn({ header: '描述', label: I.description, path: 'description', width: 30, article: '§10', note: '数据项的含义、取值说明。' }),
  choiceColumn({ header: '敏感类型', label: I.sensitiveType, path: 'sensitiveType', vocab: V.sensitiveType, width: 14, article: '安全细则§25、§27', note: '含个人信息等敏感内容时填写，如身份证号、手机号、姓名。' }),
  choiceColumn({ header: '脱敏规则', label: I.masking, path: 'masking', vocab: V.masking, width: 16, article: '安全细则§25、§27', note: '提供时的脱敏方式；敏感数据项共享、开放前须脱敏。' }),
  integerColumn({ header: '脱敏参数', label: I.maskingParam, path: 'maskingParam', min: 0, max: 64, width: 10, article: '安全细则§27', note: '「保留前N位」等规则的 N。' }),
  yesNoColumn({ header: '主键', label: I.key, path: 'key', width: 8, article: '§10', note: '是否为记录的主键（库表同步、核验比对使用），填「是」或「否」。' }),
];

/** Columns the export puts first; the importer recognises and ignores them (the platform assigns them). */
export const EXPORT_ONLY_COLUMNS = [
  { header: '统一编码', en: 'Unified code', aliases: ['资源代码', '编码', 'code'], width: 18 },
  { header: '提供部门', en: 'Provider', aliases: ['提供单位', '部门', 'provider'], width: 24 },
  { header: '状态', en: 'Status', aliases: ['目录状态', 'status'], width: 10 },
  { header: '版本', en: 'Version', aliases: ['version'], width: 6 },
] as const;

export const MAX_ITEMS_PER_ENTRY = 500;
