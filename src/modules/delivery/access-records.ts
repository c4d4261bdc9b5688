/**
 * Who used which data (§38 全流程审计; issue 4 "Views: provider — who used my data; consumer — my
 * calls; authority — all"). Read from the access records the data API writes on every call.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { badRequest, forbidden } from '../../http/errors.ts';

export type AccessView = 'mine' | 'provided' | 'all';

export class AccessRecordService {
  constructor(private readonly deps: { db: Db }) {}

  async list(actor: UserActor, q: { view?: AccessView; grantId?: string; outcome?: 'success' | 'denied' | 'failure'; limit?: number; cursor?: string }) {
    const limit = q.limit ?? 50;
    let query = this.deps.db.selectFrom('access_record as a')
      .leftJoin('consumer_app as app', 'app.id', 'a.app_id')
      .leftJoin('org as c', 'c.id', 'a.org_id')
      .leftJoin('catalog_entry as e', 'e.id', 'a.entry_id')
      .leftJoin('org as p', 'p.id', 'e.provider_id')
      .leftJoin('app_user as u', 'u.id', 'a.user_id')
      .select(['a.id', 'a.at', 'a.channel', 'a.app_key', 'app.name as app_name', 'c.name as consumer_name', 'p.name as provider_name',
        'e.name as entry_name', 'e.code as entry_code', 'a.grant_id', 'a.items', 'a.rows', 'a.bytes', 'a.outcome', 'a.status',
        'a.error_code', 'a.latency_ms', 'a.ip', 'a.request_id', 'u.display_name as user_name', 'a.sha256', 'a.delivery_id'])
      .orderBy('a.id', 'desc').limit(limit + 1);
    const view = q.view ?? 'mine';
    if (view === 'mine') query = query.where('a.org_id', '=', actor.orgId);
    else if (view === 'provided') query = query.where('e.provider_id', '=', actor.orgId);
    else {
      const authority = actor.orgKind === 'authority' && actor.roles.includes('authority');
      if (!authority && !actor.roles.includes('auditor')) {
        throw forbidden('ROLE_REQUIRED', '只有主管部门和审计员可以查看全部访问记录', 'only the authority and auditors see all access records');
      }
      if (authority && actor.regionLevel === 'county') query = query.where('e.region_code', '=', actor.regionCode);
    }
    if (q.grantId) query = query.where('a.grant_id', '=', q.grantId);
    if (q.outcome) query = query.where('a.outcome', '=', q.outcome);
    if (q.cursor) {
      const before = Number(q.cursor);
      if (!Number.isInteger(before) || before < 1) throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor');
      query = query.where('a.id', '<', before);
    }
    const rows = await query.execute();
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id, at: r.at.toISOString(), channel: r.channel, appKey: r.app_key, appName: r.app_name, consumerName: r.consumer_name,
      providerName: r.provider_name, entryName: r.entry_name, entryCode: r.entry_code, grantId: r.grant_id, items: r.items,
      rows: r.rows, bytes: r.bytes, outcome: r.outcome, status: r.status, errorCode: r.error_code, latencyMs: r.latency_ms,
      ip: r.ip, requestId: r.request_id,
      // A file download: who received it on the web (apps are named above), and what — the delivery and its bytes' checksum.
      userName: r.user_name, deliveryId: r.delivery_id, sha256: r.sha256,
    }));
    return { items, ...(rows.length > limit ? { nextCursor: String(items[items.length - 1]!.id) } : {}) };
  }
}
