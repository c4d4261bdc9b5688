/**
 * 政务数据安全监督检查 (Sec §30–§33). The authority's plan (安排部署, Sec §32(一)) names the
 * departments and the check items of Sec §31; for each department:
 *
 *   self_assessment ──submit_self_assessment──► onsite_check          自查评估, report to the authority (§32(二))
 *   self_assessment ──record_onsite, once the self-assessment is overdue──► …   the authority checks without it (§32(三) 检查复核)
 *   onsite_check ──record_onsite (no findings)──► passed               实地检查 (§32(三))
 *   onsite_check ──record_onsite (findings)──► rectification           处理意见 with a deadline (§32(三), §33)
 *   rectification ──all_accepted──► rectified                          整改提高 (§32(四)) — when the last finding is accepted
 *
 * and for each finding (问题):
 *
 *   rectifying ──report──► reported ──accept──► accepted               整改情况报送 (§32(四))
 *   reported ──return (comment)──► rectifying                          not good enough: the same deadline runs on (§33 限期整改)
 *
 * The plan closes when every department has passed or rectified.
 *
 * Decision: the plan's 时间安排 binds (Sec §32(一)). A self-assessment is an input to the on-site
 * check, so after its deadline it is refused (SELF_ASSESSMENT_OVERDUE) and the authority goes on
 * site without it; a late rectification report is still taken — the rectification must happen —
 * and shows as late.
 */
import { transition, type Machine } from './machine.ts';

export const TARGET_STATUSES = ['self_assessment', 'onsite_check', 'rectification', 'passed', 'rectified'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
export const TARGET_ACTIONS = ['submit_self_assessment', 'record_onsite', 'all_accepted'] as const;
export type TargetAction = (typeof TARGET_ACTIONS)[number];

export const TARGET_MACHINE: Machine<TargetStatus, TargetAction | 'record_onsite_clean'> = {
  what: { zh: '受检部门', en: 'inspected department' },
  states: {
    self_assessment: { zh: '自查评估中', en: 'Self-assessing' },
    onsite_check: { zh: '待实地检查', en: 'Awaiting on-site check' },
    rectification: { zh: '整改中', en: 'Rectifying' },
    passed: { zh: '检查通过', en: 'Passed' },
    rectified: { zh: '整改完成', en: 'Rectified' },
  },
  actions: {
    submit_self_assessment: { zh: '报送自查报告', en: 'Submit the self-assessment' },
    record_onsite: { zh: '登记实地检查', en: 'Record the on-site check' },
    record_onsite_clean: { zh: '登记实地检查', en: 'Record the on-site check' },
    all_accepted: { zh: '完成整改验收', en: 'Complete the rectification' },
  },
  rules: [
    { action: 'submit_self_assessment', from: ['self_assessment'], to: 'onsite_check', article: 'Sec §32(二)' },
    { action: 'record_onsite', from: ['onsite_check'], to: 'rectification', article: 'Sec §32(三)' },
    { action: 'record_onsite_clean', from: ['onsite_check'], to: 'passed', article: 'Sec §32(三)' },
    { action: 'all_accepted', from: ['rectification'], to: 'rectified', article: 'Sec §32(四)' },
  ],
};

export interface TargetContext {
  /** Findings recorded by the on-site check. */
  findings?: number;
  /** The plan's self-assessment deadline has passed. */
  selfAssessmentOverdue?: boolean;
}

/** The department's next status; an on-site check without findings passes it. */
export function targetTransition(from: TargetStatus, action: TargetAction, ctx: TargetContext = {}) {
  if (from === 'self_assessment' && ctx.selfAssessmentOverdue) {
    if (action === 'submit_self_assessment') {
      return {
        ok: false as const,
        error: {
          code: 'SELF_ASSESSMENT_OVERDUE' as const,
          zh: '已超过检查方案规定的自查报告报送期限，由主管部门直接实地检查（安全细则第三十二条）',
          en: 'The self-assessment deadline of the plan has passed; the authority checks on site directly (Sec §32)',
        },
      };
    }
    if (action === 'record_onsite') from = 'onsite_check';
  }
  const a = action === 'record_onsite' && (ctx.findings ?? 0) === 0 ? 'record_onsite_clean' : action;
  return transition(TARGET_MACHINE, from, a);
}

export const TARGET_DONE: readonly TargetStatus[] = ['passed', 'rectified'];

export const FINDING_STATUSES = ['rectifying', 'reported', 'accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_ACTIONS = ['report', 'accept', 'return'] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

export const FINDING_MACHINE: Machine<FindingStatus, FindingAction> = {
  what: { zh: '检查问题', en: 'finding' },
  states: {
    rectifying: { zh: '整改中', en: 'Rectifying' },
    reported: { zh: '已报送整改情况', en: 'Rectification reported' },
    accepted: { zh: '已验收', en: 'Accepted' },
  },
  actions: {
    report: { zh: '报送整改情况', en: 'Report the rectification' },
    accept: { zh: '验收', en: 'Accept' },
    return: { zh: '退回重新整改', en: 'Return for more work' },
  },
  rules: [
    { action: 'report', from: ['rectifying'], to: 'reported', article: 'Sec §32(四)' },
    { action: 'accept', from: ['reported'], to: 'accepted', article: 'Sec §32(四)' },
    { action: 'return', from: ['reported'], to: 'rectifying', article: 'Sec §33' },
  ],
  needsText: {
    report: { zh: '请说明整改情况（安全细则第三十二条第四项）', en: 'Describe the rectification (Sec §32(四))' },
    return: { zh: '退回须说明整改不到位之处（安全细则第三十三条）', en: 'Returning needs a comment on what is still wrong (Sec §33)' },
  },
};

export const findingTransition = (from: FindingStatus, action: FindingAction, text?: string) => transition(FINDING_MACHINE, from, action, text);

export const INSPECTION_STATUSES = ['open', 'closed'] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

/** 检查阶段 shown for a plan: the phase of its slowest department (Sec §32's four steps). */
export const INSPECTION_PHASES = ['self_assessment', 'onsite_check', 'rectification', 'done', 'closed'] as const;
export type InspectionPhase = (typeof INSPECTION_PHASES)[number];

export function inspectionPhase(status: InspectionStatus, targets: readonly TargetStatus[]): InspectionPhase {
  if (status === 'closed') return 'closed';
  if (targets.includes('self_assessment')) return 'self_assessment';
  if (targets.includes('onsite_check')) return 'onsite_check';
  if (targets.includes('rectification')) return 'rectification';
  return 'done';
}

/** The plan may close once every department has passed or rectified (Sec §32(四)). */
export function mayClose(status: InspectionStatus, targets: readonly TargetStatus[]):
  { ok: true } | { ok: false; code: 'ILLEGAL_TRANSITION' | 'TARGETS_PENDING'; zh: string; en: string } {
  if (status === 'closed') return { ok: false, code: 'ILLEGAL_TRANSITION', zh: '检查已结束', en: 'the inspection is already closed' };
  const pending = targets.filter((t) => !TARGET_DONE.includes(t)).length;
  if (pending > 0) {
    return { ok: false, code: 'TARGETS_PENDING', zh: `尚有 ${pending} 个部门未完成检查或整改（安全细则第三十二条）`, en: `${pending} department(s) have not finished the check or the rectification (Sec §32)` };
  }
  return { ok: true };
}
