/**
 * 共享申请与授权 — the vocabularies of the sharing workflow (§26–§32). Values are part of the API
 * contract (docs/api-sharing.md): add values freely, never rename these. Labels are in labels.ts.
 */

/**
 * 共享申请状态 (§28–§30):
 *   reviewing     审查中 — the authority's 符合性审查, 2 working days (§28, §30(一)(二))
 *   returned      已退回补充 — back with the requester for more information; the review clock is paused
 *   rejected      审查未通过 — final
 *   forwarded     已转提供部门 — awaiting the provider's reply, 5 or 10 working days (§30(二))
 *   granted       已授权 — final; a grant exists (§29)
 *   refused       不予提供 — the provider refused with a reason (§30(二)); final once coordination upheld it
 *   negotiation   协商中 — requester and provider negotiate, filed with the authority (§30(三))
 *   coordination  协调中 — negotiation failed; the 同级 authority coordinates (§30(三))
 *   cancelled     已撤回 — final
 */
export const REQUEST_STATUSES = [
  'reviewing', 'returned', 'rejected', 'forwarded', 'granted', 'refused', 'negotiation', 'coordination', 'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** The steps of a request, each with its own clock (deadlines.ts); `correction` belongs to an objection (§32). */
export const STEP_KINDS = ['compliance_review', 'provider_reply', 'negotiation', 'coordination', 'correction'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A step's own state: `paused` while a returned request is with the requester (the clock stops). */
export const STEP_STATUSES = ['open', 'paused', 'done', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export const REQUEST_ACTIONS = [
  'compliance_pass', 'compliance_return', 'compliance_reject', 'resubmit', 'provider_grant', 'provider_refuse',
  'open_negotiation', 'negotiation_fail', 'coordination_grant', 'coordination_uphold', 'cancel',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** 授权状态 (§31, §40). */
export const GRANT_STATUSES = ['active', 'suspended', 'expired', 'revoked'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/**
 * Who granted (§29, §30(三)): the platform directly (无条件共享), the provider directly (有条件共享),
 * the platform under the provider's 整体授权, or the authority's coordination.
 */
export const GRANTED_BY = ['platform', 'provider', 'whole', 'coordination'] as const;
export type GrantedBy = (typeof GRANTED_BY)[number];

/**
 * 申请路径: `standard`, or `desensitized` — a 不予共享 entry asked for after 脱密/脱敏 processing (§23),
 * handled like 有条件共享.
 */
export const SHARE_ROUTES = ['standard', 'desensitized'] as const;
export type ShareRoute = (typeof SHARE_ROUTES)[number];

/** The party that takes an action. */
export const REQUEST_PARTIES = ['requester', 'authority', 'provider'] as const;
export type RequestParty = (typeof REQUEST_PARTIES)[number];

/** 异议处理结果 (§32): corrected (已校核更正) or confirmed (经校核数据无误). */
export const OBJECTION_OUTCOMES = ['corrected', 'confirmed'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

/** Share type (§22) and method (§17) of the catalog entry asked for. */
export type { ShareType as EntryShareType, ShareMethod as EntryShareMethod } from '../catalog/types.ts';
