/**
 * 挂接变更审核 (§16, §17, §30(二)): a change of a mount that consumers depend on (live grants) waits
 * here for the authority that reviews the entry's catalog changes — the city authority for every
 * region, a county's for its own (the catalog's `approve` scope, domain/catalog/lifecycle.ts). Until
 * approved the current mount keeps serving; approval puts the proposal in place as a mount would.
 * Changes are proposed by PUT /catalog/{id}/mount (mounts.ts).
 */
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import { decideMountChange, LIVE_GRANT_STATUSES, type MountChangeAction, type MountChangeStatus } from '../../domain/delivery/mount-change.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { mayTake } from '../catalog/access.ts';
import * as catalogStore from '../catalog/store.ts';
import { applyMount, checkFiles, configView, mountViewOf, type MountView } from './mounts.ts';

export interface MountChangeView {
  id: string;
  entryId: string;
  entryName: string;
  entryCode: string | null;
  providerName: string;
  regionName: string;
  kind: 'table' | 'api' | 'file';
  config: Record<string, unknown>;
  /** The mount serving now, for comparison; null if it was removed meanwhile. */
  current: { kind: 'table' | 'api' | 'file'; config: Record<string, unknown> } | null;
  liveGrants: number;
  proposedBy: string;
  proposedAt: string;
  status: MountChangeStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

function changeQuery(db: Db) {
  return db.selectFrom('catalog_mount_change as c')
    .innerJoin('catalog_entry as e', 'e.id', 'c.entry_id')
    .innerJoin('org as o', 'o.id', 'e.provider_id')
    .innerJoin('region as r', 'r.code', 'e.region_code')
    .innerJoin('app_user as p', 'p.id', 'c.proposed_by')
    .leftJoin('app_user as d', 'd.id', 'c.decided_by')
    .leftJoin('catalog_mount as m', 'm.entry_id', 'c.entry_id')
    .select((eb) => [
      'c.id', 'c.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'e.provider_id', 'e.region_code', 'o.name as provider_name',
      'r.name as region_name', 'c.kind', 'c.config', 'm.kind as current_kind', 'm.config as current_config', 'p.display_name as proposed_by',
      'c.proposed_at', 'c.status', 'd.display_name as decided_by', 'c.decided_at', 'c.reason',
      eb.selectFrom('share_grant as g').select((g) => g.fn.countAll<string>().as('n'))
        .whereRef('g.entry_id', '=', 'c.entry_id').where('g.status', 'in', [...LIVE_GRANT_STATUSES]).as('live_grants'),
    ]);
}
type ChangeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof changeQuery>['executeTakeFirst']>>>;

const toView = (r: ChangeRow): MountChangeView => ({
  id: r.id, entryId: r.entry_id, entryName: r.entry_name, entryCode: r.entry_code, providerName: r.provider_name, regionName: r.region_name,
  kind: r.kind, config: configView(r.kind, r.config),
  current: r.current_kind ? { kind: r.current_kind, config: configView(r.current_kind, r.current_config) } : null,
  liveGrants: Number(r.live_grants ?? 0), proposedBy: r.proposed_by, proposedAt: r.proposed_at.toISOString(), status: r.status,
  decidedBy: r.decided_by, decidedAt: r.decided_at ? r.decided_at.toISOString() : null, reason: r.reason,
});

const noPending = () => badRequest('NO_PENDING_CHANGE', '该目录没有待审核的挂接变更', 'the entry has no pending mount change');

export class MountChangeService {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {}

  /** The authority's queue (the regions it covers) or the provider's own changes; newest first, pending oldest first. */
  async list(actor: UserActor, status?: MountChangeStatus): Promise<MountChangeView[]> {
    let q = changeQuery(this.deps.db);
    if (status) q = q.where('c.status', '=', status);
    const isAuthority = actor.orgKind === 'authority' && actor.roles.includes('authority');
    if (!isAuthority) q = q.where('e.provider_id', '=', actor.orgId);
    else if (actor.regionLevel === 'county') q = q.where('e.region_code', '=', actor.regionCode);
    q = status === 'pending' ? q.orderBy('c.proposed_at', 'asc') : q.orderBy('c.proposed_at', 'desc');
    return (await q.orderBy('c.id').limit(500).execute()).map(toView);
  }

  /** The authority approves or rejects the entry's pending change. */
  async decide(actor: UserActor, entryId: string, action: 'approve' | 'reject', reason?: string): Promise<MountView | null> {
    await this.deps.db.transaction().execute(async (tx) => {
      const entry = await catalogStore.findEntry(tx, entryId, { forUpdate: true });
      // Outside the authority's region the change does not exist for it (STYLE.md §4).
      if (!entry || !authorityCovers(actor, entry.region_code) || !mayTake(actor, entry, 'approve')) throw notFound('挂接变更', 'mount change');
      const change = await tx.selectFrom('catalog_mount_change').selectAll().where('entry_id', '=', entryId).where('status', '=', 'pending')
        .forUpdate().executeTakeFirst();
      if (!change) throw noPending();
      const step = decideMountChange(change.status, action, reason);
      if (!step.ok) throw badRequest(step.code, step.zh, step.en, step.code === 'REASON_REQUIRED' ? [{ field: 'body.reason', zh: step.zh, en: step.en }] : undefined);
      const now = this.deps.now?.() ?? new Date();
      let config: unknown = change.config;
      if (action === 'approve') {
        if (entry.published_version === null || entry.status === 'withdrawn') {
          throw badRequest('ENTRY_NOT_PUBLISHED', '目录已撤销，不能批准挂接变更', 'the entry is withdrawn: its mount change cannot be approved');
        }
        // A file mount lists the files current when it takes effect (cheap to read again).
        if (change.kind === 'file') config = await checkFiles(tx, entryId, { kind: 'file' });
        await applyMount(tx, { entryId, kind: change.kind, config, sealed: change.connection_sealed, mountedBy: change.proposed_by, now });
      }
      await tx.updateTable('catalog_mount_change').set({
        status: step.to, decided_by: actor.userId, decided_at: now, reason: action === 'reject' ? reason!.trim() : null,
        ...(action === 'approve' && change.kind === 'file' ? { config: JSON.stringify(config) } : {}),
      }).where('id', '=', change.id).execute();
      await catalogStore.addEvent(tx, { entryId, version: entry.published_version ?? entry.working_version, action: `mount_change_${step.to}`,
        actorId: actor.userId, orgId: actor.orgId, comment: action === 'reject' ? reason!.trim() : change.kind });
      await recordAudit(tx, actor, { action: `catalog.mount.change.${action}`, targetType: 'catalog_entry', targetId: entryId,
        detail: { changeId: change.id, kind: change.kind, ...(action === 'reject' ? { reason: reason!.trim() } : {}) } });
    });
    return mountViewOf(this.deps.db, entryId);
  }

  /** The provider's data steward withdraws its pending change; the current mount stays. */
  async withdraw(actor: UserActor, entryId: string): Promise<MountView | null> {
    await this.deps.db.transaction().execute(async (tx) => {
      const entry = await catalogStore.findEntry(tx, entryId, { forUpdate: true });
      if (!entry || entry.provider_id !== actor.orgId || !actor.roles.includes('data_steward')) throw notFound('挂接变更', 'mount change');
      const change = await tx.selectFrom('catalog_mount_change').select(['id', 'status', 'kind']).where('entry_id', '=', entryId)
        .where('status', '=', 'pending').forUpdate().executeTakeFirst();
      if (!change) throw noPending();
      const step = decideMountChange(change.status, 'withdraw' satisfies MountChangeAction);
      if (!step.ok) throw badRequest(step.code, step.zh, step.en);
      const now = this.deps.now?.() ?? new Date();
      await tx.updateTable('catalog_mount_change').set({ status: step.to, decided_by: actor.userId, decided_at: now }).where('id', '=', change.id).execute();
      await catalogStore.addEvent(tx, { entryId, version: entry.published_version ?? entry.working_version, action: 'mount_change_withdrawn',
        actorId: actor.userId, orgId: actor.orgId, comment: change.kind });
      await recordAudit(tx, actor, { action: 'catalog.mount.change.withdraw', targetType: 'catalog_entry', targetId: entryId, detail: { changeId: change.id } });
    });
    return mountViewOf(this.deps.db, entryId);
  }
}
