/** Rows of the groundwater and geology entries; counts and area totals are the report's. */
import { GROUNDWATER_ZONES, POLLUTION_SOURCES } from './entries-environment.ts';
import { generateName, generateMobile, generateUscc, generatePoint, generateVillage } from './ids.ts';
import { TOWNS } from './people.ts';
import { activeCompanies } from './pools.ts';
import { Rng, partition } from './prng.ts';
import { type Row, countyName, seq } from './rows-kit.ts';
import { OFFICIAL_COUNTY_CODES } from './regions.ts';

type Place = readonly [regionCode: string, town: string];

/** 一级管控区 towns, report 七(7) "主要位于阳城县凤城镇、八甲口镇、町店镇、北留镇；沁水县的端氏镇、嘉峰镇；泽州县的巴公镇；高平市的县城、野川镇、原村乡、寺庄镇等". */
const CONTROL_1: readonly Place[] = [
  ['140522', '凤城镇'], ['140522', '八甲口镇'], ['140522', '町店镇'], ['140522', '北留镇'], ['140521', '端氏镇'],
  ['140521', '嘉峰镇'], ['140525', '巴公镇'], ['140581', '县城'], ['140581', '野川镇'], ['140581', '原村乡'], ['140581', '寺庄镇'],
];
/** 二级管控区 towns: "陵川县的平城镇、崇文镇、附城镇、西河底乡；阳城县的固隆乡、河西乡、演礼乡、次营乡、董封乡；沁水县的中村镇、土沃乡等". */
const CONTROL_2: readonly Place[] = [
  ['140524', '平城镇'], ['140524', '崇文镇'], ['140524', '附城镇'], ['140524', '西河底乡'], ['140522', '固隆乡'],
  ['140522', '河西乡'], ['140522', '演礼乡'], ['140522', '次营乡'], ['140522', '董封乡'], ['140521', '中村镇'], ['140521', '土沃乡'],
];

/** Articles of 《晋城市地下水污染防治重点区管理配套措施落实工作方案》 that govern each zone type. */
const MEASURES: Record<string, string> = {
  饮用水水源一级保护区: '《配套措施落实工作方案》第一条至第三条',
  饮用水水源二级保护区: '《配套措施落实工作方案》第四条至第六条',
  饮用水水源准保护区: '《配套措施落实工作方案》第七条至第九条',
  泉域重点保护区: '《配套措施落实工作方案》第十条',
  一级管控区: '《配套措施落实工作方案》第十一条至第二十五条',
  二级管控区: '《配套措施落实工作方案》第二十六条至第四十条',
};
const CODE_PREFIX: Record<string, string> = {
  饮用水水源一级保护区: 'BH1', 饮用水水源二级保护区: 'BH2', 饮用水水源准保护区: 'BHZ', 泉域重点保护区: 'QY',
  一级管控区: 'GK1', 二级管控区: 'GK2',
};

function anyPlace(rng: Rng): Place {
  const code = rng.pick(OFFICIAL_COUNTY_CODES);
  return [code, rng.pick(TOWNS[code] ?? [])];
}

export function groundwaterZoneRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:gw-zones`);
  const rows: Row[] = [];
  for (const z of GROUNDWATER_ZONES) {
    const areas = partition(rng, z.areaKm2, z.count, 3);
    areas.forEach((area, i) => {
      let place: Place;
      let name: string;
      if (z.zoneType === '一级管控区' || z.zoneType === '二级管控区') {
        place = rng.chance(0.85) ? rng.pick(z.zoneType === '一级管控区' ? CONTROL_1 : CONTROL_2) : anyPlace(rng);
        name = `${countyName(place[0])}${place[1]}${z.zoneType}（${i + 1}）`;
      } else if (z.zoneType === '泉域重点保护区') {
        // "东部地区属三姑泉域保护范围"; the report also names 延河泉域.
        const sangu = i < 4;
        const code = sangu ? rng.pick(['140525', '140524', '140502']) : '140522';
        place = [code, rng.pick(TOWNS[code] ?? [])];
        name = `${sangu ? '三姑泉域' : '延河泉域'}重点保护区（片区${i + 1}）`;
      } else {
        place = anyPlace(rng);
        const source = z.zoneType === '饮用水水源准保护区' ? `${countyName(place[0])}县城水源地` : `${place[1]}${generateVillage(rng)}水源地`;
        name = `${source}${z.zoneType.replace('饮用水水源', '')}`;
      }
      rows.push({
        zone_code: `${CODE_PREFIX[z.zoneType]}-${seq(i + 1, 3)}`,
        zone_name: name,
        zone_class: z.zoneClass,
        zone_type: z.zoneType,
        zone_county: countyName(place[0]),
        zone_town: place[1],
        area_km2: area,
        measures: MEASURES[z.zoneType],
        zone_effective_from: '2024-01-18',
        zone_valid_until: '2029-01-17',
      });
    });
  }
  return rows;
}

const INDUSTRIAL = ['化工', '铸造', '机械制造', '钢铁', '建材', '食品', '医药', '光电科技', '新能源科技', '热力'];
const COAL_REGIONS = ['140521', '140522', '140525', '140581', '140524'];
const FARM_KINDS = ['生猪养殖场', '蛋鸡养殖场', '奶牛养殖场', '肉牛养殖场', '蔬菜种植基地', '果园'];

export function pollutionSourceRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:gw-sources`);
  const industrial = rng.sample(activeCompanies(seed, INDUSTRIAL), 10_000);
  const rows: Row[] = [];
  let n = 0;
  for (const { type, count } of POLLUTION_SOURCES) {
    for (let i = 0; i < count; i++) {
      let region = rng.pick(OFFICIAL_COUNTY_CODES);
      let name: string;
      let uscc: string;
      const c = type === '工业污染源' ? industrial[i] : undefined;
      if (c) {
        region = c.regionCode === '140571' ? '140525' : c.regionCode;
        name = c.name;
        uscc = c.uscc;
      } else if (type === '矿山开采区') {
        region = rng.pick(COAL_REGIONS);
        name = `${countyName(region)}${generateVillage(rng).replace(/村$/, '')}${rng.pick(['煤矿', '煤矿', '石料厂', '铝土矿'])}开采区`;
        uscc = generateUscc(rng, { kind: 'enterprise', regionCode: region });
      } else if (type === '农业污染源') {
        name = `${rng.pick(TOWNS[region] ?? [])}${generateVillage(rng)}${rng.pick(FARM_KINDS)}`;
        uscc = generateUscc(rng, { kind: rng.chance(0.6) ? 'cooperative' : 'individual', regionCode: region });
      } else if (type === '加油站') {
        name = `晋城${rng.pick(['泽','丹','鑫','华','晋','宏','泰'])}${rng.pick(['源','通','达','兴','盛'])}石油销售有限公司${rng.pick(TOWNS[region] ?? [])}加油站`;
        uscc = generateUscc(rng, { kind: 'enterprise', regionCode: region });
      } else if (type === '垃圾填埋场') {
        name = `${countyName(region)}${rng.pick(TOWNS[region] ?? [])}生活垃圾填埋场`;
        uscc = generateUscc(rng, { kind: 'institution', regionCode: region });
      } else {
        // 危险废物处置场, and 工业 sources beyond the companies in the pool.
        name = `晋城${rng.pick(['泽','丹','鑫','华','晋','宏','泰'])}${rng.pick(['源','通','达','兴','盛'])}环保科技有限公司${type === '工业污染源' ? `${i}号厂区` : '危险废物处置场'}`;
        uscc = generateUscc(rng, { kind: 'enterprise', regionCode: region });
      }
      // Report 七(5) areas: 高 116.39, 中 343.63, 低 2762.63 km²; hazardous sites weigh heavier.
      const heavy = type === '危险废物处置场' || type === '工业污染源' || type === '垃圾填埋场';
      const load = rng.weighted([['高', heavy ? 12 : 3], ['中等', heavy ? 25 : 10], ['低', heavy ? 63 : 87]] as const);
      const { lng, lat } = generatePoint(rng, region);
      rows.push({
        source_code: `WRY-${seq(++n, 4)}`,
        source_type: type,
        source_name: name,
        source_operator_uscc: uscc,
        source_county: countyName(region),
        source_town: rng.pick(TOWNS[region] ?? []),
        load_level: load,
        in_control_zone: load === '高' ? rng.chance(0.7) : rng.chance(0.15),
        source_lng: lng,
        source_lat: lat,
      });
    }
  }
  return rows;
}

/** Aquifers of report 七(1): 松散岩类孔隙水, 碎屑岩类孔隙裂隙水, 岩溶裂隙水 — with typical depths (m). */
const AQUIFERS = [
  { name: '松散岩类孔隙水', weight: 45, depth: [20, 80], level: [3, 25] },
  { name: '碎屑岩类孔隙裂隙水', weight: 30, depth: [80, 300], level: [20, 120] },
  { name: '岩溶裂隙水', weight: 25, depth: [300, 800], level: [100, 400] },
] as const;

export function groundwaterWellRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:gw-wells`);
  const rows: Row[] = [];
  // Report 七(4): "收集了169口地下水长观井及丰枯两期水位统测数据".
  for (let i = 1; i <= 169; i++) {
    const region = rng.pick(OFFICIAL_COUNTY_CODES);
    const a = rng.weighted(AQUIFERS.map((x) => [x, x.weight] as const));
    const wet = rng.decimal(a.level[0], a.level[1], 2);
    // 七(2) areas: III类以上 5929.3, IV类 840.1, V类 122.8 km² — IV/V mostly in 泽州县 and 城区.
    const polluted = region === '140525' || region === '140502';
    const quality = rng.weighted([
      ['I', 5], ['II', 30], ['III', 50], ['IV', polluted ? 25 : 8], ['V', polluted ? 5 : 1],
    ] as const);
    const { lng, lat } = generatePoint(rng, region);
    rows.push({
      well_code: `JC-GW-${seq(i, 3)}`,
      well_county: countyName(region),
      well_town: rng.pick(TOWNS[region] ?? []),
      aquifer: a.name,
      well_depth_m: rng.decimal(a.depth[0], a.depth[1], 1),
      level_wet_m: wet,
      level_dry_m: Math.round((wet + rng.decimal(0.3, 4, 2)) * 100) / 100,
      quality_class: quality,
      monitor_year: 2022,
      well_lng: lng,
      well_lat: lat,
    });
  }
  return rows;
}

export function zzxGeohazardRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:zzx-geohazards`);
  const rows: Row[] = [];
  for (let i = 1; i <= 120; i++) {
    const scale = rng.weighted([['小型', 80], ['中型', 17], ['大型', 3]] as const);
    const factor = scale === '小型' ? 1 : scale === '中型' ? 4 : 12;
    const { lng, lat } = generatePoint(rng, '140525');
    rows.push({
      hazard_code: `140525-DZ-${seq(i, 4)}`,
      hazard_town: rng.pick(TOWNS['140525'] ?? []),
      hazard_village: generateVillage(rng),
      // 泽州 is a coal county: 采空区 地面塌陷 is the commonest hazard.
      hazard_type: rng.weighted([['地面塌陷', 40], ['崩塌', 25], ['滑坡', 20], ['地裂缝', 10], ['泥石流', 5]] as const),
      scale,
      threatened_people: rng.int(3, 60) * factor,
      threatened_property_wan: Math.round(rng.decimal(5, 150, 1) * factor * 10) / 10,
      // (二十二): "重点实施避险搬迁、工程治理".
      measure: rng.weighted([['监测预警', 60], ['工程治理', 25], ['避险搬迁', 15]] as const),
      monitor_name: generateName(rng),
      monitor_mobile: generateMobile(rng),
      last_patrol: rng.date('2024-05-01', '2024-06-28'),
      hazard_lng: lng,
      hazard_lat: lat,
    });
  }
  return rows;
}
