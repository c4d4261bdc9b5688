/**
 * 政务数据安全事件 (Sec §34; Sec §7(四) 调查处理政务数据安全事件). A department — or the authority
 * itself — reports at once, starts its emergency plan and takes remedial measures; the authority
 * responds (investigation, instructions) and may suspend affected grants; the matter is tracked to
 * its close with a summary:
 *
 *   reported ──respond (text)──► responding ──resolve (text)──► resolved ──close (summary)──► closed
 *
 * Starting the emergency plan is recorded once, at the report or afterwards, before the close
 * (Sec §34 应当立即启动应急预案): a case cannot be resolved while the plan was never started.
 */
import { transition, type Machine } from './machine.ts';

export const INCIDENT_STATUSES = ['reported', 'responding', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_ACTIONS = ['respond', 'resolve', 'close'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

export const INCIDENT_MACHINE: Machine<IncidentStatus, IncidentAction> = {
  what: { zh: '安全事件', en: 'incident' },
  states: {
    reported: { zh: '已报送', en: 'Reported' },
    responding: { zh: '处置中', en: 'Responding' },
    resolved: { zh: '已处置', en: 'Resolved' },
    closed: { zh: '已结案', en: 'Closed' },
  },
  actions: {
    respond: { zh: '响应处置', en: 'Respond' },
    resolve: { zh: '登记处置完成', en: 'Record as resolved' },
    close: { zh: '结案', en: 'Close' },
  },
  rules: [
    { action: 'respond', from: ['reported'], to: 'responding', article: 'Sec §7(四)' },
    { action: 'resolve', from: ['responding'], to: 'resolved', article: 'Sec §34' },
    { action: 'close', from: ['resolved'], to: 'closed', article: 'Sec §7(四)' },
  ],
  needsText: {
    respond: { zh: '请填写处置意见（安全细则第七条第四项）', en: 'Give the response (Sec §7(四))' },
    resolve: { zh: '请说明处置结果（安全细则第三十四条）', en: 'Describe how it was resolved (Sec §34)' },
    close: { zh: '结案须填写事件总结（安全细则第七条第四项）', en: 'Closing needs a summary of the incident (Sec §7(四))' },
  },
};

export function incidentTransition(from: IncidentStatus, action: IncidentAction, text: string | undefined, ctx: { planStarted: boolean }) {
  const r = transition(INCIDENT_MACHINE, from, action, text);
  if (r.ok && action === 'resolve' && !ctx.planStarted) {
    return {
      ok: false as const,
      error: { code: 'PLAN_NOT_STARTED' as const, zh: '尚未登记启动应急预案，不能登记处置完成（安全细则第三十四条）', en: 'The emergency plan was never recorded as started (Sec §34)' },
    };
  }
  return r;
}
