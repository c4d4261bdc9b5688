/**
 * The words of the security rules the oversight module works in, as data with their article:
 * the nine 监督检查内容 of Sec §31 (the check items of an inspection plan), the five cases of Sec §34
 * that call for an emergency response (the kinds of an incident), and what can be destroyed and how
 * (Sec §29). The Chinese text is the article's own wording.
 */

/** 政务数据安全监督检查内容 (Sec §31 (一)–(九)). */
export const CHECK_ITEMS = [
  'implementation', 'deployment', 'institution', 'emergency_plan', 'training', 'hazard_handling', 'mlps_crypto', 'funding', 'other',
] as const;
export type CheckItem = (typeof CHECK_ITEMS)[number];

export interface Worded {
  zh: string;
  en: string;
  /** Where the words come from. */
  article: string;
}

export const CHECK_ITEM_LABELS: { readonly [K in CheckItem]: Worded } = {
  implementation: { zh: '贯彻落实国家、省、市政务数据安全有关规定情况', en: 'Implementation of national, provincial and city government data security rules', article: 'Sec §31(一)' },
  deployment: { zh: '研究部署政务数据安全工作情况', en: 'Study and planning of government data security work', article: 'Sec §31(二)' },
  institution: { zh: '建立和执行政务数据安全制度情况', en: 'Government data security rules established and enforced', article: 'Sec §31(三)' },
  emergency_plan: { zh: '制定政务数据安全应急预案并组织演练情况', en: 'Emergency plan for government data security made and drilled', article: 'Sec §31(四)' },
  training: { zh: '开展政务数据安全培训情况', en: 'Government data security training given', article: 'Sec §31(五)' },
  hazard_handling: { zh: '对发现和通报的安全隐患及时排查和处置情况', en: 'Hazards found or notified investigated and handled in time', article: 'Sec §31(六)' },
  mlps_crypto: { zh: '落实网络安全等级保护和商用密码应用情况', en: 'Multi-level protection scheme and commercial cryptography applied', article: 'Sec §31(七)' },
  funding: { zh: '政务数据安全经费保障情况', en: 'Funding of government data security', article: 'Sec §31(八)' },
  other: { zh: '上级部门要求的其他安全工作情况', en: 'Other security work required by higher authorities', article: 'Sec §31(九)' },
};

/** 自查结论 of one check item (Sec §32(二) 自查评估). */
export const SELF_CONCLUSIONS = ['compliant', 'partial', 'non_compliant', 'not_applicable'] as const;
export type SelfConclusion = (typeof SELF_CONCLUSIONS)[number];
export const SELF_CONCLUSION_LABELS: { readonly [K in SelfConclusion]: { zh: string; en: string } } = {
  compliant: { zh: '符合', en: 'Compliant' },
  partial: { zh: '部分符合', en: 'Partly compliant' },
  non_compliant: { zh: '不符合', en: 'Not compliant' },
  not_applicable: { zh: '不适用', en: 'Not applicable' },
};

/** 问题等级: Sec §33 singles out 重大安全隐患和安全管理缺陷. */
export const FINDING_SEVERITIES = ['general', 'major'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_SEVERITY_LABELS: { readonly [K in FindingSeverity]: Worded } = {
  general: { zh: '一般问题', en: 'General issue', article: 'Sec §32(三)' },
  major: { zh: '重大安全隐患和安全管理缺陷', en: 'Major hazard or management defect', article: 'Sec §33' },
};

/** 应当立即启动应急预案的情形 (Sec §34 (一)–(五)). */
export const INCIDENT_KINDS = ['attack', 'leak', 'tampering', 'notified', 'other_major'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const INCIDENT_KIND_LABELS: { readonly [K in IncidentKind]: Worded } = {
  attack: { zh: '发现重大网络安全隐患、漏洞或基础网络、重要系统受到外部攻击遭到破坏', en: 'Major network security hazard or vulnerability found, or core network / important system damaged by an external attack', article: 'Sec §34(一)' },
  leak: { zh: '公民、法人信息或重要政务数据泄露、毁损、丢失，造成重大影响或经济损失', en: 'Personal, legal-person or important government data leaked, damaged or lost, with major impact or economic loss', article: 'Sec §34(二)' },
  tampering: { zh: '党政机关及事业单位等网站数据被篡改', en: 'Website data of Party or government bodies or public institutions tampered with', article: 'Sec §34(三)' },
  notified: { zh: '国家、省、市有关部门通报的事件', en: 'Incident notified by national, provincial or city authorities', article: 'Sec §34(四)' },
  other_major: { zh: '发生其他重大政务数据安全事件', en: 'Other major government data security incident', article: 'Sec §34(五)' },
};

/** What a destruction removes (Sec §29 数据清理、数据销毁). */
export const DESTRUCTION_TARGETS = ['front_table', 'synced_copy', 'files'] as const;
export type DestructionTarget = (typeof DESTRUCTION_TARGETS)[number];
export const DESTRUCTION_TARGET_LABELS: { readonly [K in DestructionTarget]: { zh: string; en: string } } = {
  front_table: { zh: '前置库中目录资源的数据', en: 'An entry\'s data in the front-end database' },
  synced_copy: { zh: '授权终止后库表同步的副本', en: 'The synced copy of a table grant that has ended' },
  files: { zh: '归档或上传的文件', en: 'Archived or uploaded files' },
};

/** How it is removed — one method per target, so the record says exactly what was done. */
export const DESTRUCTION_METHODS = { front_table: 'delete_rows', synced_copy: 'drop_synced_copy', files: 'attested_deletion' } as const;
/** Files the platform itself stores (an entry's uploaded files): the platform deletes and verifies, nobody attests. */
export const STORED_FILES_METHOD = 'delete_stored_files';
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[DestructionTarget] | typeof STORED_FILES_METHOD;
export const DESTRUCTION_METHOD_LABELS: { readonly [K in DestructionMethod]: { zh: string; en: string } } = {
  delete_rows: { zh: '删除前置库表中全部记录，删除前后计数并留存校验值', en: 'Delete every row of the front-end table, counting before and after, keeping a checksum' },
  drop_synced_copy: { zh: '删除使用部门库表同步副本', en: 'Drop the consumer\'s synced copy' },
  attested_deletion: { zh: '执行人删除文件并逐一登记文件名、字节数与SHA-256', en: 'Files deleted by the executor, each recorded with name, bytes and SHA-256' },
  delete_stored_files: { zh: '平台删除目录挂接文件的全部内容分块（含加密分块），逐一登记文件名、版本、字节数与SHA-256，删除后核验无残留',
    en: 'The platform deletes every chunk of the entry\'s stored files (encrypted ones too), records each by name, version, bytes and SHA-256, and checks none is left' },
};
