/**
 * The two basic databases the demo shares by verification only (§22: data "应进行数据脱敏或进行数据比对的"
 * is 有条件共享类): 人口基础信息 (市公安局) and 法人基础信息 (市市场监管局). A consumer submits values and learns
 * match/no-match per field without receiving the data (DESIGN.md → Delivery). The gazette does not describe
 * these databases; they are the national 基础库 every city platform holds, and other demo entries
 * (外部董事人才库, 特种设备使用登记, 安全生产行政许可) refer to the same people and companies.
 */
import { basic } from './categories.ts';
import { ID_NUMBER, ORG_NAME, PERSON_NAME, USCC, date, dec, str, type DemoEntry } from './entry-kit.ts';

export const population: DemoEntry = {
  key: 'population',
  provider: 'gaj',
  status: 'published',
  basicDbKey: 'rk',
  source: '人口基础信息库（国家基础数据库；公报未载，示例数据）',
  body: {
    name: '人口基础信息',
    summary:
      '晋城市户籍人口的公民身份号码、姓名、性别、民族、出生日期和户籍地址，每周与公安人口信息系统同步。' +
      '仅以数据比对（核验）方式共享：使用部门提交公民身份号码及待核验字段，返回一致或不一致，不返回原始数据。',
    storageLevel: 'city',
    category: basic('01', '001'),
    grade: 4,
    important: true,
    format: 'database',
    items: [
      ID_NUMBER('id_number', '公民身份号码', { key: true }),
      PERSON_NAME(),
      str('gender', '性别', 2),
      str('ethnicity', '民族', 20),
      date('birth_date', '出生日期'),
      str('household_region', '户籍地行政区划代码', 6),
      str('household_address', '户籍地址', 200, { sensitiveType: 'address', masking: 'address_district' }),
      str('registration_authority', '户籍登记机关', 100),
    ],
    shareType: 'conditional',
    shareScope: '全市政务部门依法履职需核验自然人身份信息的业务场景，仅提供核验（比对）结果',
    shareMethod: 'verify',
    openType: 'closed',
    updateCycle: 'weekly',
    structure: '单表，公民身份号码为主键；核验按公民身份号码定位记录，逐字段比对。',
  },
};

export const legalPersons: DemoEntry = {
  key: 'legal-persons',
  provider: 'scjgj',
  status: 'published',
  basicDbKey: 'fr',
  source: '法人基础信息库（国家基础数据库；公报未载，示例数据）',
  body: {
    name: '法人基础信息',
    summary:
      '在晋城市登记的企业、个体工商户、农民专业合作社等市场主体的统一社会信用代码、名称、类型、法定代表人、注册资本、' +
      '成立日期、登记状态、登记机关和住所，每周同步。以数据比对（核验）方式共享。',
    storageLevel: 'city',
    category: basic('02', '001'),
    grade: 2,
    important: false,
    format: 'database',
    items: [
      USCC({ key: true }),
      ORG_NAME(),
      str('org_type', '市场主体类型', 50),
      PERSON_NAME('legal_rep', '法定代表人'),
      dec('registered_capital_wan', '注册资本（万元）'),
      date('established_on', '成立日期'),
      str('reg_status', '登记状态', 10, { description: '存续、在业、吊销、注销、迁出' }),
      str('reg_authority', '登记机关', 100),
      str('org_address', '住所', 200),
    ],
    shareType: 'conditional',
    shareScope: '全市政务部门依法履职需核验市场主体登记信息的业务场景，仅提供核验（比对）结果',
    shareMethod: 'verify',
    openType: 'closed',
    updateCycle: 'weekly',
  },
};

export const BASIC_ENTRIES: readonly DemoEntry[] = [population, legalPersons];
