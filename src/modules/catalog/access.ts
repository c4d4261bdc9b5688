/**
 * Who sees which version of an entry, and who may act on it (§5, §8, §13, §19). Pure: decided from
 * the actor and the entry row, with the catalog's own rule tables (domain/catalog/lifecycle.ts).
 * Others' drafts and withdrawn entries are invisible — the caller gets the same 404 as for an
 * entry that does not exist (STYLE.md §4).
 */
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import { mayAct, transition, type EntryAction } from '../../domain/catalog/lifecycle.ts';
import type { EntryRow } from './store.ts';

type EntryFacts = Pick<EntryRow, 'provider_id' | 'region_code' | 'region_level' | 'status' | 'working_version' | 'published_version'>;

export interface EntryPermissions {
  edit: boolean;
  submit: boolean;
  discard: boolean;
  review: boolean;
  requestWithdrawal: boolean;
  decideWithdrawal: boolean;
  recordChange: boolean;
}

/** The version the actor sees: `requested` if allowed, else the default for them; undefined = not visible. */
export function visibleVersion(actor: UserActor, entry: EntryFacts, requested?: number): number | undefined {
  const provider = actor.orgId === entry.provider_id;
  const authority = authorityCovers(actor, entry.region_code);
  const published = entry.status === 'withdrawn' ? null : entry.published_version;
  // The provider sees all its versions; the authority everything once submitted; others what is published.
  const newest = provider ? entry.working_version
    : authority ? (entry.status === 'draft' ? entry.published_version : entry.working_version)
    : published;
  if (newest === null || newest === undefined) return undefined;
  if (requested === undefined) return newest;
  return requested >= 1 && requested <= newest ? requested : undefined;
}

/** Whether the actor's role, department and region allow the action at all, whatever the status. */
export function mayTake(actor: UserActor, entry: EntryFacts, action: EntryAction): boolean {
  if (actor.roles.includes('authority') && actor.orgKind !== 'authority') return false;
  return mayAct(action, { roles: actor.roles, departmentId: actor.orgId, regionId: actor.regionCode, regionLevel: actor.regionLevel },
    { providerId: entry.provider_id, regionId: entry.region_code, regionLevel: entry.region_level }).allowed;
}

/** What the actor can do now: allowed to act and a legal transition from the current status. */
export function permissionsFor(actor: UserActor, entry: EntryFacts): EntryPermissions {
  const can = (action: EntryAction) => mayTake(actor, entry, action)
    && transition(entry.status, action, {
      hasPublished: entry.published_version !== null, entryRegionLevel: entry.region_level, comment: 'x', reason: 'x',
    }).ok;
  const editor = mayTake(actor, entry, 'edit');
  return {
    edit: can('edit'),
    submit: can('submit'),
    discard: can('discard'),
    review: can('approve'),
    requestWithdrawal: can('request_withdrawal'),
    decideWithdrawal: can('approve_withdrawal'),
    recordChange: (editor || authorityCovers(actor, entry.region_code)) && entry.published_version !== null && entry.status !== 'withdrawn',
  };
}
