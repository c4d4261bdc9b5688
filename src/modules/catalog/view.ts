/** The entry as the API returns it: the shown version's body flattened with the entry's facts. */
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import type { Issue } from '../../domain/catalog/issue.ts';
import { mountStatus, type MountStatus } from '../../domain/delivery/mount-change.ts';
import type { EntryDraft, EntryStatus } from '../../domain/catalog/types.ts';
import type { EntryPermissions } from './access.ts';
import type { ChangeEventView } from './change-events.ts';
import * as store from './store.ts';
import { withdrawalOf, type WithdrawalView } from './withdrawals.ts';

export type EntryView = EntryDraft & {
  id: string;
  code: string | null;
  status: EntryStatus;
  providerId: string;
  providerName: string;
  regionCode: string;
  regionName: string;
  version: number;
  workingVersion: number;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  issues: Issue[];
  permissions: EntryPermissions;
  versions: { version: number; state: string; createdAt: string; submittedAt: string | null; publishedAt: string | null }[];
  events: { action: string; version: number; actorName: string | null; orgName: string | null; comment: string | null; at: string }[];
  withdrawal: WithdrawalView | null;
  changeEvents: ChangeEventView[];
  /** 未挂接 / 已挂接 / 变更待审核 (§17, §16): a pending change is shown to the provider and its authority only. */
  mountStatus: MountStatus;
};

/** Whether the entry is mounted and whether a change of its mount waits for the authority. */
export async function mountFacts(db: Db, entryId: string): Promise<{ mounted: boolean; changePending: boolean }> {
  const [mount, change] = await Promise.all([
    db.selectFrom('catalog_mount').select('entry_id').where('entry_id', '=', entryId).executeTakeFirst(),
    db.selectFrom('catalog_mount_change').select('id').where('entry_id', '=', entryId).where('status', '=', 'pending').executeTakeFirst(),
  ]);
  return { mounted: !!mount, changePending: !!change };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function buildEntryView(
  db: Db, actor: UserActor, entry: store.EntryRow, shown: store.VersionRow, permissions: EntryPermissions, issues: Issue[],
  changeEvents: () => Promise<ChangeEventView[]>,
): Promise<EntryView> {
  // The provider and the authority over its region follow the entry's workflow; others see what is published.
  const insider = actor.orgId === entry.provider_id || authorityCovers(actor, entry.region_code);
  const mount = await mountFacts(db, entry.id);
  const versions = (await store.listVersions(db, entry.id))
    .filter((v) => insider || (entry.published_version !== null && v.version <= entry.published_version));
  return {
    ...shown.body,
    id: entry.id,
    code: entry.code,
    status: entry.status,
    providerId: entry.provider_id,
    providerName: entry.provider_name,
    regionCode: entry.region_code,
    regionName: entry.region_name,
    version: shown.version,
    workingVersion: insider ? entry.working_version : (entry.published_version ?? shown.version),
    publishedVersion: entry.published_version,
    createdAt: entry.created_at.toISOString(),
    updatedAt: entry.updated_at.toISOString(),
    publishedAt: iso(entry.first_published_at),
    issues,
    permissions,
    versions: versions.map((v) => ({
      version: v.version, state: v.state, createdAt: v.created_at.toISOString(),
      submittedAt: iso(v.submitted_at), publishedAt: iso(v.published_at),
    })),
    events: insider
      ? (await store.listEvents(db, entry.id)).map((e) => ({
        action: e.action, version: e.version, actorName: e.actor_name, orgName: e.org_name, comment: e.comment, at: e.at.toISOString(),
      }))
      : [],
    withdrawal: insider ? await withdrawalOf(db, entry.id) : null,
    changeEvents: insider ? await changeEvents() : [],
    mountStatus: mountStatus(mount.mounted, mount.changePending, insider),
  };
}
