/**
 * 数据销毁 (Sec §29: 建立相关审批、记录和备案流程，确保全过程可审计).
 *
 *   pending ──approve──► approved ──execute──► executed ──file──► filed     审批 → 销毁并记录 → 备案
 *   pending ──reject (comment)──► rejected
 *   pending ──cancel──► cancelled
 *
 * A task created because a table grant ended starts `approved`: the grant was what allowed the
 * consumer to hold the copy, so its end is the order to destroy it (§31 期满重新申请; Sec §24
 * 未经授权不得…擅自用于其他场景) — nobody is asked whether to comply.
 *
 * Who (Sec §29 puts the approval, the record and the filing on the department; Sec §5 主体责任;
 * Sec §7 the authority supervises): the department's data steward asks and executes, one of its
 * approvers — never the same person who asked — approves, and the record is filed with the
 * authority of the department's region, which acknowledges it.
 */
import { transition, type Machine } from './machine.ts';

export const DESTRUCTION_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'executed', 'filed'] as const;
export type DestructionStatus = (typeof DESTRUCTION_STATUSES)[number];
export const DESTRUCTION_ACTIONS = ['approve', 'reject', 'cancel', 'execute', 'file'] as const;
export type DestructionAction = (typeof DESTRUCTION_ACTIONS)[number];

export const DESTRUCTION_MACHINE: Machine<DestructionStatus, DestructionAction> = {
  what: { zh: '销毁申请', en: 'destruction request' },
  states: {
    pending: { zh: '待审批', en: 'Awaiting approval' },
    approved: { zh: '待执行', en: 'Approved, to execute' },
    rejected: { zh: '未批准', en: 'Rejected' },
    cancelled: { zh: '已撤回', en: 'Cancelled' },
    executed: { zh: '已销毁待备案', en: 'Destroyed, to file' },
    filed: { zh: '已备案', en: 'Filed' },
  },
  actions: {
    approve: { zh: '批准', en: 'Approve' },
    reject: { zh: '不予批准', en: 'Reject' },
    cancel: { zh: '撤回', en: 'Cancel' },
    execute: { zh: '执行销毁', en: 'Execute' },
    file: { zh: '备案', en: 'File' },
  },
  rules: [
    { action: 'approve', from: ['pending'], to: 'approved', article: 'Sec §29 审批' },
    { action: 'reject', from: ['pending'], to: 'rejected', article: 'Sec §29 审批' },
    { action: 'cancel', from: ['pending'], to: 'cancelled', article: 'Sec §29' },
    { action: 'execute', from: ['approved'], to: 'executed', article: 'Sec §29 记录' },
    { action: 'file', from: ['executed'], to: 'filed', article: 'Sec §29 备案' },
  ],
  needsText: {
    reject: { zh: '不予批准须说明理由（安全细则第二十九条）', en: 'A rejection needs a reason (Sec §29)' },
  },
};

export const destructionTransition = (from: DestructionStatus, action: DestructionAction, text?: string) =>
  transition(DESTRUCTION_MACHINE, from, action, text);

/** Final: nothing more happens to the request. */
export const DESTRUCTION_FINAL: readonly DestructionStatus[] = ['rejected', 'cancelled', 'filed'];
