/**
 * 授权 (§29, §31, §39, §40). A grant says who may use which items of which entry, by which method,
 * under which conditions, for which purpose and scenario, from when until when (≤ 3 years). It
 * expires by itself; unused for more than 3 months it may be revoked (§31); misuse revokes it (§40).
 * The delivery layer reads the grant on every call (no cache, so a revoked grant stops working at
 * once) and writes its last use in the statement that writes the access records of its deliveries
 * (delivery/access-writer.ts, kept to the minute).
 */
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import { toShanghaiDate } from '../../domain/calendar/index.ts';
import type { RowCondition } from '../../domain/policy/row-scope.ts';
import { isIdle } from '../../domain/sharing/grant-rules.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { notify, type Outbound } from '../inbox/notify.ts';
import { makeAgreement } from './agreements.ts';

export interface GrantConditions {
  masking?: Record<string, string>;
  /** 共享范围: the rows delivered, enforced on every channel (domain/policy/row-scope.ts). */
  rowScope?: RowCondition[];
  /** The row scope in words. */
  rowFilter?: string;
  note?: string;
}

export interface NewGrant {
  requestId: string | null;
  entryId: string;
  providerId: string;
  consumerId: string;
  items: string[];
  method: string;
  conditions: GrantConditions;
  purpose: string;
  scenario: string;
  validFrom: string;
  validUntil: string;
  grantedBy: 'platform' | 'provider' | 'whole' | 'coordination';
  grantedByUser: string | null;
}

export async function insertGrant(tx: Db, g: NewGrant): Promise<string> {
  const row = await tx.insertInto('share_grant').values({
    request_id: g.requestId, entry_id: g.entryId, provider_id: g.providerId, consumer_id: g.consumerId, items: g.items,
    method: g.method, conditions: JSON.stringify(g.conditions), purpose: g.purpose, scenario: g.scenario,
    valid_from: g.validFrom, valid_until: g.validUntil, status: 'active', granted_by: g.grantedBy, granted_by_user: g.grantedByUser,
  }).returning('id').executeTakeFirstOrThrow();
  // Every grant carries its data-security agreement from the moment it exists (security rules §27).
  await makeAgreement(tx, row.id);
  return row.id;
}

function grantQuery(db: Db) {
  return db.selectFrom('share_grant as g')
    .innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
    .innerJoin('org as p', 'p.id', 'g.provider_id')
    .innerJoin('org as c', 'c.id', 'g.consumer_id')
    .select(['g.id', 'g.request_id', 'g.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'e.region_code',
      'g.provider_id', 'p.name as provider_name', 'g.consumer_id', 'c.name as consumer_name', 'g.items', 'g.method',
      'g.conditions', 'g.purpose', 'g.scenario', 'g.valid_from', 'g.valid_until', 'g.status', 'g.granted_by',
      'g.last_used_at', 'g.idle_flagged_at', 'g.revoked_at', 'g.revoke_reason', 'g.created_at']);
}
type GrantRow = Awaited<ReturnType<ReturnType<typeof grantQuery>['executeTakeFirstOrThrow']>>;

export type GrantView = ReturnType<typeof toView>;

function toView(g: GrantRow, now: Date) {
  const idle = isIdle(g.last_used_at, g.valid_from, now);
  return {
    id: g.id, requestId: g.request_id, entryId: g.entry_id, entryName: g.entry_name, entryCode: g.entry_code,
    providerId: g.provider_id, providerName: g.provider_name, consumerId: g.consumer_id, consumerName: g.consumer_name,
    items: g.items, method: g.method, conditions: g.conditions as unknown as GrantConditions, purpose: g.purpose, scenario: g.scenario,
    validFrom: g.valid_from, validUntil: g.valid_until, status: g.status, grantedBy: g.granted_by,
    lastUsedAt: g.last_used_at ? g.last_used_at.toISOString() : null,
    idle: g.status === 'active' && idle.idle, idleSince: g.status === 'active' && idle.idle ? idle.since.toISOString() : null,
    revokedAt: g.revoked_at ? g.revoked_at.toISOString() : null, revokeReason: g.revoke_reason, createdAt: g.created_at.toISOString(),
  };
}

export class GrantService {
  constructor(private readonly deps: { db: Db; outbound?: Outbound; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private maySee(actor: UserActor, g: Pick<GrantRow, 'provider_id' | 'consumer_id' | 'region_code'>): boolean {
    return actor.orgId === g.provider_id || actor.orgId === g.consumer_id || actor.roles.includes('auditor')
      || authorityCovers(actor, g.region_code);
  }

  async get(actor: UserActor, id: string): Promise<GrantView> {
    const g = await grantQuery(this.deps.db).where('g.id', '=', id).executeTakeFirst();
    if (!g || !this.maySee(actor, g)) throw notFound('授权', 'grant');
    return toView(g, this.now());
  }

  async list(actor: UserActor, q: { view?: 'mine' | 'provided' | 'all'; status?: GrantRow['status']; idle?: boolean; entryId?: string }) {
    let query = grantQuery(this.deps.db).orderBy('g.created_at', 'desc');
    const view = q.view ?? 'mine';
    if (view === 'mine') query = query.where('g.consumer_id', '=', actor.orgId);
    else if (view === 'provided') query = query.where('g.provider_id', '=', actor.orgId);
    else {
      const authority = actor.orgKind === 'authority' && actor.roles.includes('authority');
      if (!authority && !actor.roles.includes('auditor')) throw forbidden('ROLE_REQUIRED', '只有主管部门和审计员可以查看全部授权', 'only the authority and auditors see all grants');
      if (authority && actor.regionLevel === 'county') query = query.where('e.region_code', '=', actor.regionCode);
    }
    if (q.status) query = query.where('g.status', '=', q.status);
    if (q.entryId) query = query.where('g.entry_id', '=', q.entryId);
    const now = this.now();
    let items = (await query.execute()).map((g) => toView(g, now));
    if (q.idle !== undefined) items = items.filter((g) => g.idle === q.idle);
    return { items, total: items.length };
  }

  /** §31 idle / §40 misuse: the provider's approver or the authority over the provider revokes, with a reason. */
  async revoke(actor: UserActor, id: string, reason: string): Promise<GrantView> {
    if (!reason.trim()) throw badRequest('REASON_REQUIRED', '收回授权须说明理由', 'revoking a grant needs a reason', [{ field: 'body.reason', zh: '请填写理由', en: 'reason is required' }]);
    await this.deps.db.transaction().execute(async (tx) => {
      await tx.selectFrom('share_grant').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
      const g = await grantQuery(tx).where('g.id', '=', id).executeTakeFirst();
      if (!g || !this.maySee(actor, g)) throw notFound('授权', 'grant');
      const provider = actor.orgId === g.provider_id && actor.roles.includes('approver');
      if (!provider && !authorityCovers(actor, g.region_code)) {
        throw forbidden('NOT_PERMITTED', '只有提供部门的授权审批人或政务数据主管部门可以收回授权（第三十一条、第四十条）',
          'only the provider\'s approver or the data authority may revoke a grant (§31, §40)');
      }
      if (g.status !== 'active' && g.status !== 'suspended') {
        throw conflict('GRANT_NOT_LIVE', `该授权已${g.status === 'revoked' ? '收回' : '过期'}`, `the grant is already ${g.status}`);
      }
      const now = this.now();
      await tx.updateTable('share_grant').set({ status: 'revoked', revoked_at: now, revoked_by: actor.userId, revoke_reason: reason })
        .where('id', '=', id).execute();
      await notify(tx, [{ orgId: g.consumer_id, role: 'requester' }, { orgId: g.consumer_id, role: 'data_steward' }], {
        kind: 'grant.revoked', title: `授权已收回：${g.entry_name}`, body: reason, link: `/grants/${id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'grant.revoke', targetType: 'grant', targetId: id, detail: { reason, idle: isIdle(g.last_used_at, g.valid_from, now).idle } });
    });
    return this.get(actor, id);
  }

  /** For the delivery layer: the grant if it may be used right now, else a 403 naming why. */
  async assertLive(db: Db, grantId: string, now: Date = this.now()) {
    const g = await db.selectFrom('share_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
    if (!g) throw forbidden('GRANT_NOT_LIVE', '没有有效授权', 'no live grant');
    const today = toShanghaiDate(now);
    if (g.status !== 'active') throw forbidden('GRANT_NOT_LIVE', `授权状态为 ${g.status}，不能使用`, `the grant is ${g.status}`);
    if (today < g.valid_from || today > g.valid_until) throw forbidden('GRANT_NOT_LIVE', '不在授权期限内（第三十一条）', 'outside the grant\'s validity (§31)');
    return g;
  }
}
