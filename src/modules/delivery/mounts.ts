/**
 * 资源挂接 (§17): the provider's data steward tells the platform where a published entry's data is —
 * a table of the department's 前置库, an upstream API, or files. An entry with a mount has its data
 * "on the platform"; a request for data not yet mounted gives the provider 10 working days instead
 * of 5, and the grant must wait until the data is mounted (§30(二) 完成数据发布并予以答复).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { AppError, badRequest, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import * as catalogStore from '../catalog/store.ts';
import { visibleVersion } from '../catalog/access.ts';
import { fileMountConfig } from '../files/store.ts';
import type { UpstreamMountInput } from '../../domain/delivery/upstream.ts';
import { upstreamMountConfig, upstreamMountView, type UpstreamConfig } from './upstream-api.ts';
import { probeConnection, withConnection, FrontDbs } from './front-db.ts';
import { LIVE_GRANT_STATUSES, proposalOutcome, type MountStatus } from '../../domain/delivery/mount-change.ts';
import { open, type PlatformKey } from '../security/secret-box.ts';

export type MountInput =
  | {
    kind: 'table'; schema: string; table: string; columns?: Record<string, string>; keyColumns?: string[]; changeColumn?: string;
    /** The 前置库's PostgreSQL URL when it is not the platform's own database; stored sealed, never shown. */
    connection?: string;
  }
  /** An upstream HTTP API (服务接口): URL and credential header sealed, never shown (upstream-api.ts). */
  | ({ kind: 'api' } & UpstreamMountInput)
  /** The files themselves are uploaded (POST /catalog/{id}/files); `files`, if given, must be among the current ones. */
  | { kind: 'file'; files?: { name: string; sha256: string; bytes: number }[] };

/** A change waiting for the authority (§16): the current mount serves until it is approved. */
export interface PendingMountChangeView {
  id: string;
  kind: MountInput['kind'];
  config: Record<string, unknown>;
  proposedBy: string;
  proposedAt: string;
}

export interface MountView {
  entryId: string;
  kind: MountInput['kind'];
  config: Record<string, unknown>;
  mountedBy: string;
  mountedAt: string;
  updatedAt: string;
  /** mounted, or change_pending while a change waits for the authority (an unmounted entry has no MountView). */
  status: Exclude<MountStatus, 'unmounted'>;
  pendingChange: PendingMountChangeView | null;
  /** The authority's refusal of the latest change, while no mount or proposal has come after it: the steward sees why. */
  lastRejection: { reason: string; decidedBy: string; decidedAt: string } | null;
}

/** PUT /catalog/{id}/mount: the mount as it now stands and whether the input applied or waits for review. */
export type MountResult = MountView & { outcome: 'applied' | 'pending' };

/** How a mount's config is shown: an api mount's sealed URL and credential never are. */
export function configView(kind: MountInput['kind'], config: unknown): Record<string, unknown> {
  return kind === 'api' ? upstreamMountView(config as UpstreamConfig) : config as Record<string, unknown>;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export async function isMounted(db: Db, entryId: string): Promise<boolean> {
  return !!(await db.selectFrom('catalog_mount').select('entry_id').where('entry_id', '=', entryId).executeTakeFirst());
}

export class MountService {
  constructor(private readonly deps: { db: Db; now?: () => Date; platformKey?: PlatformKey }) {}

  async get(actor: UserActor, entryId: string): Promise<MountView | null> {
    const entry = await catalogStore.findEntry(this.deps.db, entryId);
    if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
    if (entry.provider_id !== actor.orgId) throw forbidden('NOT_PROVIDER', '只有提供部门可以查看挂接配置', 'only the provider sees the mount');
    return mountViewOf(this.deps.db, entryId);
  }

  /**
   * 资源挂接 (§17) or a change of it. A first mount, a change while no grant is live and new files of a
   * file mount apply at once; a change while consumers hold live grants waits for the authority
   * (§16, domain/delivery/mount-change.ts) and the current mount keeps serving meanwhile.
   */
  async mount(actor: UserActor, entryId: string, input: MountInput): Promise<MountResult> {
    const { db } = this.deps;
    // A separate 前置库 is checked for reachability before anything is written (front-db.ts).
    const external = input.kind === 'table' && input.connection
      ? { url: input.connection, label: await probeConnection(input.connection, 'body.connection') } : undefined;
    const outcome = await db.transaction().execute(async (tx) => {
      const entry = await catalogStore.findEntry(tx, entryId, { forUpdate: true });
      if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
      if (entry.provider_id !== actor.orgId || !actor.roles.includes('data_steward')) {
        throw forbidden('NOT_PERMITTED', '只有提供部门的数据管理员可以挂接数据', 'only the provider\'s data steward mounts data');
      }
      if (entry.published_version === null || entry.status === 'withdrawn') {
        throw badRequest('ENTRY_NOT_PUBLISHED', '只能为已发布的目录挂接数据', 'only a published entry can have its data mounted');
      }
      const version = (await catalogStore.findVersion(tx, entryId, entry.published_version))!;
      const items = (version.body.items ?? []).map((i) => i.name!);
      // A proposal is checked exactly as a mount is, when it is made.
      const config = input.kind === 'file' ? await checkFiles(tx, entryId, input)
        : input.kind !== 'table' ? checkApi(input, items, this.deps.platformKey)
        : external ? { ...(await withConnection(external.url, (front) => checkTable(front, input, items))), connection: external.label }
        : await checkTable(tx, input, items);
      const sealed = external ? new FrontDbs({ db, platformKey: this.deps.platformKey }).seal(external.url) : null;
      const current = await tx.selectFrom('catalog_mount').select(['kind', 'config', 'connection_sealed'])
        .where('entry_id', '=', entryId).forUpdate().executeTakeFirst();
      const live = await tx.selectFrom('share_grant').select((eb) => eb.fn.countAll<string>().as('n'))
        .where('entry_id', '=', entryId).where('status', 'in', [...LIVE_GRANT_STATUSES]).executeTakeFirstOrThrow();
      const decision = proposalOutcome({
        current: current ?? null, proposedKind: input.kind, liveGrants: Number(live.n),
        sameAsCurrent: !!current && sameMount(this.deps.platformKey, current, { kind: input.kind, config, connection: external?.url ?? null }),
      });
      if (decision.outcome === 'refuse') throw badRequest(decision.code, decision.zh, decision.en);
      const now = this.deps.now?.() ?? new Date();
      const detail = { kind: input.kind, ...(external ? { connection: external.label } : {}) };
      if (decision.outcome === 'review') {
        const replaced = await withdrawPending(tx, entryId, now, '被新的挂接变更取代', actor.userId);
        const change = await tx.insertInto('catalog_mount_change').values({
          entry_id: entryId, kind: input.kind, config: JSON.stringify(config), connection_sealed: sealed, proposed_by: actor.userId, proposed_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        await catalogStore.addEvent(tx, { entryId, version: entry.published_version, action: 'mount_change_proposed', actorId: actor.userId, orgId: actor.orgId, comment: input.kind });
        await recordAudit(tx, actor, { action: 'catalog.mount.change.propose', targetType: 'catalog_entry', targetId: entryId,
          detail: { ...detail, changeId: change.id, liveGrants: Number(live.n), ...(replaced ? { replaces: replaced } : {}) } });
        return 'pending' as const;
      }
      await applyMount(tx, { entryId, kind: input.kind, config, sealed, mountedBy: actor.userId, now });
      // A change that applies at once (no consumer depends on the mount any more) supersedes a pending one;
      // new files of a file mount (§18) leave a pending change of the mount itself to the authority.
      if (decision.why === 'no_live_grants') await withdrawPending(tx, entryId, now, '挂接已直接变更', actor.userId);
      await catalogStore.addEvent(tx, { entryId, version: entry.published_version, action: 'mounted', actorId: actor.userId, orgId: actor.orgId, comment: input.kind });
      await recordAudit(tx, actor, { action: 'catalog.mount', targetType: 'catalog_entry', targetId: entryId, detail });
      return 'applied' as const;
    });
    return { ...(await mountViewOf(db, entryId))!, outcome };
  }
}

/** The mount of an entry with its pending change, or null when the entry is not mounted (未挂接). */
export async function mountViewOf(db: Db, entryId: string): Promise<MountView | null> {
  const row = await db.selectFrom('catalog_mount as m').innerJoin('app_user as u', 'u.id', 'm.mounted_by')
    .select(['m.entry_id', 'm.kind', 'm.config', 'u.display_name', 'm.mounted_at', 'm.updated_at'])
    .where('m.entry_id', '=', entryId).executeTakeFirst();
  if (!row) return null;
  const pending = await db.selectFrom('catalog_mount_change as c').innerJoin('app_user as u', 'u.id', 'c.proposed_by')
    .select(['c.id', 'c.kind', 'c.config', 'u.display_name', 'c.proposed_at'])
    .where('c.entry_id', '=', entryId).where('c.status', '=', 'pending').executeTakeFirst();
  // The latest change decides: a refusal followed by another proposal (even one withdrawn) or a mount is history.
  const latest = pending ? undefined : await db.selectFrom('catalog_mount_change as c').leftJoin('app_user as u', 'u.id', 'c.decided_by')
    .select(['c.status', 'c.reason', 'u.display_name', 'c.decided_at'])
    .where('c.entry_id', '=', entryId).orderBy('c.proposed_at', 'desc').limit(1).executeTakeFirst();
  const rejected = latest?.status === 'rejected' && latest.decided_at && latest.decided_at > row.updated_at ? latest : undefined;
  return {
    entryId: row.entry_id, kind: row.kind, mountedBy: row.display_name, config: configView(row.kind, row.config),
    mountedAt: row.mounted_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    status: pending ? 'change_pending' : 'mounted',
    pendingChange: pending ? {
      id: pending.id, kind: pending.kind, config: configView(pending.kind, pending.config), proposedBy: pending.display_name, proposedAt: pending.proposed_at.toISOString(),
    } : null,
    lastRejection: rejected ? { reason: rejected.reason ?? '', decidedBy: rejected.display_name ?? '', decidedAt: rejected.decided_at!.toISOString() } : null,
  };
}

/** Puts a checked mount in place: what a mount that applies at once and an approved change both do. */
export async function applyMount(tx: Db, m: { entryId: string; kind: MountInput['kind']; config: unknown; sealed: string | null; mountedBy: string; now: Date }) {
  const value = JSON.stringify(m.config);
  await tx.insertInto('catalog_mount').values({ entry_id: m.entryId, kind: m.kind, config: value, mounted_by: m.mountedBy, connection_sealed: m.sealed })
    .onConflict((oc) => oc.column('entry_id').doUpdateSet({ kind: m.kind, config: value, mounted_by: m.mountedBy, updated_at: m.now, connection_sealed: m.sealed }))
    .execute();
}

/** Withdraws the entry's pending change, if any (at most one per entry); its id, or undefined. */
async function withdrawPending(tx: Db, entryId: string, now: Date, reason: string, by: string): Promise<string | undefined> {
  const row = await tx.updateTable('catalog_mount_change').set({ status: 'withdrawn', decided_at: now, decided_by: by, reason })
    .where('entry_id', '=', entryId).where('status', '=', 'pending').returning('id').executeTakeFirst();
  return row?.id;
}

/** Sealed values differ at every sealing (random IV): compare what they open to, keys in any order. */
function sameMount(key: PlatformKey | undefined, current: { kind: string; config: unknown; connection_sealed: string | null },
  proposed: { kind: string; config: unknown; connection: string | null }): boolean {
  if (current.kind !== proposed.kind) return false;
  const opened = (sealed: unknown) => (typeof sealed === 'string' && key ? open(key, sealed) : sealed ?? null);
  const plain = (kind: string, config: unknown) => {
    if (kind !== 'api') return config;
    const c = config as UpstreamConfig;
    return { ...c, urlSealed: opened(c.urlSealed), authSealed: opened(c.authSealed) };
  };
  try {
    return canonical(plain(current.kind, current.config)) === canonical(plain(proposed.kind, proposed.config))
      && opened(current.connection_sealed) === proposed.connection;
  } catch {
    return false; // a value sealed under a retired key: treat as a change, the authority will see it
  }
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** A 前置库 table must exist and have a column for every data item of the published version. */
async function checkTable(db: Db, input: Extract<MountInput, { kind: 'table' }>, itemNames: string[]) {
  const problems: { field: string; zh: string; en: string }[] = [];
  for (const [field, name] of [['schema', input.schema], ['table', input.table]] as const) {
    if (!IDENT.test(name)) problems.push({ field: `body.${field}`, zh: `${field} 须为小写标识符`, en: `${field} must be a lower-case identifier` });
  }
  if (problems.length) throw badRequest('MOUNT_INVALID', problems[0]!.zh, problems[0]!.en, problems);
  const cols = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns
    WHERE table_schema = ${input.schema} AND table_name = ${input.table}`.execute(db);
  if (cols.rows.length === 0) {
    throw badRequest('MOUNT_TABLE_MISSING', `前置库中没有表 ${input.schema}.${input.table}`, `no table ${input.schema}.${input.table} in the front-end database`);
  }
  const have = new Set(cols.rows.map((c) => c.column_name));
  const columns: Record<string, string> = {};
  for (const item of itemNames) {
    const column = input.columns?.[item] ?? item;
    if (!have.has(column)) problems.push({ field: `body.columns.${item}`, zh: `数据项 ${item} 对应的列 ${column} 不存在`, en: `no column ${column} for data item ${item}` });
    columns[item] = column;
  }
  for (const c of [...(input.keyColumns ?? []), ...(input.changeColumn ? [input.changeColumn] : [])]) {
    if (!have.has(c)) problems.push({ field: 'body.keyColumns', zh: `列 ${c} 不存在`, en: `no column ${c}` });
  }
  if (problems.length) throw badRequest('MOUNT_INVALID', problems[0]!.zh, problems[0]!.en, problems);
  return { schema: input.schema, table: input.table, columns, keyColumns: input.keyColumns ?? [], changeColumn: input.changeColumn ?? null };
}

function checkApi(input: Extract<MountInput, { kind: 'api' }>, itemNames: string[], key: PlatformKey | undefined) {
  if (!key) throw new AppError(500, 'PLATFORM_KEY_MISSING', '未加载平台密钥，无法加密保存接口地址', 'the platform key is not loaded: the upstream URL cannot be sealed');
  const { kind: _kind, ...upstream } = input;
  return upstreamMountConfig(upstream, itemNames, key);
}

/** A file mount lists the files actually stored (src/modules/files), never a list the caller claims. */
export async function checkFiles(db: Db, entryId: string, input: Extract<MountInput, { kind: 'file' }>) {
  const config = await fileMountConfig(db, entryId);
  if (config.files.length === 0) throw badRequest('MOUNT_INVALID', '请先上传至少一个文件', 'upload at least one file first');
  const unknown = (input.files ?? []).filter((f) => !config.files.some((c) => c.name === f.name && c.sha256 === f.sha256));
  if (unknown.length) {
    throw badRequest('MOUNT_INVALID', `未上传或非当前版本的文件：${unknown.map((f) => f.name).join('、')}`, `not uploaded or not the current version: ${unknown.map((f) => f.name).join(', ')}`,
      unknown.map((f) => ({ field: 'body.files', zh: `文件 ${f.name} 不是当前版本`, en: `file ${f.name} is not a current version` })));
  }
  return config;
}
