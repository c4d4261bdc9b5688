/**
 * Demo entries for safety and emergency — 市市场监管局, 市应急局, 市住建局, 市消防救援支队, 市公安局.
 */
import { department, theme } from './categories.ts';
import { departmentByKey } from './departments.ts';
import {
  COUNTY, ID_NUMBER, LAT, LNG, MOBILE, PERSON_NAME, TOWN, bool, date, dec, int, str, type DemoEntry,
} from './entry-kit.ts';

/**
 * 特种设备使用登记 — 晋市政办〔2024〕5号《晋城市特种设备事故应急预案》: 3.1 "督促相关企业建立在用特种设备运行信息的
 * 动态监测，通过使用登记，保证在用特种设备及时纳入安全监察范围"; 8.1 "锅炉、压力容器（含气瓶）、压力管道、电梯、起重
 * 机械、客运索道、大型游乐设施、场（厂）内专用机动车辆". Shared with the 市指挥部 member units for emergencies.
 */
export const specialEquipment: DemoEntry = {
  key: 'special-equipment-registration',
  provider: 'scjgj',
  status: 'published',
  relatedKeys: ['legal-persons'],
  source: '晋市政办〔2024〕5号《晋城市特种设备事故应急预案》2.1、3.1、8.1',
  body: {
    name: '特种设备使用登记信息',
    summary:
      '全市在用特种设备（锅炉、压力容器、压力管道、电梯、起重机械、客运索道、大型游乐设施、场（厂）内专用机动车辆）' +
      '的使用登记信息：设备类别与品种、设备代码、使用单位、使用地点、登记日期和下次检验日期。',
    storageLevel: 'city',
    category: department(departmentByKey('scjgj').catalogCode, '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('registration_no', '使用登记证编号', 30, { key: true }),
      str('equipment_code', '设备代码', 20),
      str('equipment_category', '设备类别', 20),
      str('equipment_variety', '设备品种', 40),
      str('user_name', '使用单位名称', 200),
      str('user_uscc', '使用单位统一社会信用代码', 18),
      str('use_location', '设备使用地点', 200),
      COUNTY('equipment', '设备'),
      date('registered_on', '登记日期'),
      date('next_inspection', '下次检验日期'),
      str('equipment_status', '设备状态', 10, { description: '在用、停用、报废' }),
    ],
    shareType: 'conditional',
    shareScope:
      '市特种设备事故应急指挥部成员单位（市应急局、市消防救援支队、市住建局、市交通局、市文旅局、市教育局、' +
      '市卫健委等），用于特种设备安全监管和事故应急处置',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

/**
 * 救灾物资储备 — 晋市政办〔2024〕7号《晋城市救灾物资储备应急预案》: 3.1 "各相关部门…将储备物资的品种和数量报市救灾
 * 物资办，并及时更新储备物资信息"; 7.1 "包括帐篷、棉被、棉衣裤、睡袋、应急包、折叠床、救生衣和部分救灾应急指挥所需物资
 * 以及少量简易的救灾工具"; 2.1 lists the 领导组 member units used as the share scope. The 救灾物资办 sits in
 * 市发展和改革委员会 (2.2); the demo's provider is 市应急局, which holds and reports its reserve.
 */
export const disasterRelief: DemoEntry = {
  key: 'disaster-relief-reserves',
  provider: 'yjj',
  status: 'published',
  themeDbKey: 'yjgl',
  source: '晋市政办〔2024〕7号《晋城市救灾物资储备应急预案》2.1、3.1、4.5、7.1',
  body: {
    name: '救灾物资储备信息',
    summary:
      '市、县救灾物资储备库的物资品种、规格型号、数量、储备地点和资金来源（中央、省、市级资金采购及社会捐赠），' +
      '供市救灾物资储备领导组调运决策使用。',
    storageLevel: 'city',
    category: theme('02', '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('material_code', '物资编码', 20, { key: true }),
      str('material_name', '物资名称', 50),
      str('spec', '规格型号', 100),
      str('unit', '计量单位', 10),
      int('quantity', '库存数量'),
      str('warehouse', '储备库名称', 100),
      COUNTY('warehouse', '储备库'),
      str('warehouse_address', '储备库地址', 200),
      str('funding', '资金来源', 20, { description: '中央、省级、市级、县级财政资金或社会捐赠' }),
      str('storage_mode', '储备方式', 10, { description: '实物储备 或 协议储备' }),
      str('duty_phone', '24小时值班电话', 20),
      date('updated_on', '更新日期'),
    ],
    shareType: 'conditional',
    shareScope:
      '市救灾物资储备领导组成员单位：市发展和改革委员会、市应急管理局、市工业和信息化局、市公安局、市财政局、' +
      '市交通运输局、市商务局、市审计局，用于救灾物资调运',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

/**
 * 经营性自建房安全排查 — 晋市政发〔2024〕1号 (十六): "自建房转为经营用途的，必须取得相关审批手续和房屋安全鉴定合格证明。
 * （市住建局牵头，市审批服务管理局、市公安局、市规划和自然资源局、市农业农村局、市应急局、市市场监管局、市消防救援支队等
 * 部门分工负责）". Holds owners' identity numbers → grade 3, closed.
 */
export const selfBuiltHouses: DemoEntry = {
  key: 'self-built-houses',
  provider: 'zjj',
  status: 'published',
  source: '晋市政发〔2024〕1号（十六）经营性自建房领域专项整治',
  body: {
    name: '经营性自建房安全排查台账',
    summary: '用于经营的农村和城镇自建房的产权人、层数、面积、经营用途、房屋安全鉴定结论、隐患及整改情况。',
    storageLevel: 'city',
    category: department(departmentByKey('zjj').catalogCode, '001'),
    grade: 3,
    important: false,
    format: 'database',
    items: [
      str('house_code', '房屋编号', 20, { key: true }),
      COUNTY('house', '房屋'),
      TOWN('house', '房屋'),
      str('house_address', '房屋地址', 200, { sensitiveType: 'address', masking: 'address_district' }),
      PERSON_NAME('owner_name', '产权人姓名'),
      ID_NUMBER('owner_id_number', '产权人公民身份号码'),
      MOBILE('owner_mobile', '产权人手机号码'),
      int('floors', '建筑层数'),
      dec('house_floor_area_m2', '房屋建筑面积（平方米）'),
      str('business_use', '经营用途', 20),
      int('built_year', '建成年份'),
      str('appraisal', '房屋安全鉴定结论', 10, { description: 'A级、B级、C级、D级；未鉴定' }),
      bool('has_hazard', '是否存在安全隐患'),
      bool('rectified', '是否完成整改'),
      date('checked_on', '排查日期'),
    ],
    shareType: 'conditional',
    shareScope:
      '经营性自建房专项整治成员单位：市审批服务管理局、市公安局、市规划和自然资源局、市农业农村局、市应急局、' +
      '市市场监管局、市消防救援支队，用于审批、监管和隐患整治',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

/**
 * 消防安全重点单位 — 晋市政发〔2024〕1号 (十八): "紧盯人员密集场所、高层建筑、大型综合体、劳动密集型企业、文博单位等高
 * 风险场所，老旧商住混合体等低设防区域 … 动态纠治锁闭安全出口、占堵疏散通道、门窗违规设置障碍物等违法行为".
 */
export const fireKeyUnits: DemoEntry = {
  key: 'fire-key-units',
  provider: 'xfzd',
  status: 'published',
  source: '晋市政发〔2024〕1号（十八）消防领域专项整治',
  body: {
    name: '消防安全重点单位及火灾隐患整治',
    summary: '消防安全重点单位的场所类别、消防安全责任人、最近检查日期、发现的火灾隐患及整改期限。',
    storageLevel: 'city',
    category: department(departmentByKey('xfzd').catalogCode, '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      str('unit_name', '单位名称', 200, { key: true }),
      str('unit_uscc', '单位统一社会信用代码', 18),
      str('venue_type', '场所类别', 20),
      COUNTY('unit', '单位'),
      str('unit_address', '单位地址', 200),
      PERSON_NAME('fire_officer', '消防安全责任人'),
      MOBILE('officer_mobile', '消防安全责任人手机号码'),
      date('last_inspection', '最近检查日期'),
      bool('hazard_found', '是否发现火灾隐患'),
      str('hazard_desc', '隐患描述', 200),
      date('rectify_deadline', '整改期限'),
    ],
    shareType: 'conditional',
    shareScope:
      '消防领域专项整治分工部门：市住建局、市教育局、市民政局、市交通局、市农业农村局、市商务局、市文旅局、市卫健委、' +
      '市应急局、市能源局，用于行业领域火灾隐患排查整治',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

/**
 * 公共安全视频监控点位 — the demo's 不予共享 entry (§22: "不宜提供给其他部门共享使用的政务数据，属于不予共享类";
 * §23: "对于不予共享类，政务部门应提供法律、法规、规章、政策等依据"). The gazette's (十四) plans "开展农村地区道路交通
 * 视频图像统筹建设与智能应用"; the point layout itself is a police work secret.
 */
export const videoSurveillance: DemoEntry = {
  key: 'public-security-video-points',
  provider: 'gaj',
  status: 'published',
  source: '晋市政发〔2024〕1号（十四）交通运输领域专项整治',
  body: {
    name: '公共安全视频监控点位信息',
    summary: '公安机关建设和接入的公共安全视频监控点位的位置、类型、接入网络和运行状态。',
    storageLevel: 'city',
    category: department(departmentByKey('gaj').catalogCode, '004'),
    grade: 4,
    important: true,
    format: 'database',
    items: [
      str('point_code', '点位编号', 20, { key: true }),
      str('point_name', '点位名称', 100),
      COUNTY('point', '点位'),
      str('install_location', '安装位置', 200),
      LNG('point', '点位'),
      LAT('point', '点位'),
      str('camera_type', '摄像机类型', 20),
      str('network', '接入网络', 20),
      date('built_on', '建设日期'),
      str('run_status', '运行状态', 10),
    ],
    shareType: 'none',
    notShareBasis:
      '《中华人民共和国保守国家秘密法》《中华人民共和国人民警察法》及公安工作国家秘密范围的规定：公共安全视频监控点位' +
      '布局属于公安机关警务工作秘密，不予共享；确需使用视频图像的，由公安机关依职责个案提供。',
    shareMethod: 'table',
    openType: 'closed',
    updateCycle: 'monthly',
  },
};

export const SAFETY_ENTRIES: readonly DemoEntry[] = [
  specialEquipment,
  disasterRelief,
  selfBuiltHouses,
  fireKeyUnits,
  videoSurveillance,
];
