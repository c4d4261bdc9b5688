/**
 * 共享申请流程 — the state machine of a share request (§28 符合性审核, §29 授权, §30 共享流程).
 *
 *   (new) ──► reviewing ──compliance_return──► returned ──resubmit──► reviewing   (clock paused while returned)
 *   reviewing ──compliance_reject──► rejected                                      (final)
 *   reviewing ──compliance_pass──► granted   无条件: platform grants, provider notified (§29, §30(一))
 *                                           有条件 within a 整体授权: platform grants (grantBy whole, §29)
 *                               └► forwarded  otherwise: provider_reply step, 5 or 10 working days (§30(二))
 *   forwarded | negotiation ──provider_grant──► granted                            (final)
 *   forwarded ──provider_refuse (reason)──► refused                                (§30(二) 说明理由)
 *   refused ──open_negotiation (reason)──► negotiation ──negotiation_fail──► coordination   (§30(三))
 *   coordination ──coordination_grant──► granted │ ──coordination_uphold (comment)──► refused (final)
 *   reviewing | returned | forwarded | negotiation ──cancel──► cancelled          (final)
 *
 * Decisions (the regulation leaves them open):
 * - Coordination is final. §30(三) gives the 同级 authority the last word after a failed negotiation,
 *   so a refusal it upholds cannot be negotiated again. The request stays `refused` (the API's status
 *   vocabulary is fixed) and the caller says whether a coordination happened: `ctx.coordinated` =
 *   the request has a finished `coordination` step. It is required, so no caller can forget it.
 * - A `desensitized` request (§23: a 不予共享 entry after 脱密/脱敏) always goes to the provider, even
 *   under a 整体授权: only the provider can judge whether the processing asked for reaches the
 *   condition of sharing, and a whole authorisation was given for the data as catalogued, not for a
 *   processing described by one requester. A 不予共享 entry without that route cannot pass review.
 * - `notifyProvider` is set whenever a grant is made by someone other than the provider (platform,
 *   whole authorisation, coordination): §30(一) 授权结果同步推送提供部门.
 * - Texts required: see REQUIRED_TEXT. open_negotiation needs the requester's statement of why the
 *   data is needed to perform its duties (§30(三) 因履职尽责确需使用) — it becomes the first message.
 */
import { REQUEST_ACTION_LABELS, REQUEST_STATUS_LABELS } from './labels.ts';
import {
  REQUEST_ACTIONS, type EntryShareType, type GrantedBy, type RequestAction, type RequestStatus,
  type ShareRoute, type StepKind,
} from './types.ts';

/** A new request: under review, with the compliance_review step open (§28). */
export const INITIAL = { status: 'reviewing', open: 'compliance_review' } as const satisfies {
  status: RequestStatus;
  open: StepKind;
};

/** The step that runs while a request is in a status (paused while `returned`). */
export const STATUS_STEP: { readonly [S in RequestStatus]: StepKind | null } = {
  reviewing: 'compliance_review',
  returned: 'compliance_review',
  rejected: null,
  forwarded: 'provider_reply',
  granted: null,
  refused: null,
  negotiation: 'negotiation',
  coordination: 'coordination',
  cancelled: null,
};

export interface RequestContext {
  /** 共享属性 of the entry (§22). */
  shareType: EntryShareType;
  route: ShareRoute;
  /** An active 整体授权 of the provider covers the request's items and method today (grant-rules.ts). */
  wholeAuthorizationCovers: boolean;
  /** The request has been through coordination (a done `coordination` step): a refusal is then final. */
  coordinated: boolean;
  /** 审查意见 / 协调意见. */
  comment?: string;
  /** 不予提供理由 / the requester's statement opening negotiation. */
  reason?: string;
}

export interface RequestTransitionOk {
  ok: true;
  to: RequestStatus;
  open?: StepKind;
  close?: StepKind;
  pause?: StepKind;
  resume?: StepKind;
  grantBy?: GrantedBy;
  notifyProvider?: true;
}

export type RequestTransitionErrorCode = 'ILLEGAL_TRANSITION' | 'COMMENT_REQUIRED' | 'REASON_REQUIRED';

export interface RequestTransitionError {
  ok: false;
  error: { code: RequestTransitionErrorCode; zh: string; en: string };
}

export type RequestTransitionResult = RequestTransitionOk | RequestTransitionError;

type Effects = Omit<RequestTransitionOk, 'ok' | 'to' | 'close'>;

export interface RequestTransitionRule {
  action: RequestAction;
  from: readonly RequestStatus[];
  /** `pass` = decided by share type and whole authorisation (passOutcome). */
  to: RequestStatus | 'pass';
  /** Close the step of the status left (STATUS_STEP). */
  closes?: true;
  effects?: Effects;
}

/** Every legal transition. Anything not listed is ILLEGAL_TRANSITION. */
export const REQUEST_TRANSITIONS: readonly RequestTransitionRule[] = [
  { action: 'compliance_pass', from: ['reviewing'], to: 'pass', closes: true },                     // §28 §30(一)(二)
  { action: 'compliance_return', from: ['reviewing'], to: 'returned', effects: { pause: 'compliance_review' } },
  { action: 'resubmit', from: ['returned'], to: 'reviewing', effects: { resume: 'compliance_review' } },
  { action: 'compliance_reject', from: ['reviewing'], to: 'rejected', closes: true },
  { action: 'provider_grant', from: ['forwarded', 'negotiation'], to: 'granted', closes: true, effects: { grantBy: 'provider' } }, // §29
  { action: 'provider_refuse', from: ['forwarded'], to: 'refused', closes: true },                  // §30(二)
  { action: 'open_negotiation', from: ['refused'], to: 'negotiation', effects: { open: 'negotiation' } }, // §30(三)
  { action: 'negotiation_fail', from: ['negotiation'], to: 'coordination', closes: true, effects: { open: 'coordination' } },
  { action: 'coordination_grant', from: ['coordination'], to: 'granted', closes: true, effects: { grantBy: 'coordination', notifyProvider: true } },
  { action: 'coordination_uphold', from: ['coordination'], to: 'refused', closes: true },
  { action: 'cancel', from: ['reviewing', 'returned', 'forwarded', 'negotiation'], to: 'cancelled', closes: true },
];

/** The text an action needs (blank = missing). */
export const REQUIRED_TEXT = {
  compliance_return: 'comment',
  compliance_reject: 'comment',
  provider_refuse: 'reason',
  open_negotiation: 'reason',
  coordination_uphold: 'comment',
} as const satisfies { readonly [A in RequestAction]?: 'comment' | 'reason' };

type TextAction = keyof typeof REQUIRED_TEXT;
const needsText = (a: RequestAction): a is TextAction => Object.hasOwn(REQUIRED_TEXT, a);

const TEXT_REQUIRED_MESSAGES: { readonly [A in TextAction]: { zh: string; en: string } } = {
  compliance_return: { zh: '退回补充须填写审查意见，说明需补充的材料（第二十八条）', en: 'Returning a request needs a comment saying what to add (§28)' },
  compliance_reject: { zh: '审查不通过须填写审查意见（第二十八条）', en: 'Rejecting a request needs a review comment (§28)' },
  provider_refuse: { zh: '对不予提供的，提供部门应说明理由（第三十条第二项）', en: 'A refusal needs a reason (§30(二))' },
  open_negotiation: { zh: '发起协商须说明因履职尽责确需使用的理由（第三十条第三项）', en: 'Opening negotiation needs a statement of why the data is needed for your duties (§30(三))' },
  coordination_uphold: { zh: '维持不予提供须填写协调意见（第三十条第三项）', en: 'Upholding a refusal needs a coordination comment (§30(三))' },
};

/** Final statuses. `refused` is final only after coordination (§30(三)). */
export function isFinalStatus(status: RequestStatus, coordinated: boolean): boolean {
  return status === 'rejected' || status === 'granted' || status === 'cancelled' || (status === 'refused' && coordinated);
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function illegal(status: RequestStatus, action: RequestAction, ctx: RequestContext): RequestTransitionError {
  const s = REQUEST_STATUS_LABELS[status];
  const a = REQUEST_ACTION_LABELS[action];
  const why = status === 'refused' && ctx.coordinated
    ? { zh: '（经主管部门协调维持不予提供，为终态，第三十条第三项）', en: ' (the authority upheld the refusal in coordination: final, §30(三))' }
    : isFinalStatus(status, ctx.coordinated)
      ? { zh: `（${s.zh}为终态）`, en: ` (${s.en.toLowerCase()} is final)` }
      : { zh: '', en: '' };
  return {
    ok: false,
    error: {
      code: 'ILLEGAL_TRANSITION',
      zh: `「${s.zh}」状态的共享申请不能${a.zh}${why.zh}`,
      en: `Cannot ${a.en} a request that is ${s.en.toLowerCase()}${why.en}`,
    },
  };
}

/** Outcome of passing the compliance review (§29, §30(一)(二), §23). */
function passOutcome(ctx: RequestContext): Pick<RequestTransitionOk, 'to' | 'open' | 'grantBy' | 'notifyProvider'> | RequestTransitionError {
  if (ctx.shareType === 'unconditional') return { to: 'granted', grantBy: 'platform', notifyProvider: true };
  if (ctx.shareType === 'none' && ctx.route !== 'desensitized') {
    return {
      ok: false,
      error: {
        code: 'ILLEGAL_TRANSITION',
        zh: '不予共享类数据未经脱密、脱敏处理不得共享，应审查不通过（第二十三条）',
        en: 'Data not to be shared cannot pass review without desensitization (§23); reject the request',
      },
    };
  }
  if (ctx.route === 'standard' && ctx.wholeAuthorizationCovers) return { to: 'granted', grantBy: 'whole', notifyProvider: true };
  return { to: 'forwarded', open: 'provider_reply' };
}

/** The next status of a request and the step changes, or the named reason the action is not possible. */
export function requestTransition(status: RequestStatus, action: RequestAction, ctx: RequestContext): RequestTransitionResult {
  const rule = REQUEST_TRANSITIONS.find((t) => t.action === action && t.from.includes(status));
  if (!rule) return illegal(status, action, ctx);
  // §30(三): coordination has the last word.
  if (action === 'open_negotiation' && ctx.coordinated) return illegal(status, action, ctx);
  if (needsText(action)) {
    const needs = REQUIRED_TEXT[action];
    if (blank(needs === 'comment' ? ctx.comment : ctx.reason)) {
      const m = TEXT_REQUIRED_MESSAGES[action];
      return { ok: false, error: { code: needs === 'comment' ? 'COMMENT_REQUIRED' : 'REASON_REQUIRED', ...m } };
    }
  }
  const result: RequestTransitionOk = { ok: true, to: 'reviewing' };
  if (rule.to === 'pass') {
    const outcome = passOutcome(ctx);
    if ('ok' in outcome) return outcome;
    Object.assign(result, outcome);
  } else {
    result.to = rule.to;
  }
  const closing = rule.closes ? STATUS_STEP[status] : null;
  if (closing) result.close = closing;
  Object.assign(result, rule.effects);
  return result;
}

/** The actions possible from a status (for buttons in the UI); texts are assumed to be given. */
export function availableRequestActions(status: RequestStatus, ctx: RequestContext): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => requestTransition(status, a, { ...ctx, comment: 'x', reason: 'x' }).ok);
}

// Who acts: permissions.ts (re-exported so the workflow is one import).
export {
  ACTION_PARTY, PARTY_ROLE, STEP_PARTY, mayActOnRequest, mayPostNegotiationMessage, requestActor,
  type MayActOnRequestResult, type RequestActorSummary, type RequestParties,
} from './permissions.ts';
