/**
 * 目录生命周期 — the state machine of a catalog entry (§9 编制发布, §12 更新, §13 审核编码, §19 撤销).
 *
 * Versions. An entry is a series of versions. `status` is the status of the WORKING version — the
 * newest one; `hasPublished` says whether some version is published and visible in discovery. Editing a
 * published entry starts a new draft version while the published one stays visible and shareable
 * (§12 requires updates; §19 forbids silently taking published data away), so:
 *
 *   status      hasPublished  meaning
 *   draft       false         new entry being compiled
 *   draft       true          published entry with a newer draft (edit of a published entry)
 *   pending     false | true  working version awaits the authority's review (§13)
 *   returned    false | true  review returned the working version with a comment
 *   published   true          the working version is the published version
 *   withdrawing true          withdrawal requested, awaiting the authority (§19)
 *   withdrawn   false         final: no version is visible any more
 *
 * Approving a new version replaces the published one (`replacesPublished`); the unified code is
 * assigned only at the first publication (`assignCode`, §13) and kept by later versions. An editor
 * may `discard` a draft/returned working version when a published one exists (the entry goes back to
 * `published`); a withdrawal can only be requested from `published`, so pending changes must be
 * discarded or decided first. Withdrawn is final.
 */
import { ENTRY_STATUS_LABELS, type Label } from './labels.ts';
import type { EntryStatus } from './types.ts';

export const ENTRY_ACTIONS = [
  'edit', 'submit', 'approve', 'reject', 'discard', 'request_withdrawal', 'approve_withdrawal', 'reject_withdrawal',
] as const;
export type EntryAction = (typeof ENTRY_ACTIONS)[number];

export const ENTRY_ACTION_LABELS: { readonly [K in EntryAction]: Label } = {
  edit: { zh: '编辑', en: 'edit' },
  submit: { zh: '提交审核', en: 'submit for review' },
  approve: { zh: '审核通过', en: 'approve' },
  reject: { zh: '退回', en: 'return' },
  discard: { zh: '放弃修改', en: 'discard the changes of' },
  request_withdrawal: { zh: '申请撤销', en: 'request withdrawal of' },
  approve_withdrawal: { zh: '同意撤销', en: 'approve withdrawal of' },
  reject_withdrawal: { zh: '驳回撤销申请', en: 'reject withdrawal of' },
};

export interface TransitionRule {
  action: EntryAction;
  from: readonly EntryStatus[];
  to: EntryStatus;
  /** A text the actor must give: the review comment (退回意见) or the withdrawal reason (§19). */
  requires?: 'comment' | 'reason';
  /** Only allowed when a published version exists (discarding falls back to it). */
  needsPublished?: true;
}

/** Every legal transition. Anything not listed is ILLEGAL_TRANSITION. */
export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'edit', from: ['draft', 'returned'], to: 'draft' },
  { action: 'edit', from: ['published'], to: 'draft' },                 // starts a new version (§12)
  { action: 'submit', from: ['draft', 'returned'], to: 'pending' },
  { action: 'approve', from: ['pending'], to: 'published' },            // §13 审核; code at first publication
  { action: 'reject', from: ['pending'], to: 'returned', requires: 'comment' },
  { action: 'discard', from: ['draft', 'returned'], to: 'published', needsPublished: true },
  { action: 'request_withdrawal', from: ['published'], to: 'withdrawing', requires: 'reason' }, // §19 不得随意撤销
  { action: 'approve_withdrawal', from: ['withdrawing'], to: 'withdrawn' },
  { action: 'reject_withdrawal', from: ['withdrawing'], to: 'published' },
];

export type RegionLevel = 'city' | 'county';

export interface TransitionContext {
  /** A published version of the entry exists (see the table above). */
  hasPublished: boolean;
  /** Level of the entry's region (the provider department's region). */
  entryRegionLevel: RegionLevel;
  /** 退回意见 — required to reject. */
  comment?: string;
  /** 撤销理由 — required to request withdrawal. */
  reason?: string;
}

export interface TransitionOk {
  ok: true;
  to: EntryStatus;
  /** edit of a published entry: create a new working version; the published one stays visible. */
  newVersion?: true;
  /** approve at first publication: assign the unified code (§13). */
  assignCode?: true;
  /** approve of a new version: it replaces the previously published version. */
  replacesPublished?: true;
  /** discard: delete the working version; the published version becomes the working one again. */
  discardWorkingVersion?: true;
  /** approve_withdrawal of a county entry: the county authority must file it with the city (§19). */
  fileWithCity?: true;
}

export type TransitionErrorCode = 'ILLEGAL_TRANSITION' | 'COMMENT_REQUIRED' | 'REASON_REQUIRED';

export interface TransitionError {
  ok: false;
  error: { code: TransitionErrorCode; zh: string; en: string };
}

export type TransitionResult = TransitionOk | TransitionError;

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

function illegal(status: EntryStatus, action: EntryAction): TransitionError {
  const s = ENTRY_STATUS_LABELS[status];
  const a = ENTRY_ACTION_LABELS[action];
  const final = status === 'withdrawn' ? { zh: '（已撤销为终态）', en: ' (withdrawn is final)' } : { zh: '', en: '' };
  return {
    ok: false,
    error: {
      code: 'ILLEGAL_TRANSITION',
      zh: `「${s.zh}」状态的目录不能${a.zh}${final.zh}`,
      en: `Cannot ${a.en} an entry that is ${s.en.toLowerCase()}${final.en}`,
    },
  };
}

/** The next status of the working version, or the named reason the action is not possible. */
export function transition(status: EntryStatus, action: EntryAction, ctx: TransitionContext): TransitionResult {
  // A published working version is a published version, whatever the caller passed.
  const hasPublished = ctx.hasPublished || status === 'published' || status === 'withdrawing';
  const rule = TRANSITIONS.find((t) => t.action === action && t.from.includes(status) && (!t.needsPublished || hasPublished));
  if (!rule) return illegal(status, action);
  if (rule.requires === 'comment' && blank(ctx.comment)) {
    return { ok: false, error: { code: 'COMMENT_REQUIRED', zh: '退回须填写审核意见', en: 'Returning an entry needs a review comment' } };
  }
  if (rule.requires === 'reason' && blank(ctx.reason)) {
    return {
      ok: false,
      error: { code: 'REASON_REQUIRED', zh: '撤销已发布的目录须说明理由，报主管部门审核同意', en: 'Withdrawing a published entry needs a reason for the authority to review' },
    };
  }
  const result: TransitionOk = { ok: true, to: rule.to };
  if (action === 'edit' && status === 'published') result.newVersion = true;
  if (action === 'approve') {
    if (hasPublished) result.replacesPublished = true;
    else result.assignCode = true;
  }
  if (action === 'discard') result.discardWorkingVersion = true;
  if (action === 'approve_withdrawal' && ctx.entryRegionLevel === 'county') result.fileWithCity = true;
  return result;
}

/** The actions possible from a status (for buttons in the UI). */
export function availableActions(status: EntryStatus, ctx: TransitionContext): EntryAction[] {
  return ENTRY_ACTIONS.filter((a) => {
    const r = transition(status, a, { ...ctx, comment: 'x', reason: 'x' });
    return r.ok;
  });
}

// ---------------------------------------------------------------------------------------------
// Who may act

export type CatalogRole = 'catalog_editor' | 'authority';

/**
 * Which authority decides: the authority of the entry's own region, or also the city authority.
 * Review and coding may be done by the city authority for every region (§13: the city authority
 * codes and reviews all catalogs entered on the city platform; counties use it, §21) as well as by
 * the county's own authority (§8). Withdrawals are decided by the 同级 authority only (§19); a county
 * then files its decision with the city (`fileWithCity`).
 */
export type AuthorityScope = 'own_region_or_city' | 'own_region';

export interface ActionPermission {
  role: CatalogRole;
  /** For authority actions. */
  scope?: AuthorityScope;
}

/** §6: the provider department compiles and maintains its catalog; §13, §19: the authority decides. */
export const ACTION_PERMISSIONS: { readonly [K in EntryAction]: ActionPermission } = {
  edit: { role: 'catalog_editor' },
  submit: { role: 'catalog_editor' },
  discard: { role: 'catalog_editor' },
  request_withdrawal: { role: 'catalog_editor' },
  approve: { role: 'authority', scope: 'own_region_or_city' },
  reject: { role: 'authority', scope: 'own_region_or_city' },
  approve_withdrawal: { role: 'authority', scope: 'own_region' },
  reject_withdrawal: { role: 'authority', scope: 'own_region' },
};

export interface ActorSummary {
  roles: readonly string[];
  departmentId: string;
  regionId: string;
  regionLevel: RegionLevel;
}

export interface EntrySummary {
  /** The provider department (for 基础库/主题库 entries: the lead department, §14). */
  providerId: string;
  /** The provider's region. */
  regionId: string;
  regionLevel: RegionLevel;
}

export type MayActResult =
  | { allowed: true }
  | { allowed: false; code: 'ROLE_REQUIRED' | 'NOT_PROVIDER' | 'OUTSIDE_REGION'; zh: string; en: string };

export function mayAct(action: EntryAction, actor: ActorSummary, entry: EntrySummary): MayActResult {
  const p = ACTION_PERMISSIONS[action];
  const a = ENTRY_ACTION_LABELS[action];
  if (!actor.roles.includes(p.role)) {
    const role = p.role === 'authority' ? { zh: '政务数据主管部门', en: 'the data authority' } : { zh: '目录编制人员', en: 'a catalog editor' };
    return { allowed: false, code: 'ROLE_REQUIRED', zh: `只有${role.zh}可以${a.zh}目录`, en: `Only ${role.en} may ${a.en} an entry` };
  }
  if (p.role === 'catalog_editor') {
    if (actor.departmentId === entry.providerId) return { allowed: true };
    return { allowed: false, code: 'NOT_PROVIDER', zh: `只能${a.zh}本部门的目录`, en: `You may only ${a.en} your own department's entries` };
  }
  const ownRegion = actor.regionId === entry.regionId;
  const cityOverCounty = p.scope === 'own_region_or_city' && actor.regionLevel === 'city';
  if (ownRegion || cityOverCounty) return { allowed: true };
  return { allowed: false, code: 'OUTSIDE_REGION', zh: `只能${a.zh}本区域的目录`, en: `You may only ${a.en} entries of your own region` };
}
