/**
 * 资源分类 codes used by the demo catalog: 类 (basic/theme/department) → 项 (2 digits) → 目 (3 digits).
 * 晋城's own 《政务数据资源目录编码规范》 (data-sharing rules §13) is not published in the gazette, so this
 * table follows the shape of GB/T 21063.4 (政务信息资源目录体系 第4部分：政务信息资源分类): 基础类 by the
 * national basic databases, 主题类 by the city's business domains, 部门类 by department (the 项 of a
 * department entry is the department's `catalogCode` in departments.ts, its 目 the business line).
 * The codes are the demo's own — plausible, stable, documented here, not official.
 *
 * | 类 | 项 | 名称 | 目 |
 * |---|---|---|---|
 * | basic | 01 | 人口基础信息 | 001 户籍人口基本信息 |
 * | basic | 02 | 法人基础信息 | 001 市场主体登记信息 |
 * | basic | 03 | 自然资源和空间地理基础信息 | 001 地质灾害 · 002 地下水 |
 * | theme | 01 | 投资项目 | 001 重点工程项目 |
 * | theme | 02 | 应急管理 | 001 救灾物资储备 · 002 安全生产行政许可 |
 * | theme | 03 | 生态环境 | 001 地下水污染防治 |
 * | theme | 04 | 交通出行 | 001 互联网租赁自行车 |
 * | theme | 05 | 文化旅游 | 001 文物保护 |
 * | theme | 06 | 医疗卫生 | 001 医疗卫生机构 |
 * | department | dept | (department) | 001 行业监管 · 002 行政许可与公示 · 003 人事人才 · 004 安全保卫 |
 */
import type { Category, CategoryKind } from '../domain/catalog/types.ts';

export interface CategoryNode {
  label: string;
  subItems: Readonly<Record<string, string>>;
}

export const BASIC_ITEMS: Readonly<Record<string, CategoryNode>> = {
  '01': { label: '人口基础信息', subItems: { '001': '户籍人口基本信息' } },
  '02': { label: '法人基础信息', subItems: { '001': '市场主体登记信息' } },
  '03': { label: '自然资源和空间地理基础信息', subItems: { '001': '地质灾害', '002': '地下水' } },
};

export const THEME_ITEMS: Readonly<Record<string, CategoryNode>> = {
  '01': { label: '投资项目', subItems: { '001': '重点工程项目' } },
  '02': { label: '应急管理', subItems: { '001': '救灾物资储备', '002': '安全生产行政许可' } },
  '03': { label: '生态环境', subItems: { '001': '地下水污染防治' } },
  '04': { label: '交通出行', subItems: { '001': '互联网租赁自行车' } },
  '05': { label: '文化旅游', subItems: { '001': '文物保护' } },
  '06': { label: '医疗卫生', subItems: { '001': '医疗卫生机构' } },
};

/** 目 of 部门类 entries; the 项 is the providing department's catalogCode. */
export const DEPARTMENT_SUBITEMS: Readonly<Record<string, string>> = {
  '001': '行业监管',
  '002': '行政许可与公示',
  '003': '人事人才',
  '004': '安全保卫',
};

export function basic(item: string, subItem: string): Category {
  return checked('basic', item, subItem);
}

export function theme(item: string, subItem: string): Category {
  return checked('theme', item, subItem);
}

export function department(deptCatalogCode: string, subItem: string): Category {
  return checked('department', deptCatalogCode, subItem);
}

/** Label of a category for display ("主题类 / 生态环境 / 地下水污染防治"). */
export function categoryLabel(c: Category, deptName?: string): string {
  const kind = { basic: '基础类', theme: '主题类', department: '部门类' }[c.kind];
  if (c.kind === 'department') return [kind, deptName ?? c.item, DEPARTMENT_SUBITEMS[c.subItem ?? '']].join(' / ');
  const node = (c.kind === 'basic' ? BASIC_ITEMS : THEME_ITEMS)[c.item ?? ''];
  return [kind, node?.label, node?.subItems[c.subItem ?? '']].join(' / ');
}

function checked(kind: CategoryKind, item: string, subItem: string): Category {
  if (!/^\d{2}$/.test(item) || !/^\d{3}$/.test(subItem)) throw new Error(`bad category code ${item}/${subItem}`);
  const known =
    kind === 'department'
      ? subItem in DEPARTMENT_SUBITEMS
      : subItem in ((kind === 'basic' ? BASIC_ITEMS : THEME_ITEMS)[item]?.subItems ?? {});
  if (!known) throw new Error(`category ${kind}/${item}/${subItem} is not in the demo table`);
  return { kind, item, subItem };
}

/**
 * 基础数据库 and 主题数据库 (§14) of the demo, each with its lead department. Entries refer to them by
 * key; the seeding code creates them and maps the key to the database id of CatalogEntryBody.basicDb /
 * themeDb.
 */
export interface DemoDatabase {
  key: string;
  kind: 'basic' | 'theme';
  name: string;
  /** 牵头建设部门 — maintains the database's catalog (§14). */
  lead: string;
}

export const DEMO_DATABASES: readonly DemoDatabase[] = [
  { key: 'rk', kind: 'basic', name: '人口基础信息库', lead: 'gaj' },
  { key: 'fr', kind: 'basic', name: '法人基础信息库', lead: 'scjgj' },
  { key: 'zrzy', kind: 'basic', name: '自然资源和空间地理基础信息库', lead: 'ghzyj' },
  { key: 'dxs', kind: 'theme', name: '地下水污染防治主题库', lead: 'sthjj' },
  { key: 'yjgl', kind: 'theme', name: '应急管理主题库', lead: 'yjj' },
  { key: 'tzxm', kind: 'theme', name: '投资项目主题库', lead: 'fgw' },
  { key: 'jtcx', kind: 'theme', name: '交通出行主题库', lead: 'jtj' },
  { key: 'whly', kind: 'theme', name: '文化旅游主题库', lead: 'wlj' },
  { key: 'ylws', kind: 'theme', name: '医疗卫生主题库', lead: 'wjw' },
];
