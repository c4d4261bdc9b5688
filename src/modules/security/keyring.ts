/**
 * The platform keyring (security rules §23 加密存储, §11 完善密码防护措施): every key has an id; one key is
 * active and seals new values, older keys stay to open what they sealed until the re-encryption job
 * has re-sealed it (see reseal.ts). Keys live in a key file or an environment variable, never in the
 * database (platform-key.ts), so a copy of the database alone reveals no sealed secret.
 *
 * One key is the salt key: the masking salt of every grant is derived from it (deriveGrantSalt in
 * domain/policy/masking-hash.ts) and it never changes on rotation, because hashed values must stay
 * joinable within a grant for as long as the grant lives (security rules §25). It is the first key
 * of the keyring — for a platform installed before keyrings existed, its original platform key.
 */
import { createHash } from 'node:crypto';
import type { CipherName } from './ciphers.ts';

export interface KeyEntry {
  /** First 8 hex characters of SHA-256(secret): names the key in sealed values and logs, reveals nothing. */
  id: string;
  /** 32 random bytes. */
  secret: Buffer;
  createdAt: Date;
}

export interface KeyringData {
  /** Id of the key that seals new values. */
  active: string;
  /** Id of the key masking salts are derived from; kept for ever. */
  saltKey: string;
  keys: readonly KeyEntry[];
}

/** A key older than this should be rotated (posture page; platform policy under security rules §11). */
export const MAX_KEY_AGE_DAYS = 365;

/** A reader of the keyring's source; answers undefined when the source has not changed since last time. */
export type KeyringReload = () => KeyringData | undefined;

export function keyIdOf(secret: Buffer): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 8);
}

export class KeyringError extends Error {}

function checkData(data: KeyringData): KeyringData {
  const ids = new Set<string>();
  for (const k of data.keys) {
    if (k.secret.length !== 32) throw new KeyringError(`密钥 ${k.id} 须为 32 字节 / key ${k.id} must be 32 bytes`);
    if (keyIdOf(k.secret) !== k.id) throw new KeyringError(`密钥编号 ${k.id} 与密钥内容不符 / key id ${k.id} does not match its secret`);
    if (ids.has(k.id)) throw new KeyringError(`密钥编号重复：${k.id} / duplicate key id ${k.id}`);
    ids.add(k.id);
  }
  if (!ids.has(data.active)) throw new KeyringError(`当前密钥 ${data.active} 不在密钥环中 / active key ${data.active} is not in the keyring`);
  if (!ids.has(data.saltKey)) throw new KeyringError(`脱敏盐值密钥 ${data.saltKey} 不在密钥环中 / salt key ${data.saltKey} is not in the keyring`);
  return data;
}

/**
 * How long an id that a fresh read of the source did not hold is taken as missing without reading
 * again: a value sealed under a key that really is gone must not cost a file read each time it is met.
 */
export const MISSING_KEY_RECHECK_MS = 1_000;
/** At most this many missing ids are remembered; beyond, the memory starts afresh (bounded by garbage values). */
const MAX_MISSING_IDS = 1_000;
/** How often a file-backed keyring looks for a rotation made by another process. */
export const RELOAD_POLL_MS = 60_000;

/**
 * The keyring a process works with. It is also the `PlatformKey` every caller of seal/open passes:
 * `id` is the active key's id and `key` the salt key's secret, which is all the older single-key
 * PlatformKey offered. A keyring loaded from a file re-reads it at once when asked for a key it does
 * not know — `gdx keys rotate` in another process writes the new key to the file before it seals
 * anything with it, so a value under a key this process has not loaded yet opens at its first
 * meeting, however recently the file was read — and at most once a minute otherwise, so every
 * server process converges on the new active key without a restart.
 */
export class Keyring {
  private data: KeyringData;
  private lastReload = Date.now();
  private reloadError: string | undefined;
  /** Ids a read of the source did not hold, and when that read was. */
  private readonly missing = new Map<string, number>();

  constructor(
    data: KeyringData, readonly cipher: CipherName, private readonly reloadFrom?: KeyringReload,
    readonly source: 'file' | 'env' | 'memory' = 'memory', private readonly pollMs = RELOAD_POLL_MS,
  ) {
    this.data = checkData(data);
  }

  /** Id of the active key (the PlatformKey contract). */
  get id(): string {
    return this.active().id;
  }

  /** The salt key's secret: what deriveGrantSalt is given (the PlatformKey contract). */
  get key(): Buffer {
    return this.find(this.data.saltKey)!.secret;
  }

  get saltKeyId(): string {
    return this.data.saltKey;
  }

  active(): KeyEntry {
    if (this.reloadFrom && Date.now() - this.lastReload >= this.pollMs) this.reload();
    return this.data.keys.find((k) => k.id === this.data.active)!;
  }

  find(id: string): KeyEntry | undefined {
    const hit = this.data.keys.find((k) => k.id === id);
    if (hit || !this.reloadFrom) return hit;
    // Only an id already found missing waits (a second, or the poll when that is shorter); any other miss reads now.
    const missingSince = this.missing.get(id);
    if (missingSince !== undefined && Date.now() - missingSince < Math.min(MISSING_KEY_RECHECK_MS, this.pollMs)) return undefined;
    this.reload();
    const found = this.data.keys.find((k) => k.id === id);
    if (found) {
      this.missing.delete(id);
    } else {
      if (this.missing.size >= MAX_MISSING_IDS) this.missing.clear();
      this.missing.set(id, Date.now());
    }
    return found;
  }

  keys(): readonly KeyEntry[] {
    return this.data.keys;
  }

  /** The last failure to re-read the source; the keys already loaded keep working meanwhile. */
  get lastReloadError(): string | undefined {
    return this.reloadError;
  }

  private reload(): void {
    this.lastReload = Date.now();
    if (!this.reloadFrom) return;
    try {
      const next = this.reloadFrom();
      if (next) this.data = checkData(next);
      this.reloadError = undefined;
    } catch (err) {
      this.reloadError = err instanceof Error ? err.message : String(err);
    }
  }
}

export interface KeyStatus {
  id: string;
  createdAt: string;
  ageDays: number;
  active: boolean;
  /** Masking salts derive from this key; it is never removed. */
  salt: boolean;
}

export interface KeyringStatus {
  cipher: CipherName;
  source: 'file' | 'env' | 'memory';
  activeKeyId: string;
  saltKeyId: string;
  activeKeyAgeDays: number;
  maxKeyAgeDays: number;
  /** The active key is older than MAX_KEY_AGE_DAYS. */
  rotationDue: boolean;
  keys: KeyStatus[];
  reloadError?: string;
}

const DAY_MS = 86_400_000;

/** Key ids and ages for the posture page; never a secret. */
export function keyringStatus(keyring: Keyring, now: Date = new Date()): KeyringStatus {
  const active = keyring.active();
  const age = (k: KeyEntry) => Math.max(0, Math.floor((now.getTime() - k.createdAt.getTime()) / DAY_MS));
  return {
    cipher: keyring.cipher,
    source: keyring.source,
    activeKeyId: active.id,
    saltKeyId: keyring.saltKeyId,
    activeKeyAgeDays: age(active),
    maxKeyAgeDays: MAX_KEY_AGE_DAYS,
    rotationDue: age(active) > MAX_KEY_AGE_DAYS,
    keys: keyring.keys().map((k) => ({
      id: k.id, createdAt: k.createdAt.toISOString(), ageDays: age(k), active: k.id === active.id, salt: k.id === keyring.saltKeyId,
    })),
    ...(keyring.lastReloadError !== undefined && { reloadError: keyring.lastReloadError }),
  };
}
