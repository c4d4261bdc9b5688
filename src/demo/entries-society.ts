/**
 * Demo entries for culture, transport, state assets and health — 市文旅局, 市交通局, 市国资委, 市卫健委.
 */
import { department, theme } from './categories.ts';
import { departmentByKey } from './departments.ts';
import {
  COUNTY, ID_NUMBER, LAT, LNG, MOBILE, PERSON_NAME, date, datetime, dec, int, str, type DemoEntry,
} from './entry-kit.ts';

/**
 * 不可移动文物名录 — 晋市政发〔2024〕4号《关于做好晋城市第四次全国文物普查工作的通知》: "普查范围是对全市已认定、登记的
 * 6601处不可移动文物进行复查 … 普查内容包括普查对象名称、空间位置、保护级别、文物类别、年代、权属、使用情况、保存状况、
 * 管理机构等。" "普查标准时点为2024年4月30日". Items follow that list one to one.
 */
export const REGISTERED_RELICS = 6601;

export const culturalRelics: DemoEntry = {
  key: 'immovable-cultural-relics',
  provider: 'wlj',
  status: 'published',
  themeDbKey: 'whly',
  source: '晋市政发〔2024〕4号《关于做好晋城市第四次全国文物普查工作的通知》三、四',
  body: {
    name: '不可移动文物名录',
    summary:
      '全市已认定、登记的6601处不可移动文物的名称、空间位置、保护级别、文物类别、年代、权属、使用情况、保存状况和' +
      '管理机构，第四次全国文物普查（标准时点2024年4月30日）复查更新。',
    storageLevel: 'city',
    category: theme('05', '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('relic_code', '文物编号', 20, { key: true }),
      str('relic_name', '名称', 100),
      str('relic_category', '文物类别', 30, {
        description: '古遗址、古墓葬、古建筑、石窟寺及石刻、近现代重要史迹及代表性建筑、其他',
      }),
      str('era', '年代', 30),
      COUNTY('relic', '文物'),
      str('relic_address', '文物地址', 200),
      LNG('relic', '文物'),
      LAT('relic', '文物'),
      str('protection_level', '保护级别', 40),
      str('ownership', '权属', 10, { description: '国有、集体、私人、其他' }),
      str('usage', '使用情况', 30),
      str('condition', '保存状况', 10, { description: '好、较好、一般、较差、差' }),
      str('managing_body', '管理机构', 100),
    ],
    shareType: 'unconditional',
    shareMethod: 'table',
    openType: 'conditional',
    openMethod: '依申请开放；面向社会提供时不含经纬度（防止未设保护设施的文物点被盗掘）',
    updateCycle: 'yearly',
  },
};

/**
 * 互联网租赁自行车运营数据 — 晋市政办〔2024〕2号《晋城市互联网租赁自行车管理办法》: 第十九条 "市区累计投放总量不超过
 * 1.8万辆。在市区和泽州县交界处设定车辆接驳区"; 第四条 "市区（城区、开发区）"; 第十二条(一) "网络服务平台数据库接入
 * 交通运输行政主管部门和公安交警部门监管平台，及时将车辆投放数量、分布区域等运营信息报送 … 并实施信息共享";
 * 第二十一条 "对互联网租赁电动自行车设置专门号段进行上牌管理". Positions change by the second → real-time API (§17).
 */
export const BIKE_CAP_CITY = 18_000;

export const sharedBikes: DemoEntry = {
  key: 'shared-bike-operations',
  provider: 'jtj',
  status: 'published',
  themeDbKey: 'jtcx',
  source: '晋市政办〔2024〕2号《晋城市互联网租赁自行车管理办法》第四条、第十二条、第十九条、第二十一条',
  body: {
    name: '互联网租赁自行车运营数据',
    summary:
      '市区（城区、开发区）及市区与泽州县交界接驳区内互联网租赁自行车（含电动自行车）的实时位置、状态和电量，' +
      '由运营企业平台实时接入。市区累计投放总量不超过1.8万辆。',
    storageLevel: 'city',
    category: theme('04', '001'),
    grade: 2,
    important: false,
    format: 'api',
    items: [
      str('bike_id', '车辆编号', 20, { key: true }),
      str('operator_name', '运营企业名称', 200),
      str('operator_uscc', '运营企业统一社会信用代码', 18),
      str('vehicle_type', '车辆类型', 10, { description: '自行车 或 电动自行车' }),
      str('plate_no', '电动自行车号牌', 20, { description: '专门号段；自行车为空' }),
      str('area', '所在区域', 20, { description: '城区、晋城经济技术开发区、接驳区' }),
      LNG('bike', '车辆'),
      LAT('bike', '车辆'),
      str('bike_status', '车辆状态', 10, { description: '可骑行、骑行中、故障待修、调度中' }),
      int('battery_pct', '电量（%）', { description: '电动自行车；自行车为空' }),
      datetime('reported_at', '上报时间'),
    ],
    shareType: 'unconditional',
    shareMethod: 'api',
    openType: 'conditional',
    openMethod: '开放平台实时接口，注册后使用',
    updateCycle: 'realtime',
  },
};

/**
 * 外部董事人才库 — 晋市政发〔2024〕3号《晋城市市属国有企业外部董事管理办法》: 第十条 "市国资委建立市属企业兼职外部董事
 * 人才库 … 一般通过组织推荐、个人自荐或公开招聘等方式产生"; 第十九条 "入库的外部董事资格有效期原则上为三年"; 第六条(三)
 * the 专业 fields; 第二十二条 "兼职外部董事任职企业一般不超过2家 … 只能兼任 1家"; 第二十三条 "优秀、称职、基本称职和
 * 不称职"; 第六条(四) 兼职 初次任职 ≤60周岁, 第二十七条 任职 ≤63周岁. Personal data → grade 3, masked.
 */
export const externalDirectors: DemoEntry = {
  key: 'external-director-pool',
  provider: 'gzw',
  status: 'published',
  relatedKeys: ['population'],
  source: '晋市政发〔2024〕3号《晋城市市属国有企业外部董事管理办法》第六条、第十条、第十九条、第二十二条、第二十三条',
  body: {
    name: '市属企业兼职外部董事人才库',
    summary:
      '市国资委建立的市属企业兼职外部董事人才库：入库人员基本信息、工作单位与职务、专业领域、入库方式及资格有效期' +
      '（原则上三年）、任职企业和年度评价结果。市属企业兼职外部董事原则上从人才库中选聘。',
    storageLevel: 'city',
    category: department(departmentByKey('gzw').catalogCode, '003'),
    grade: 3,
    important: false,
    format: 'database',
    items: [
      PERSON_NAME(),
      ID_NUMBER(),
      str('gender', '性别', 2),
      date('birth_date', '出生日期'),
      MOBILE(),
      str('employer', '工作单位', 200),
      str('position', '职务', 50),
      str('pro_title', '专业技术职称', 30),
      str('education', '学历', 20),
      str('expertise', '专业领域', 30, {
        description: '企业管理、市场营销、资本运营、重组兼并、财务审计、公司治理、科研开发、人力资源管理、法律、金融等',
      }),
      str('entry_channel', '入库方式', 10, { description: '组织推荐、个人自荐、公开招聘' }),
      date('admitted_on', '入库日期'),
      date('qualification_until', '入库资格有效期至'),
      str('serving_companies', '任职企业', 200, { description: '“、”分隔，一般不超过2家；未任职为空' }),
      str('evaluation', '最近年度评价结果', 10, { description: '优秀、称职、基本称职、不称职；未任职为空' }),
    ],
    shareType: 'conditional',
    shareScope:
      '市国资委等履行出资人职责的机构（市国资委及履行出资人职责的市属企业，第三十四条）及干部管理部门，' +
      '用于外部董事选聘、考察和评价',
    shareMethod: 'api',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

/**
 * 医疗卫生机构基本信息 — a draft the 市卫健委 is still compiling (the demo's 'draft' entry). 晋市政发〔2024〕1号 (五):
 * "年底前完成矿山企业主要负责人和二级三级医院消防安全责任人的集中培训" — hence the 消防安全责任人 column, which
 * 市消防救援支队's 消防安全重点单位 entry already publishes: the editor sees a 一数一源 warning (§15).
 */
export const medicalInstitutions: DemoEntry = {
  key: 'medical-institutions',
  provider: 'wjw',
  status: 'draft',
  themeDbKey: 'ylws',
  source: '晋市政发〔2024〕1号（五）全面压实全员安全责任',
  body: {
    name: '医疗卫生机构基本信息',
    summary: '全市医疗卫生机构的类别、等级、编制床位数、地址和消防安全责任人。',
    storageLevel: 'city',
    category: theme('06', '001'),
    grade: 2,
    important: false,
    format: 'xlsx',
    items: [
      str('institution_name', '机构名称', 200, { key: true }),
      str('institution_uscc', '机构统一社会信用代码', 18),
      str('institution_class', '机构类别', 20),
      str('hospital_grade', '医院等级', 10),
      COUNTY('institution', '机构'),
      str('institution_address', '机构地址', 200),
      int('beds', '编制床位数'),
      PERSON_NAME('fire_officer', '消防安全责任人'),
      str('office_phone', '办公电话', 20),
      dec('business_floor_area_m2', '业务用房面积（平方米）'),
    ],
    // 消防安全责任人 is masked for most consumers, so the entry is 有条件共享 (§22: "应进行数据脱敏的").
    shareType: 'conditional',
    shareScope: '全市政务部门；消防安全责任人姓名仅对市消防救援支队、市应急局明文提供，对其他部门脱敏',
    shareMethod: 'file',
    openType: 'conditional',
    openMethod: '开放平台下载（不含消防安全责任人）',
    updateCycle: 'yearly',
  },
};

export const SOCIETY_ENTRIES: readonly DemoEntry[] = [culturalRelics, sharedBikes, externalDirectors, medicalInstitutions];
