/**
 * 撤销发布 (§19): a published entry is never withdrawn silently. The provider asks, with a reason;
 * the authority of the entry's region decides. A county authority's approval is filed with the city
 * authority (报市政务数据主管部门备案), which sees it in its withdrawal list.
 */
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import type { Outbound } from '../inbox/notify.ts';
import { endRequestsOfWithdrawnEntry } from '../sharing/requests.ts';
import type { CatalogService } from './service.ts';
import * as store from './store.ts';

export interface WithdrawalView {
  id: string;
  entryId: string;
  entryName: string;
  entryCode: string | null;
  regionCode: string;
  providerName: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  fileWithCity: boolean;
}

function withdrawalQuery(db: Db) {
  return db.selectFrom('catalog_withdrawal as w')
    .innerJoin('catalog_entry as e', 'e.id', 'w.entry_id')
    .innerJoin('org as o', 'o.id', 'e.provider_id')
    .innerJoin('app_user as rq', 'rq.id', 'w.requested_by')
    .leftJoin('app_user as dc', 'dc.id', 'w.decided_by')
    .select(['w.id', 'w.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'e.region_code', 'o.name as provider_name',
      'e.provider_id', 'w.reason', 'w.status', 'rq.display_name as requested_by', 'w.requested_at',
      'dc.display_name as decided_by', 'w.decided_at', 'w.decision_comment', 'w.filed_with_city']);
}

type Row = Awaited<ReturnType<ReturnType<typeof withdrawalQuery>['executeTakeFirstOrThrow']>>;
const toView = (r: Row): WithdrawalView => ({
  id: r.id, entryId: r.entry_id, entryName: r.entry_name, entryCode: r.entry_code, regionCode: r.region_code,
  providerName: r.provider_name, reason: r.reason, status: r.status, requestedBy: r.requested_by,
  requestedAt: r.requested_at.toISOString(), decidedBy: r.decided_by, decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  decisionComment: r.decision_comment, fileWithCity: r.filed_with_city,
});

/** The latest withdrawal request of an entry, if any. */
export async function withdrawalOf(db: Db, entryId: string): Promise<WithdrawalView | null> {
  const row = await withdrawalQuery(db).where('w.entry_id', '=', entryId).orderBy('w.requested_at', 'desc').executeTakeFirst();
  return row ? toView(row) : null;
}

export class WithdrawalService {
  constructor(private readonly deps: { db: Db; catalog: CatalogService; outbound?: Outbound; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async request(actor: UserActor, entryId: string, reason: string): Promise<WithdrawalView> {
    if (!reason.trim()) {
      throw badRequest('REASON_REQUIRED', '撤销须说明理由（第十九条）', 'a withdrawal needs a reason (§19)', [{ field: 'body.reason', zh: '请填写撤销理由', en: 'reason is required' }]);
    }
    const id = await this.deps.db.transaction().execute(async (tx) => {
      const entry = await this.deps.catalog.loadForAction(tx, actor, entryId, 'request_withdrawal');
      this.deps.catalog.step(entry, 'request_withdrawal', { reason });
      const row = await tx.insertInto('catalog_withdrawal').values({ entry_id: entryId, reason, requested_by: actor.userId, status: 'pending' })
        .returning('id').executeTakeFirstOrThrow();
      await tx.updateTable('catalog_entry').set({ status: 'withdrawing', updated_at: this.now() }).where('id', '=', entryId).execute();
      await store.addEvent(tx, { entryId, version: entry.working_version, action: 'withdrawal_requested', actorId: actor.userId, orgId: actor.orgId, comment: reason });
      await recordAudit(tx, actor, { action: 'catalog.withdrawal.request', targetType: 'catalog_entry', targetId: entryId, detail: { withdrawalId: row.id, reason } });
      return row.id;
    });
    return this.get(actor, id);
  }

  async decide(actor: UserActor, id: string, decision: 'approve' | 'reject', comment: string | undefined): Promise<WithdrawalView> {
    if (decision === 'reject' && !comment?.trim()) {
      throw badRequest('COMMENT_REQUIRED', '不同意撤销须说明理由', 'a rejection needs a comment', [{ field: 'body.comment', zh: '请填写理由', en: 'comment is required' }]);
    }
    await this.deps.db.transaction().execute(async (tx) => {
      const w = await tx.selectFrom('catalog_withdrawal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!w) throw notFound('撤销申请', 'withdrawal');
      const action = decision === 'approve' ? 'approve_withdrawal' : 'reject_withdrawal';
      const entry = await this.deps.catalog.loadForAction(tx, actor, w.entry_id, action);
      if (w.status !== 'pending') throw conflict('WITHDRAWAL_DECIDED', '该撤销申请已处理', 'this withdrawal has already been decided');
      const step = this.deps.catalog.step(entry, action);
      const now = this.now();
      const fileWithCity = step.fileWithCity === true;
      await tx.updateTable('catalog_withdrawal').set({
        status: decision === 'approve' ? 'approved' : 'rejected', decided_by: actor.userId, decided_at: now,
        decision_comment: comment ?? null, filed_with_city: fileWithCity,
      }).where('id', '=', id).execute();
      await tx.updateTable('catalog_entry').set({
        status: step.to, updated_at: now, ...(decision === 'approve' ? { withdrawn_at: now } : {}),
      }).where('id', '=', w.entry_id).execute();
      await store.addEvent(tx, { entryId: w.entry_id, version: entry.working_version,
        action: decision === 'approve' ? 'withdrawn' : 'withdrawal_rejected', actorId: actor.userId, orgId: actor.orgId, comment: comment ?? null });
      // Nothing is shared from a withdrawn entry any more: the requests still open for it end with it.
      const endedRequests = decision === 'approve'
        ? await endRequestsOfWithdrawnEntry(tx, actor, w.entry_id, w.reason, { now, outbound: this.deps.outbound }) : 0;
      await recordAudit(tx, actor, { action: `catalog.withdrawal.${decision}`, targetType: 'catalog_entry', targetId: w.entry_id,
        detail: { withdrawalId: id, comment, fileWithCity, ...(endedRequests ? { endedRequests } : {}) } });
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string): Promise<WithdrawalView> {
    const row = await withdrawalQuery(this.deps.db).where('w.id', '=', id).executeTakeFirst();
    if (!row || !(row.provider_id === actor.orgId || authorityCovers(actor, row.region_code))) throw notFound('撤销申请', 'withdrawal');
    return toView(row);
  }

  /** The provider's own requests, or those of the regions an authority covers (the city sees the counties' filings). */
  async list(actor: UserActor, status?: WithdrawalView['status']): Promise<WithdrawalView[]> {
    let q = withdrawalQuery(this.deps.db).orderBy('w.requested_at', 'desc');
    if (status) q = q.where('w.status', '=', status);
    const isAuthority = actor.orgKind === 'authority' && actor.roles.includes('authority');
    if (!isAuthority) q = q.where('e.provider_id', '=', actor.orgId);
    else if (actor.regionLevel === 'county') q = q.where('e.region_code', '=', actor.regionCode);
    return (await q.execute()).map(toView);
  }
}
