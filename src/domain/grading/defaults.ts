/**
 * The rule set the platform starts with (version 0 until the authority saves one).
 *
 * Grades: L1 不敏感 may be shared and opened unconditionally; L2 低敏感 is opened only on conditions
 * (security rules §28); from L3 较敏感 the provider reviews every grant internally with a security
 * assessment on record (§27), so the data cannot be 无条件共享 (sharing rules §30(一) would grant it
 * without the provider), is never opened, is encrypted where the platform stores it (§23), is
 * watermarked on download and fully logged (§17). 重要数据 is treated at least like L3 and never opened.
 *
 * Sensitive types: what PIPL §28 and GB/T 35273 call 敏感个人信息 (身份证件号码, 金融账户, 医疗健康, 行踪轨迹)
 * cannot sit in an L1 entry; names, phones, addresses and e-mails are ordinary personal information
 * that also appears in data public by law (legal representatives, office phones), so they do not raise
 * the floor on their own. Default masking: no partial form of health or location data is safe to show.
 */
import type { GradingRuleSet } from './types.ts';

export const DEFAULT_GRADING_RULES: GradingRuleSet = {
  grades: {
    1: {
      description: { zh: '公开或可公开的数据，泄露不造成影响，如政策文件、项目名录、统计汇总', en: 'Public or publishable data whose disclosure harms no one: policies, project lists, aggregate statistics' },
      maxShareType: 'unconditional', maxOpenType: 'open',
      internalReview: false, securityAssessment: false, encryptAtRest: false, watermark: false, auditDetail: 'summary',
    },
    2: {
      description: { zh: '限于政务内部使用，泄露对个人或组织影响轻微，如企业登记信息、设施位置', en: 'For government use; disclosure harms people or organisations slightly: business registrations, facility locations' },
      maxShareType: 'unconditional', maxOpenType: 'conditional',
      internalReview: false, securityAssessment: false, encryptAtRest: false, watermark: false, auditDetail: 'summary',
    },
    3: {
      description: { zh: '含个人信息或较敏感业务数据，泄露对个人或组织造成一定损害，如人员名录、证照持有人', en: 'Personal information or sensitive business data; disclosure causes some harm: personnel lists, licence holders' },
      maxShareType: 'conditional', maxOpenType: 'closed',
      internalReview: true, securityAssessment: true, encryptAtRest: true, watermark: true, auditDetail: 'full',
    },
    4: {
      description: { zh: '含敏感个人信息或大量个人信息，泄露造成严重损害，如人口、医疗健康、金融账户', en: 'Sensitive or bulk personal information; disclosure causes serious harm: population, health, financial accounts' },
      maxShareType: 'conditional', maxOpenType: 'closed',
      internalReview: true, securityAssessment: true, encryptAtRest: true, watermark: true, auditDetail: 'full',
    },
  },
  important: {
    description: { zh: '重要数据（GB/T 43697）：一旦泄露可能危害国家安全、经济运行、社会稳定、公共健康和安全', en: 'Important data (GB/T 43697): disclosure may endanger national security, the economy, social stability or public health and safety' },
    minGrade: 3,
    maxShareType: 'conditional', maxOpenType: 'closed',
    internalReview: true, securityAssessment: true, encryptAtRest: true, watermark: true, auditDetail: 'full',
  },
  sensitiveTypes: {
    id_card: { minGrade: 2, masking: 'id_card' },
    bank_card: { minGrade: 2, masking: 'bank_card' },
    health: { minGrade: 2, masking: 'redact' },
    location: { minGrade: 2, masking: 'redact' },
    phone: { minGrade: 1, masking: 'phone' },
    name: { minGrade: 1, masking: 'name' },
    address: { minGrade: 1, masking: 'address_district' },
    // 18 characters: the first 4 (登记管理部门/机构类别 + province) and the check tail stay recognisable.
    uscc: { minGrade: 1, masking: 'keep_first_last', maskingParam: 4 },
    // Keeps the first two characters of the local part; the rest, domain included, is hidden.
    email: { minGrade: 1, masking: 'keep_first', maskingParam: 2 },
    other: { minGrade: 1, masking: 'redact' },
  },
};
