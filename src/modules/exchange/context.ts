/**
 * Everything one sync of a target needs, read fresh at the start of a run: the target, the grant
 * (live, 库表 method), the published data dictionary, the mount of the 前置库 table, the grading rule
 * set in force (its defaults mask sensitive items the entry left without a rule, security rules §16),
 * and from them the granted columns with their masking and typed target columns, the row scope and
 * the source key.
 * A grant only ever reaches the consumer through this: only granted items, masked (security rules
 * §25, §27), only rows in scope (§39 按照授权的方式和范围使用).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Selectable } from 'kysely';
import type { SyncTargetTable } from '../../db/schema.ts';
import type { CatalogEntryBody, DataItem, MaskingRule } from '../../domain/catalog/types.ts';
import { targetColumnType, type TargetColumnType } from '../../domain/exchange/column-types.ts';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { effectiveMasking, type MaskingPlan } from '../../domain/policy/row-policy.ts';
import { RowScopeError, rowScopeOf, type RowScope } from '../../domain/policy/row-scope.ts';
import { isGrantLive } from '../../domain/sharing/grant-rules.ts';
import { AppError } from '../../http/errors.ts';
import { currentGradingRules } from '../security/grading-store.ts';
import type { PlatformKey } from '../security/secret-box.ts';

export type SyncTarget = Selectable<SyncTargetTable>;

export interface SyncColumn {
  item: string;
  /** Column of the 前置库 table. */
  source: string;
  type: TargetColumnType;
  rule: MaskingRule;
}

export interface SyncContext {
  target: SyncTarget;
  grant: { id: string; items: string[]; consumerId: string; entryId: string };
  entry: { id: string; code: string | null; name: string; updateCycle: CatalogEntryBody['updateCycle'] };
  mount: { schema: string; table: string; changeColumn: string | null };
  /** Source columns of the record key (the mount's keyColumns, else the items marked key). */
  keyColumns: string[];
  columns: SyncColumn[];
  columnOf: (item: string) => string;
  masking: MaskingPlan;
  salt: Buffer;
  scope: RowScope;
  /** Changes when anything that shapes the synced table changes: then it is rebuilt. */
  shape: string;
}

export const grantNotLive = () => new AppError(403, 'GRANT_NOT_LIVE', '授权已撤销、暂停或过期，库表同步已停止（第三十一条、第四十条）',
  'the grant is revoked, suspended or expired: the table sync stopped (§31, §40)');

/** §19: a withdrawn entry's data is no longer shared — by table exchange no more than by API or files. */
export const entryWithdrawn = () => new AppError(409, 'ENTRY_WITHDRAWN', '该目录已撤销发布，库表同步已停止（第十九条）',
  'the entry has been withdrawn from publication: the table sync stopped (§19)');

export async function loadTarget(db: Db, targetId: string): Promise<SyncTarget> {
  const target = await db.selectFrom('sync_target').selectAll().where('id', '=', targetId).executeTakeFirst();
  if (!target || target.deleted_at) throw new AppError(404, 'NOT_FOUND', '同步目标不存在或已删除', 'sync target not found or deleted');
  return target;
}

export async function loadSyncContext(db: Db, target: SyncTarget, platformKey: PlatformKey, now: Date): Promise<SyncContext> {
  const row = (await sql<{
    grant_id: string; status: 'active' | 'suspended' | 'expired' | 'revoked'; valid_until: string; method: string; items: string[];
    conditions: unknown; consumer_id: string; entry_id: string; code: string | null; name: string; body: CatalogEntryBody | null;
    kind: string | null; config: Record<string, unknown> | null; entry_status: string;
  }>`SELECT g.id AS grant_id, g.status, g.valid_until, g.method, g.items, g.conditions, g.consumer_id, e.id AS entry_id, e.code, e.name,
        e.status AS entry_status,
        v.body, m.kind, m.config
      FROM share_grant g
      JOIN catalog_entry e ON e.id = g.entry_id
      LEFT JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
      LEFT JOIN catalog_mount m ON m.entry_id = e.id
     WHERE g.id = ${target.grant_id}`.execute(db)).rows[0];
  if (!row || !isGrantLive({ status: row.status, validUntil: row.valid_until }, now)) throw grantNotLive();
  if (row.entry_status === 'withdrawn') throw entryWithdrawn();
  if (row.method !== 'table') throw new AppError(400, 'NOT_TABLE_GRANT', '该授权的共享方式不是库表交换', 'the grant is not for table exchange');
  if (!row.body || row.kind !== 'table' || !row.config) {
    throw new AppError(409, 'MOUNT_NOT_TABLE', '提供部门尚未以前置库表方式挂接该目录的数据', 'the provider has not mounted this entry\'s data as a 前置库 table');
  }
  const config = row.config as { schema: string; table: string; columns?: Record<string, string>; keyColumns?: string[]; changeColumn?: string | null };
  const items = row.body.items as DataItem[];
  const columnOf = (item: string) => config.columns?.[item] ?? item;
  const keyColumns = config.keyColumns?.length ? config.keyColumns : items.filter((i) => i.key).map((i) => columnOf(i.name));
  if (keyColumns.length === 0) {
    throw new AppError(409, 'MOUNT_NO_KEY', '前置库表未指定主键列（挂接的 keyColumns 或数据项的“主键”标记），无法增量同步',
      'the mounted table has no key (the mount\'s keyColumns or items marked key): it cannot be synced');
  }
  const conditions = row.conditions as { masking?: Record<string, string> } | null;
  // Read once per run, so an authority's edit applies from the next run; a changed rule changes `shape`.
  const { masking } = effectiveMasking(items, await currentGradingRules(db), conditions?.masking);
  const byName = new Map(items.map((i) => [i.name, i]));
  const columns: SyncColumn[] = row.items.filter((name) => byName.has(name)).map((name) => {
    const rule = masking.get(name)!.rule;
    return { item: name, source: columnOf(name), type: targetColumnType(byName.get(name)!.type, rule), rule };
  });
  let scope: RowScope;
  try {
    scope = rowScopeOf(row.conditions, items);
  } catch (err) {
    // Fail closed: a scope that no longer fits the entry must not become "every row".
    if (err instanceof RowScopeError) throw new AppError(409, err.code, err.zh, err.en);
    throw err;
  }
  const shape = createHash('sha256').update(JSON.stringify({
    v: 1, grant: row.grant_id, key: keyColumns, scope,
    columns: columns.map((c) => [c.item, c.source, c.type, masking.get(c.item)]),
  })).digest('hex').slice(0, 32);
  return {
    target,
    grant: { id: row.grant_id, items: columns.map((c) => c.item), consumerId: row.consumer_id, entryId: row.entry_id },
    entry: { id: row.entry_id, code: row.code, name: row.name, updateCycle: row.body.updateCycle },
    mount: { schema: config.schema, table: config.table, changeColumn: config.changeColumn ?? null },
    keyColumns, columns, columnOf, masking, salt: deriveGrantSalt(platformKey.key, row.grant_id), scope, shape,
  };
}
