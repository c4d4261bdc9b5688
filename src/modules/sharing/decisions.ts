/**
 * The decisions on a request (§28–§30): the authority's compliance review, the provider's reply,
 * negotiation after a refusal and the authority's binding coordination. Each one closes the step it
 * answers, opens the next with its legal deadline, notifies whoever acts next, and is audited — all
 * in one transaction, with the request row locked so two people acting at once cannot both win.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { toShanghaiDate } from '../../domain/calendar/index.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { providerReplyWorkdays, pauseRemaining, stepDue } from '../../domain/sharing/deadlines.ts';
import { checkGrantNarrowing, grantScope, wholeAuthorizationCovers } from '../../domain/sharing/grant-rules.ts';
import { mayPostNegotiationMessage } from '../../domain/sharing/workflow.ts';
import { badRequest, conflict, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import * as catalogStore from '../catalog/store.ts';
import { isMounted } from '../delivery/mounts.ts';
import { notify } from '../inbox/notify.ts';
import { recordGrantAssessment, type GrantAssessmentInput } from '../security/grant-assessment.ts';
import { insertGrant, type GrantConditions } from './grants.ts';
import { actorSummary, assertMayAct, authorityAudience, providerAudience, requestSummary, requesterAudience } from './parties.ts';
import type { RequestConditions, RequestService, SharingDeps } from './requests.ts';
import * as store from './store.ts';
import type { RequestView } from './view.ts';

export interface GrantTerms {
  items?: string[];
  validUntil?: string;
  conditions?: GrantConditions;
  /** Internal review and security assessment, when the entry's grade demands them (security rules §27). */
  assessment?: GrantAssessmentInput;
}

/**
 * A withdrawn entry (§19 撤销发布) is no longer shared: a request still open for it may be rejected,
 * refused or cancelled, but not passed on or granted — a grant would promise data the platform no
 * longer serves.
 */
async function assertNotWithdrawn(tx: Db, entryId: string, status?: string): Promise<void> {
  const current = status ?? (await catalogStore.findEntry(tx, entryId))?.status;
  if (current !== 'withdrawn') return;
  throw conflict('ENTRY_WITHDRAWN', '该目录已撤销发布，不能再转交或授权；请审查不通过、不予提供，或由申请部门撤回申请（第十九条）',
    'the catalog entry has been withdrawn: the request can no longer be passed on or granted; reject or refuse it, or the requester cancels it (§19)');
}

export class DecisionService {
  constructor(private readonly deps: SharingDeps & { requests: RequestService }) {}

  private async closeStep(tx: Db, requestId: string, kind: Parameters<typeof store.openStep>[2], actor: UserActor, decision: string, comment?: string | null) {
    const step = await store.openStep(tx, requestId, kind);
    if (step) {
      await tx.updateTable('share_request_step').set({ status: 'done', done_at: this.deps.requests.now(), actor_id: actor.userId, decision, comment: comment ?? null })
        .where('id', '=', step.id).execute();
    }
  }

  private async openStep(tx: Db, requestId: string, kind: 'provider_reply' | 'negotiation' | 'coordination', workdays?: number) {
    const now = this.deps.requests.now();
    const due = workdays ? stepDue(await this.deps.calendars.calendar(tx), now, workdays) : undefined;
    await tx.insertInto('share_request_step').values({
      request_id: requestId, kind, status: 'open', started_at: now,
      due_at: due?.dueAt ?? null, due_on: due?.dueOn ?? null, provisional: due?.provisional ?? false,
    }).execute();
    return due;
  }

  /**
   * Grants as decided, within the request and the provider's narrowing (§31 ≤ 3 years). The rows: the
   * decider's scope if it gives one (never wider than asked, §39), else the request's (§27) — and a
   * whole authorisation's conditions also hold for the grants the platform makes under it (§29).
   */
  private async grant(tx: Db, actor: UserActor, r: store.RequestRow, by: 'platform' | 'provider' | 'whole' | 'coordination', terms: GrantTerms,
    whole?: { valid_until: string; conditions: unknown }) {
    const today = toShanghaiDate(this.deps.requests.now());
    const body = (await catalogStore.findVersion(tx, r.entry_id, r.entry_version))!.body as CatalogEntryBody;
    const asked = r.conditions as RequestConditions;
    const wholeConditions = (whole?.conditions ?? {}) as GrantConditions;
    const scope = grantScope(asked.rowScope ?? [], terms.conditions?.rowScope, body.items, wholeConditions.rowScope);
    const issues = [...checkGrantNarrowing({ items: r.items, validUntil: r.valid_until }, terms, today), ...scope.issues].filter((i) => i.level === 'error');
    if (issues.length) throw badRequest('GRANT_INVALID', issues[0]!.zh, issues[0]!.en, issues.map((i) => ({ ...i, field: `body.${i.field}` })));
    let validUntil = terms.validUntil ?? r.valid_until;
    if (whole && whole.valid_until < validUntil) validUntil = whole.valid_until;
    const rowFilter = terms.conditions?.rowFilter ?? (terms.conditions?.rowScope === undefined ? asked.rowFilter : undefined);
    const { rowScope: _given, rowFilter: _described, ...rest } = { ...wholeConditions, ...terms.conditions };
    const conditions: GrantConditions = { ...rest, ...(scope.scope.length ? { rowScope: scope.scope } : {}), ...(rowFilter ? { rowFilter } : {}) };
    const grantId = await insertGrant(tx, {
      requestId: r.id, entryId: r.entry_id, providerId: r.provider_id, consumerId: r.consumer_id, items: terms.items ?? r.items,
      method: r.method, conditions, purpose: r.purpose, scenario: r.scenario, validFrom: today, validUntil,
      grantedBy: by, grantedByUser: by === 'platform' || by === 'whole' ? null : actor.userId,
    });
    await recordGrantAssessment(tx, { grantId, body, by, assessment: terms.assessment, userId: actor.userId });
    await notify(tx, [requesterAudience(r), { orgId: r.consumer_id, role: 'data_steward' }], {
      kind: 'request.granted', title: `已获授权：${r.entry_name}`, body: `有效期至 ${validUntil}；仅限申请的用途与场景使用（第三十九条）`, link: `/grants/${grantId}`,
    }, this.deps.outbound);
    return grantId;
  }

  async complianceReview(actor: UserActor, id: string, decision: 'pass' | 'return' | 'reject', comment: string | undefined): Promise<RequestView> {
    const { db } = this.deps;
    const req = this.deps.requests;
    await db.transaction().execute(async (tx) => {
      const r = await req.load(tx, actor, id);
      const action = decision === 'pass' ? 'compliance_pass' : decision === 'return' ? 'compliance_return' : 'compliance_reject';
      assertMayAct(actor, r, action);
      const entry = (await catalogStore.findEntry(tx, r.entry_id))!;
      if (decision === 'pass') await assertNotWithdrawn(tx, r.entry_id, entry.status);
      const body = (await catalogStore.findVersion(tx, r.entry_id, entry.published_version ?? r.entry_version))!.body as CatalogEntryBody;
      const whole = decision === 'pass' ? await this.coveringWholeAuthorization(tx, r) : undefined;
      const step = req.transition(r, action, { comment, shareType: body.shareType, wholeAuthorizationCovers: whole !== undefined });
      const now = req.now();
      if (step.pause) {
        const open = await store.openStep(tx, id, 'compliance_review');
        const remaining = open?.due_at ? pauseRemaining(await this.deps.calendars.calendar(tx), now, open.due_at) : 1;
        await tx.updateTable('share_request_step').set({ status: 'paused', remaining_workdays: remaining, actor_id: actor.userId, decision, comment: comment ?? null })
          .where('id', '=', open!.id).execute();
        await notify(tx, requesterAudience(r), {
          kind: 'request.returned', title: `共享申请被退回补充：${r.entry_name}`, body: comment ?? '', link: `/requests/${id}`,
        }, this.deps.outbound);
      } else {
        await this.closeStep(tx, id, 'compliance_review', actor, decision, comment);
      }
      await tx.updateTable('share_request').set({ status: step.to, updated_at: now }).where('id', '=', id).execute();
      if (step.to === 'rejected') {
        await notify(tx, requesterAudience(r), { kind: 'request.rejected', title: `共享申请未通过符合性审查：${r.entry_name}`, body: comment ?? '', link: `/requests/${id}` }, this.deps.outbound);
      }
      if (step.open === 'provider_reply') {
        const days = providerReplyWorkdays(await isMounted(tx, r.entry_id));
        const due = await this.openStep(tx, id, 'provider_reply', days);
        await notify(tx, providerAudience(r), {
          kind: 'request.reply', title: `共享申请待答复：${r.entry_name}`,
          body: `${r.consumer_name}申请使用，须于 ${due!.dueOn} 前答复（第三十条第二项，${days} 个工作日${days === 10 ? '，并完成数据发布' : ''}）`, link: `/requests/${id}`,
        }, this.deps.outbound);
      }
      if (step.grantBy) {
        await this.grant(tx, actor, r, step.grantBy, {}, whole);
        // §30(一): the result of a platform grant is pushed to the provider.
        await notify(tx, providerAudience(r), {
          kind: 'request.granted_by_platform', title: `平台已授权使用本部门数据：${r.entry_name}`,
          body: `${r.consumer_name}，${step.grantBy === 'whole' ? '依据整体授权（第二十九条）' : '无条件共享（第三十条第一项）'}`, link: `/requests/${id}`,
        }, this.deps.outbound);
      }
      await recordAudit(tx, actor, { action: `request.compliance.${decision}`, targetType: 'share_request', targetId: id, detail: { comment, to: step.to } });
    });
    return req.get(actor, id);
  }

  private async coveringWholeAuthorization(tx: Db, r: store.RequestRow) {
    const today = toShanghaiDate(this.deps.requests.now());
    const all = await tx.selectFrom('whole_authorization').selectAll().where('entry_id', '=', r.entry_id).where('revoked_at', 'is', null).execute();
    return all.find((wa) => wholeAuthorizationCovers(
      { items: wa.items, methods: wa.methods, validUntil: wa.valid_until, revoked: false },
      { items: r.items, method: r.method, validUntil: r.valid_until }, today));
  }

  /** §29–§30(二): the provider grants (possibly narrower) or refuses with a reason. */
  async reply(actor: UserActor, id: string, input: { decision: 'grant' | 'refuse'; reason?: string } & GrantTerms): Promise<RequestView> {
    const req = this.deps.requests;
    await this.deps.db.transaction().execute(async (tx) => {
      const r = await req.load(tx, actor, id);
      const action = input.decision === 'grant' ? 'provider_grant' : 'provider_refuse';
      assertMayAct(actor, r, action);
      const step = req.transition(r, action, { reason: input.reason });
      if (input.decision === 'grant') await assertNotWithdrawn(tx, r.entry_id);
      if (input.decision === 'grant' && !(await isMounted(tx, r.entry_id))) {
        throw conflict('DATA_NOT_MOUNTED', '该目录的数据尚未在平台发布（挂接），须先完成数据发布再授权（第三十条第二项）',
          'the entry\'s data is not on the platform yet: mount it before granting (§30(二))');
      }
      const stepKind = r.status === 'negotiation' ? 'negotiation' : 'provider_reply';
      await this.closeStep(tx, id, stepKind, actor, input.decision, input.reason);
      await tx.updateTable('share_request').set({ status: step.to, updated_at: req.now() }).where('id', '=', id).execute();
      if (input.decision === 'grant') {
        await this.grant(tx, actor, r, 'provider', input);
      } else {
        await notify(tx, requesterAudience(r), {
          kind: 'request.refused', title: `提供部门不予提供：${r.entry_name}`, body: `理由：${input.reason}。如因履职确需使用，可发起协商（第三十条第三项）`, link: `/requests/${id}`,
        }, this.deps.outbound);
      }
      await recordAudit(tx, actor, { action: `request.reply.${input.decision}`, targetType: 'share_request', targetId: id, detail: { reason: input.reason, items: input.items, validUntil: input.validUntil, rowScope: input.conditions?.rowScope } });
    });
    return req.get(actor, id);
  }

  /** §30(三): the requester opens a negotiation after a refusal; then both sides write, filed with the authority. */
  async negotiate(actor: UserActor, id: string, message: string): Promise<RequestView> {
    const req = this.deps.requests;
    if (!message.trim()) throw badRequest('MESSAGE_REQUIRED', '请填写协商意见', 'a message is required', [{ field: 'body.message', zh: '请填写协商意见', en: 'message is required' }]);
    await this.deps.db.transaction().execute(async (tx) => {
      const r = await req.load(tx, actor, id);
      if (r.status === 'refused') {
        assertMayAct(actor, r, 'open_negotiation');
        req.transition(r, 'open_negotiation', { reason: message, comment: message });
        await tx.updateTable('share_request').set({ status: 'negotiation', updated_at: req.now() }).where('id', '=', id).execute();
        await this.openStep(tx, id, 'negotiation');
      } else if (r.status === 'negotiation') {
        const may = mayPostNegotiationMessage(actorSummary(actor), requestSummary(r));
        if (!may.allowed) throw forbidden(may.code, may.zh, may.en);
      } else {
        throw conflict('ILLEGAL_TRANSITION', '只有被拒绝或协商中的申请可以协商', 'only a refused request or one under negotiation takes negotiation messages', { status: r.status });
      }
      await tx.insertInto('share_request_message').values({ request_id: id, org_id: actor.orgId, author_id: actor.userId, body: message }).execute();
      const other = actor.orgId === r.consumer_id ? providerAudience(r) : requesterAudience(r);
      await notify(tx, [other, ...(await authorityAudience(tx, r.provider_region_code))], {
        kind: 'request.negotiation', title: `协商（报主管部门备案）：${r.entry_name}`, body: `${actor.orgName}：${message}`, link: `/requests/${id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'request.negotiation', targetType: 'share_request', targetId: id, detail: { message } });
    });
    return req.get(actor, id);
  }

  /** The requester declares the negotiation failed: the authority coordinates (§30(三) 协商未果). */
  async negotiationFailed(actor: UserActor, id: string, reason: string | undefined): Promise<RequestView> {
    const req = this.deps.requests;
    await this.deps.db.transaction().execute(async (tx) => {
      const r = await req.load(tx, actor, id);
      assertMayAct(actor, r, 'negotiation_fail');
      const step = req.transition(r, 'negotiation_fail', { reason, comment: reason });
      await this.closeStep(tx, id, 'negotiation', actor, 'failed', reason);
      await tx.updateTable('share_request').set({ status: step.to, updated_at: req.now() }).where('id', '=', id).execute();
      await this.openStep(tx, id, 'coordination');
      await notify(tx, await authorityAudience(tx, r.provider_region_code), {
        kind: 'request.coordination', title: `协商未果，待协调：${r.entry_name}`, body: `${r.consumer_name} ↔ ${r.provider_name}`, link: `/requests/${id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'request.negotiation.fail', targetType: 'share_request', targetId: id, detail: { reason } });
    });
    return req.get(actor, id);
  }

  /** The authority's binding coordination (§30(三) 由同级政务数据主管部门协调解决). */
  async coordinate(actor: UserActor, id: string, input: { decision: 'grant' | 'uphold'; comment?: string } & GrantTerms): Promise<RequestView> {
    const req = this.deps.requests;
    await this.deps.db.transaction().execute(async (tx) => {
      const r = await req.load(tx, actor, id);
      const action = input.decision === 'grant' ? 'coordination_grant' : 'coordination_uphold';
      assertMayAct(actor, r, action);
      const step = req.transition(r, action, { comment: input.comment });
      if (input.decision === 'grant') await assertNotWithdrawn(tx, r.entry_id);
      await this.closeStep(tx, id, 'coordination', actor, input.decision, input.comment);
      await tx.updateTable('share_request').set({ status: step.to, coordinated: true, updated_at: req.now() }).where('id', '=', id).execute();
      if (input.decision === 'grant') await this.grant(tx, actor, r, 'coordination', input);
      await notify(tx, [requesterAudience(r), providerAudience(r)], {
        kind: 'request.coordinated', title: `主管部门协调决定：${r.entry_name}`,
        body: `${input.decision === 'grant' ? '予以共享' : '维持不予提供'}${input.comment ? `：${input.comment}` : ''}`, link: `/requests/${id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: `request.coordination.${input.decision}`, targetType: 'share_request', targetId: id, detail: { comment: input.comment } });
    });
    return req.get(actor, id);
  }
}
