/**
 * 暂停授权: a finding of an inspection (Sec §33 存在违法行为的应立即制止) or an incident (Sec §34
 * 采取补救措施) stops chosen grants at once. A suspended grant serves nothing — the delivery layer
 * reads the grant on every call and only an `active` one is live — until the authority lifts the
 * suspension; revocation and expiry still apply to it (sharing/grants.ts, sharing/sweeps.ts).
 * Like a revocation it is audited and both departments are told, in the same transaction.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { actsForAuthority } from '../../domain/oversight/permissions.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { notify, type Outbound } from '../inbox/notify.ts';

export interface SuspensionCause {
  type: 'finding' | 'incident';
  id: string;
  /** The department concerned: only its grants (as consumer or provider) may be suspended … */
  orgId: string;
  /** … plus grants the cause names itself (an incident's affected grants). */
  named?: readonly string[];
}

export async function suspendGrants(
  tx: Db, actor: UserActor, cause: SuspensionCause, grantIds: readonly string[], reason: string, opts: { now: Date; outbound?: Outbound },
): Promise<string[]> {
  if (!reason.trim()) throw badRequest('REASON_REQUIRED', '暂停授权须说明理由', 'suspending a grant needs a reason', [{ field: 'body.reason', zh: '请填写理由', en: 'reason is required' }]);
  if (grantIds.length === 0) throw badRequest('NO_GRANTS', '请选择要暂停的授权', 'choose the grants to suspend', [{ field: 'body.grantIds', zh: '至少选择一项', en: 'at least one' }]);
  const unique = [...new Set(grantIds)];
  const grants = await tx.selectFrom('share_grant as g').innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
    .select(['g.id', 'g.status', 'g.consumer_id', 'g.provider_id', 'e.name', 'e.region_code'])
    .where('g.id', 'in', unique).forUpdate('g').execute();
  for (const id of unique) {
    const g = grants.find((x) => x.id === id);
    const related = g && (g.consumer_id === cause.orgId || g.provider_id === cause.orgId || cause.named?.includes(id));
    if (!g || !related) throw notFound('该部门的授权', 'grant of the department');
    if (!actsForAuthority(actor, g.region_code)) {
      throw forbidden('NOT_PERMITTED', '只有该数据所属地区的政务数据主管部门可以暂停授权', 'only the data authority over the data may suspend its grants');
    }
    if (g.status !== 'active') throw conflict('GRANT_NOT_LIVE', `授权 ${g.name} 当前状态为 ${g.status}，无需暂停`, `grant ${id} is ${g.status}, not active`);
  }
  await tx.updateTable('share_grant').set({ status: 'suspended' }).where('id', 'in', unique).execute();
  for (const g of grants) {
    await tx.insertInto('grant_suspension').values({
      grant_id: g.id, cause_type: cause.type, cause_id: cause.id, reason, suspended_by: actor.userId, suspended_at: opts.now,
    }).execute();
    await notify(tx, [{ orgId: g.consumer_id, role: 'requester' }, { orgId: g.consumer_id, role: 'data_steward' }, { orgId: g.provider_id, role: 'approver' }], {
      kind: 'grant.suspended', title: `授权已暂停：${g.name}`, body: reason, link: `/grants/${g.id}`,
    }, opts.outbound);
    await recordAudit(tx, actor, { action: 'grant.suspend', targetType: 'grant', targetId: g.id, detail: { cause: cause.type, causeId: cause.id, reason } });
  }
  return unique;
}

export class SuspensionService {
  constructor(private readonly deps: { db: Db; outbound?: Outbound; now?: () => Date }) {}

  /** The authority lifts a suspension it ordered: the grant is active again if nothing else ended it. */
  async lift(actor: UserActor, suspensionId: string): Promise<void> {
    const now = this.deps.now?.() ?? new Date();
    await liftSuspension(this.deps.db, actor, suspensionId, { now, outbound: this.deps.outbound });
  }

  async grantsOf(actor: UserActor, orgId: string) {
    const items = await suspendableGrants(this.deps.db, actor, orgId);
    return { items, total: items.length };
  }
}

async function liftSuspension(db: Db, actor: UserActor, suspensionId: string, opts: { now: Date; outbound?: Outbound }) {
  await db.transaction().execute(async (tx) => {
    const s = await tx.selectFrom('grant_suspension as s').innerJoin('share_grant as g', 'g.id', 's.grant_id')
      .innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
      .select(['s.id', 's.grant_id', 's.lifted_at', 's.cause_type', 's.cause_id', 'g.status', 'g.consumer_id', 'e.name', 'e.region_code'])
      .where('s.id', '=', suspensionId).forUpdate('s').executeTakeFirst();
    if (!s || !actsForAuthority(actor, s.region_code)) throw notFound('暂停记录', 'suspension');
    if (s.lifted_at) throw conflict('ALREADY_LIFTED', '该暂停已解除', 'this suspension has been lifted');
    await tx.updateTable('grant_suspension').set({ lifted_at: opts.now, lifted_by: actor.userId }).where('id', '=', s.id).execute();
    // Another cause may still hold the grant; it stays suspended until the last one is lifted.
    const others = await tx.selectFrom('grant_suspension').select('id').where('grant_id', '=', s.grant_id).where('lifted_at', 'is', null).execute();
    const resumed = s.status === 'suspended' && others.length === 0;
    if (resumed) {
      await tx.updateTable('share_grant').set({ status: 'active' }).where('id', '=', s.grant_id).execute();
      await notify(tx, [{ orgId: s.consumer_id, role: 'requester' }, { orgId: s.consumer_id, role: 'data_steward' }], {
        kind: 'grant.resumed', title: `授权已恢复：${s.name}`, link: `/grants/${s.grant_id}`,
      }, opts.outbound);
    }
    await recordAudit(tx, actor, { action: 'grant.resume', targetType: 'grant', targetId: s.grant_id, detail: { suspensionId, resumed, cause: s.cause_type, causeId: s.cause_id } });
  });
}

/** Suspensions a finding or an incident ordered, for its detail view. */
export async function suspensionsOf(db: Db, cause: { type: 'finding' | 'incident'; ids: readonly string[] }) {
  if (cause.ids.length === 0) return [];
  const rows = await db.selectFrom('grant_suspension as s').innerJoin('share_grant as g', 'g.id', 's.grant_id')
    .innerJoin('catalog_entry as e', 'e.id', 'g.entry_id').innerJoin('org as c', 'c.id', 'g.consumer_id')
    .innerJoin('app_user as u', 'u.id', 's.suspended_by')
    .select(['s.id', 's.grant_id', 's.cause_id', 's.reason', 's.suspended_at', 's.lifted_at', 'g.status', 'e.name', 'c.name as consumer_name', 'u.display_name'])
    .where('s.cause_type', '=', cause.type).where('s.cause_id', 'in', cause.ids).orderBy('s.suspended_at').execute();
  return rows.map((r) => ({
    id: r.id, grantId: r.grant_id, causeId: r.cause_id, entryName: r.name, consumerName: r.consumer_name, grantStatus: r.status,
    reason: r.reason, suspendedBy: r.display_name, suspendedAt: r.suspended_at.toISOString(), liftedAt: r.lifted_at ? r.lifted_at.toISOString() : null,
  }));
}

/** Live grants of a department (as consumer or provider) the authority may choose to suspend. */
async function suspendableGrants(db: Db, actor: UserActor, orgId: string) {
  const rows = await db.selectFrom('share_grant as g').innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
    .innerJoin('org as p', 'p.id', 'g.provider_id').innerJoin('org as c', 'c.id', 'g.consumer_id')
    .select(['g.id', 'g.method', 'g.valid_until', 'g.consumer_id', 'e.name', 'e.code', 'e.region_code', 'p.name as provider_name', 'c.name as consumer_name'])
    .where('g.status', '=', 'active').where((eb) => eb.or([eb('g.consumer_id', '=', orgId), eb('g.provider_id', '=', orgId)]))
    .orderBy('e.name').execute();
  return rows.filter((g) => actsForAuthority(actor, g.region_code)).map((g) => ({
    id: g.id, entryName: g.name, entryCode: g.code, providerName: g.provider_name, consumerName: g.consumer_name,
    method: g.method, validUntil: g.valid_until, side: g.consumer_id === orgId ? 'consumer' as const : 'provider' as const,
  }));
}
