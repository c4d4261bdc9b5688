/**
 * Demo entries for groundwater and geology — 市生态环境局, 市水务局, 泽州县自然资源局. Numbers are those of
 * 《晋城市地下水污染防治重点区划定报告》 as printed in the gazette (晋市环发〔2023〕123号, issued 2023-12-18 by
 * "晋城市生态环境局 晋城市水务局 晋城市规划和自然资源局"; "本文件2024年1月18日起施行，有效期五年"), and of its
 * companion 《晋城市地下水污染防治重点区管理配套措施落实工作方案》 (晋市环发〔2023〕124号).
 */
import { department, theme } from './categories.ts';
import { departmentByKey } from './departments.ts';
import { COUNTY, LAT, LNG, MOBILE, PERSON_NAME, TOWN, bool, date, dec, int, str, type DemoEntry } from './entry-kit.ts';

/**
 * Zone counts and areas, quoted from the report, 七(6) "全市水源地各类保护区共 113处 … 一级保护区81个，总面积
 * 4.494平方公里；二级保护区31个，总面积113.372平方公里；准保护区1个，总面积8.3平方公里。晋城市泉域保护区共6处（去除与
 * 水源地保护区重合部分），面积70.97平方公里" and 七(7) "管控区总面积 512.95平方公里 … 一级管控区 54个，总面积 41.75
 * 平方公里；二级管控区 261个，总面积 471.20平方公里". The generated rows split each total exactly.
 */
export const GROUNDWATER_ZONES = [
  { zoneClass: '保护类区域', zoneType: '饮用水水源一级保护区', count: 81, areaKm2: 4.494 },
  { zoneClass: '保护类区域', zoneType: '饮用水水源二级保护区', count: 31, areaKm2: 113.372 },
  { zoneClass: '保护类区域', zoneType: '饮用水水源准保护区', count: 1, areaKm2: 8.3 },
  { zoneClass: '保护类区域', zoneType: '泉域重点保护区', count: 6, areaKm2: 70.97 },
  { zoneClass: '管控类区域', zoneType: '一级管控区', count: 54, areaKm2: 41.75 },
  { zoneClass: '管控类区域', zoneType: '二级管控区', count: 261, areaKm2: 471.2 },
] as const;

/**
 * Pollution-source counts, report 七(5): "工业污染源 394个，矿山开采区 437个，危险废物处置场 5个，垃圾填埋场 13个，
 * 加油站225个，农业污染源686个"; load classes "高污染荷载区面积 116.39平方公里，中污染荷载区面积 343.63平方公里，
 * 低污染荷载区面积2762.63平方公里".
 */
export const POLLUTION_SOURCES = [
  { type: '工业污染源', count: 394 },
  { type: '矿山开采区', count: 437 },
  { type: '危险废物处置场', count: 5 },
  { type: '垃圾填埋场', count: 13 },
  { type: '加油站', count: 225 },
  { type: '农业污染源', count: 686 },
] as const;

export const groundwaterZones: DemoEntry = {
  key: 'groundwater-key-zones',
  provider: 'sthjj',
  status: 'published',
  themeDbKey: 'dxs',
  relatedKeys: ['groundwater-pollution-sources', 'groundwater-monitoring-wells'],
  source: '晋市环发〔2023〕123号《晋城市地下水污染防治重点区划定报告》七(6)(7)、八；晋市环发〔2023〕124号《晋城市地下水污染防治重点区管理配套措施落实工作方案》',
  body: {
    name: '地下水污染防治重点区',
    summary:
      '晋城市地下水污染防治重点区划定成果：保护类区域（饮用水水源一级保护区81个4.494平方公里、二级保护区31个' +
      '113.372平方公里、准保护区1个8.3平方公里、泉域重点保护区6处70.97平方公里，合计197.14平方公里）和管控类区域' +
      '（一级管控区54个41.75平方公里、二级管控区261个471.20平方公里，合计512.95平方公里）。评估区总面积6892.2平方公里，' +
      '精度1:25万，评价基准年2022年；2024年1月18日起施行，有效期五年，管控类区域实行动态更新。',
    storageLevel: 'city',
    category: theme('03', '001'),
    grade: 1,
    important: false,
    format: 'database',
    items: [
      str('zone_code', '分区编号', 20, { key: true }),
      str('zone_name', '分区名称', 100),
      str('zone_class', '区域类别', 10, { description: '保护类区域 或 管控类区域' }),
      str('zone_type', '分区类型', 20),
      COUNTY('zone', '分区'),
      TOWN('zone', '分区'),
      dec('area_km2', '面积（平方公里）', { description: '3位小数' }),
      str('measures', '管理措施', 100, { description: '《配套措施落实工作方案》对应条款' }),
      date('zone_effective_from', '划定成果施行日期'),
      date('zone_valid_until', '划定成果有效期至'),
    ],
    shareType: 'unconditional',
    shareMethod: 'table',
    openType: 'open',
    openMethod: '开放平台下载（CSV、JSON、XLSX）',
    updateCycle: 'irregular',
    structure: '单表，每行一个分区；空间范围（面）另见重点区划成果图（附图10）。',
  },
};

export const groundwaterPollutionSources: DemoEntry = {
  key: 'groundwater-pollution-sources',
  provider: 'sthjj',
  status: 'published',
  themeDbKey: 'dxs',
  relatedKeys: ['groundwater-key-zones'],
  source: '晋市环发〔2023〕123号《晋城市地下水污染防治重点区划定报告》七(5) 地下水综合污染源荷载评估',
  body: {
    name: '地下水污染源荷载评估清单',
    summary:
      '参与地下水综合污染源荷载评估的六类污染源共1760个：工业污染源394个、矿山开采区437个、危险废物处置场5个、' +
      '垃圾填埋场13个、加油站225个、农业污染源686个；按污染物毒性、释放可能性和释放量评定高、中等、低荷载。',
    storageLevel: 'city',
    category: theme('03', '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('source_code', '污染源编号', 20, { key: true }),
      str('source_type', '污染源类型', 20),
      str('source_name', '污染源名称', 200),
      str('source_operator_uscc', '运营单位统一社会信用代码', 18),
      COUNTY('source', '污染源'),
      TOWN('source', '污染源'),
      str('load_level', '污染荷载等级', 10, { description: '高、中等、低' }),
      bool('in_control_zone', '是否位于管控类区域'),
      LNG('source', '污染源'),
      LAT('source', '污染源'),
    ],
    shareType: 'conditional',
    shareScope:
      '市水务局、市规划和自然资源局、市应急局及各县（市、区）人民政府，用于地下水污染防治重点区管理和污染源监管' +
      '（《晋城市地下水污染防治重点区管理配套措施落实工作方案》）',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'yearly',
  },
};

/**
 * 地下水长观井监测 — report 七(4): "本次评价收集了169口地下水长观井及丰枯两期水位统测数据"; water quality 七(2):
 * "地下水质 III类以上的区域面积为5929.3平方公里，IV类区域面积为 840.1平方公里，V类区域面积为122.8平方公里".
 * 市水务局 co-issued the 配套措施 (signed "晋城市生态环境局 晋城市水务局 晋城市规划和自然资源局").
 */
export const groundwaterWells: DemoEntry = {
  key: 'groundwater-monitoring-wells',
  provider: 'swj',
  status: 'published',
  relatedKeys: ['groundwater-key-zones'],
  source: '晋市环发〔2023〕123号《晋城市地下水污染防治重点区划定报告》七(2) 地下水质量评估、七(4) 地下水脆弱性评估',
  body: {
    name: '地下水长观井水位水质监测',
    summary:
      '全市169口地下水长期观测井的位置、含水层类型、井深，丰水期和枯水期两期水位埋深及水质类别（参照《地下水质量标准》' +
      'GB/T 14848，I~Ⅲ类为好、IV类为中等、V类为差）。',
    storageLevel: 'city',
    category: department(departmentByKey('swj').catalogCode, '001'),
    grade: 1,
    important: false,
    format: 'database',
    items: [
      str('well_code', '监测井编号', 20, { key: true }),
      COUNTY('well', '监测井'),
      TOWN('well', '监测井'),
      str('aquifer', '含水层类型', 20, { description: '松散岩类孔隙水、碎屑岩类孔隙裂隙水、岩溶裂隙水' }),
      dec('well_depth_m', '井深（米）'),
      dec('level_wet_m', '丰水期水位埋深（米）'),
      dec('level_dry_m', '枯水期水位埋深（米）'),
      str('quality_class', '水质类别', 5, { description: 'I、II、III、IV、V' }),
      int('monitor_year', '监测年份'),
      LNG('well', '监测井'),
      LAT('well', '监测井'),
    ],
    shareType: 'unconditional',
    shareMethod: 'table',
    openType: 'open',
    openMethod: '开放平台下载（CSV、JSON、XLSX）',
    updateCycle: 'halfyearly',
  },
};

/**
 * 泽州县地质灾害隐患点 — the demo's county-level entry. 晋市政发〔2024〕1号 (二十二) 地质灾害: "加强综合防治体系
 * 建设，重点实施避险搬迁、工程治理，开展重点地区地质灾害精细化调查和风险“双控”试点管理。做好冻融期、汛期等重点时段地质
 * 灾害防范。（市规划和自然资源局、市应急局等部门分工负责）". 泽州 is a coal county, so 采空 地面塌陷 dominates.
 */
export const zzxGeohazards: DemoEntry = {
  key: 'zzx-geohazard-sites',
  provider: 'zzx.zrzyj',
  status: 'published',
  source: '晋市政发〔2024〕1号（二十二）加强重点灾种防范 · 地质灾害',
  body: {
    name: '泽州县地质灾害隐患点',
    summary:
      '泽州县在册地质灾害隐患点的类型、规模、威胁对象、防治措施（避险搬迁、工程治理、监测预警）及群测群防监测员，' +
      '冻融期、汛期加密巡查。',
    storageLevel: 'county',
    category: department(departmentByKey('zzx.zrzyj').catalogCode, '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('hazard_code', '隐患点编号', 20, { key: true }),
      TOWN('hazard', '隐患点'),
      str('hazard_village', '隐患点所在村', 20),
      str('hazard_type', '灾害类型', 10, { description: '崩塌、滑坡、泥石流、地面塌陷、地裂缝' }),
      str('scale', '规模等级', 10, { description: '小型、中型、大型' }),
      int('threatened_people', '威胁人数'),
      dec('threatened_property_wan', '威胁财产（万元）'),
      str('measure', '防治措施', 20, { description: '避险搬迁、工程治理、监测预警' }),
      PERSON_NAME('monitor_name', '群测群防监测员'),
      MOBILE('monitor_mobile', '监测员手机号码'),
      date('last_patrol', '最近巡查日期'),
      LNG('hazard', '隐患点'),
      LAT('hazard', '隐患点'),
    ],
    shareType: 'conditional',
    shareScope: '泽州县应急、水务、住建、交通运输部门及各乡镇人民政府，用于地质灾害防范和避险转移',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

export const ENVIRONMENT_ENTRIES: readonly DemoEntry[] = [
  groundwaterZones,
  groundwaterPollutionSources,
  groundwaterWells,
  zzxGeohazards,
];
