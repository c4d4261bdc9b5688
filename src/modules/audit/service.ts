/**
 * Reading the audit trail (security rules §17). Auditors (网信/公安 inspectors) read everything; a
 * city authority everything; a county authority the records of its region's departments; a
 * security officer the records of the accounts it reviews (the city authority's: everything; a county
 * authority's: its region; a department's: its own department). A failed login is filed under the
 * department of the account it named.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { reviewScope } from '../../domain/access/review.ts';
import { badRequest } from '../../http/errors.ts';

export interface AuditQuery {
  actor?: string;
  action?: string;
  outcome?: 'success' | 'failure' | 'denied';
  targetType?: string;
  targetId?: string;
  orgId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export class AuditService {
  constructor(private readonly deps: { db: Db }) {}

  async list(actor: UserActor, query: AuditQuery) {
    const limit = query.limit ?? 50;
    let q = this.deps.db.selectFrom('audit_record as a').leftJoin('org as o', 'o.id', 'a.org_id');
    // A security officer reads the records of the accounts it reviews (reviewScope); an authority those of its region.
    const scope = reviewScope(actor) ?? (actor.roles.includes('authority') && actor.orgKind === 'authority'
      ? (actor.regionLevel === 'city' ? { kind: 'all' as const } : { kind: 'region' as const, regionCode: actor.regionCode })
      : { kind: 'org' as const, orgId: actor.orgId });
    if (scope.kind === 'region') q = q.where('o.region_code', '=', scope.regionCode);
    else if (scope.kind === 'org') q = q.where('a.org_id', '=', scope.orgId);
    if (query.actor) q = q.where('a.actor_name', '=', query.actor);
    if (query.action) q = q.where('a.action', 'like', `${query.action.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    if (query.outcome) q = q.where('a.outcome', '=', query.outcome);
    if (query.targetType) q = q.where('a.target_type', '=', query.targetType);
    if (query.targetId) q = q.where('a.target_id', '=', query.targetId);
    if (query.orgId) q = q.where('a.org_id', '=', query.orgId);
    if (query.from) q = q.where('a.at', '>=', new Date(`${query.from}T00:00:00+08:00`));
    if (query.to) q = q.where('a.at', '<', sql<Date>`${new Date(`${query.to}T00:00:00+08:00`)}::timestamptz + interval '1 day'`);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    // Keyset paging on the identity: stable while new records keep arriving at the head.
    let page = q.selectAll('a').select('o.name as org_name').orderBy('a.id', 'desc').limit(limit + 1);
    if (query.cursor) {
      const before = Number(query.cursor);
      if (!Number.isInteger(before) || before < 1) throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor');
      page = page.where('a.id', '<', before);
    }
    const rows = await page.execute();
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id, at: r.at.toISOString(), actorType: r.actor_type, actorName: r.actor_name, orgName: r.org_name,
      action: r.action, targetType: r.target_type, targetId: r.target_id, outcome: r.outcome, ip: r.ip,
      requestId: r.request_id, detail: r.detail as unknown as Record<string, unknown>,
    }));
    return { items, total, ...(rows.length > limit ? { nextCursor: String(items[items.length - 1]!.id) } : {}) };
  }
}
