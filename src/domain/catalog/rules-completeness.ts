/**
 * Completeness and naming rules of a catalog entry: §9 (the elements every entry describes), §10 (the
 * data dictionary), §11 (完整性、逻辑一致性、可理解性、命名的准确性 — 不得瞒编、漏编、错编), §13 (category
 * codes feed the unified code) and §14 (基础库/主题库 ownership).
 */
import type { CatalogEntryBody, DataItem } from './types.ts';
import { VOCABULARIES, entriesOf, type Vocabulary } from './labels.ts';
import { normalizeText } from './normalize-text.ts';
import {
  fieldLabel, isBlank, isObject, itemRef, type EntryRule, type EntryView, type Finding, type ItemView,
} from './entry-view.ts';

type Path = keyof CatalogEntryBody | 'category.kind' | 'category.item' | 'category.subItem';

function valueAt(raw: Readonly<Record<string, unknown>>, path: Path): unknown {
  if (path.startsWith('category.')) {
    const c = raw.category;
    return isObject(c) ? c[path.slice('category.'.length)] : undefined;
  }
  return raw[path];
}

/** §9 lists the elements; summary makes the entry understandable (§11); items are the dictionary (§10). */
export const REQUIRED_ENTRY_FIELDS: ReadonlyArray<readonly [Path, string]> = [
  ['name', '§9'], ['summary', '§11'], ['storageLevel', '§9'], ['category.kind', '§9'], ['grade', '§9'],
  ['important', '§9'], ['format', '§9'], ['items', '§10'], ['shareType', '§9'], ['shareMethod', '§9'],
  ['openType', '§9'], ['updateCycle', '§9'],
];
export const REQUIRED_ITEM_FIELDS: ReadonlyArray<readonly [keyof DataItem, string]> = [
  ['name', '§10'], ['label', '§9'], ['type', '§10'],
];

const ENUM_ENTRY_FIELDS: ReadonlyArray<readonly [Path, Vocabulary<string | number>]> = [
  ['storageLevel', VOCABULARIES.storageLevel], ['category.kind', VOCABULARIES.categoryKind],
  ['grade', VOCABULARIES.grade], ['format', VOCABULARIES.format], ['shareType', VOCABULARIES.shareType],
  ['shareMethod', VOCABULARIES.shareMethod], ['openType', VOCABULARIES.openType],
  ['updateCycle', VOCABULARIES.updateCycle],
];
const ENUM_ITEM_FIELDS: ReadonlyArray<readonly [keyof DataItem, Vocabulary<string | number>]> = [
  ['type', VOCABULARIES.itemType], ['sensitiveType', VOCABULARIES.sensitiveType], ['masking', VOCABULARIES.masking],
];
const TEXT_ENTRY_FIELDS: readonly Path[] = [
  'name', 'summary', 'basicDb', 'themeDb', 'shareScope', 'notShareBasis', 'openMethod', 'structure',
  'category.item', 'category.subItem',
];
const TEXT_ITEM_FIELDS: ReadonlyArray<keyof DataItem> = ['name', 'label', 'description'];
const BOOLEAN_ENTRY_FIELDS: readonly Path[] = ['important', 'parallelApproval'];

/** Character limits (counted in characters, not bytes). */
export const LENGTH_LIMITS: ReadonlyArray<{ path: Path; min?: number; max: number }> = [
  // A one-character name cannot be accurate (§11 命名的准确性).
  { path: 'name', min: 2, max: 100 },
  { path: 'summary', max: 2000 },
  { path: 'shareScope', max: 1000 },
  { path: 'notShareBasis', max: 1000 },
  { path: 'openMethod', max: 200 },
  { path: 'structure', max: 20000 },
];
export const ITEM_LENGTH_LIMITS: ReadonlyArray<{ field: keyof DataItem; max: number }> = [
  { field: 'label', max: 50 },
  { field: 'description', max: 500 },
];

/** Machine-safe item names: they become column names in table exchange and API fields. */
export const ITEM_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

const chars = (s: string): number => [...s].length;

function invalid(path: string, shown: unknown, vocab?: Vocabulary<string | number>, expectZh?: string, expectEn?: string): Finding {
  const l = fieldLabel(path);
  const value = typeof shown === 'string' ? shown : JSON.stringify(shown);
  const zhExpect = vocab ? entriesOf(vocab).map(([, l]) => l.zh).join('、') : expectZh;
  const enExpect = vocab ? vocab.values.map(String).join(', ') : expectEn;
  return {
    field: path,
    zh: `${l.zh}的取值「${value}」无效，应为：${zhExpect}`,
    en: `${l.en} has an invalid value ${JSON.stringify(shown)}; expected: ${enExpect}`,
  };
}

function objectItems(e: EntryView): Array<ItemView & { raw: Readonly<Record<string, unknown>> }> {
  return e.items.filter((it): it is ItemView & { raw: Readonly<Record<string, unknown>> } => it.raw !== undefined);
}

export const COMPLETENESS_RULES: readonly EntryRule[] = [
  {
    code: 'REQUIRED',
    level: 'error',
    article: '§9',
    check(e) {
      const out: Finding[] = [];
      for (const [path, article] of REQUIRED_ENTRY_FIELDS) {
        const v = valueAt(e.raw, path);
        const missing = path === 'items' ? v === undefined || v === null || (Array.isArray(v) && v.length === 0) : isBlank(v);
        if (!missing) continue;
        const l = fieldLabel(path);
        out.push(path === 'items'
          ? { field: path, article, zh: '至少应有一个数据项', en: 'Data items: at least one is required' }
          : { field: path, article, zh: `${l.zh}不能为空`, en: `${l.en} is required` });
      }
      for (const it of objectItems(e)) {
        for (const [f, article] of REQUIRED_ITEM_FIELDS) {
          if (!isBlank(it.raw[f])) continue;
          const l = fieldLabel(`${it.path}.${f}`);
          const ref = itemRef(it);
          out.push({ field: `${it.path}.${f}`, article, zh: `${ref.zh}的${l.zh}不能为空`, en: `${ref.en}: ${l.en} is required` });
        }
      }
      return out;
    },
  },
  {
    code: 'INVALID_VALUE',
    level: 'error',
    article: '§11',
    check(e) {
      const out: Finding[] = [];
      const raw = e.raw;
      if (!isBlank(raw.category) && !isObject(raw.category)) out.push(invalid('category', raw.category, undefined, '分类对象', 'an object'));
      for (const [path, vocab] of ENUM_ENTRY_FIELDS) {
        const v = valueAt(raw, path);
        if (!isBlank(v) && !(vocab.values as readonly unknown[]).includes(v)) out.push(invalid(path, v, vocab));
      }
      for (const path of TEXT_ENTRY_FIELDS) {
        const v = valueAt(raw, path);
        if (v !== undefined && v !== null && typeof v !== 'string') out.push(invalid(path, v, undefined, '文本', 'text'));
      }
      for (const path of BOOLEAN_ENTRY_FIELDS) {
        const v = valueAt(raw, path);
        if (v !== undefined && v !== null && typeof v !== 'boolean') out.push(invalid(path, v, undefined, '是/否', 'true or false'));
      }
      if (!isBlank(raw.items) && !Array.isArray(raw.items)) out.push(invalid('items', raw.items, undefined, '数据项列表', 'a list of data items'));
      if (!isBlank(raw.relatedCodes)) {
        if (!Array.isArray(raw.relatedCodes)) out.push(invalid('relatedCodes', raw.relatedCodes, undefined, '资源代码列表', 'a list of resource codes'));
        else raw.relatedCodes.forEach((c, i) => {
          if (typeof c !== 'string') out.push(invalid(`relatedCodes[${i}]`, c, undefined, '资源代码文本', 'a resource code string'));
        });
      }
      for (const it of e.items) {
        if (it.raw === undefined) {
          out.push(invalid(it.path, Array.isArray(raw.items) ? raw.items[it.index] : undefined, undefined, '数据项对象', 'a data item object'));
          continue;
        }
        for (const [f, vocab] of ENUM_ITEM_FIELDS) {
          const v = it.raw[f];
          if (!isBlank(v) && !(vocab.values as readonly unknown[]).includes(v)) out.push(invalid(`${it.path}.${f}`, v, vocab));
        }
        for (const f of TEXT_ITEM_FIELDS) {
          const v = it.raw[f];
          if (v !== undefined && v !== null && typeof v !== 'string') out.push(invalid(`${it.path}.${f}`, v, undefined, '文本', 'text'));
        }
        const key = it.raw.key;
        if (key !== undefined && key !== null && typeof key !== 'boolean') out.push(invalid(`${it.path}.key`, key, undefined, '是/否', 'true or false'));
      }
      return out;
    },
  },
  {
    code: 'TOO_SHORT',
    level: 'error',
    article: '§11',
    check(e) {
      return LENGTH_LIMITS.flatMap(({ path, min }) => {
        const v = valueAt(e.raw, path);
        if (min === undefined || typeof v !== 'string' || v.trim() === '' || chars(v.trim()) >= min) return [];
        const l = fieldLabel(path);
        return [{ field: path, zh: `${l.zh}至少 ${min} 个字`, en: `${l.en} needs at least ${min} characters` }];
      });
    },
  },
  {
    code: 'TOO_LONG',
    level: 'error',
    article: '§11',
    check(e) {
      const out: Finding[] = [];
      for (const { path, max } of LENGTH_LIMITS) {
        const v = valueAt(e.raw, path);
        if (typeof v !== 'string' || chars(v.trim()) <= max) continue;
        const l = fieldLabel(path);
        out.push({ field: path, zh: `${l.zh}不能超过 ${max} 个字`, en: `${l.en} must not exceed ${max} characters` });
      }
      for (const it of objectItems(e)) {
        for (const { field, max } of ITEM_LENGTH_LIMITS) {
          const v = it.raw[field];
          if (typeof v !== 'string' || chars(v.trim()) <= max) continue;
          const l = fieldLabel(`${it.path}.${field}`);
          const ref = itemRef(it);
          out.push({ field: `${it.path}.${field}`, zh: `${ref.zh}的${l.zh}不能超过 ${max} 个字`, en: `${ref.en}: ${l.en} must not exceed ${max} characters` });
        }
      }
      return out;
    },
  },
  {
    code: 'ITEM_NAME_FORMAT',
    level: 'error',
    article: '§10',
    check(e) {
      return e.items.flatMap((it) => (it.name === undefined || ITEM_NAME_PATTERN.test(it.name) ? [] : [{
        field: `${it.path}.name`,
        zh: `${itemRef(it).zh}的数据项英文名「${it.name}」须以小写字母开头，只含小写字母、数字和下划线，不超过 63 个字符`,
        en: `${itemRef(it).en}: item name "${it.name}" must start with a lower-case letter and use only a–z, 0–9 and _, at most 63 characters`,
      }]));
    },
  },
  {
    code: 'ITEM_NAME_DUPLICATE',
    level: 'error',
    article: '§11',
    check(e) {
      return duplicates(e.items, (it) => it.name?.toLowerCase(), (it, first) => ({
        field: `${it.path}.name`,
        zh: `${itemRef(it).zh}的数据项英文名「${it.name}」与第${first.index + 1}个数据项重复（不区分大小写）`,
        en: `${itemRef(it).en}: item name "${it.name}" repeats data item #${first.index + 1} (case-insensitive)`,
      }));
    },
  },
  {
    code: 'ITEM_LABEL_DUPLICATE',
    level: 'error',
    article: '§11',
    check(e) {
      return duplicates(e.items, (it) => (it.label === undefined ? undefined : normalizeText(it.label) || it.label), (it, first) => ({
        field: `${it.path}.label`,
        zh: `${itemRef(it).zh}的数据项名称「${it.label}」与第${first.index + 1}个数据项重复`,
        en: `${itemRef(it).en}: item label "${it.label}" repeats data item #${first.index + 1}`,
      }));
    },
  },
  {
    code: 'ITEM_LENGTH_REQUIRED',
    level: 'error',
    article: '§10',
    check(e) {
      return objectItems(e).flatMap((it) => (it.type !== 'string' || !isBlank(it.length) ? [] : [{
        field: `${it.path}.length`,
        zh: `${itemRef(it).zh}为字符型，须填写数据长度`,
        en: `${itemRef(it).en} is text: its length is required`,
      }]));
    },
  },
  {
    code: 'ITEM_LENGTH_INVALID',
    level: 'error',
    article: '§10',
    check(e) {
      return objectItems(e).flatMap((it) => {
        const n = it.length;
        if (isBlank(n) || (typeof n === 'number' && Number.isSafeInteger(n) && n > 0)) return [];
        return [{
          field: `${it.path}.length`,
          zh: `${itemRef(it).zh}的数据长度「${String(n)}」应为正整数`,
          en: `${itemRef(it).en}: length ${JSON.stringify(n)} must be a positive integer`,
        }];
      });
    },
  },
  {
    code: 'CATEGORY_ITEM_FORMAT',
    level: 'error',
    article: '§13',
    check(e) {
      const v = e.categoryItem;
      if (v === undefined || (/^\d{2}$/.test(v) && v !== '00')) return [];
      return [{ field: 'category.item', zh: `资源分类（项）应为 01–99 的 2 位数字，而不是「${v}」`, en: `Category item must be 2 digits 01–99, not "${v}"` }];
    },
  },
  {
    code: 'CATEGORY_SUBITEM_FORMAT',
    level: 'error',
    article: '§13',
    check(e) {
      const v = e.categorySubItem;
      if (v === undefined || (/^\d{3}$/.test(v) && v !== '000')) return [];
      return [{ field: 'category.subItem', zh: `资源分类（目）应为 001–999 的 3 位数字，而不是「${v}」`, en: `Category sub-item must be 3 digits 001–999, not "${v}"` }];
    },
  },
  {
    code: 'CATEGORY_SUBITEM_WITHOUT_ITEM',
    level: 'error',
    article: '§13',
    check(e) {
      if (e.categorySubItem === undefined || e.categoryItem !== undefined) return [];
      return [{ field: 'category.item', zh: '填写了资源分类（目）时须同时填写资源分类（项）', en: 'A category sub-item (目) needs a category item (项)' }];
    },
  },
  {
    code: 'DB_BOTH_SET',
    level: 'error',
    article: '§14',
    check(e) {
      if (e.basicDb === undefined || e.themeDb === undefined) return [];
      return [{ field: 'themeDb', zh: '所属基础数据库与所属主题数据库只能填写其一', en: 'Basic database and theme database: an entry belongs to one of them, not both' }];
    },
  },
  {
    code: 'BASIC_DB_MISSING',
    level: 'warning',
    article: '§14',
    check(e) {
      if (e.kind !== 'basic' || e.basicDb !== undefined) return [];
      return [{ field: 'basicDb', zh: '基础类目录应注明所属基础数据库（由其牵头建设部门编制、维护）', en: 'A basic-class entry should name its basic database (compiled by its lead department)' }];
    },
  },
  {
    code: 'THEME_DB_MISSING',
    level: 'warning',
    article: '§14',
    check(e) {
      if (e.kind !== 'theme' || e.themeDb !== undefined) return [];
      return [{ field: 'themeDb', zh: '主题类目录应注明所属主题数据库（由其牵头部门编制、维护）', en: 'A theme-class entry should name its theme database (compiled by its lead department)' }];
    },
  },
  {
    code: 'DB_KIND_MISMATCH',
    level: 'warning',
    article: '§11',
    check(e) {
      if (e.kind === undefined || (e.basicDb !== undefined && e.themeDb !== undefined)) return [];
      if (e.basicDb !== undefined && e.kind !== 'basic') {
        return [{ field: 'basicDb', zh: '填写了所属基础数据库，但资源分类不是基础类', en: 'A basic database is named but the category class is not basic' }];
      }
      if (e.themeDb !== undefined && e.kind !== 'theme') {
        return [{ field: 'themeDb', zh: '填写了所属主题数据库，但资源分类不是主题类', en: 'A theme database is named but the category class is not theme' }];
      }
      return [];
    },
  },
];

/** One finding for every item whose key repeats an earlier item's key. */
function duplicates(items: readonly ItemView[], keyOf: (it: ItemView) => string | undefined, report: (it: ItemView, first: ItemView) => Finding): Finding[] {
  const seen = new Map<string, ItemView>();
  const out: Finding[] = [];
  for (const it of items) {
    const key = keyOf(it);
    if (key === undefined) continue;
    const first = seen.get(key);
    if (first) out.push(report(it, first));
    else seen.set(key, it);
  }
  return out;
}
