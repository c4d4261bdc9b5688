/** Rows of the society entries: cultural relics, shared bikes, external directors, medical institutions. */
import { BIKE_CAP_CITY } from './entries-society.ts';
import {
  generateAddress, generateLandline, generateMobile, generateName, generatePoint, generateUscc, generateVillage,
} from './ids.ts';
import { COUNTY_NAMES, TOWNS } from './people.ts';
import { personPool } from './pools.ts';
import { Rng, addDays, addYears } from './prng.ts';
import { DEMO_TODAY, type Row, countyName, datetimeOn, seq } from './rows-kit.ts';
import { OFFICIAL_COUNTY_CODES } from './regions.ts';

/**
 * A few of 晋城's best-known 全国重点文物保护单位, so the list opens with sites a 晋城 user recognises.
 * Era and town are simplified for the demo; the other rows are generated.
 */
const FAMOUS_RELICS = [
  ['青莲寺', '古建筑', '唐至清', '140525', '金村镇'], ['府城玉皇庙', '古建筑', '宋至清', '140525', '金村镇'],
  ['开化寺', '古建筑', '宋', '140581', '陈区镇'], ['长平之战遗址', '古遗址', '战国', '140581', ''],
  ['崇安寺', '古建筑', '宋至清', '140524', '崇文镇'], ['西溪二仙庙', '古建筑', '金至清', '140524', '崇文镇'],
  ['湘峪古堡', '古建筑', '明', '140521', '郑村镇'], ['郭壁村古建筑群', '古建筑', '明至清', '140521', '嘉峰镇'],
  ['砥洎城', '古建筑', '明至清', '140522', '润城镇'], ['海会寺', '古建筑', '明至清', '140522', '北留镇'],
] as const;

const RELIC_KINDS = [
  { cat: '古建筑', w: 55, names: ['关帝庙', '玉皇庙', '成汤庙', '三教堂', '观音堂', '舞楼', '民居', '祠堂', '古桥', '石牌坊'], eras: [['明', 3], ['清', 6], ['民国', 1]] },
  { cat: '古遗址', w: 15, names: ['遗址', '古城址', '窑址'], eras: [['新石器时代', 3], ['战国', 2], ['汉', 2], ['宋', 1]] },
  { cat: '古墓葬', w: 10, names: ['墓地', '古墓群', '家族墓'], eras: [['汉', 2], ['宋', 2], ['金', 2], ['明', 2], ['清', 2]] },
  { cat: '石窟寺及石刻', w: 8, names: ['摩崖石刻', '碑刻', '石窟', '经幢'], eras: [['北魏', 1], ['唐', 2], ['宋', 2], ['明', 2], ['清', 3]] },
  { cat: '近现代重要史迹及代表性建筑', w: 10, names: ['革命旧址', '抗日政府旧址', '烈士陵园', '供销社旧址'], eras: [['民国', 5], ['1949年以后', 5]] },
  { cat: '其他', w: 2, names: ['古树及石碾', '古井'], eras: [['清', 1]] },
] as const;

const LEVELS = [
  ['山西省文物保护单位', 4], ['晋城市文物保护单位', 6], ['县级文物保护单位', 20], ['尚未核定公布为文物保护单位的不可移动文物', 70],
] as const;

export function culturalRelicRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:relics`);
  const rows: Row[] = [];
  const counters: Record<string, number> = {};
  const code = (region: string) => `${region}-${seq((counters[region] = (counters[region] ?? 0) + 1), 4)}`;
  const base = (region: string, town: string, village: string) => {
    const { lng, lat } = generatePoint(rng, region);
    return { relic_county: countyName(region), relic_address: `${countyName(region)}${town}${village}`, relic_lng: lng, relic_lat: lat };
  };
  for (const [name, cat, era, region, town] of FAMOUS_RELICS) {
    rows.push({
      relic_code: code(region), relic_name: name, relic_category: cat, era, ...base(region, town, ''),
      protection_level: '全国重点文物保护单位', ownership: '国有', usage: '开放参观', condition: rng.pick(['好', '较好']),
      managing_body: `${name}文物保管所`,
    });
  }
  while (rows.length < 300) {
    const region = rng.pick(OFFICIAL_COUNTY_CODES);
    const kind = rng.weighted(RELIC_KINDS.map((k) => [k, k.w] as const));
    const town = rng.pick(TOWNS[region] ?? []);
    const village = generateVillage(rng);
    const ownership = rng.weighted([['国有', 30], ['集体', 55], ['私人', 13], ['其他', 2]] as const);
    rows.push({
      relic_code: code(region),
      relic_name: `${village.replace(/村$/, '')}${rng.pick(kind.names)}`,
      relic_category: kind.cat,
      era: rng.weighted(kind.eras),
      ...base(region, town, village),
      protection_level: rng.weighted(LEVELS),
      ownership,
      usage: rng.weighted([['闲置', 30], ['宗教活动场所', 10], ['居住', 15], ['开放参观', 10], ['村民公共活动', 25], ['其他', 10]] as const),
      condition: rng.weighted([['好', 10], ['较好', 25], ['一般', 35], ['较差', 20], ['差', 10]] as const),
      managing_body: ownership === '国有' ? `${countyName(region)}文物保护中心` : ownership === '集体' ? `${village}村民委员会` : '产权人自管',
    });
  }
  return rows;
}

/**
 * Operators are invented (the rules name none); their fleets add up to 17,500, under the 第十九条 cap of
 * 1.8万辆 in 市区. The rows are a 500-bike snapshot, proportional to the fleets.
 */
export const BIKE_OPERATORS = [
  { name: '晋城市畅骑出行科技有限公司', prefix: 'CQ', fleet: 8000, eShare: 0.6 },
  { name: '晋城市青柠单车运营有限公司', prefix: 'QN', fleet: 6000, eShare: 0 },
  { name: '山西泽风智行科技有限公司', prefix: 'ZF', fleet: 3500, eShare: 0.8 },
] as const;

export function sharedBikeRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:bikes`);
  const total = BIKE_OPERATORS.reduce((s, o) => s + o.fleet, 0);
  if (total > BIKE_CAP_CITY) throw new Error('bike fleets exceed the 1.8万辆 cap');
  const rows: Row[] = [];
  for (const op of BIKE_OPERATORS) {
    const uscc = generateUscc(rng, { kind: 'enterprise', regionCode: '140500', newStyle: true });
    const n = Math.round((500 * op.fleet) / total);
    for (let i = 0; i < n; i++) {
      const electric = rng.chance(op.eShare);
      // 第四条 市区 = 城区、开发区; 第十九条 接驳区 at the 市区/泽州县 boundary.
      const area = rng.weighted([['城区', 60], ['晋城经济技术开发区', 30], ['接驳区', 10]] as const);
      const region = area === '城区' ? '140502' : area === '晋城经济技术开发区' ? '140571' : '140525';
      const { lng, lat } = generatePoint(rng, region, area === '接驳区' ? 0.02 : 0.04);
      rows.push({
        bike_id: `${op.prefix}${rng.digits(8)}`,
        operator_name: op.name,
        operator_uscc: uscc,
        vehicle_type: electric ? '电动自行车' : '自行车',
        // 第二十一条: 专门号段 for rental e-bikes (the segment is illustrative).
        plate_no: electric ? `晋E·ZX${rng.digits(4)}` : null,
        area,
        bike_lng: lng,
        bike_lat: lat,
        bike_status: rng.weighted([['可骑行', 70], ['骑行中', 18], ['故障待修', 5], ['调度中', 7]] as const),
        battery_pct: electric ? rng.int(5, 100) : null,
        reported_at: datetimeOn(rng, DEMO_TODAY, 7, 22),
      });
    }
  }
  return rows;
}

/** Illustrative names of 市属企业 — not a list of the city's actual state-owned enterprises. */
const CITY_SOES = [
  '晋城市国有资本投资运营有限公司', '晋城市城市建设投资集团有限公司', '晋城市交通建设投资有限公司', '晋城市文化旅游投资集团有限公司',
  '晋城市水务集团有限公司', '晋城市公共交通有限公司', '晋城市金融控股集团有限公司', '晋城市农业发展投资有限公司',
];
/** 第六条(三): 企业管理、市场营销、资本运营、重组兼并、财务审计、公司治理、科研开发、人力资源管理, and 法律、经济、金融、资产监管. */
const EXPERTISE = [
  ['财务审计', 20], ['法律', 15], ['企业管理', 15], ['金融', 10], ['资本运营', 8], ['公司治理', 8], ['重组兼并', 4],
  ['市场营销', 5], ['科研开发', 6], ['人力资源管理', 5], ['经济', 2], ['资产监管', 2],
] as const;
const EMPLOYERS: Record<string, readonly (readonly [string, string, string])[]> = {
  财务审计: [['晋城{t}会计师事务所（普通合伙）', '主任会计师', '正高级会计师'], ['晋城{t}税务师事务所有限公司', '所长', '高级会计师']],
  法律: [['山西{t}律师事务所', '合伙人', '一级律师'], ['山西{t}律师事务所', '主任', '二级律师']],
  金融: [['晋城{t}投资咨询有限公司', '总经理', '高级经济师']],
  科研开发: [['晋城职业技术学院', '教授', '教授'], ['晋城{t}新材料研究院', '院长', '正高级工程师']],
};
const DEFAULT_EMPLOYERS = [['晋城{t}管理咨询有限公司', '总经理', '高级经济师'], ['已退休（原市属企业）', '原副总经理', '高级经济师']] as const;

export function externalDirectorRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:directors`);
  // 第六条(四) 兼职 first appointment ≤60; 第二十七条 serving ≤63: ages 40–62 on DEMO_TODAY.
  const candidates = personPool(seed).filter((p) => p.birthDate > '1961-07-01' && p.birthDate <= '1984-06-30');
  return rng.sample(candidates, 150).map((p) => {
    const expertise = rng.weighted(EXPERTISE);
    const [employerT, position, title] = rng.pick(EMPLOYERS[expertise] ?? DEFAULT_EMPLOYERS);
    const employer = employerT.replace('{t}', rng.pick(['泽', '丹', '鑫', '华', '晋', '宏', '泰']) + rng.pick(['信', '诚', '正', '明', '达']));
    const retired = employer.startsWith('已退休');
    // Admission at ≤60 (第六条(四)); qualification valid three years (第十九条).
    const earliest = addYears(p.birthDate, 40) > '2021-07-01' ? addYears(p.birthDate, 40) : '2021-07-01';
    const admitted = rng.date(earliest, DEMO_TODAY);
    // 第二十二条: 兼职 at most 2 companies; retired leaders only 1.
    const serving = rng.sample(CITY_SOES, rng.int(0, retired ? 1 : 2));
    return {
      name: p.name,
      id_number: p.idNumber,
      gender: p.gender,
      birth_date: p.birthDate,
      mobile: generateMobile(rng),
      employer,
      position,
      pro_title: title,
      education: rng.weighted([['大学本科', 55], ['硕士研究生', 35], ['博士研究生', 10]] as const),
      expertise,
      entry_channel: rng.weighted([['组织推荐', 60], ['个人自荐', 25], ['公开招聘', 15]] as const),
      admitted_on: admitted,
      qualification_until: addDays(addYears(admitted, 3), -1),
      serving_companies: serving.length === 0 ? null : serving.join('、'),
      evaluation: serving.length === 0 ? null : rng.weighted([['优秀', 25], ['称职', 65], ['基本称职', 8], ['不称职', 2]] as const),
    };
  });
}

export function medicalInstitutionRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:medical`);
  type Inst = [name: string, cls: string, grade: string, region: string, beds: [number, number], kind: 'institution' | 'enterprise'];
  const list: Inst[] = [
    ['晋城市人民医院', '综合医院', '三级甲等', '140502', [1200, 2000], 'institution'],
    ['晋城市中医院', '中医医院', '三级甲等', '140502', [800, 1200], 'institution'],
    ['晋城市第二人民医院', '综合医院', '三级乙等', '140502', [600, 900], 'institution'],
    ['晋城市妇幼保健院', '妇幼保健院', '三级乙等', '140502', [300, 500], 'institution'],
    ['晋城市疾病预防控制中心', '疾病预防控制中心', '未定级', '140502', [0, 0], 'institution'],
  ];
  for (const c of OFFICIAL_COUNTY_CODES.filter((x) => x !== '140502')) {
    const n = countyName(c);
    list.push([`${n}人民医院`, '综合医院', '二级甲等', c, [400, 800], 'institution']);
    list.push([`${n}中医医院`, '中医医院', rng.pick(['二级甲等', '二级乙等']), c, [150, 400], 'institution']);
    list.push([`${n}妇幼保健计划生育服务中心`, '妇幼保健院', '二级乙等', c, [50, 150], 'institution']);
    list.push([`${n}疾病预防控制中心`, '疾病预防控制中心', '未定级', c, [0, 0], 'institution']);
  }
  for (const [code, towns] of Object.entries(TOWNS)) {
    for (const t of towns) {
      const street = t.endsWith('街道');
      list.push([`${countyName(code)}${t}${street ? '社区卫生服务中心' : '卫生院'}`, street ? '社区卫生服务中心' : '乡镇卫生院', rng.pick(['一级', '未定级']), code, [20, 60], 'institution']);
    }
  }
  while (list.length < 100) {
    const region = rng.pick(Object.keys(COUNTY_NAMES));
    const name = `晋城${rng.pick(['康', '仁', '济', '华', '和', '安'])}${rng.pick(['泰', '爱', '民', '德', '美'])}${rng.pick(['医院', '骨科医院', '眼科医院', '口腔医院'])}`;
    if (list.some((x) => x[0] === name)) continue;
    list.push([name, name.endsWith('科医院') || name.endsWith('口腔医院') ? '专科医院' : '综合医院', rng.pick(['一级', '二级乙等']), region, [30, 150], 'enterprise']);
  }
  return list.map(([name, cls, grade, region, [lo, hi], kind]) => ({
    institution_name: name,
    institution_uscc: generateUscc(rng, { kind, regionCode: region === '140571' ? '140500' : region }),
    institution_class: cls,
    hospital_grade: grade,
    institution_county: countyName(region),
    institution_address: generateAddress(rng, region).full,
    beds: rng.int(lo, hi),
    fire_officer: generateName(rng),
    office_phone: generateLandline(rng),
    business_floor_area_m2: rng.decimal(800, 60_000, 1),
  }));
}
