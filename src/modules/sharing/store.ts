/** SQL of the sharing workflow: requests with their parties, steps, messages. */
import type { Db } from '../../db/connect.ts';

export function requestQuery(db: Db) {
  return db.selectFrom('share_request as q')
    .innerJoin('catalog_entry as e', 'e.id', 'q.entry_id')
    .innerJoin('org as p', 'p.id', 'q.provider_id')
    .innerJoin('org as c', 'c.id', 'q.consumer_id')
    .innerJoin('app_user as u', 'u.id', 'q.requester_id')
    .select([
      'q.id', 'q.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'e.region_code as provider_region_code',
      'q.provider_id', 'p.name as provider_name', 'q.consumer_id', 'c.name as consumer_name', 'u.display_name as requester_name',
      'q.items', 'q.purpose', 'q.scenario', 'q.basis', 'q.method', 'q.valid_until', 'q.app_id', 'q.route', 'q.desensitization', 'q.conditions',
      'q.status', 'q.coordinated', 'q.created_at', 'q.updated_at', 'q.entry_version',
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;

export async function findRequest(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<RequestRow | undefined> {
  if (opts.forUpdate) {
    // Serialises concurrent actions on one request: the second waits, then sees the new status.
    await db.selectFrom('share_request').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  }
  return requestQuery(db).where('q.id', '=', id).executeTakeFirst();
}

export function stepsOf(db: Db, requestId: string) {
  return db.selectFrom('share_request_step as s').leftJoin('app_user as u', 'u.id', 's.actor_id')
    .select(['s.id', 's.kind', 's.status', 's.started_at', 's.due_at', 's.due_on', 's.provisional', 's.remaining_workdays',
      's.done_at', 'u.display_name as actor_name', 's.decision', 's.comment'])
    .where('s.request_id', '=', requestId).orderBy('s.started_at').orderBy('s.seq').execute();
}

export function messagesOf(db: Db, requestId: string) {
  return db.selectFrom('share_request_message as m')
    .innerJoin('org as o', 'o.id', 'm.org_id').innerJoin('app_user as u', 'u.id', 'm.author_id')
    .select(['o.name as org_name', 'u.display_name as author_name', 'm.body', 'm.at'])
    .where('m.request_id', '=', requestId).orderBy('m.id').execute();
}

export async function openStep(db: Db, requestId: string, kind: 'compliance_review' | 'provider_reply' | 'negotiation' | 'coordination') {
  return db.selectFrom('share_request_step').selectAll()
    .where('request_id', '=', requestId).where('kind', '=', kind).where('status', 'in', ['open', 'paused'])
    .orderBy('started_at', 'desc').executeTakeFirst();
}
