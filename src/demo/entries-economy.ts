/**
 * Demo entries for investment, industry and licensing — 市发展改革委, 市工信局, 市审批服务管理局, 市能源局.
 */
import { department, theme } from './categories.ts';
import { departmentByKey } from './departments.ts';
import { COUNTY, ORG_NAME, USCC, date, datetime, bool, dec, int, str, type DemoEntry } from './entry-kit.ts';

/**
 * 2024年省市重点工程项目名单 — the one entry with real rows: all 198 projects of 晋市政办〔2024〕12号
 * ("晋城市2024 年省市重点工程项目名单 / 合 计（198 个）"), copied to data/jincheng-key-projects-2024.csv.
 * Open data: the notice is marked "（此件公开发布）".
 */
export const keyProjects: DemoEntry = {
  key: 'key-projects-2024',
  provider: 'fgw',
  status: 'published',
  themeDbKey: 'tzxm',
  source: '晋市政办〔2024〕12号《关于印发晋城市2024年省市重点工程项目名单的通知》（2024年4月3日，此件公开发布）',
  body: {
    name: '2024年省市重点工程项目名单',
    summary:
      '晋城市2024年省市重点工程项目名单，合计198个：产业转型66个、能源革命29个、科技创新1个、基础设施38个、' +
      '社会民生64个；其中省重点68个、市重点130个。省市重点工程项目实行动态管理，可根据工作需要和项目实施情况，' +
      '按程序进行调整补充。',
    storageLevel: 'city',
    category: theme('01', '001'),
    grade: 1,
    important: false,
    format: 'csv',
    items: [
      int('seq', '序号', { key: true, description: '名单中的序号，1–198' }),
      str('category', '大类', 20, { description: '产业转型、能源革命、科技创新、基础设施、社会民生' }),
      str('subcategory', '小类', 50, { description: '如“第三代半导体产业链”“公路”“教育提质”' }),
      str('project_name', '项目名称', 200),
      str('level', '层级', 10, { description: '省重点 或 市重点' }),
      str('location', '建设地点', 200, { description: '县（市、区）名称；跨多地的项目以“、”分隔，如“城区、泽州县”' }),
    ],
    shareType: 'unconditional',
    shareMethod: 'file',
    openType: 'open',
    openMethod: '开放平台下载（CSV、JSON、XLSX）',
    updateCycle: 'yearly',
    structure: '单表，每行一个项目；建设地点为“、”分隔的县（市、区）列表，也可为“全市”“市区”。',
  },
};

/**
 * 铸造高炉产能置换方案公示 — 晋市工信投资字〔2024〕18号《晋城市铸造高炉产能置换实施细则》: 第三条 "减量置换比例为
 * 1.25:1"; 第四条 "用于置换的产能指标以高炉容积作为计算单位"; 第七条 lists the contents of a scheme; 第十三条
 * "在市工信部门门户网站向社会公示（见附件 4），公示期不少于 5个工作日".
 */
export const capacityReplacement: DemoEntry = {
  key: 'blast-furnace-capacity-replacement',
  provider: 'gxj',
  status: 'published',
  source: '晋市工信投资字〔2024〕18号《晋城市铸造高炉产能置换实施细则》第三条、第四条、第七条、第九条、第十三条',
  body: {
    name: '铸造高炉产能置换方案公示',
    summary:
      '经市工信部门牵头、市发展改革、生态环境、审批服务管理部门共同确认的铸造高炉产能置换方案，在市工信部门门户网站' +
      '公示不少于5个工作日。产能以高炉容积（立方米）计；减量置换比例1.25:1（退出产能与建设产能之比），建设氢冶金和' +
      'Corex、Finex、HIsmelt等非高炉炼铁项目可等量置换。退出产能须在建设项目投产前拆除到位。',
    storageLevel: 'city',
    category: department(departmentByKey('gxj').catalogCode, '002'),
    grade: 1,
    important: false,
    format: 'xlsx',
    items: [
      str('announcement_no', '公示编号', 40, { key: true }),
      str('build_project_name', '建设项目名称', 200),
      str('builder_name', '建设企业名称', 200),
      str('builder_uscc', '建设企业统一社会信用代码', 18),
      str('build_county', '建设项目所在县（市、区）', 20),
      int('new_furnace_count', '拟建高炉数量（座）'),
      dec('new_volume_m3', '建设产能（高炉容积，立方米）'),
      str('exit_company', '退出产能企业名称', 200),
      str('exit_uscc', '退出产能企业统一社会信用代码', 18),
      str('exit_county', '退出产能所在县（市、区）', 20),
      int('exit_furnace_count', '退出高炉数量（座）'),
      dec('exit_volume_m3', '退出产能（高炉容积，立方米）'),
      str('replacement_kind', '置换方式', 10, { description: '减量置换（1.25:1）或 等量置换（1:1）' }),
      str('ratio', '置换比例', 10),
      date('planned_start', '计划开工时间'),
      date('planned_production', '计划投产时间'),
      date('dismantle_start', '启动拆除时间'),
      date('dismantle_done', '拆除到位时间', { description: '须早于计划投产时间（第九条）' }),
      date('publicity_start', '公示开始日期'),
      date('publicity_end', '公示截止日期', { description: '公示期不少于5个工作日（第十三条）' }),
    ],
    shareType: 'unconditional',
    shareMethod: 'file',
    openType: 'open',
    openMethod: '市工信局门户网站公示；开放平台下载',
    updateCycle: 'irregular',
  },
};

/**
 * 安全生产行政许可审批信息 — 晋市政发〔2024〕1号 (三): "集中审批部门颁发相应许可证照后，实时向行业主管部门和行业监管
 * 牵头部门推送相关审批信息和资料，各监管部门做好监管工作（市审批服务管理局等有关部门分工负责）". Real-time push → API
 * (§17: 跨部门并联审批和协同办公 data shares by API). It re-declares 统一社会信用代码 and 企业名称, which the
 * 法人基础信息 entry already publishes — the demo's 一数一源 warning (§15).
 */
export const safetyPermits: DemoEntry = {
  key: 'safety-permits',
  provider: 'spj',
  status: 'published',
  relatedKeys: ['legal-persons'],
  source: '晋市政发〔2024〕1号《关于做好2024年安全生产工作的通知》（三）从严落实部门监管责任',
  body: {
    name: '安全生产行政许可审批信息',
    summary:
      '市审批服务管理局集中办理的安全生产类行政许可（危险化学品经营、烟花爆竹经营、非煤矿山安全生产、建筑施工企业' +
      '安全生产、燃气经营、道路危险货物运输等）的发证信息，颁证后实时推送至行业主管部门和行业监管牵头部门。',
    storageLevel: 'city',
    category: department(departmentByKey('spj').catalogCode, '001'),
    grade: 1,
    important: false,
    format: 'api',
    items: [
      str('permit_no', '许可证编号', 50, { key: true }),
      USCC(),
      ORG_NAME(),
      str('permit_type', '许可事项', 50),
      str('industry_dept', '行业主管部门', 50),
      date('issued_on', '发证日期'),
      date('valid_until', '有效期至'),
      str('permit_status', '证照状态', 10, { description: '有效、注销、吊销、过期' }),
      datetime('pushed_at', '推送时间', { description: '推送至行业主管部门的时间' }),
    ],
    shareType: 'unconditional',
    shareMethod: 'api',
    openType: 'open',
    openMethod: '行政许可“双公示”；开放平台接口',
    updateCycle: 'realtime',
    parallelApproval: true,
  },
};

/**
 * 煤矿智能化改造清单 — 晋市政发〔2024〕1号 (十一): "产能 120万吨/年及以上和灾害严重的生产煤矿智能化改造全部开工，
 * 完成省定智能化煤矿建设任务。（市应急局、市能源局、市规划和自然资源局、山西局矿监九处等部门分工负责）".
 * Submitted, awaiting the authority's review: the demo's 'pending' entry.
 */
export const coalMineIntelligent: DemoEntry = {
  key: 'coal-mine-intelligent',
  provider: 'nyj',
  status: 'pending',
  source: '晋市政发〔2024〕1号（十一）煤矿领域专项整治',
  body: {
    name: '生产煤矿智能化改造清单',
    summary:
      '全市生产煤矿核定产能、主要灾害类型及智能化改造进度。产能120万吨/年及以上和灾害严重的生产煤矿纳入智能化' +
      '改造范围，2024年全部开工。',
    storageLevel: 'city',
    category: department(departmentByKey('nyj').catalogCode, '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('mine_name', '煤矿名称', 200, { key: true }),
      str('mine_uscc', '煤矿统一社会信用代码', 18),
      COUNTY('mine', '煤矿'),
      int('capacity_wt', '核定生产能力（万吨/年）'),
      str('main_hazard', '主要灾害类型', 50, { description: '高瓦斯、煤与瓦斯突出、水文地质类型复杂、冲击地压、低瓦斯' }),
      bool('in_scope', '是否纳入智能化改造', { description: '产能≥120万吨/年或灾害严重' }),
      str('progress', '改造进度', 10, { description: '未开工、已开工、已完成、已验收；不在范围的为“不涉及”' }),
      date('started_on', '开工日期'),
      date('reported_on', '填报日期'),
    ],
    shareType: 'conditional',
    shareScope: '市应急局、市规划和自然资源局、山西局矿监九处，用于煤矿安全监管和智能化建设调度',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

export const ECONOMY_ENTRIES: readonly DemoEntry[] = [keyProjects, capacityReplacement, safetyPermits, coalMineIntelligent];
