/**
 * Chinese and English labels of every sharing vocabulary in types.ts, as data (same shape as the
 * catalog's labels, so `fromLabel`, `entriesOf` and `labelOf` of catalog/labels.ts work on them).
 * The Chinese words are the regulation's: 符合性审查 (§28, §30), 答复 / 不予提供 (§30(二)),
 * 协商 / 协调 (§30(三)), 授权 / 整体授权 (§29), 收回授权 (§31, §40), 校核更正 (§32).
 */
import type { Label, LabelTable, Vocabulary } from '../catalog/labels.ts';
import {
  GRANTED_BY, GRANT_STATUSES, OBJECTION_OUTCOMES, REQUEST_ACTIONS, REQUEST_PARTIES, REQUEST_STATUSES, SHARE_ROUTES,
  STEP_KINDS, STEP_STATUSES,
  type GrantStatus, type GrantedBy, type ObjectionOutcome, type RequestAction, type RequestParty, type RequestStatus,
  type ShareRoute, type StepKind, type StepStatus,
} from './types.ts';

export type { Label, LabelTable, Vocabulary };

/** 共享申请状态. */
export const REQUEST_STATUS_LABELS: LabelTable<RequestStatus> = {
  reviewing: { zh: '审查中', en: 'Under compliance review', aliases: ['符合性审查中', '待审查'] },
  returned: { zh: '已退回补充', en: 'Returned for more information', aliases: ['已退回', '退回补充'] },
  rejected: { zh: '审查未通过', en: 'Rejected in review', aliases: ['审查不通过', '未通过'] },
  forwarded: { zh: '已转提供部门', en: 'Forwarded to the provider', aliases: ['待答复', '提供部门答复中'] },
  granted: { zh: '已授权', en: 'Granted', aliases: ['授权'] },
  refused: { zh: '不予提供', en: 'Refused', aliases: ['已拒绝'] },
  negotiation: { zh: '协商中', en: 'In negotiation', aliases: ['协商'] },
  coordination: { zh: '协调中', en: 'In coordination', aliases: ['协调'] },
  cancelled: { zh: '已撤回', en: 'Cancelled', aliases: ['撤回', '已取消'] },
};

/** 办理环节. */
export const STEP_KIND_LABELS: LabelTable<StepKind> = {
  compliance_review: { zh: '符合性审查', en: 'Compliance review', aliases: ['符合性审核'] },
  provider_reply: { zh: '提供部门答复', en: 'Provider reply', aliases: ['答复', '授权审批'] },
  negotiation: { zh: '协商', en: 'Negotiation' },
  coordination: { zh: '协调', en: 'Coordination' },
  correction: { zh: '校核更正', en: 'Correction', aliases: ['异议校核', '校核'] },
};

export const STEP_STATUS_LABELS: LabelTable<StepStatus> = {
  open: { zh: '办理中', en: 'Open' },
  paused: { zh: '已暂停计时', en: 'Paused', aliases: ['暂停'] },
  done: { zh: '已办结', en: 'Done', aliases: ['完成'] },
  cancelled: { zh: '已终止', en: 'Cancelled', aliases: ['终止'] },
};

/** Actions, worded to complete 「不能…」 and "Cannot … a request". */
export const REQUEST_ACTION_LABELS: LabelTable<RequestAction> = {
  compliance_pass: { zh: '通过符合性审查', en: 'pass the compliance review of' },
  compliance_return: { zh: '退回补充', en: 'return for more information' },
  compliance_reject: { zh: '审查不通过', en: 'reject' },
  resubmit: { zh: '补充后重新提交', en: 'resubmit' },
  provider_grant: { zh: '同意授权', en: 'grant' },
  provider_refuse: { zh: '不予提供', en: 'refuse' },
  open_negotiation: { zh: '发起协商', en: 'open negotiation on' },
  negotiation_fail: { zh: '提请协调（协商未果）', en: 'refer to coordination' },
  coordination_grant: { zh: '协调授权', en: 'grant by coordination' },
  coordination_uphold: { zh: '协调维持不予提供', en: 'uphold the refusal of' },
  cancel: { zh: '撤回', en: 'cancel' },
};

export const REQUEST_PARTY_LABELS: LabelTable<RequestParty> = {
  requester: { zh: '使用部门', en: 'Requesting department' },
  authority: { zh: '政务数据主管部门', en: 'Data authority' },
  provider: { zh: '提供部门', en: 'Providing department' },
};

/** 授权状态. */
export const GRANT_STATUS_LABELS: LabelTable<GrantStatus> = {
  active: { zh: '有效', en: 'Active', aliases: ['生效'] },
  suspended: { zh: '已暂停', en: 'Suspended', aliases: ['暂停'] },
  expired: { zh: '已到期', en: 'Expired', aliases: ['过期', '已过期'] },
  revoked: { zh: '已收回', en: 'Revoked', aliases: ['收回', '已撤销授权'] },
};

/** 授权方式 (§29, §30(三)). */
export const GRANTED_BY_LABELS: LabelTable<GrantedBy> = {
  platform: { zh: '平台直接授权', en: 'Granted by the platform', aliases: ['平台授权'] },
  provider: { zh: '提供部门授权', en: 'Granted by the provider', aliases: ['直接授权'] },
  whole: { zh: '整体授权', en: 'Whole authorization', aliases: ['整体授权给平台'] },
  coordination: { zh: '协调授权', en: 'Granted by coordination', aliases: ['主管部门协调'] },
};

export const SHARE_ROUTE_LABELS: LabelTable<ShareRoute> = {
  standard: { zh: '常规申请', en: 'Standard' },
  desensitized: { zh: '脱密脱敏后共享', en: 'After desensitization', aliases: ['脱敏', '脱密脱敏'] },
};

export const OBJECTION_OUTCOME_LABELS: LabelTable<ObjectionOutcome> = {
  corrected: { zh: '已校核更正', en: 'Corrected', aliases: ['已更正'] },
  confirmed: { zh: '经校核无误', en: 'Confirmed correct', aliases: ['数据无误'] },
};

/** Every sharing vocabulary. */
export const SHARING_VOCABULARIES = {
  requestStatus: { values: REQUEST_STATUSES, labels: REQUEST_STATUS_LABELS },
  stepKind: { values: STEP_KINDS, labels: STEP_KIND_LABELS },
  stepStatus: { values: STEP_STATUSES, labels: STEP_STATUS_LABELS },
  requestAction: { values: REQUEST_ACTIONS, labels: REQUEST_ACTION_LABELS },
  requestParty: { values: REQUEST_PARTIES, labels: REQUEST_PARTY_LABELS },
  grantStatus: { values: GRANT_STATUSES, labels: GRANT_STATUS_LABELS },
  grantedBy: { values: GRANTED_BY, labels: GRANTED_BY_LABELS },
  route: { values: SHARE_ROUTES, labels: SHARE_ROUTE_LABELS },
  objectionOutcome: { values: OBJECTION_OUTCOMES, labels: OBJECTION_OUTCOME_LABELS },
} as const satisfies Record<string, Vocabulary<string>>;

/** Names of the share-request fields, for issues and forms (docs/api-sharing.md). */
export const REQUEST_FIELD_LABELS = {
  entryId: { zh: '申请的数据资源', en: 'Resource requested' },
  items: { zh: '申请数据项', en: 'Data items requested' },
  purpose: { zh: '使用用途', en: 'Purpose' },
  scenario: { zh: '应用场景', en: 'Scenario' },
  basis: { zh: '申请依据', en: 'Basis' },
  method: { zh: '共享方式', en: 'Share method' },
  validUntil: { zh: '授权截止日期', en: 'Valid until' },
  route: { zh: '申请路径', en: 'Route' },
  desensitization: { zh: '脱密脱敏处理要求', en: 'Desensitization asked for' },
} as const satisfies Record<string, Label>;
