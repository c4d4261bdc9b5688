/**
 * Every column that holds values sealed under the platform keyring (security rules §23 加密存储).
 * Key rotation re-seals exactly these (reseal.ts), so a column missing here keeps old-key values
 * after rotation and stops opening once the old key is retired: whoever adds a sealed column
 * registers it here in the same change.
 *
 * `text` columns hold seal()/encryptValue() text; `bytes` columns hold encryptBytes() envelopes
 * (bytea). Values inside JSON documents are not reached: give such a secret its own column.
 */
export interface SealedColumn {
  table: string;
  column: string;
  /** The primary key: one column, or the columns of a composite key (orderable). */
  id: string | readonly string[];
  kind: 'text' | 'bytes';
  /** SQL condition picking the rows whose value is sealed, for a column that also holds plain values. */
  sealedWhere?: string;
  /** At most this many rows per batch: keeps memory bounded for large values (1 MiB file chunks). */
  maxBatch?: number;
  /** What is sealed there, for progress reports. */
  what: { zh: string; en: string };
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'consumer_app', column: 'secret_sealed', id: 'id', kind: 'text', what: { zh: '应用系统签名密钥', en: 'consumer app secrets' } },
  { table: 'user_totp', column: 'secret_sealed', id: 'user_id', kind: 'text', what: { zh: '动态口令密钥', en: 'TOTP second-factor secrets' } },
  // Files of entries whose grade requires encryption (src/modules/files/store.ts); other files' chunks stay plain.
  {
    table: 'entry_file_chunk', column: 'data', id: ['file_id', 'seq'], kind: 'bytes', maxBatch: 8,
    sealedWhere: 'file_id IN (SELECT id FROM entry_file WHERE sealed)', what: { zh: '加密存储的挂接文件分块', en: 'encrypted chunks of mounted files' },
  },
];
