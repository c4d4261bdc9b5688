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
  /** The primary key column (one column, orderable). */
  id: string;
  kind: 'text' | 'bytes';
  /** What is sealed there, for progress reports. */
  what: { zh: string; en: string };
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'consumer_app', column: 'secret_sealed', id: 'id', kind: 'text', what: { zh: '应用系统签名密钥', en: 'consumer app secrets' } },
  { table: 'user_totp', column: 'secret_sealed', id: 'user_id', kind: 'text', what: { zh: '动态口令密钥', en: 'TOTP second-factor secrets' } },
];
