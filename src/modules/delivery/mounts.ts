/**
 * 资源挂接 (§17): the provider's data steward tells the platform where a published entry's data is —
 * a table of the department's 前置库, an upstream API, or files. An entry with a mount has its data
 * "on the platform"; a request for data not yet mounted gives the provider 10 working days instead
 * of 5, and the grant must wait until the data is mounted (§30(二) 完成数据发布并予以答复).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import * as catalogStore from '../catalog/store.ts';
import { visibleVersion } from '../catalog/access.ts';

export type MountInput =
  | { kind: 'table'; schema: string; table: string; columns?: Record<string, string>; keyColumns?: string[]; changeColumn?: string }
  | { kind: 'api'; url: string; method?: 'GET' | 'POST'; timeoutMs?: number }
  | { kind: 'file'; files: { name: string; sha256: string; bytes: number }[] };

export interface MountView {
  entryId: string;
  kind: MountInput['kind'];
  config: Record<string, unknown>;
  mountedBy: string;
  mountedAt: string;
  updatedAt: string;
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export async function isMounted(db: Db, entryId: string): Promise<boolean> {
  return !!(await db.selectFrom('catalog_mount').select('entry_id').where('entry_id', '=', entryId).executeTakeFirst());
}

export class MountService {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {}

  async get(actor: UserActor, entryId: string): Promise<MountView | null> {
    const entry = await catalogStore.findEntry(this.deps.db, entryId);
    if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
    if (entry.provider_id !== actor.orgId) throw forbidden('NOT_PROVIDER', '只有提供部门可以查看挂接配置', 'only the provider sees the mount');
    const row = await this.deps.db.selectFrom('catalog_mount as m').innerJoin('app_user as u', 'u.id', 'm.mounted_by')
      .select(['m.entry_id', 'm.kind', 'm.config', 'u.display_name', 'm.mounted_at', 'm.updated_at'])
      .where('m.entry_id', '=', entryId).executeTakeFirst();
    return row ? {
      entryId: row.entry_id, kind: row.kind, config: row.config as unknown as Record<string, unknown>, mountedBy: row.display_name,
      mountedAt: row.mounted_at.toISOString(), updatedAt: row.updated_at.toISOString(),
    } : null;
  }

  async mount(actor: UserActor, entryId: string, input: MountInput): Promise<MountView> {
    const { db } = this.deps;
    await db.transaction().execute(async (tx) => {
      const entry = await catalogStore.findEntry(tx, entryId, { forUpdate: true });
      if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
      if (entry.provider_id !== actor.orgId || !actor.roles.includes('data_steward')) {
        throw forbidden('NOT_PERMITTED', '只有提供部门的数据管理员可以挂接数据', 'only the provider\'s data steward mounts data');
      }
      if (entry.published_version === null || entry.status === 'withdrawn') {
        throw badRequest('ENTRY_NOT_PUBLISHED', '只能为已发布的目录挂接数据', 'only a published entry can have its data mounted');
      }
      const version = (await catalogStore.findVersion(tx, entryId, entry.published_version))!;
      const config = input.kind === 'table' ? await checkTable(tx, input, (version.body.items ?? []).map((i) => i.name!)) : checkOther(input);
      const now = this.deps.now?.() ?? new Date();
      const value = JSON.stringify(config);
      await tx.insertInto('catalog_mount').values({ entry_id: entryId, kind: input.kind, config: value, mounted_by: actor.userId })
        .onConflict((oc) => oc.column('entry_id').doUpdateSet({ kind: input.kind, config: value, mounted_by: actor.userId, updated_at: now }))
        .execute();
      await catalogStore.addEvent(tx, { entryId, version: entry.published_version, action: 'mounted', actorId: actor.userId, orgId: actor.orgId, comment: input.kind });
      await recordAudit(tx, actor, { action: 'catalog.mount', targetType: 'catalog_entry', targetId: entryId, detail: { kind: input.kind } });
    });
    return (await this.get(actor, entryId))!;
  }
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

function checkOther(input: Exclude<MountInput, { kind: 'table' }>) {
  if (input.kind === 'api') {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(input.url).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw badRequest('MOUNT_INVALID', '接口地址须为 http(s) URL', 'url must be an http(s) URL', [{ field: 'body.url', zh: '地址无效', en: 'invalid URL' }]);
    return { url: input.url, method: input.method ?? 'GET', timeoutMs: input.timeoutMs ?? 10_000 };
  }
  if (input.files.length === 0) throw badRequest('MOUNT_INVALID', '至少挂接一个文件', 'mount at least one file');
  return { files: input.files };
}
