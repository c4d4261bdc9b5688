/**
 * The shape validation rules read, and the plumbing they share.
 *
 * Why a view: validation must run on incomplete or malformed bodies — a draft saved half-way, a row
 * of a department's Excel sheet — and still report everything at once (§11 完整性). The view holds each
 * field already trimmed and type-checked (`undefined` when missing or invalid), so a logic rule never
 * has to re-check types; the shape rules report the missing and invalid values from `raw`.
 */
import {
  CATEGORY_KINDS, DATA_FORMATS, GRADES, ITEM_TYPES, MASKING_RULES, OPEN_TYPES, SENSITIVE_TYPES,
  SHARE_METHODS, SHARE_TYPES, STORAGE_LEVELS, UPDATE_CYCLES,
  type CatalogEntryBody, type CategoryKind, type DataFormat, type DataItem, type Grade, type ItemType,
  type MaskingRule, type OpenType, type SensitiveType, type ShareMethod, type ShareType, type StorageLevel,
  type UpdateCycle,
} from './types.ts';
import type { GradingRuleSet } from '../grading/types.ts';
import type { CodingRule } from './code.ts';
import type { IssueLevel } from './issue.ts';
import { CATEGORY_FIELD_LABELS, ENTRY_FIELD_LABELS, ITEM_FIELD_LABELS, type Label } from './labels.ts';

/** What validateEntry accepts: any object shaped more or less like a CatalogEntryBody. */
export type EntryInput = { [K in keyof CatalogEntryBody]?: unknown };
export type ItemInput = { [K in keyof DataItem]?: unknown };

export interface ItemView {
  index: number;
  /** JSON path of the item, e.g. 'items[2]'. */
  path: string;
  /** The item as given; undefined when it is not an object. */
  raw: Readonly<Record<string, unknown>> | undefined;
  name?: string;
  label?: string;
  type?: ItemType;
  sensitiveType?: SensitiveType;
  masking?: MaskingRule;
  length: unknown;
  maskingParam: unknown;
  key: boolean;
}

export interface EntryView {
  raw: Readonly<Record<string, unknown>>;
  name?: string;
  summary?: string;
  storageLevel?: StorageLevel;
  kind?: CategoryKind;
  categoryItem?: string;
  categorySubItem?: string;
  basicDb?: string;
  themeDb?: string;
  grade?: Grade;
  important?: boolean;
  core?: boolean;
  format?: DataFormat;
  items: ItemView[];
  shareType?: ShareType;
  shareScope?: string;
  notShareBasis?: string;
  shareMethod?: ShareMethod;
  openType?: OpenType;
  openMethod?: string;
  updateCycle?: UpdateCycle;
  parallelApproval?: boolean;
  relatedCodes: unknown;
}

/** One problem a rule found; the rule adds its code, level and (default) article. */
export interface Finding {
  field: string;
  zh: string;
  en: string;
  /** Overrides the rule's article when one rule covers several (e.g. required fields). */
  article?: string;
}

export interface RuleContext {
  codingRule: CodingRule;
  /** The platform's grading rule set (security rules §16). */
  grading: GradingRuleSet;
}

/** A catalog rule: data about the rule plus one small check. */
export interface EntryRule {
  code: string;
  level: IssueLevel;
  article: string;
  check(entry: EntryView, ctx: RuleContext): Finding[];
}

export const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Trimmed non-empty text, else undefined. */
export const text = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
};

/** Null, undefined and blank text all count as "not given". */
export const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export function oneOf<T extends string | number>(values: readonly T[], v: unknown): T | undefined {
  return (values as readonly unknown[]).includes(v) ? (v as T) : undefined;
}

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

export function buildItemView(raw: unknown, index: number): ItemView {
  const o = isObject(raw) ? raw : undefined;
  const view: ItemView = {
    index,
    path: `items[${index}]`,
    raw: o,
    length: o?.length,
    maskingParam: o?.maskingParam,
    key: o?.key === true,
  };
  const name = text(o?.name);
  const label = text(o?.label);
  const type = oneOf(ITEM_TYPES, o?.type);
  const sensitiveType = oneOf(SENSITIVE_TYPES, o?.sensitiveType);
  const masking = oneOf(MASKING_RULES, o?.masking);
  if (name !== undefined) view.name = name;
  if (label !== undefined) view.label = label;
  if (type !== undefined) view.type = type;
  if (sensitiveType !== undefined) view.sensitiveType = sensitiveType;
  if (masking !== undefined) view.masking = masking;
  return view;
}

export function buildEntryView(body: unknown): EntryView {
  const raw = isObject(body) ? body : {};
  const category = isObject(raw.category) ? raw.category : {};
  const fields = {
    name: text(raw.name),
    summary: text(raw.summary),
    storageLevel: oneOf(STORAGE_LEVELS, raw.storageLevel),
    kind: oneOf(CATEGORY_KINDS, category.kind),
    categoryItem: text(category.item),
    categorySubItem: text(category.subItem),
    basicDb: text(raw.basicDb),
    themeDb: text(raw.themeDb),
    grade: oneOf(GRADES, raw.grade),
    important: bool(raw.important),
    core: bool(raw.core),
    format: oneOf(DATA_FORMATS, raw.format),
    shareType: oneOf(SHARE_TYPES, raw.shareType),
    shareScope: text(raw.shareScope),
    notShareBasis: text(raw.notShareBasis),
    shareMethod: oneOf(SHARE_METHODS, raw.shareMethod),
    openType: oneOf(OPEN_TYPES, raw.openType),
    openMethod: text(raw.openMethod),
    updateCycle: oneOf(UPDATE_CYCLES, raw.updateCycle),
    parallelApproval: bool(raw.parallelApproval),
  };
  const view: EntryView = {
    raw,
    items: Array.isArray(raw.items) ? raw.items.map(buildItemView) : [],
    relatedCodes: raw.relatedCodes,
  };
  // Copy only what is defined, so `'x' in view` and deepEqual stay honest.
  for (const [k, v] of Object.entries(fields)) {
    if (v !== undefined) (view as unknown as Record<string, unknown>)[k] = v;
  }
  return view;
}

/** The zh/en name of a field path: 'shareScope', 'category.item', 'items[2].masking'. */
export function fieldLabel(path: string): Label {
  const item = /^items\[\d+\]\.(\w+)$/.exec(path);
  if (item) return ITEM_FIELD_LABELS[item[1] as keyof DataItem] ?? { zh: item[1] ?? path, en: item[1] ?? path };
  const cat = /^category\.(\w+)$/.exec(path);
  if (cat) return CATEGORY_FIELD_LABELS[cat[1] as keyof typeof CATEGORY_FIELD_LABELS] ?? { zh: path, en: path };
  const top = path.replace(/\[\d+\]$/, '');
  return ENTRY_FIELD_LABELS[top as keyof CatalogEntryBody] ?? { zh: path, en: path };
}

/** How a message names an item: 第3个数据项「公民身份号码」 / data item #3 "id_number". */
export function itemRef(it: ItemView): Label {
  const zhName = it.label ?? it.name;
  const enName = it.name ?? it.label;
  return {
    zh: `第${it.index + 1}个数据项${zhName ? `「${zhName}」` : ''}`,
    en: `Data item #${it.index + 1}${enName ? ` "${enName}"` : ''}`,
  };
}
