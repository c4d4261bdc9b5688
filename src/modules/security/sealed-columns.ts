/**
 * Every column that holds values sealed under the platform keyring (security rules §23 加密存储).
 * Key rotation re-seals exactly these (reseal.ts), so a column missing here keeps old-key values
 * after rotation and stops opening once the old key is retired: whoever adds a sealed column
 * registers it here in the same change.
 *
 * `text` columns hold seal()/encryptValue() text; `bytes` columns hold encryptBytes() envelopes
 * (bytea); `json` columns are jsonb documents holding seal() text at the listed `paths` (dotted), and
 * re-sealing rewrites only those paths, never the rest of the document.
 */
export interface SealedColumn {
  table: string;
  column: string;
  /** The primary key: one column, or the columns of a composite key (orderable). */
  id: string | readonly string[];
  kind: 'text' | 'bytes' | 'json';
  /** json kind: where in the document the sealed strings are (dotted paths); absent or null = none. */
  paths?: readonly string[];
  /** SQL condition picking the rows whose value is sealed, for a column that also holds plain values. */
  sealedWhere?: string;
  /** At most this many rows per batch: keeps memory bounded for large values (1 MiB file chunks). */
  maxBatch?: number;
  /** What is sealed there, for progress reports. */
  what: { zh: string; en: string };
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'consumer_app', column: 'secret_sealed', id: 'id', kind: 'text', what: { zh: '应用系统签名密钥', en: 'consumer app secrets' } },
  // A separate 前置库 of a table mount (src/modules/delivery/front-db.ts); NULL = the platform's own database.
  { table: 'catalog_mount', column: 'connection_sealed', id: 'entry_id', kind: 'text', what: { zh: '前置库连接串', en: 'front-end database connections of table mounts' } },
  { table: 'sync_target', column: 'connection_sealed', id: 'id', kind: 'text', what: { zh: '库表同步目标库连接串', en: 'target database connections of table syncs' } },
  // An upstream-API mount's URL and credential (src/modules/delivery/upstream-api.ts, UpstreamConfig).
  {
    table: 'catalog_mount', column: 'config', id: 'entry_id', kind: 'json', paths: ['urlSealed', 'authSealed'], sealedWhere: "kind = 'api'",
    what: { zh: '服务接口挂接的地址与凭据', en: 'URLs and credentials of upstream-API mounts' },
  },
  // A mount change waiting for the authority (src/modules/delivery/mount-changes.ts): sealed as catalog_mount seals them.
  { table: 'catalog_mount_change', column: 'connection_sealed', id: 'id', kind: 'text', what: { zh: '待审核挂接变更的前置库连接串', en: 'front-end database connections of mount changes' } },
  {
    table: 'catalog_mount_change', column: 'config', id: 'id', kind: 'json', paths: ['urlSealed', 'authSealed'], sealedWhere: "kind = 'api'",
    what: { zh: '挂接变更中服务接口的地址与凭据', en: 'URLs and credentials of upstream-API mount changes' },
  },
  { table: 'user_totp', column: 'secret_sealed', id: 'user_id', kind: 'text', what: { zh: '动态口令密钥', en: 'TOTP second-factor secrets' } },
  // Files of entries whose grade requires encryption (src/modules/files/store.ts); other files' chunks stay plain.
  {
    table: 'entry_file_chunk', column: 'data', id: ['file_id', 'seq'], kind: 'bytes', maxBatch: 8,
    sealedWhere: 'file_id IN (SELECT id FROM entry_file WHERE sealed)', what: { zh: '加密存储的挂接文件分块', en: 'encrypted chunks of mounted files' },
  },
];
