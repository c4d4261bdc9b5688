/**
 * Who may act on a share request (§26: 申请、授权和使用管理由提供部门、使用部门和政务数据主管部门共同负责).
 *
 * - Requester actions (resubmit, open_negotiation, negotiation_fail, cancel): a user with role
 *   `requester` of the consumer department (§20 使用部门提出需求; §30(三) 使用部门…协商).
 * - Provider actions (provider_grant, provider_refuse): a user with role `approver` of the provider
 *   department (§29 提供部门负责…使用授权).
 * - Authority actions (compliance_*, coordination_*): a user with role `authority` of an authority org
 *   (政务数据主管部门) whose region is the provider's region — or the CITY authority, for every region.
 *   Why the city too: counties build no platform of their own and apply and grant through the city
 *   platform, whose authority 统一受理数据共享需求 (§21) and 统筹协调 sharing city-wide (§5); a request
 *   crossing regions (a city department asking a county's data) has no single 同级 authority below the
 *   city. It is also the rule of access/actor.ts `authorityCovers` and of the `review` list view
 *   ("providers in regions I cover"), so the city never sees a request it may not act on. A county
 *   authority acts for its own county's providers only (§5 本区域).
 * - Negotiation messages (not a transition): the requester's `requester` users and the provider's
 *   `approver` users; the authority reads the thread (报…备案) but does not post in it.
 */
import { REQUEST_ACTION_LABELS } from './labels.ts';
import type { RequestAction, RequestParty, RequestStatus, StepKind } from './types.ts';

/** The party of each action. */
export const ACTION_PARTY: { readonly [A in RequestAction]: RequestParty } = {
  compliance_pass: 'authority',
  compliance_return: 'authority',
  compliance_reject: 'authority',
  resubmit: 'requester',
  provider_grant: 'provider',
  provider_refuse: 'provider',
  open_negotiation: 'requester',
  negotiation_fail: 'requester',
  coordination_grant: 'authority',
  coordination_uphold: 'authority',
  cancel: 'requester',
};

export function requestActor(action: RequestAction): RequestParty {
  return ACTION_PARTY[action];
}

/** The party a step waits for — whom to notify, and whose timeliness §41(五) checks. */
export const STEP_PARTY: { readonly [K in StepKind]: RequestParty | 'both' } = {
  compliance_review: 'authority',
  provider_reply: 'provider',
  negotiation: 'both',
  coordination: 'authority',
  correction: 'provider',
};

/** The role (access/roles.ts) a user needs to act for each party. */
export const PARTY_ROLE: { readonly [P in RequestParty]: 'requester' | 'approver' | 'authority' } = {
  requester: 'requester',
  provider: 'approver',
  authority: 'authority',
};

/** The acting user as these rules need it (a `UserActor` of access/actor.ts fits). */
export interface RequestActorSummary {
  roles: readonly string[];
  orgId: string;
  orgKind: 'authority' | 'department';
  regionCode: string;
  regionLevel: 'city' | 'county';
}

export interface RequestParties {
  consumerId: string;
  providerId: string;
  providerRegionCode: string;
  /** For negotiation messages: when given, the request must be in negotiation. */
  status?: RequestStatus;
}

export type MayActOnRequestCode =
  | 'ROLE_REQUIRED' | 'NOT_CONSUMER' | 'NOT_PROVIDER' | 'OUTSIDE_REGION' | 'NOT_PARTY' | 'NOT_IN_NEGOTIATION';

export type MayActOnRequestResult =
  | { allowed: true }
  | { allowed: false; code: MayActOnRequestCode; zh: string; en: string };

const ALLOWED = { allowed: true } as const;

const ROLE_WORDS: { readonly [P in RequestParty]: { zh: string; en: string } } = {
  requester: { zh: '使用部门的数据申请人', en: 'a requester of the requesting department' },
  provider: { zh: '提供部门的授权审批人', en: 'an approver of the providing department' },
  authority: { zh: '政务数据主管部门审核员', en: 'a reviewer of the data authority' },
};

export function mayActOnRequest(action: RequestAction, actor: RequestActorSummary, req: RequestParties): MayActOnRequestResult {
  const party = ACTION_PARTY[action];
  const a = REQUEST_ACTION_LABELS[action];
  const hasRole = actor.roles.includes(PARTY_ROLE[party]) && (party !== 'authority' || actor.orgKind === 'authority');
  if (!hasRole) {
    const w = ROLE_WORDS[party];
    return { allowed: false, code: 'ROLE_REQUIRED', zh: `只有${w.zh}可以${a.zh}`, en: `Only ${w.en} may ${a.en} a request` };
  }
  switch (party) {
    case 'requester':
      return actor.orgId === req.consumerId
        ? ALLOWED
        : { allowed: false, code: 'NOT_CONSUMER', zh: `只能${a.zh}本部门的共享申请`, en: `You may only ${a.en} your own department's requests` };
    case 'provider':
      return actor.orgId === req.providerId
        ? ALLOWED
        : { allowed: false, code: 'NOT_PROVIDER', zh: `只有提供部门可以${a.zh}（第二十九条）`, en: `Only the providing department may ${a.en} a request (§29)` };
    case 'authority':
      return actor.regionLevel === 'city' || actor.regionCode === req.providerRegionCode
        ? ALLOWED
        : { allowed: false, code: 'OUTSIDE_REGION', zh: `只能${a.zh}本区域提供部门的共享申请（第五条）`, en: `You may only ${a.en} requests for providers of your own region (§5)` };
  }
}

/** §30(三): the requester and the provider negotiate; the authority has the thread on file. */
export function mayPostNegotiationMessage(actor: RequestActorSummary, req: RequestParties): MayActOnRequestResult {
  if (req.status !== undefined && req.status !== 'negotiation') {
    return { allowed: false, code: 'NOT_IN_NEGOTIATION', zh: '共享申请不在协商中，不能发送协商意见', en: 'The request is not in negotiation' };
  }
  const asRequester = actor.roles.includes('requester') && actor.orgId === req.consumerId;
  const asProvider = actor.roles.includes('approver') && actor.orgId === req.providerId;
  if (asRequester || asProvider) return ALLOWED;
  if (!actor.roles.includes('requester') && !actor.roles.includes('approver')) {
    return {
      allowed: false, code: 'ROLE_REQUIRED',
      zh: '只有使用部门的数据申请人或提供部门的授权审批人可以参与协商',
      en: 'Only a requester of the requesting department or an approver of the providing department may negotiate',
    };
  }
  return {
    allowed: false, code: 'NOT_PARTY',
    zh: '只有申请双方（使用部门和提供部门）可以参与协商（第三十条第三项）',
    en: 'Only the requesting and the providing department take part in the negotiation (§30(三))',
  };
}
