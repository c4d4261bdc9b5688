/** A request as the API shows it: the parties, the timeline with each step's clock, the thread, what the caller can do. */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import { stepClock } from '../../domain/sharing/deadlines.ts';
import { mayActOnRequest, mayPostNegotiationMessage } from '../../domain/sharing/workflow.ts';
import type { RequestAction } from '../../domain/sharing/types.ts';
import { requestTransition } from '../../domain/sharing/workflow.ts';
import { actorSummary, requestSummary } from './parties.ts';
import type { RequestConditions } from './requests.ts';
import * as store from './store.ts';

export type RequestView = Awaited<ReturnType<typeof buildRequestView>>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether the actor could take the action now (party and status); texts assumed given. */
function can(actor: UserActor, r: store.RequestRow, action: RequestAction): boolean {
  if (!mayActOnRequest(action, actorSummary(actor), requestSummary(r)).allowed) return false;
  return requestTransition(r.status, action, {
    shareType: 'conditional', route: r.route, wholeAuthorizationCovers: false, coordinated: r.coordinated, comment: 'x', reason: 'x',
  }).ok;
}

export async function buildRequestView(db: Db, calendar: WorkCalendar, now: Date, actor: UserActor, r: store.RequestRow, opts: { summary?: boolean } = {}) {
  const steps = await store.stepsOf(db, r.id);
  const grant = await db.selectFrom('share_grant').select('id').where('request_id', '=', r.id).executeTakeFirst();
  const negotiating = r.status === 'negotiation';
  return {
    id: r.id, entryId: r.entry_id, entryName: r.entry_name, entryCode: r.entry_code,
    providerId: r.provider_id, providerName: r.provider_name, consumerId: r.consumer_id, consumerName: r.consumer_name,
    requesterName: r.requester_name, items: r.items, purpose: r.purpose, scenario: r.scenario, basis: r.basis, method: r.method,
    validUntil: r.valid_until, appId: r.app_id, route: r.route, desensitization: r.desensitization,
    conditions: r.conditions as unknown as RequestConditions, status: r.status,
    coordinated: r.coordinated, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), grantId: grant?.id ?? null,
    steps: steps.map((s) => {
      const clock = s.status === 'open' && s.due_at ? stepClock(calendar, now, s.due_at) : undefined;
      return {
        id: s.id, kind: s.kind, status: s.status, startedAt: s.started_at.toISOString(), dueAt: iso(s.due_at), dueOn: s.due_on,
        provisional: s.provisional,
        remainingWorkdays: clock ? clock.remainingWorkdays : s.status === 'paused' ? s.remaining_workdays : null,
        dueSoon: clock?.dueSoon ?? false, overdue: clock?.overdue ?? false,
        doneAt: iso(s.done_at), actorName: s.actor_name, decision: s.decision, comment: s.comment,
      };
    }),
    messages: opts.summary ? [] : (await store.messagesOf(db, r.id)).map((m) => ({ orgName: m.org_name, authorName: m.author_name, body: m.body, at: m.at.toISOString() })),
    permissions: {
      review: can(actor, r, 'compliance_pass'),
      reply: can(actor, r, 'provider_grant'),
      resubmit: can(actor, r, 'resubmit'),
      cancel: can(actor, r, 'cancel'),
      negotiate: can(actor, r, 'open_negotiation') || (negotiating && mayPostNegotiationMessage(actorSummary(actor), requestSummary(r)).allowed),
      fail: can(actor, r, 'negotiation_fail'),
      coordinate: can(actor, r, 'coordination_grant'),
    },
  };
}
