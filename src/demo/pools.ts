/**
 * The people and companies of the demo world. 人口基础信息 and 法人基础信息 are these pools; entries that
 * mention a person or a company (外部董事, 特种设备使用单位, 安全生产许可 …) pick from them, so a
 * verification request against the basic databases finds them — as it would on a real platform.
 */
import { Rng } from './prng.ts';
import {
  type Sex, birthDateOfIdCard, generateAddress, generateIdCard, generateName, generateUscc, generateVillage,
} from './ids.ts';
import { OFFICIAL_COUNTY_CODES } from './regions.ts';

export interface DemoPerson {
  idNumber: string;
  name: string;
  sex: Sex;
  gender: '男' | '女';
  ethnicity: string;
  birthDate: string;
  /** 户籍地 county code (official codes only). */
  householdRegion: string;
  householdAddress: string;
  registrationAuthority: string;
}

export interface DemoCompany {
  uscc: string;
  name: string;
  orgType: string;
  legalRep: string;
  capitalWan: number;
  establishedOn: string;
  status: string;
  authority: string;
  address: string;
  /** County the company sits in (may be 开发区's platform code 140571). */
  regionCode: string;
  industry: string;
}

export const POOL_SIZE = 2000;

const POLICE: Record<string, string> = {
  '140502': '晋城市公安局城区分局',
  '140521': '沁水县公安局',
  '140522': '阳城县公安局',
  '140524': '陵川县公安局',
  '140525': '泽州县公安局',
  '140581': '高平市公安局',
};

/** 晋城's population is overwhelmingly 汉族; 回族 and 满族 are the largest minorities. */
const ETHNICITIES: readonly (readonly [string, number])[] = [['汉族', 990], ['回族', 5], ['满族', 3], ['蒙古族', 2]];

/** Birth decades weighted like a working-age-heavy population. */
const DECADES: readonly (readonly [number, number])[] = [
  [1940, 4], [1950, 10], [1960, 16], [1970, 17], [1980, 16], [1990, 15], [2000, 12], [2010, 10],
];

export function generatePerson(rng: Rng, opts: { birthFrom?: string; birthTo?: string; sex?: Sex } = {}): DemoPerson {
  const sex: Sex = opts.sex ?? (rng.chance(0.51) ? 'M' : 'F');
  const decade = rng.weighted(DECADES);
  const birthDate = rng.date(opts.birthFrom ?? `${decade}-01-01`, opts.birthTo ?? `${Math.min(decade + 9, 2023)}-12-31`);
  const birthRegion = rng.pick(OFFICIAL_COUNTY_CODES);
  // Most people keep the 户籍 of the county that issued their number; some have moved within 晋城.
  const householdRegion = rng.chance(0.88) ? birthRegion : rng.pick(OFFICIAL_COUNTY_CODES);
  const idNumber = generateIdCard(rng, { regionCode: birthRegion, birthDate, sex });
  return {
    idNumber,
    name: generateName(rng, sex),
    sex,
    gender: sex === 'M' ? '男' : '女',
    ethnicity: rng.weighted(ETHNICITIES),
    birthDate: birthDateOfIdCard(idNumber),
    householdRegion,
    householdAddress: generateAddress(rng, householdRegion).full,
    registrationAuthority: POLICE[householdRegion] ?? '晋城市公安局',
  };
}

const poolCache = new Map<string, unknown>();

/** Pools are rebuilt per seed; keep only a few seeds so a long-running process does not grow. */
function memo<T>(key: string, make: () => T): T {
  if (!poolCache.has(key)) {
    if (poolCache.size >= 8) poolCache.clear();
    poolCache.set(key, make());
  }
  return poolCache.get(key) as T;
}

/** 2,000 distinct people (distinct 公民身份号码). */
export function personPool(seed: string | number): readonly DemoPerson[] {
  return memo(`people:${seed}`, () => {
    const rng = new Rng(`${seed}:people`);
    const seen = new Set<string>();
    const out: DemoPerson[] = [];
    while (out.length < POOL_SIZE) {
      const p = generatePerson(rng);
      if (seen.has(p.idNumber)) continue;
      seen.add(p.idNumber);
      out.push(p);
    }
    return out;
  });
}

const TRADE_NAMES = [...'泽丹鑫源华兴盛凤太行晋宏泰安恒达瑞丰隆昌通远金阳沁康福嘉禾润蓝天龙腾海义和信诚德'];
const INDUSTRIES: readonly (readonly [string, number])[] = [
  ['机械制造', 5], ['铸造', 4], ['煤业', 4], ['化工', 2], ['建材', 3], ['物流', 4], ['商贸', 8], ['建筑工程', 5],
  ['房地产开发', 3], ['餐饮管理', 4], ['农业科技', 3], ['信息技术', 3], ['新能源科技', 3], ['光电科技', 2],
  ['食品', 3], ['医药', 2], ['钢铁', 1], ['酒店管理', 2], ['物业管理', 3], ['燃气', 1], ['汽车销售服务', 2], ['热力', 1],
];
const SHOPS = ['五金店', '副食店', '面馆', '便利店', '服装店', '超市', '汽车修理部', '农资店', '理发店', '家电维修部'];
const COOP_PRODUCTS = ['中药材种植', '小米种植', '核桃种植', '蔬菜种植', '生猪养殖', '蚕桑', '连翘种植', '山楂种植'];
const COMPANY_TYPES: readonly (readonly [string, number])[] = [
  ['有限责任公司（自然人投资或控股）', 55], ['有限责任公司（自然人独资）', 15], ['有限责任公司（国有独资）', 3],
  ['股份有限公司（非上市、自然人投资或控股）', 5], ['有限责任公司分公司（自然人投资或控股）', 4], ['个人独资企业', 3],
];
const STATUSES: readonly (readonly [string, number])[] = [['存续', 80], ['在业', 5], ['吊销', 5], ['注销', 8], ['迁出', 2]];

/** Name prefix and 登记机关 for the county a company registers in (开发区 registers with the city). */
function registration(regionCode: string): { prefix: string; authority: string; usccRegion: string } {
  switch (regionCode) {
    case '140502':
      return { prefix: '晋城市', authority: '晋城市城区市场监督管理局', usccRegion: '140502' };
    case '140571':
    case '140500':
      return { prefix: '晋城', authority: '晋城市市场监督管理局', usccRegion: '140500' };
    default: {
      const county = { '140521': '沁水县', '140522': '阳城县', '140524': '陵川县', '140525': '泽州县', '140581': '高平市' }[
        regionCode
      ];
      if (!county) throw new Error(`registration: unknown region ${regionCode}`);
      return { prefix: county, authority: `${county}市场监督管理局`, usccRegion: regionCode };
    }
  }
}

const COUNTY_CODES_WITH_KFQ = [...OFFICIAL_COUNTY_CODES, '140571'];

export function generateCompany(rng: Rng, opts: { regionCode?: string; industry?: string } = {}): DemoCompany {
  const regionCode = opts.regionCode ?? rng.pick(COUNTY_CODES_WITH_KFQ);
  const { prefix, authority, usccRegion } = registration(regionCode);
  const establishedOn = rng.date('1995-01-01', '2024-06-30');
  const newStyle = establishedOn >= '2016-01-01';
  const kindRoll = opts.industry ? 1 : rng.float();
  const trade = rng.pick(TRADE_NAMES) + rng.pick(TRADE_NAMES);
  const industry = opts.industry ?? rng.weighted(INDUSTRIES);
  const address = generateAddress(rng, regionCode).full;
  const legalRep = generateName(rng);
  const status = rng.weighted(STATUSES);
  if (kindRoll < 0.12) {
    const shop = rng.pick(SHOPS);
    return {
      uscc: generateUscc(rng, { kind: 'individual', regionCode: usccRegion, newStyle }),
      name: `${prefix === '晋城' ? '晋城经济技术开发区' : prefix === '晋城市' ? '城区' : prefix}${trade}${shop}`,
      orgType: '个体工商户', legalRep, capitalWan: rng.int(1, 30), establishedOn, status, authority, address, regionCode,
      industry: shop,
    };
  }
  if (kindRoll < 0.16) {
    const product = rng.pick(COOP_PRODUCTS);
    return {
      uscc: generateUscc(rng, { kind: 'cooperative', regionCode: usccRegion, newStyle }),
      name: `${prefix}${generateVillage(rng).replace(/村$/, '')}${product}专业合作社`,
      orgType: '农民专业合作社', legalRep, capitalWan: rng.int(5, 200), establishedOn, status, authority, address,
      regionCode, industry: product,
    };
  }
  const orgType = rng.weighted(COMPANY_TYPES);
  const form = orgType.startsWith('股份') ? '股份有限公司' : orgType.startsWith('个人独资') ? '厂' : '有限公司';
  const branch = orgType.includes('分公司') ? `${rng.pick(['城区', '泽州', '高平', '阳城'])}分公司` : '';
  return {
    uscc: generateUscc(rng, { kind: 'enterprise', regionCode: usccRegion, newStyle }),
    name: `${prefix}${trade}${industry}${form}${branch}`,
    orgType, legalRep,
    capitalWan: rng.weighted([[rng.int(10, 500), 6], [rng.int(500, 5000), 3], [rng.int(5000, 100000), 1]] as const),
    establishedOn, status, authority, address, regionCode, industry,
  };
}

/** 2,000 companies with distinct codes and names. */
export function companyPool(seed: string | number): readonly DemoCompany[] {
  return memo(`companies:${seed}`, () => {
    const rng = new Rng(`${seed}:companies`);
    const codes = new Set<string>();
    const names = new Set<string>();
    const out: DemoCompany[] = [];
    while (out.length < POOL_SIZE) {
      const c = generateCompany(rng);
      if (codes.has(c.uscc) || names.has(c.name)) continue;
      codes.add(c.uscc);
      names.add(c.name);
      out.push(c);
    }
    return out;
  });
}

/** Companies still trading (存续/在业) — the ones that can hold equipment, permits, pollution sources. */
export function activeCompanies(seed: string | number, industries?: readonly string[]): DemoCompany[] {
  return companyPool(seed).filter(
    (c) => (c.status === '存续' || c.status === '在业') && (!industries || industries.includes(c.industry)),
  );
}
