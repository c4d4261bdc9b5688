/**
 * Who the parties of a request are, and whom to notify: the requester's department (its
 * requesters), the provider (its approvers) and the authority of the provider's region (§28:
 * 同级政务数据主管部门 receives and reviews the applications of its level).
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { mayActOnRequest } from '../../domain/sharing/workflow.ts';
import type { RequestAction } from '../../domain/sharing/types.ts';
import { forbidden } from '../../http/errors.ts';
import type { Audience } from '../inbox/notify.ts';
import type { RequestRow } from './store.ts';

export async function authorityAudience(db: Db, regionCode: string): Promise<Audience[]> {
  const org = await db.selectFrom('org').select('id').where('region_code', '=', regionCode).where('kind', '=', 'authority').executeTakeFirst();
  return org ? [{ orgId: org.id, role: 'authority' }] : [];
}

export const requesterAudience = (r: Pick<RequestRow, 'consumer_id'>): Audience => ({ orgId: r.consumer_id, role: 'requester' });
export const providerAudience = (r: Pick<RequestRow, 'provider_id'>): Audience => ({ orgId: r.provider_id, role: 'approver' });

export function actorSummary(actor: UserActor) {
  return { roles: actor.roles, orgId: actor.orgId, orgKind: actor.orgKind, regionCode: actor.regionCode, regionLevel: actor.regionLevel };
}

export function requestSummary(r: RequestRow) {
  return { consumerId: r.consumer_id, providerId: r.provider_id, providerRegionCode: r.provider_region_code };
}

/** Refuses (403, with the rule's reason) an actor who is not the party that takes this action. */
export function assertMayAct(actor: UserActor, r: RequestRow, action: RequestAction): void {
  const may = mayActOnRequest(action, actorSummary(actor), requestSummary(r));
  if (!may.allowed) throw forbidden(may.code, may.zh, may.en);
}

/** Whether the actor may see the request at all: its two departments, the authority over the provider, auditors. */
export function maySee(actor: UserActor, r: Pick<RequestRow, 'consumer_id' | 'provider_id' | 'provider_region_code'>): boolean {
  if (actor.orgId === r.consumer_id || actor.orgId === r.provider_id) return true;
  if (actor.roles.includes('auditor')) return true;
  const authority = actor.orgKind === 'authority' && actor.roles.includes('authority');
  return authority && (actor.regionLevel === 'city' || actor.regionCode === r.provider_region_code);
}
