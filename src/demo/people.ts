/**
 * Realistic Chinese personal names and 晋城 addresses for generated rows. All generated people are
 * fictional; the places are real 晋城 towns so maps, filters and the 建设地点 of real rows line up.
 */
import type { Rng } from './prng.ts';
import type { Sex } from './ids.ts';

/** Common surnames, weighted roughly by frequency in 晋城 (王, 李, 张 lead; 牛, 申, 靳, 原, 焦 are local). */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 9], ['李', 8], ['张', 8], ['刘', 6], ['赵', 5], ['郭', 5], ['杨', 4], ['陈', 4], ['牛', 3], ['申', 3],
  ['靳', 2], ['常', 2], ['段', 2], ['原', 2], ['焦', 2], ['秦', 2], ['成', 2], ['田', 2], ['崔', 2], ['卫', 2],
  ['郝', 2], ['史', 2], ['程', 2], ['吕', 2], ['贾', 2], ['冯', 2], ['马', 2], ['孙', 2], ['周', 1], ['吴', 1],
  ['徐', 1], ['胡', 1], ['宋', 1], ['韩', 1], ['姬', 1], ['茹', 1], ['和', 1], ['裴', 1], ['司', 1], ['范', 1],
];

const MALE_CHARS = [...'建国军伟强磊涛斌峰鹏志勇明亮海波刚文杰晓东红兵立新永平振华俊宏宇浩瑞晨轩博'];
const FEMALE_CHARS = [...'丽娟敏静秀英芳燕霞玲红梅慧琴雅婷晓琳佳欣怡雪萍洁颖倩丹蕾楠悦妍璐'];

export function generateName(rng: Rng, sex?: Sex): string {
  const s = sex ?? (rng.chance(0.5) ? 'M' : 'F');
  const chars = s === 'M' ? MALE_CHARS : FEMALE_CHARS;
  const surname = rng.weighted(SURNAMES);
  // About a quarter of given names are a single character (王磊, 李静), the rest two.
  return rng.chance(0.25) ? surname + rng.pick(chars) : surname + rng.pick(chars) + rng.pick(chars);
}

/**
 * Towns (乡镇/街道) per county-level code. Those marked in the groundwater report
 * (晋城市地下水污染防治重点区划定报告, 七(7): "一级管控区主要位于阳城县凤城镇、八甲口镇、町店镇、北留镇；沁水县的端氏镇、
 * 嘉峰镇；泽州县的巴公镇；高平市的县城、野川镇、原村乡、寺庄镇等。二级管控区主要位于陵川县的平城镇、崇文镇、附城镇、
 * 西河底乡；阳城县的固隆乡、河西乡、演礼乡、次营乡、董封乡；沁水县的中村镇、土沃乡等") and 七(2) ("泽州县巴公镇、
 * 北义城镇、晋庙铺镇、南村镇、大箕镇以及城区南部") come first; the rest are other towns of the same county.
 */
export const TOWNS: Readonly<Record<string, readonly string[]>> = {
  '140502': ['东街街道', '西街街道', '南街街道', '北街街道', '矿区街道', '钟家庄街道', '西上庄街道'],
  '140521': ['端氏镇', '嘉峰镇', '中村镇', '土沃乡', '龙港镇', '郑村镇', '固县乡'],
  '140522': ['凤城镇', '八甲口镇', '町店镇', '北留镇', '固隆乡', '河西乡', '演礼乡', '次营乡', '董封乡', '润城镇', '东冶镇'],
  '140524': ['平城镇', '崇文镇', '附城镇', '西河底乡', '礼义镇', '杨村镇', '潞城镇'],
  '140525': ['巴公镇', '北义城镇', '晋庙铺镇', '南村镇', '大箕镇', '金村镇', '高都镇', '下村镇', '周村镇', '犁川镇'],
  '140581': ['野川镇', '原村乡', '寺庄镇', '米山镇', '三甲镇', '陈区镇', '北诗镇', '河西镇', '马村镇'],
};

/** Streets of the city proper (城区 and 开发区 — the "市区" of the bike rules' 第四条). */
export const CITY_ROADS = ['泽州路', '凤台街', '黄华街', '红星街', '书院街', '中原街', '新市街', '文昌街', '太行路', '景西路'];

const VILLAGE_FIRST = [...'东西南北上下前后大小'];
const VILLAGE_SECOND = ['沟', '庄', '河', '岭', '坡', '村', '寨', '掌', '头', '峪', '窑', '底'];

/** A plausible village name: 东沟村, 郭家庄村, 下河村 … */
export function generateVillage(rng: Rng): string {
  if (rng.chance(0.35)) return `${rng.weighted(SURNAMES)}家庄村`;
  const name = rng.pick(VILLAGE_FIRST) + rng.pick(VILLAGE_SECOND);
  return name.endsWith('村') ? name : `${name}村`;
}

export const COUNTY_NAMES: Readonly<Record<string, string>> = {
  '140502': '城区',
  '140521': '沁水县',
  '140522': '阳城县',
  '140524': '陵川县',
  '140525': '泽州县',
  '140581': '高平市',
  '140571': '晋城经济技术开发区',
};

export interface Address {
  regionCode: string;
  county: string;
  /** 乡镇/街道 ('' for 开发区, whose addresses are by road). */
  town: string;
  full: string;
}

/**
 * An address in a 晋城 county: 城区 and 开发区 by street and number ("晋城市城区西街街道凤台街128号"),
 * counties by town and village ("晋城市泽州县巴公镇东沟村56号").
 */
export function generateAddress(rng: Rng, regionCode?: string): Address {
  const code = regionCode ?? rng.pick(Object.keys(COUNTY_NAMES));
  const county = COUNTY_NAMES[code];
  if (!county) throw new Error(`generateAddress: not a 晋城 county code ${code}`);
  const no = rng.int(1, 300);
  if (code === '140571') {
    return { regionCode: code, county, town: '', full: `${county}${rng.pick(CITY_ROADS)}${no}号` };
  }
  const town = rng.pick(TOWNS[code] ?? []);
  if (code === '140502') {
    return { regionCode: code, county, town, full: `晋城市${county}${town}${rng.pick(CITY_ROADS)}${no}号` };
  }
  return { regionCode: code, county, town, full: `晋城市${county}${town}${generateVillage(rng)}${no}号` };
}

/** Rough centre of each county (WGS-84), for generated coordinates. */
export const COUNTY_CENTRES: Readonly<Record<string, readonly [lng: number, lat: number]>> = {
  '140502': [112.853, 35.502],
  '140521': [112.187, 35.690],
  '140522': [112.415, 35.486],
  '140524': [113.281, 35.775],
  '140525': [112.839, 35.508],
  '140581': [112.924, 35.798],
  '140571': [112.880, 35.540],
};

/** A point within ~0.15° of the county centre — coarse, good enough for demo maps. */
export function generatePoint(rng: Rng, regionCode: string, spread = 0.15): { lng: number; lat: number } {
  const [lng, lat] = COUNTY_CENTRES[regionCode] ?? [112.85, 35.5];
  return { lng: rng.decimal(lng - spread, lng + spread, 6), lat: rng.decimal(lat - spread, lat + spread, 6) };
}
