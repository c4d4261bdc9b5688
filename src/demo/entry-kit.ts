/**
 * The shape of a demo catalog entry and small helpers to declare data items tersely. Entries are data:
 * the seeding code inserts them through the catalog service; rows.ts produces their rows.
 */
import type { CatalogEntryBody, DataItem, EntryStatus, ItemType } from '../domain/catalog/types.ts';

export interface DemoEntry {
  /** Stable key; rowsFor(key, seed) produces the entry's rows. */
  key: string;
  /** Department key (departments.ts) of the 提供部门. */
  provider: string;
  /** Status the seeding code should bring the entry to (published entries go through review). */
  status: EntryStatus;
  body: CatalogEntryBody;
  /** Key of the 基础数据库 / 主题数据库 (categories.ts DEMO_DATABASES) — the seeder maps it to an id. */
  basicDbKey?: string;
  themeDbKey?: string;
  /** Keys of related demo entries — the seeder maps them to unified codes (relatedCodes). */
  relatedKeys?: string[];
  /** The gazette document that describes the data, and the facts used. */
  source: string;
}

/**
 * The entry body with its database and related-entry keys resolved by the seeder: `dbId` maps a
 * DEMO_DATABASES key to the stored database id, `codeOf` an entry key to its unified code (entries
 * reviewed before this one). Related entries without a code yet are left out.
 */
export function resolveBody(
  entry: DemoEntry,
  dbId: (dbKey: string) => string,
  codeOf: (entryKey: string) => string | undefined = () => undefined,
): CatalogEntryBody {
  const related = (entry.relatedKeys ?? []).map(codeOf).filter((c): c is string => c !== undefined);
  return {
    ...entry.body,
    ...(entry.basicDbKey ? { basicDb: dbId(entry.basicDbKey) } : {}),
    ...(entry.themeDbKey ? { themeDb: dbId(entry.themeDbKey) } : {}),
    ...(related.length > 0 ? { relatedCodes: related } : {}),
  };
}

type ItemExtra = Omit<DataItem, 'name' | 'label' | 'type'>;

export function item(name: string, label: string, type: ItemType, extra: ItemExtra = {}): DataItem {
  return { name, label, type, ...extra };
}

export const str = (name: string, label: string, length?: number, extra: ItemExtra = {}): DataItem =>
  item(name, label, 'string', length === undefined ? extra : { length, ...extra });
export const int = (name: string, label: string, extra: ItemExtra = {}): DataItem => item(name, label, 'integer', extra);
export const dec = (name: string, label: string, extra: ItemExtra = {}): DataItem => item(name, label, 'decimal', extra);
export const date = (name: string, label: string, extra: ItemExtra = {}): DataItem => item(name, label, 'date', extra);
export const datetime = (name: string, label: string, extra: ItemExtra = {}): DataItem =>
  item(name, label, 'datetime', extra);
export const bool = (name: string, label: string, extra: ItemExtra = {}): DataItem => item(name, label, 'boolean', extra);

// Items that recur across entries. Same machine name + label everywhere on purpose: where two
// departments declare the same item, the catalog's 一数一源 check (§15) can see it.

export const ID_NUMBER = (name = 'id_number', label = '公民身份号码', extra: ItemExtra = {}): DataItem =>
  str(name, label, 18, { sensitiveType: 'id_card', masking: 'id_card', ...extra });
export const PERSON_NAME = (name = 'name', label = '姓名', extra: ItemExtra = {}): DataItem =>
  str(name, label, 50, { sensitiveType: 'name', masking: 'name', ...extra });
export const MOBILE = (name = 'mobile', label = '手机号码'): DataItem =>
  str(name, label, 11, { sensitiveType: 'phone', masking: 'phone' });
export const USCC = (extra: ItemExtra = {}): DataItem => str('uscc', '统一社会信用代码', 18, extra);
export const ORG_NAME = (extra: ItemExtra = {}): DataItem => str('org_name', '企业名称', 200, extra);
/**
 * Location columns. Name and label carry the thing located (设备所在县, 文物点经度): these are
 * attributes of different things, not one datum collected twice, so they must not trip 一数一源.
 */
export const COUNTY = (prefix: string, what: string): DataItem =>
  str(`${prefix}_county`, `${what}所在县（市、区）`, 20, {
    description: '城区、泽州县、高平市、阳城县、陵川县、沁水县或晋城经济技术开发区',
  });
export const TOWN = (prefix: string, what: string): DataItem => str(`${prefix}_town`, `${what}所在乡镇（街道）`, 20);
export const LNG = (prefix: string, what: string): DataItem =>
  dec(`${prefix}_lng`, `${what}经度`, { description: 'WGS-84，6位小数' });
export const LAT = (prefix: string, what: string): DataItem =>
  dec(`${prefix}_lat`, `${what}纬度`, { description: 'WGS-84，6位小数' });
