/**
 * 行政区划 of the demo world: 晋城市 and its county-level units. Every department belongs to one of
 * these (DESIGN.md → Who uses it: "Every department belongs to a region (city, or one county/开发区)").
 *
 * Codes are GB/T 2260 行政区划代码 except 晋城经济技术开发区's, see below. The seven county-level units
 * are the ones the gazette's project list uses as 建设地点 (晋市政办〔2024〕12号: 城区, 泽州县, 高平市,
 * 阳城县, 陵川县, 沁水县, 晋城经济技术开发区).
 */

export type RegionLevel = 'city' | 'county';

export interface Region {
  /** Short stable key, used as the prefix of county department keys ('zzx' → 'zzx.sjj'). */
  key: string;
  /** 6-digit code. */
  code: string;
  name: string;
  /** The name the gazette uses inside the city (市区 documents say 城区, 开发区). */
  shortName: string;
  level: RegionLevel;
  parentCode?: string;
  /** false when the code is assigned by this platform rather than by GB/T 2260. */
  official: boolean;
  note?: string;
}

export const CITY_CODE = '140500';

/**
 * 晋城经济技术开发区 is a 功能区, not an administrative division, so GB/T 2260 gives it no code and the
 * gazette cites none (its documents only name it: "各县（市、区）、晋城经济技术开发区政务数据主管部门",
 * data-sharing rules §8). The platform assigns 140571: inside the 1405xx block so it sorts with 晋城,
 * with a 7x suffix that no 晋城 county uses (theirs are 02, 21, 22, 24, 25, 81), so it cannot collide
 * with a real code. It is NOT an official code; do not put it into
 * a 公民身份号码 or a 统一社会信用代码 (the ID generators use county codes only).
 */
export const KFQ_PLATFORM_CODE = '140571';

export const REGIONS: readonly Region[] = [
  { key: 'jc', code: CITY_CODE, name: '晋城市', shortName: '晋城市', level: 'city', official: true },
  { key: 'cq', code: '140502', name: '城区', shortName: '城区', level: 'county', parentCode: CITY_CODE, official: true },
  { key: 'qsx', code: '140521', name: '沁水县', shortName: '沁水县', level: 'county', parentCode: CITY_CODE, official: true },
  { key: 'ycx', code: '140522', name: '阳城县', shortName: '阳城县', level: 'county', parentCode: CITY_CODE, official: true },
  { key: 'lcx', code: '140524', name: '陵川县', shortName: '陵川县', level: 'county', parentCode: CITY_CODE, official: true },
  { key: 'zzx', code: '140525', name: '泽州县', shortName: '泽州县', level: 'county', parentCode: CITY_CODE, official: true },
  { key: 'gps', code: '140581', name: '高平市', shortName: '高平市', level: 'county', parentCode: CITY_CODE, official: true },
  {
    key: 'kfq',
    code: KFQ_PLATFORM_CODE,
    name: '晋城经济技术开发区',
    shortName: '开发区',
    level: 'county',
    parentCode: CITY_CODE,
    official: false,
    note: '平台自编代码，非国家标准行政区划代码（开发区为功能区，GB/T 2260 未赋码）',
  },
];

/** County-level units whose codes are official — the only ones usable inside 公民身份号码/统一社会信用代码. */
export const OFFICIAL_COUNTY_CODES: readonly string[] = REGIONS.filter((r) => r.level === 'county' && r.official).map(
  (r) => r.code,
);

export function regionByCode(code: string): Region {
  const r = REGIONS.find((x) => x.code === code);
  if (!r) throw new Error(`unknown region code ${code}`);
  return r;
}

export function regionByKey(key: string): Region {
  const r = REGIONS.find((x) => x.key === key);
  if (!r) throw new Error(`unknown region key ${key}`);
  return r;
}

/** The region whose name is `name` ('泽州县'), or whose short name is (开发区). */
export function regionByName(name: string): Region | undefined {
  return REGIONS.find((x) => x.name === name || x.shortName === name);
}
