/** Rows of the safety entries: special equipment, relief reserves, self-built houses, fire units, video points. */
import {
  generateAddress, generateLandline, generateMobile, generateName, generatePoint, generateUscc, generateVillage,
} from './ids.ts';
import { CITY_ROADS, COUNTY_NAMES, TOWNS } from './people.ts';
import { activeCompanies, personPool } from './pools.ts';
import { Rng, addDays } from './prng.ts';
import { DEMO_TODAY, type Row, countyName, seq } from './rows-kit.ts';
import { OFFICIAL_COUNTY_CODES } from './regions.ts';

const ALL_COUNTIES = Object.keys(COUNTY_NAMES);

/**
 * 特种设备目录 categories (8.1 of the plan lists them) with their 使用登记证 代号 and a few 品种 with
 * their 4-digit 品种代码; inspection interval in years. Weights: elevators dominate any city's register.
 */
const EQUIPMENT = [
  { cat: '电梯', sign: '梯', w: 45, years: 1, kinds: [['3110', '曳引驱动乘客电梯'], ['3120', '曳引驱动载货电梯'], ['3310', '自动扶梯'], ['3410', '杂物电梯']] },
  { cat: '压力容器', sign: '容', w: 18, years: 3, kinds: [['2100', '固定式压力容器'], ['2200', '移动式压力容器'], ['2400', '氧舱']] },
  { cat: '起重机械', sign: '起', w: 12, years: 2, kinds: [['4100', '桥式起重机'], ['4200', '门式起重机'], ['4300', '塔式起重机'], ['4800', '施工升降机']] },
  { cat: '场（厂）内专用机动车辆', sign: '车', w: 10, years: 1, kinds: [['5110', '叉车'], ['5200', '非公路用旅游观光车辆']] },
  { cat: '锅炉', sign: '锅', w: 6, years: 1, kinds: [['1100', '承压蒸汽锅炉'], ['1200', '承压热水锅炉'], ['1300', '有机热载体锅炉']] },
  { cat: '压力管道', sign: '管', w: 6, years: 3, kinds: [['8200', '公用管道（燃气管道）'], ['8300', '工业管道']] },
  { cat: '大型游乐设施', sign: '游', w: 2, years: 1, kinds: [['6100', '观览车类'], ['6200', '滑行车类']] },
  { cat: '客运索道', sign: '索', w: 1, years: 1, kinds: [['9100', '客运架空索道']] },
] as const;

export function specialEquipmentRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:equipment`);
  const users = activeCompanies(seed).filter((c) => c.orgType !== '个体工商户' && c.orgType !== '农民专业合作社');
  const rows: Row[] = [];
  for (let i = 1; i <= 400; i++) {
    const e = rng.weighted(EQUIPMENT.map((x) => [x, x.w] as const));
    const [variety, varietyName] = rng.pick<readonly [string, string]>(e.kinds);
    const user = rng.pick(users);
    const registeredOn = rng.date(user.establishedOn > '2005-01-01' ? user.establishedOn : '2005-01-01', DEMO_TODAY);
    const made = Number(registeredOn.slice(0, 4)) - rng.int(0, 1);
    const codeRegion = user.regionCode === '140571' ? '140500' : user.regionCode;
    const next = addDays(DEMO_TODAY, rng.int(1, e.years * 365));
    const location =
      e.cat === '电梯' ? `${user.address}${rng.int(1, 12)}号楼${rng.int(1, 4)}单元` : `${user.address}${rng.pick(['生产车间', '厂区', '锅炉房', '仓库', '院内'])}`;
    rows.push({
      // Shaped like TSG 08 使用登记证编号: 类别代号 + 品种 + 登记机关(晋E) + 流水号 + (年份).
      registration_no: `${e.sign}${variety.slice(1, 3)}晋E${seq(i, 5)}(${registeredOn.slice(2, 4)})`,
      // 设备代码: 品种代码 + 区划码 + 制造年份 + 流水号.
      equipment_code: `${variety}${codeRegion}${made}${seq(rng.int(1, 9999), 4)}`,
      equipment_category: e.cat,
      equipment_variety: varietyName,
      user_name: user.name,
      user_uscc: user.uscc,
      use_location: location,
      equipment_county: countyName(user.regionCode),
      registered_on: registeredOn,
      next_inspection: next,
      equipment_status: rng.weighted([['在用', 90], ['停用', 7], ['报废', 3]] as const),
    });
  }
  return rows;
}

/** 7.1 "帐篷、棉被、棉衣裤、睡袋、应急包、折叠床、救生衣和部分救灾应急指挥所需物资以及少量简易的救灾工具". */
const MATERIALS = [
  ['帐篷', '12平方米单帐篷', '顶'], ['帐篷', '36平方米框架式帐篷', '顶'], ['帐篷', '60平方米框架式帐篷', '顶'],
  ['棉被', '2.0m×2.3m，3.0kg', '床'], ['棉衣裤', '成人棉衣裤套装', '套'], ['棉大衣', '军绿色，均码', '件'],
  ['睡袋', '-5℃ 信封式', '个'], ['应急包', '家庭应急包，12件套', '个'], ['折叠床', '单人，1.9m×0.7m', '张'],
  ['救生衣', '成人船用救生衣', '件'], ['铁锹', '尖头，木柄', '把'], ['编织袋', '50cm×80cm', '条'],
  ['应急照明灯', '便携式LED，续航8小时', '台'], ['汽油发电机', '5kW', '台'], ['卫星电话', '天通一号', '部'],
  ['对讲机', '数字对讲机，5W', '部'], ['折叠桌椅', '1.2m桌配4椅', '套'],
] as const;

export function disasterReliefRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:relief`);
  const warehouses = [
    { code: 'SJ', name: '晋城市救灾物资储备库', region: '140502', materials: MATERIALS.length, funding: ['中央', '省级', '市级'] },
    ...OFFICIAL_COUNTY_CODES.filter((c) => c !== '140502').map((c, i) => ({
      code: `XJ${i + 1}`, name: `${countyName(c)}救灾物资储备库`, region: c, materials: 13, funding: ['省级', '县级', '社会捐赠'],
    })),
    { code: 'CQ', name: '城区救灾物资储备库', region: '140502', materials: 11, funding: ['县级', '社会捐赠'] },
    { code: 'KFQ', name: '晋城经济技术开发区应急物资储备点', region: '140571', materials: 9, funding: ['县级'] },
  ];
  const rows: Row[] = [];
  for (const w of warehouses) {
    const address = generateAddress(rng, w.region).full;
    const phone = generateLandline(rng);
    rng.sample(MATERIALS, w.materials).forEach(([name, spec, unit], i) => {
      const bulky = unit === '顶' || unit === '台' || unit === '部' || unit === '套';
      rows.push({
        material_code: `${w.code}-${seq(i + 1, 3)}`,
        material_name: name,
        spec,
        unit,
        quantity: bulky ? rng.int(20, 600) : rng.int(200, 12_000),
        warehouse: w.name,
        warehouse_county: countyName(w.region),
        warehouse_address: address,
        funding: rng.pick(w.funding),
        storage_mode: rng.chance(0.8) ? '实物储备' : '协议储备',
        duty_phone: phone,
        updated_on: rng.date('2024-06-01', DEMO_TODAY),
      });
    });
  }
  return rows;
}

const BUSINESS_USES = [['餐饮', 30], ['住宿（民宿）', 15], ['商超', 20], ['农家乐', 10], ['小作坊', 8], ['培训', 5], ['棋牌娱乐', 5], ['仓储', 7]] as const;

export function selfBuiltHouseRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:houses`);
  // Owners are real people of the population pool, so a verification against 人口基础信息 matches.
  const owners = personPool(seed).filter((p) => p.birthDate <= '1995-12-31');
  const rows: Row[] = [];
  for (let i = 1; i <= 300; i++) {
    const owner = rng.pick(owners);
    const region = rng.chance(0.7) ? owner.householdRegion : rng.pick(OFFICIAL_COUNTY_CODES);
    const addr = generateAddress(rng, region);
    const appraisal = rng.weighted([['A级', 30], ['B级', 45], ['C级', 18], ['D级', 3], ['未鉴定', 4]] as const);
    const hazard = appraisal === 'C级' || appraisal === 'D级' || rng.chance(0.12);
    rows.push({
      house_code: `ZJF-${region}-${seq(i, 4)}`,
      house_county: countyName(region),
      house_town: addr.town,
      house_address: addr.full,
      owner_name: owner.name,
      owner_id_number: owner.idNumber,
      owner_mobile: generateMobile(rng),
      floors: rng.weighted([[2, 3], [3, 4], [4, 3], [5, 1], [6, 1]] as const),
      house_floor_area_m2: rng.decimal(120, 1500, 1),
      business_use: rng.weighted(BUSINESS_USES),
      built_year: rng.int(1985, 2022),
      appraisal,
      has_hazard: hazard,
      rectified: hazard ? rng.chance(0.7) : null,
      checked_on: rng.date('2024-03-01', DEMO_TODAY),
    });
  }
  return rows;
}

/** (十八): places and hazards the fire campaign names. */
const VENUES = [['人员密集场所', 35], ['高层建筑', 20], ['大型综合体', 8], ['劳动密集型企业', 20], ['文博单位', 5], ['老旧商住混合体', 12]] as const;
const FIRE_HAZARDS = ['锁闭安全出口', '占堵疏散通道', '门窗违规设置障碍物', '电气线路老化', '消防设施短缺损坏', '未落实火灾风险自查'];

export function fireKeyUnitRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:fire`);
  const companies = rng.sample(
    activeCompanies(seed).filter((c) => c.orgType !== '农民专业合作社' && c.orgType !== '个体工商户'),
    10_000,
  );
  const names = new Set<string>();
  const rows: Row[] = [];
  let next = 0;
  while (rows.length < 250) {
    const venue = rng.weighted(VENUES);
    let region = rng.pick(ALL_COUNTIES);
    let name: string;
    let uscc: string;
    let address: string;
    let officer: string;
    const company = companies[next];
    if ((venue === '人员密集场所' || venue === '劳动密集型企业') && company) {
      next++;
      ({ name, uscc, address, regionCode: region } = company);
      officer = company.legalRep;
    } else {
      const trade = rng.pick(['泽', '丹', '鑫', '华', '晋', '宏', '泰', '凤', '兰']) + rng.pick(['源', '通', '达', '兴', '盛', '苑', '城']);
      name = {
        人员密集场所: `${countyName(region)}${trade}商场`,
        劳动密集型企业: `晋城${trade}服装有限公司`,
        高层建筑: `${trade}大厦`,
        大型综合体: `${trade}广场购物中心`,
        文博单位: `${countyName(region)}博物馆`,
        老旧商住混合体: `${rng.pick(CITY_ROADS)}${trade}商住楼`,
      }[venue];
      uscc = generateUscc(rng, { kind: venue === '文博单位' ? 'institution' : 'enterprise', regionCode: region === '140571' ? '140500' : region });
      address = generateAddress(rng, region).full;
      officer = generateName(rng);
    }
    if (names.has(name)) continue;
    names.add(name);
    const inspected = rng.date('2024-01-01', DEMO_TODAY);
    const hazard = rng.chance(0.3);
    rows.push({
      unit_name: name,
      unit_uscc: uscc,
      venue_type: venue,
      unit_county: countyName(region),
      unit_address: address,
      fire_officer: officer,
      officer_mobile: generateMobile(rng),
      last_inspection: inspected,
      hazard_found: hazard,
      hazard_desc: hazard ? rng.sample(FIRE_HAZARDS, rng.int(1, 2)).join('；') : null,
      rectify_deadline: hazard ? addDays(inspected, rng.pick([15, 30, 60])) : null,
    });
  }
  return rows;
}

const CAMERAS = [['枪机', 40], ['球机', 25], ['全景摄像机', 10], ['人脸识别摄像机', 10], ['车辆卡口', 15]] as const;

export function videoPointRows(seed: string | number): Row[] {
  const rng = new Rng(`${seed}:video`);
  const rows: Row[] = [];
  for (let i = 1; i <= 200; i++) {
    const region = rng.pick(ALL_COUNTIES);
    const urban = region === '140502' || region === '140571';
    const [a, b] = rng.sample(CITY_ROADS, 2);
    const location = urban
      ? `${a}与${b}交叉口`
      : `${rng.pick(TOWNS[region] ?? [])}${generateVillage(rng)}${rng.pick(['村口', '路口', '学校门口', '集贸市场'])}`;
    const { lng, lat } = generatePoint(rng, region, urban ? 0.04 : 0.15);
    rows.push({
      point_code: `JCGA-SP-${seq(i, 5)}`,
      point_name: `${countyName(region)}${location}`,
      point_county: countyName(region),
      install_location: location,
      point_lng: lng,
      point_lat: lat,
      camera_type: rng.weighted(CAMERAS),
      network: rng.chance(0.7) ? '公安视频专网' : '视频传输网',
      // (十四) "开展农村地区道路交通视频图像统筹建设": rural points are mostly recent.
      built_on: rng.date(urban ? '2015-01-01' : '2021-01-01', DEMO_TODAY),
      run_status: rng.weighted([['在线', 92], ['离线', 6], ['维修中', 2]] as const),
    });
  }
  return rows;
}

