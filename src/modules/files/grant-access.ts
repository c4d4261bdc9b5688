/**
 * The 文件 grant a download stands on, with what delivery needs — the entry's published dictionary
 * and grade, its mount, the consumer department — in one round trip, read fresh on every call so a
 * revocation stops the very next download (§40). Refusals are 403 with a named code; for a consumer
 * app, an unknown code and a missing grant give the same answer (STYLE.md §4).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import type { DataItem } from '../../domain/catalog/types.ts';
import { isGrantLive } from '../../domain/sharing/grant-rules.ts';
import { forbidden } from '../../http/errors.ts';

export interface FileGrant {
  grant: { id: string; method: string; status: 'active' | 'suspended' | 'expired' | 'revoked'; items: string[]; conditions: unknown; validUntil: string };
  entry: { id: string; code: string | null; name: string; grade: number; important: boolean; items: DataItem[] };
  mount: { kind: 'table' | 'api' | 'file'; config: unknown } | null;
  consumer: { id: string; name: string; key: string };
}

type Row = {
  grant_id: string; method: string; status: FileGrant['grant']['status']; items: string[]; conditions: unknown; valid_until: string;
  consumer_id: string; entry_id: string; code: string | null; body: { name?: string; grade?: number; important?: boolean; items?: DataItem[] };
  mount_kind: 'table' | 'api' | 'file' | null; mount_config: unknown;
  consumer_name: string; consumer_key: string;
};

function query(db: Db, where: RawBuilder<unknown>) {
  return sql<Row>`SELECT g.id AS grant_id, g.method, g.status, g.items, g.conditions, g.valid_until, g.consumer_id,
        e.id AS entry_id, e.code, v.body, m.kind AS mount_kind, m.config AS mount_config, c.name AS consumer_name, c.key AS consumer_key
      FROM share_grant g
      JOIN catalog_entry e ON e.id = g.entry_id AND e.status <> 'withdrawn'
      JOIN catalog_entry_version v ON v.entry_id = e.id AND v.version = e.published_version
      JOIN org c ON c.id = g.consumer_id
      LEFT JOIN catalog_mount m ON m.entry_id = e.id
     WHERE ${where}`.execute(db);
}

const toGrant = (r: Row): FileGrant => ({
  grant: { id: r.grant_id, method: r.method, status: r.status, items: r.items, conditions: r.conditions, validUntil: r.valid_until },
  entry: { id: r.entry_id, code: r.code, name: r.body.name ?? '', grade: r.body.grade ?? 1, important: r.body.important === true, items: r.body.items ?? [] },
  mount: r.mount_kind ? { kind: r.mount_kind, config: r.mount_config } : null,
  consumer: { id: r.consumer_id, name: r.consumer_name, key: r.consumer_key },
});

export const noLiveFileGrant = () => forbidden('NO_LIVE_FILE_GRANT', '没有该资源有效的文件方式授权', 'no live file grant on this resource');

/** A consumer app's department's most lasting active 文件 grant on the resource with this code. */
export async function fileGrantByCode(db: Db, code: string, consumerId: string, now: Date): Promise<FileGrant> {
  const rows = await query(db, sql`e.code = ${code} AND g.consumer_id = ${consumerId} AND g.method = 'file' AND g.status = 'active'
    ORDER BY g.valid_until DESC LIMIT 1`);
  const row = rows.rows[0];
  if (!row || !isGrantLive({ status: row.status, validUntil: row.valid_until }, now)) throw noLiveFileGrant();
  return toGrant(row);
}

/** A grant a logged-in user downloads under: theirs (the consumer department's), 文件, live. */
export async function fileGrantForUser(db: Db, actor: UserActor, grantId: string, now: Date): Promise<FileGrant> {
  const row = (await query(db, sql`g.id = ${grantId}`)).rows[0];
  if (!row || row.consumer_id !== actor.orgId) {
    throw forbidden('NOT_CONSUMER', '只有获得授权的使用部门可以下载文件', 'only the consumer department of the grant downloads its files');
  }
  if (row.method !== 'file') throw forbidden('WRONG_METHOD', '该授权的共享方式不是文件', 'this grant is not for the file method');
  if (!isGrantLive({ status: row.status, validUntil: row.valid_until }, now)) {
    throw forbidden('GRANT_NOT_LIVE', '授权已撤销、暂停或过期', 'the grant is revoked, suspended or expired');
  }
  return toGrant(row);
}
