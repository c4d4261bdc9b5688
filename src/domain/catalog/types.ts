/**
 * 政务数据资源目录 (catalog entry) — the fields §9 of the data-sharing rules requires every entry to
 * describe, plus the data dictionary of §10 (data items). Field names are part of the API contract
 * (DESIGN.md → Key bodies): add fields freely, never rename these.
 */

/** 存储层级 — where the data is stored: the city platform or a county's. */
export const STORAGE_LEVELS = ['city', 'county'] as const;
export type StorageLevel = (typeof STORAGE_LEVELS)[number];

/** 资源分类 — 基础 / 主题 / 部门 (类), refined by 项 and 目 codes. */
export const CATEGORY_KINDS = ['basic', 'theme', 'department'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** 分级 — L1 (不敏感) … L4 (敏感) of 一般数据 (security rules §16). */
export const GRADES = [1, 2, 3, 4] as const;
export type Grade = (typeof GRADES)[number];

/** 共享属性 (§22): 无条件共享 / 有条件共享 / 不予共享. */
export const SHARE_TYPES = ['unconditional', 'conditional', 'none'] as const;
export type ShareType = (typeof SHARE_TYPES)[number];

/** 共享方式 (§17): 库表 / 接口 / 文件, plus 核验 (比对, §22) for data shared only by verification. */
export const SHARE_METHODS = ['table', 'api', 'file', 'verify'] as const;
export type ShareMethod = (typeof SHARE_METHODS)[number];

/** 开放属性 (§24): 无条件开放 / 有条件开放 / 不予开放. */
export const OPEN_TYPES = ['open', 'conditional', 'closed'] as const;
export type OpenType = (typeof OPEN_TYPES)[number];

/** 更新周期. */
export const UPDATE_CYCLES = [
  'realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'halfyearly', 'yearly', 'irregular',
] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** 数据格式 — what the data physically is; decides which share methods are possible (§11, §17). */
export const DATA_FORMATS = [
  'database', 'api', 'csv', 'xlsx', 'pdf', 'docx', 'image', 'video', 'archive', 'other-file',
] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** 数据项类型. */
export const ITEM_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'binary'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** 敏感类型 of a data item; drives the default masking rule (security rules §25, §27). */
export const SENSITIVE_TYPES = [
  'id_card', 'phone', 'name', 'address', 'bank_card', 'uscc', 'email', 'health', 'location', 'other',
] as const;
export type SensitiveType = (typeof SENSITIVE_TYPES)[number];

/** 脱敏规则 — how an item is masked when delivered. Parameters (N) are carried in `maskingParam`. */
export const MASKING_RULES = [
  'none', 'keep_first', 'keep_last', 'keep_first_last', 'id_card', 'phone', 'name', 'bank_card',
  'address_district', 'date_year', 'hash', 'redact', 'null',
] as const;
export type MaskingRule = (typeof MASKING_RULES)[number];

/** 数据项 — one field of the data dictionary (§10). */
export interface DataItem {
  /** Machine name, e.g. `id_number`: unique within the entry. */
  name: string;
  /** 中文名称, e.g. 公民身份号码. */
  label: string;
  type: ItemType;
  length?: number;
  description?: string;
  sensitiveType?: SensitiveType;
  masking?: MaskingRule;
  maskingParam?: number;
  /** Part of the record's key (used by table exchange and verification). */
  key?: boolean;
}

export interface Category {
  kind: CategoryKind;
  /** 项 — 2-digit code. */
  item?: string;
  /** 目 — 3-digit code. */
  subItem?: string;
}

/** The editable body of a catalog entry version. */
export interface CatalogEntryBody {
  name: string;
  summary: string;
  storageLevel: StorageLevel;
  category: Category;
  /** Id of the 基础数据库 this entry belongs to (§14). */
  basicDb?: string;
  /** Id of the 主题数据库 this entry belongs to (§14). */
  themeDb?: string;
  grade: Grade;
  /** 重要数据 mark. */
  important: boolean;
  /**
   * 核心数据 mark (GB/T 43697). Core data is refused by this platform (security rules §2): an entry
   * marked core is neither saved nor published; the field exists so an import or an editor can say so.
   */
  core?: boolean;
  format: DataFormat;
  items: DataItem[];
  shareType: ShareType;
  /** 共享范围 — required for 有条件共享 (§23). */
  shareScope?: string;
  /** 不予共享依据 — the law, regulation, rule or policy; required for 不予共享 (§23). */
  notShareBasis?: string;
  shareMethod: ShareMethod;
  openType: OpenType;
  openMethod?: string;
  updateCycle: UpdateCycle;
  /** Used in 跨部门并联审批 / 协同办公 — §17 asks for API sharing then. */
  parallelApproval?: boolean;
  /** 关联资源代码 — unified codes of related entries. */
  relatedCodes?: string[];
  /** 数据结构 — free description of the structure (tables, relations), §10. */
  structure?: string;
}

/**
 * What a draft may hold while it is being compiled: anything typed so far, at least a name. It must
 * be a complete CatalogEntryBody (validateEntry without errors) to be submitted for review.
 */
export type EntryDraft = Partial<Omit<CatalogEntryBody, 'items'>> & { name: string; items?: Partial<DataItem>[] };

/** 目录状态 — see domain/catalog/lifecycle.ts for the transitions. */
export const ENTRY_STATUSES = ['draft', 'pending', 'returned', 'published', 'withdrawing', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
