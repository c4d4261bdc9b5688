/**
 * Where the keyring lives: a key file (GDX_KEY_FILE, default `<GDX_DATA_DIR>/platform.key`, owner-only)
 * or the GDX_KEYRING environment variable holding the same JSON — never the database, so a copy of
 * the database alone does not reveal what is sealed in it (security rules §23).
 *
 * File format (docs/security.md):
 *   { "format": "gdx-keyring/1", "active": "<id>", "saltKey": "<id>",
 *     "keys": [ { "id": "<id>", "secret": "<base64 of 32 bytes>", "createdAt": "<ISO-8601>" } ] }
 * A file holding one base64 line is the single platform key of before keyrings: it is read as a
 * keyring of that one key (active and salt key), and rewritten as JSON at the first rotation.
 */
import { readFileSync, statSync } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CipherName } from './ciphers.ts';
import { Keyring, KeyringError, keyIdOf, type KeyEntry, type KeyringData } from './keyring.ts';
import { newKeySecret } from './secret-box.ts';

export const KEYRING_FORMAT = 'gdx-keyring/1';

interface KeyFileJson {
  format: string;
  active: string;
  saltKey: string;
  keys: Array<{ id: string; secret: string; createdAt: string }>;
}

function decodeSecret(text: string, where: string): Buffer {
  const raw = Buffer.from(text.trim(), 'base64');
  if (raw.length !== 32) throw new KeyringError(`${where}: 密钥须为 32 字节的 base64 / a key must be 32 bytes of base64`);
  return raw;
}

/** Reads a keyring text; `legacyCreatedAt` dates the single key of an old one-line file. */
export function parseKeyring(text: string, where: string, legacyCreatedAt: Date): KeyringData {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    const secret = decodeSecret(trimmed, where);
    const id = keyIdOf(secret);
    return { active: id, saltKey: id, keys: [{ id, secret, createdAt: legacyCreatedAt }] };
  }
  let json: KeyFileJson;
  try {
    json = JSON.parse(trimmed) as KeyFileJson;
  } catch {
    throw new KeyringError(`${where}: 不是有效的 JSON / not valid JSON`);
  }
  if (json.format !== KEYRING_FORMAT || !Array.isArray(json.keys)) {
    throw new KeyringError(`${where}: 不是 ${KEYRING_FORMAT} 格式的密钥环 / not a ${KEYRING_FORMAT} keyring`);
  }
  const keys: KeyEntry[] = json.keys.map((k, i) => {
    const createdAt = new Date(k.createdAt);
    if (typeof k.id !== 'string' || typeof k.secret !== 'string' || Number.isNaN(createdAt.getTime())) {
      throw new KeyringError(`${where}: 第 ${i + 1} 个密钥缺少 id、secret 或 createdAt / key #${i + 1} lacks id, secret or createdAt`);
    }
    return { id: k.id, secret: decodeSecret(k.secret, `${where} key ${k.id}`), createdAt };
  });
  return { active: json.active, saltKey: json.saltKey, keys };
}

export function formatKeyring(data: KeyringData): string {
  const json: KeyFileJson = {
    format: KEYRING_FORMAT, active: data.active, saltKey: data.saltKey,
    keys: data.keys.map((k) => ({ id: k.id, secret: k.secret.toString('base64'), createdAt: k.createdAt.toISOString() })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A keyring of one fresh key. */
export function newKeyring(now: Date = new Date()): KeyringData {
  const secret = newKeySecret();
  const id = keyIdOf(secret);
  return { active: id, saltKey: id, keys: [{ id, secret, createdAt: now }] };
}

/** The keyring with a fresh key added and made active; the salt key and every old key stay. */
export function withNewActiveKey(data: KeyringData, now: Date = new Date()): KeyringData {
  let secret = newKeySecret();
  // 8 hex characters of id: a collision is all but impossible, but it would make two keys one.
  while (data.keys.some((k) => k.id === keyIdOf(secret))) secret = newKeySecret();
  const id = keyIdOf(secret);
  return { active: id, saltKey: data.saltKey, keys: [...data.keys, { id, secret, createdAt: now }] };
}

/** Re-reads the file when its modification time or size changed (another process rotated). */
function fileReloader(file: string, seen: { mtimeMs: number; size: number }) {
  return (): KeyringData | undefined => {
    const s = statSync(file);
    if (s.mtimeMs === seen.mtimeMs && s.size === seen.size) return undefined;
    seen.mtimeMs = s.mtimeMs;
    seen.size = s.size;
    return parseKeyring(readFileSync(file, 'utf8'), file, s.mtime);
  };
}

export interface KeySource {
  file: string;
  /** GDX_KEYRING: the keyring JSON itself; when set, the file is not used. */
  env?: string;
  cipher?: CipherName;
}

/**
 * The process's keyring. A missing key file is created (owner-only) when `create` is set — the first
 * start; losing it means re-issuing every sealed secret, so back it up.
 */
export async function loadPlatformKey(
  file: string, opts: { create: boolean; env?: string; cipher?: CipherName; pollMs?: number },
): Promise<{ key: Keyring; created: boolean }> {
  const cipher = opts.cipher ?? 'sm4';
  if (opts.env !== undefined && opts.env.trim() !== '') {
    return { key: new Keyring(parseKeyring(opts.env, 'GDX_KEYRING', new Date(0)), cipher, undefined, 'env'), created: false };
  }
  let created = false;
  try {
    await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) throw err;
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await writeFile(file, formatKeyring(newKeyring()), { mode: 0o600, flag: 'wx' });
      await chmod(file, 0o600);
      created = true;
    } catch (e) {
      // Another process created it first: read theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const s = await stat(file);
  const data = parseKeyring(await readFile(file, 'utf8'), file, s.mtime);
  return { key: new Keyring(data, cipher, fileReloader(file, { mtimeMs: s.mtimeMs, size: s.size }), 'file', opts.pollMs), created };
}

/**
 * `gdx keys rotate`: adds a new active key to the key file, atomically (write a temporary file,
 * rename) and under a lock file so two operators cannot rotate at once. Old keys stay for reading.
 */
export async function rotateKeyFile(file: string, now: Date = new Date()): Promise<{ before: KeyringData; after: KeyringData }> {
  const lock = `${file}.lock`;
  const handle = await open(lock, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new KeyringError(`正在轮换密钥（${lock} 存在）/ a rotation is in progress (${lock} exists)`);
    throw err;
  });
  try {
    const s = await stat(file);
    const before = parseKeyring(await readFile(file, 'utf8'), file, s.mtime);
    const after = withNewActiveKey(before, now);
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, formatKeyring(after), { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
    return { before, after };
  } finally {
    await handle.close();
    await rm(lock, { force: true });
  }
}
