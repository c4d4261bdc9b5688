/**
 * Chinese and English labels for every catalog vocabulary in types.ts, as data.
 *
 * Why data: the web UI (zh-CN with English switch), the Excel/CSV import and export, and validation
 * messages all need the same words. The Chinese labels follow the regulation's own terms (§9 目录要素,
 * §17 共享方式, §22 共享属性, §24 开放属性; security rules §16 分类分级). `aliases` are other spellings seen
 * in department spreadsheets; `fromLabel` accepts any of them, so a cell saying 有条件共享 imports as
 * 'conditional'.
 */
import {
  CATEGORY_KINDS, DATA_FORMATS, ENTRY_STATUSES, GRADES, ITEM_TYPES, MASKING_RULES, OPEN_TYPES,
  SENSITIVE_TYPES, SHARE_METHODS, SHARE_TYPES, STORAGE_LEVELS, UPDATE_CYCLES,
  type CatalogEntryBody, type CategoryKind, type DataFormat, type DataItem, type EntryStatus, type Grade,
  type ItemType, type MaskingRule, type OpenType, type SensitiveType, type ShareMethod, type ShareType,
  type StorageLevel, type UpdateCycle,
} from './types.ts';
import { normalizeText } from './normalize-text.ts';

export interface Label {
  readonly zh: string;
  readonly en: string;
  /** Other spellings accepted on import (never shown). */
  readonly aliases?: readonly string[];
}

export type LabelTable<K extends string | number> = { readonly [P in K]: Label };

/** A closed vocabulary: its values in display order and their labels. */
export interface Vocabulary<K extends string | number> {
  readonly values: readonly K[];
  readonly labels: LabelTable<K>;
}

/** 存储层级. */
export const STORAGE_LEVEL_LABELS: LabelTable<StorageLevel> = {
  city: { zh: '市级', en: 'City', aliases: ['市', '市级平台'] },
  county: { zh: '县级', en: 'County', aliases: ['县', '县区', '县（市、区）'] },
};

/** 资源分类（类）— 基础 / 主题 / 部门. */
export const CATEGORY_KIND_LABELS: LabelTable<CategoryKind> = {
  basic: { zh: '基础类', en: 'Basic', aliases: ['基础', '基础信息资源', '基础信息资源类', '基础数据'] },
  theme: { zh: '主题类', en: 'Theme', aliases: ['主题', '主题信息资源', '主题信息资源类', '主题数据'] },
  department: { zh: '部门类', en: 'Department', aliases: ['部门', '部门信息资源', '部门信息资源类', '部门数据'] },
};

/** 数据分级 L1–L4 of 一般数据 (security rules §16): 不敏感 … 敏感. */
export const GRADE_LABELS: LabelTable<Grade> = {
  1: { zh: 'L1 不敏感', en: 'L1 Not sensitive', aliases: ['L1', '一级', '第一级', '1级', '不敏感'] },
  2: { zh: 'L2 低敏感', en: 'L2 Low sensitivity', aliases: ['L2', '二级', '第二级', '2级', '低敏感'] },
  3: { zh: 'L3 较敏感', en: 'L3 Moderately sensitive', aliases: ['L3', '三级', '第三级', '3级', '较敏感'] },
  4: { zh: 'L4 敏感', en: 'L4 Sensitive', aliases: ['L4', '四级', '第四级', '4级', '敏感', '高敏感'] },
};

/** 共享属性 (§22). */
export const SHARE_TYPE_LABELS: LabelTable<ShareType> = {
  unconditional: { zh: '无条件共享', en: 'Unconditional sharing', aliases: ['无条件共享类', '无条件'] },
  conditional: { zh: '有条件共享', en: 'Conditional sharing', aliases: ['有条件共享类', '有条件'] },
  none: { zh: '不予共享', en: 'Not shared', aliases: ['不予共享类', '不共享'] },
};

/** 共享方式 (§17), plus 核验 (数据比对, §22). */
export const SHARE_METHOD_LABELS: LabelTable<ShareMethod> = {
  table: { zh: '库表', en: 'Database table', aliases: ['数据库表', '库表共享', '数据库表共享', '前置库'] },
  api: { zh: '接口', en: 'API', aliases: ['服务接口', '接口共享', 'API共享', '服务接口共享'] },
  file: { zh: '文件', en: 'File', aliases: ['文件共享', '文件夹', '文件（或文件夹）共享'] },
  verify: { zh: '核验', en: 'Verification', aliases: ['数据核验', '比对', '数据比对', '核验比对'] },
};

/** 开放属性 (§24). */
export const OPEN_TYPE_LABELS: LabelTable<OpenType> = {
  open: { zh: '无条件开放', en: 'Open', aliases: ['无条件开放类', '开放'] },
  conditional: { zh: '有条件开放', en: 'Conditionally open', aliases: ['有条件开放类'] },
  closed: { zh: '不予开放', en: 'Not open', aliases: ['不予开放类', '不开放'] },
};

/** 更新周期. */
export const UPDATE_CYCLE_LABELS: LabelTable<UpdateCycle> = {
  realtime: { zh: '实时', en: 'Real-time', aliases: ['实时更新'] },
  daily: { zh: '每日', en: 'Daily', aliases: ['日', '每天', '按日'] },
  weekly: { zh: '每周', en: 'Weekly', aliases: ['周', '按周'] },
  monthly: { zh: '每月', en: 'Monthly', aliases: ['月', '按月'] },
  quarterly: { zh: '每季度', en: 'Quarterly', aliases: ['季度', '按季度', '每季'] },
  halfyearly: { zh: '每半年', en: 'Half-yearly', aliases: ['半年', '按半年'] },
  yearly: { zh: '每年', en: 'Yearly', aliases: ['年', '按年', '每年度'] },
  irregular: { zh: '不定期', en: 'Irregular', aliases: ['不定时', '按需'] },
};

/** 数据格式. */
export const DATA_FORMAT_LABELS: LabelTable<DataFormat> = {
  database: { zh: '数据库', en: 'Database', aliases: ['数据库表', '结构化数据'] },
  api: { zh: '接口服务', en: 'API service', aliases: ['接口', '服务接口'] },
  csv: { zh: 'CSV 文件', en: 'CSV file', aliases: ['csv'] },
  xlsx: { zh: 'Excel 表格', en: 'Excel workbook', aliases: ['excel', 'xls', '电子表格'] },
  pdf: { zh: 'PDF 文档', en: 'PDF document', aliases: ['pdf'] },
  docx: { zh: 'Word 文档', en: 'Word document', aliases: ['word', 'doc', '文档'] },
  image: { zh: '图片', en: 'Image', aliases: ['图像', 'jpg', 'png'] },
  video: { zh: '音视频', en: 'Audio / video', aliases: ['视频', '音频'] },
  archive: { zh: '压缩包', en: 'Archive', aliases: ['zip', 'rar', '压缩文件'] },
  'other-file': { zh: '其他文件', en: 'Other file', aliases: ['其他'] },
};

/** 数据项类型. */
export const ITEM_TYPE_LABELS: LabelTable<ItemType> = {
  string: { zh: '字符型', en: 'Text', aliases: ['字符', '字符串', '文本', 'varchar', 'char'] },
  integer: { zh: '整数型', en: 'Integer', aliases: ['整数', '整型', 'int', 'bigint'] },
  decimal: { zh: '数值型', en: 'Decimal', aliases: ['数值', '小数', '浮点型', 'number', 'numeric'] },
  date: { zh: '日期型', en: 'Date', aliases: ['日期'] },
  datetime: { zh: '日期时间型', en: 'Date-time', aliases: ['日期时间', '时间', 'timestamp'] },
  boolean: { zh: '布尔型', en: 'Boolean', aliases: ['布尔', '是否', 'bool'] },
  binary: { zh: '二进制', en: 'Binary', aliases: ['二进制型', 'blob'] },
};

/** 敏感类型 (security rules §25, §27). */
export const SENSITIVE_TYPE_LABELS: LabelTable<SensitiveType> = {
  id_card: { zh: '身份证号', en: 'ID card number', aliases: ['身份证号码', '公民身份号码', '身份证'] },
  phone: { zh: '手机号', en: 'Mobile phone number', aliases: ['手机号码', '联系电话', '电话号码', '手机'] },
  name: { zh: '姓名', en: 'Personal name', aliases: ['人名'] },
  address: { zh: '地址', en: 'Address', aliases: ['住址', '家庭住址', '详细地址'] },
  bank_card: { zh: '银行卡', en: 'Bank card number', aliases: ['银行卡号', '银行账号', '银行账户'] },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code', aliases: ['信用代码'] },
  email: { zh: '电子邮箱', en: 'Email address', aliases: ['邮箱', '电子邮件'] },
  health: { zh: '健康信息', en: 'Health information', aliases: ['医疗健康', '健康', '病历'] },
  location: { zh: '位置信息', en: 'Location', aliases: ['位置', '行踪轨迹', '定位'] },
  other: { zh: '其他', en: 'Other', aliases: ['其他敏感信息'] },
};

/** 脱敏规则; N is `maskingParam`. */
export const MASKING_RULE_LABELS: LabelTable<MaskingRule> = {
  none: { zh: '不脱敏', en: 'No masking', aliases: ['无', '无需脱敏'] },
  keep_first: { zh: '保留前N位', en: 'Keep first N characters', aliases: ['保留前几位'] },
  keep_last: { zh: '保留后N位', en: 'Keep last N characters', aliases: ['保留后几位'] },
  keep_first_last: { zh: '保留首尾N位', en: 'Keep first and last N characters', aliases: ['保留首尾'] },
  id_card: { zh: '身份证号脱敏', en: 'ID card number masking', aliases: ['身份证脱敏'] },
  phone: { zh: '手机号脱敏', en: 'Phone number masking', aliases: ['手机号码脱敏'] },
  name: { zh: '姓名脱敏', en: 'Name masking', aliases: ['保留姓氏'] },
  bank_card: { zh: '银行卡号脱敏', en: 'Bank card masking', aliases: ['银行卡脱敏'] },
  address_district: { zh: '地址保留至区县', en: 'Address to district only', aliases: ['地址脱敏'] },
  date_year: { zh: '日期仅保留年份', en: 'Date to year only', aliases: ['仅保留年份'] },
  hash: { zh: '哈希替换', en: 'Hash', aliases: ['哈希', '散列'] },
  redact: { zh: '全部遮盖', en: 'Redact', aliases: ['遮盖', '掩码'] },
  null: { zh: '置空', en: 'Blank out', aliases: ['清空'] },
};

/** 目录状态 (see lifecycle.ts). */
export const ENTRY_STATUS_LABELS: LabelTable<EntryStatus> = {
  draft: { zh: '草稿', en: 'Draft' },
  pending: { zh: '待审核', en: 'Pending review', aliases: ['审核中', '已提交'] },
  returned: { zh: '已退回', en: 'Returned', aliases: ['退回'] },
  published: { zh: '已发布', en: 'Published', aliases: ['发布'] },
  withdrawing: { zh: '撤销审核中', en: 'Withdrawal pending', aliases: ['撤销中'] },
  withdrawn: { zh: '已撤销', en: 'Withdrawn', aliases: ['撤销'] },
};

/** Every vocabulary by the entry field it belongs to. */
export const VOCABULARIES = {
  storageLevel: { values: STORAGE_LEVELS, labels: STORAGE_LEVEL_LABELS },
  categoryKind: { values: CATEGORY_KINDS, labels: CATEGORY_KIND_LABELS },
  grade: { values: GRADES, labels: GRADE_LABELS },
  shareType: { values: SHARE_TYPES, labels: SHARE_TYPE_LABELS },
  shareMethod: { values: SHARE_METHODS, labels: SHARE_METHOD_LABELS },
  openType: { values: OPEN_TYPES, labels: OPEN_TYPE_LABELS },
  updateCycle: { values: UPDATE_CYCLES, labels: UPDATE_CYCLE_LABELS },
  format: { values: DATA_FORMATS, labels: DATA_FORMAT_LABELS },
  itemType: { values: ITEM_TYPES, labels: ITEM_TYPE_LABELS },
  sensitiveType: { values: SENSITIVE_TYPES, labels: SENSITIVE_TYPE_LABELS },
  masking: { values: MASKING_RULES, labels: MASKING_RULE_LABELS },
  status: { values: ENTRY_STATUSES, labels: ENTRY_STATUS_LABELS },
} as const satisfies Record<string, Vocabulary<string | number>>;

/**
 * Reverse lookup: the value whose Chinese label, English label, alias or own code matches `text`
 * after normalisation (full-width → half-width, case, spaces and punctuation ignored).
 * `undefined` when nothing matches — the importer reports the cell, it never guesses. Numeric cells
 * (a grade typed as 3) are accepted as numbers.
 */
export function fromLabel<K extends string | number>(vocab: Vocabulary<K>, text: string | number): K | undefined {
  const wanted = normalizeText(String(text));
  if (wanted === '') return undefined;
  for (const value of vocab.values) {
    const label = vocab.labels[value];
    const spellings = [String(value), label.zh, label.en, ...(label.aliases ?? [])];
    if (spellings.some((s) => normalizeText(s) === wanted)) return value;
  }
  return undefined;
}

/** The labels of a vocabulary in display order, paired with their values. */
export function entriesOf<K extends string | number>(vocab: Vocabulary<K>): Array<readonly [K, Label]> {
  return vocab.values.map((v) => [v, vocab.labels[v]] as const);
}

/** The label of a value in one language. */
export function labelOf<K extends string | number>(table: LabelTable<K>, value: K, lang: 'zh' | 'en'): string {
  return table[value][lang];
}

/**
 * Names of the entry's fields (§9 目录要素, §10 数据字典). Used for validation messages and as the
 * column headers of the Excel template.
 */
export const ENTRY_FIELD_LABELS: { readonly [K in keyof CatalogEntryBody]-?: Label } = {
  name: { zh: '数据资源名称', en: 'Resource name', aliases: ['资源名称', '信息资源名称'] },
  summary: { zh: '数据资源摘要', en: 'Summary', aliases: ['资源摘要', '摘要', '资源描述'] },
  storageLevel: { zh: '存储层级', en: 'Storage level' },
  category: { zh: '资源分类', en: 'Category', aliases: ['分类'] },
  basicDb: { zh: '所属基础数据库', en: 'Basic database', aliases: ['基础数据库'] },
  themeDb: { zh: '所属主题数据库', en: 'Theme database', aliases: ['主题数据库'] },
  grade: { zh: '数据分级', en: 'Grade', aliases: ['分级', '安全级别'] },
  important: { zh: '重要数据', en: 'Important data', aliases: ['是否重要数据'] },
  core: { zh: '核心数据', en: 'Core data', aliases: ['是否核心数据'] },
  format: { zh: '数据格式', en: 'Data format', aliases: ['格式'] },
  items: { zh: '数据项', en: 'Data items', aliases: ['信息项'] },
  shareType: { zh: '共享属性', en: 'Share type', aliases: ['共享类型'] },
  shareScope: { zh: '共享范围', en: 'Share scope', aliases: ['共享条件'] },
  notShareBasis: { zh: '不予共享依据', en: 'Basis for not sharing', aliases: ['不共享依据'] },
  shareMethod: { zh: '共享方式', en: 'Share method' },
  openType: { zh: '开放属性', en: 'Open type', aliases: ['开放类型'] },
  openMethod: { zh: '开放方式', en: 'Open method' },
  updateCycle: { zh: '更新周期', en: 'Update cycle', aliases: ['更新频率'] },
  parallelApproval: { zh: '用于并联审批/协同办公', en: 'Used in parallel approval', aliases: ['并联审批'] },
  relatedCodes: { zh: '关联资源代码', en: 'Related resource codes', aliases: ['关联资源'] },
  structure: { zh: '数据结构', en: 'Data structure' },
};

/** 资源分类 sub-fields: 类 / 项 / 目. */
export const CATEGORY_FIELD_LABELS = {
  kind: { zh: '资源分类（类）', en: 'Category class' },
  item: { zh: '资源分类（项）', en: 'Category item' },
  subItem: { zh: '资源分类（目）', en: 'Category sub-item' },
} as const satisfies Record<'kind' | 'item' | 'subItem', Label>;

/** Columns of the data dictionary (§10). */
export const ITEM_FIELD_LABELS: { readonly [K in keyof DataItem]-?: Label } = {
  name: { zh: '数据项英文名', en: 'Item name', aliases: ['字段名', '英文名称'] },
  label: { zh: '数据项名称', en: 'Item label', aliases: ['中文名称', '信息项名称'] },
  type: { zh: '数据类型', en: 'Type', aliases: ['类型'] },
  length: { zh: '数据长度', en: 'Length', aliases: ['长度'] },
  description: { zh: '数据项描述', en: 'Description', aliases: ['描述', '说明'] },
  sensitiveType: { zh: '敏感类型', en: 'Sensitive type' },
  masking: { zh: '脱敏规则', en: 'Masking rule', aliases: ['脱敏方式'] },
  maskingParam: { zh: '脱敏参数', en: 'Masking parameter' },
  key: { zh: '主键', en: 'Key', aliases: ['是否主键', '关键字段'] },
};
