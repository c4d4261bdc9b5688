/**
 * Departments (政务部门) of the demo world. Names come from the gazette
 * (../../../shared/seed/jincheng-gazette-2024-no2.txt) in the gazette's own form: the short form is
 * what the gazette writes in its 分工 lists ("（市住建局、市交通局、市应急局、市市场监管局、市工信局、市消防救援支队
 * 等部门分工负责）", 晋市政发〔2024〕1号 §(三)); the full form is the gazette's where it gives one, else
 * "晋城市" + the department's standard national name (nameSource 'derived').
 *
 * `filing` is the §6 备案 (data-sharing rules §6: "要明确责任部门和责任人并报同级政务数据主管部门备案").
 * Every responsible person and office phone here is fictional (generated for the demo); 0356 is 晋城's
 * area code and local numbers there have 7 digits.
 *
 * Keys are the demo usernames' prefixes; county departments are '<region key>.<dept key>'.
 */
import { CITY_CODE, KFQ_PLATFORM_CODE } from './regions.ts';

export type DeptRole = 'authority' | 'department';

/** §6 备案: who in the department answers for its data. */
export interface DataFiling {
  /** 责任科室 */
  unit: string;
  /** 责任人 (fictional) */
  person: string;
  /** 办公电话 (fictional) */
  phone: string;
}

export interface DemoDepartment {
  key: string;
  name: string;
  shortName: string;
  regionCode: string;
  /** 政务数据主管部门 (市大数据应用局 for the city, a county's data office for its county) or 政务部门. */
  role: DeptRole;
  filing: DataFiling;
  /**
   * 'gazette': the full name is printed in the gazette; 'derived': the gazette prints the short form (some
   * also "市" + the full form, e.g. 市发展和改革委员会), the full name is "晋城市" + the standard name;
   * 'invented': not in the gazette.
   */
  nameSource: 'gazette' | 'derived' | 'invented';
  /** A line of the gazette naming the department, so a reviewer can grep it. */
  gazetteQuote?: string;
  /** 2-digit 项 code of the 部门类 category (see categories.ts). */
  catalogCode: string;
}

type Row = [key: string, name: string, short: string, unit: string, person: string, phone: string, src: DemoDepartment['nameSource'], quote?: string];

const CITY: Row[] = [
  ['sjj', '晋城市大数据应用局', '市大数据应用局', '数据资源科', '郭晓峰', '0356-2196301', 'gazette', '本细则由晋城市大数据应用局负责解释'],
  ['fgw', '晋城市发展和改革委员会', '市发展改革委', '信息中心', '李建军', '0356-2196512', 'derived', '办公室设在市发展和改革委员会'],
  ['yjj', '晋城市应急管理局', '市应急局', '科技和信息化科', '王海涛', '0356-2028617', 'derived', '市发展和改革委员会、市应急管理局、市工业和信息化局'],
  ['jtj', '晋城市交通运输局', '市交通局', '信息中心', '张慧敏', '0356-2022730', 'derived', '市财政局、市交通运输局、市商务局'],
  ['gaj', '晋城市公安局', '市公安局', '科技信息化支队', '赵志刚', '0356-2021840', 'derived', '市审批服务管理局、市公安局、市规划和自然资源局'],
  ['wlj', '晋城市文化和旅游局', '市文旅局', '办公室', '牛丽娟', '0356-2036125', 'derived', '由市财政局、市文旅局负责和协调'],
  ['sthjj', '晋城市生态环境局', '市生态环境局', '信息中心', '申卫东', '0356-2025519', 'gazette', '晋城市生态环境局 晋城市水务局 晋城市规划和自然资源局'],
  ['scjgj', '晋城市市场监督管理局', '市市场监管局', '信息中心', '靳文斌', '0356-2189066', 'derived', '市指挥部办公室设在市市场监管局'],
  ['spj', '晋城市审批服务管理局', '市审批服务管理局', '政务服务信息科', '陈雅琴', '0356-2195230', 'derived', '涉及数据存储、数据库建设方面的事项由市审批服务管理局、市文旅局负责和协调'],
  ['gzw', '晋城市人民政府国有资产监督管理委员会', '市国资委', '办公室', '常振华', '0356-2197413', 'gazette', '晋城市人民政府国有资产监督管理委员会（以下简称“市国资委”）'],
  ['zjj', '晋城市住房和城乡建设局', '市住建局', '信息中心', '段晓军', '0356-2023148', 'derived', '市住建局牵头'],
  ['ghzyj', '晋城市规划和自然资源局', '市规划和自然资源局', '信息中心', '焦明亮', '0356-2026702', 'gazette', '晋城市生态环境局 晋城市水务局 晋城市规划和自然资源局'],
  ['swj', '晋城市水务局', '市水务局', '办公室', '原国庆', '0356-2024385', 'gazette', '晋城市生态环境局 晋城市水务局 晋城市规划和自然资源局'],
  ['gxj', '晋城市工业和信息化局', '市工信局', '信息化推进科', '秦晓燕', '0356-2198627', 'gazette', '晋城市工业和信息化局'],
  ['xfzd', '晋城市消防救援支队', '市消防救援支队', '指挥中心', '崔立新', '0356-2029119', 'derived', '市应急局、市消防救援支队等部门分工负责'],
  ['czj', '晋城市财政局', '市财政局', '办公室', '成玉梅', '0356-2035271', 'derived', '涉及普查经费方面的事项，由市财政局负责和协调'],
  ['rsj', '晋城市人力资源和社会保障局', '市人社局', '信息中心', '田志勇', '0356-2038460', 'invented'],
  ['wjw', '晋城市卫生健康委员会', '市卫健委', '信息中心', '郝静', '0356-2037592', 'derived', '市文旅局、市卫健委、市应急局'],
  ['mzj', '晋城市民政局', '市民政局', '办公室', '史建平', '0356-2033716', 'derived', '市教育局、市民政局、市交通局'],
  ['tjj', '晋城市统计局', '市统计局', '数据管理中心', '吕红霞', '0356-2032804', 'derived', '由市统计局指导支持'],
  ['nyj', '晋城市能源局', '市能源局', '办公室', '卫国强', '0356-2027931', 'derived', '市能源局、市规划和自然资源局、市应急局等部门分工负责'],
];

/**
 * County data offices. The gazette names none: §8 of the data-sharing rules only says
 * "各县（市、区）、晋城经济技术开发区政务数据主管部门牵头编制同级政务数据目录". The names are invented.
 */
const COUNTY_AUTHORITIES: [regionKey: string, regionCode: string, name: string, person: string, phone: string][] = [
  ['cq', '140502', '晋城市城区大数据应用中心', '杨丽萍', '0356-2066318'],
  ['qsx', '140521', '沁水县大数据应用中心', '贾海军', '0356-7022415'],
  ['ycx', '140522', '阳城县大数据应用中心', '程晓东', '0356-4222536'],
  ['lcx', '140524', '陵川县大数据应用中心', '秦文涛', '0356-6202147'],
  ['zzx', '140525', '泽州县大数据应用中心', '王晓丽', '0356-3022681'],
  ['gps', '140581', '高平市大数据应用中心', '赵鹏飞', '0356-5222794'],
  ['kfq', KFQ_PLATFORM_CODE, '晋城经济技术开发区大数据应用中心', '李文杰', '0356-2866120'],
];

const cityDepartments: DemoDepartment[] = CITY.map(([key, name, shortName, unit, person, phone, nameSource, quote], i) => ({
  key,
  name,
  shortName,
  regionCode: CITY_CODE,
  role: key === 'sjj' ? 'authority' : 'department',
  filing: { unit, person, phone },
  nameSource,
  ...(quote ? { gazetteQuote: quote } : {}),
  catalogCode: String(i + 1).padStart(2, '0'),
}));

const countyAuthorities: DemoDepartment[] = COUNTY_AUTHORITIES.map(([rk, regionCode, name, person, phone], i) => ({
  key: `${rk}.sjj`,
  name,
  shortName: name.replace('晋城市', '').replace('晋城经济技术开发区', '开发区'),
  regionCode,
  role: 'authority',
  filing: { unit: '数据资源股', person, phone },
  nameSource: 'invented',
  catalogCode: String(CITY.length + i + 1).padStart(2, '0'),
}));

/**
 * 泽州县自然资源局 — the county department the demo's county-level entry belongs to. The gazette does not
 * name it; county 自然资源 bureaux report to 市规划和自然资源局, which the gazette names as lead for
 * 地质灾害 ("（市规划和自然资源局、市应急局等部门分工负责）").
 */
const zzxZrzyj: DemoDepartment = {
  key: 'zzx.zrzyj',
  name: '泽州县自然资源局',
  shortName: '县自然资源局',
  regionCode: '140525',
  role: 'department',
  filing: { unit: '办公室', person: '牛建斌', phone: '0356-3026153' },
  nameSource: 'invented',
  catalogCode: String(CITY.length + COUNTY_AUTHORITIES.length + 1).padStart(2, '0'),
};

export const DEPARTMENTS: readonly DemoDepartment[] = [...cityDepartments, ...countyAuthorities, zzxZrzyj];

export type DeptKey = string;

export function departmentByKey(key: DeptKey): DemoDepartment {
  const d = DEPARTMENTS.find((x) => x.key === key);
  if (!d) throw new Error(`unknown department key ${key}`);
  return d;
}

/** The 政务数据主管部门 responsible for a region (§5, §8): the city's for 140500, the county's otherwise. */
export function authorityFor(regionCode: string): DemoDepartment {
  const d = DEPARTMENTS.find((x) => x.role === 'authority' && x.regionCode === regionCode);
  if (!d) throw new Error(`no authority for region ${regionCode}`);
  return d;
}
