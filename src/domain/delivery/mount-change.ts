/**
 * 挂接变更 — when a change of where an entry's data is mounted applies at once and when the
 * authority reviews it first. Pure: decided from facts the caller reads.
 *
 * §17: the provider publishes its data on the platform by table, API or file (资源挂接); §30(二):
 * consumers holding a grant receive the data through that mount. §16: the 主管部门 guides, coordinates
 * and supervises the updating of data — so once consumers depend on a mount (a live grant), moving
 * it elsewhere (another table, another upstream, another way of sharing) is reviewed by the authority
 * that reviews the entry's catalog changes, and the current mount keeps serving until it is approved.
 * §18: the provider updates the data's content itself — new versions of the files of a file mount
 * are a data update, never a mount change, and are never reviewed.
 */

export type MountKind = 'table' | 'api' | 'file';

/** What an entry shows (未挂接 / 已挂接 / 变更待审核). */
export type MountStatus = 'unmounted' | 'mounted' | 'change_pending';

/** Grants under which consumers receive data now or may again (a suspension is lifted): §30(二). */
export const LIVE_GRANT_STATUSES = ['active', 'suspended'] as const;

export type MountChangeStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export interface ProposalFacts {
  /** The entry's current mount, or null when it has none. */
  current: { kind: MountKind } | null;
  proposedKind: MountKind;
  /** Grants of the entry in LIVE_GRANT_STATUSES. */
  liveGrants: number;
  /** The proposal, once checked, is exactly the current mount (same config and 前置库). */
  sameAsCurrent: boolean;
}

export type ProposalOutcome =
  | { outcome: 'apply'; why: 'first_mount' | 'no_live_grants' | 'data_update' }
  | { outcome: 'review' }
  | { outcome: 'refuse'; code: 'MOUNT_UNCHANGED'; zh: string; en: string };

/**
 * A first mount, a change while no consumer depends on the mount, and a refresh of a file mount's
 * files apply at once; any other change while grants are live waits for the authority. A change
 * identical to the current mount would put nothing before the authority: it is refused (a re-save
 * with no live grants is applied as before — it changes nothing and harms no one).
 */
export function proposalOutcome(f: ProposalFacts): ProposalOutcome {
  if (!f.current) return { outcome: 'apply', why: 'first_mount' };
  if (f.current.kind === 'file' && f.proposedKind === 'file') return { outcome: 'apply', why: 'data_update' }; // §18
  if (f.liveGrants === 0) return { outcome: 'apply', why: 'no_live_grants' };
  if (f.sameAsCurrent) {
    return {
      outcome: 'refuse', code: 'MOUNT_UNCHANGED',
      zh: '与当前挂接相同，无需提交变更；如要取消待审核的变更，请撤回该变更',
      en: 'the proposal is the same as the current mount: nothing to review; to cancel a pending change, withdraw it',
    };
  }
  return { outcome: 'review' };
}

export type MountChangeAction = 'approve' | 'reject' | 'withdraw';

export type DecisionResult =
  | { ok: true; to: Exclude<MountChangeStatus, 'pending'> }
  | { ok: false; code: 'CHANGE_NOT_PENDING' | 'REASON_REQUIRED'; zh: string; en: string };

const DECIDED: Record<MountChangeAction, Exclude<MountChangeStatus, 'pending'>> = { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' };

/** Only a pending change is decided or withdrawn; a rejection names its reason (the provider must know what to fix). */
export function decideMountChange(status: MountChangeStatus, action: MountChangeAction, reason?: string): DecisionResult {
  if (status !== 'pending') {
    return { ok: false, code: 'CHANGE_NOT_PENDING', zh: '该挂接变更已处理，不能再操作', en: 'the mount change has already been decided or withdrawn' };
  }
  if (action === 'reject' && (reason === undefined || reason.trim() === '')) {
    return { ok: false, code: 'REASON_REQUIRED', zh: '驳回挂接变更须说明理由', en: 'rejecting a mount change needs a reason' };
  }
  return { ok: true, to: DECIDED[action] };
}

/** The status an entry shows. Only those who follow its workflow see a pending change; others see the mount serving them. */
export function mountStatus(mounted: boolean, changePending: boolean, insider: boolean): MountStatus {
  if (!mounted) return 'unmounted';
  return changePending && insider ? 'change_pending' : 'mounted';
}
