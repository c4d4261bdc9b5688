/**
 * Secrets the platform must be able to read back — consumer apps' HMAC secrets, connection
 * passwords, upstream auth headers — and the sensitive items of L3+ entries the platform stores in
 * its own tables are kept encrypted under the platform keyring, never in clear (security rules §23:
 * 加密存储). Authenticated: a changed byte fails to open.
 *
 * Text format `v2.<cipher>.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts; cipher `sm4` or `aes`,
 * see ciphers.ts). Values sealed before keyrings existed (`v1.<keyId>.<iv>.<tag>.<ct>`, AES-256-GCM
 * under the raw key) still open. Each value names its key, so rotation can tell which values still
 * need re-sealing (reseal.ts).
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import { CipherError, decrypt, encrypt, type CipherName } from './ciphers.ts';
import { Keyring, keyIdOf, type KeyEntry } from './keyring.ts';

/**
 * What every caller of seal/open holds: the process's keyring. `id` is the active key's id, `key`
 * the stable secret masking salts derive from (deriveGrantSalt(platformKey.key, grantId)).
 */
export type PlatformKey = Keyring;

/** A keyring of one key, created now — tests and single-key setups. */
export function platformKeyFrom(key: Buffer, cipher: CipherName = 'sm4'): PlatformKey {
  if (key.length !== 32) throw new Error('the platform key must be 32 bytes');
  const id = keyIdOf(key);
  return new Keyring({ active: id, saltKey: id, keys: [{ id, secret: key, createdAt: new Date() }] }, cipher);
}

export class SealError extends Error {}

const CIPHER_TAG: Record<CipherName, string> = { sm4: 'sm4', 'aes-256-gcm': 'aes' };
const TAG_CIPHER: Record<string, CipherName> = { sm4: 'sm4', aes: 'aes-256-gcm' };

/** Which key and cipher sealed a value; undefined when it is not a sealed value at all. */
export interface SealedBy {
  version: 'v1' | 'v2';
  cipher: CipherName;
  keyId: string;
}

export function sealedBy(sealed: string): SealedBy | undefined {
  const parts = sealed.split('.');
  if (parts[0] === 'v1' && parts.length === 5 && parts[1]) return { version: 'v1', cipher: 'aes-256-gcm', keyId: parts[1] };
  const cipher = TAG_CIPHER[parts[1] ?? ''];
  if (parts[0] === 'v2' && parts.length === 6 && cipher && parts[2]) return { version: 'v2', cipher, keyId: parts[2] };
  return undefined;
}

/** True when the value is sealed with the keyring's active key and cipher: nothing for rotation to do. */
export function isCurrent(pk: PlatformKey, sealed: string): boolean {
  const by = sealedBy(sealed);
  return by !== undefined && by.version === 'v2' && by.keyId === pk.id && by.cipher === pk.cipher;
}

export function seal(pk: PlatformKey, plaintext: string): string {
  const key = pk.active();
  const header = `v2.${CIPHER_TAG[pk.cipher]}.${key.id}`;
  const env = encrypt(pk.cipher, key.secret, Buffer.from(header), Buffer.from(plaintext, 'utf8'));
  return [header, env.iv.toString('base64url'), env.tag.toString('base64url'), env.ct.toString('base64url')].join('.');
}

function keyFor(pk: PlatformKey, keyId: string): KeyEntry {
  const key = pk.find(keyId);
  if (!key) throw new SealError(`密文所用密钥 ${keyId} 不在密钥环中（当前密钥 ${pk.id}）/ sealed with key ${keyId}, which is not in the keyring (active key ${pk.id})`);
  return key;
}

export function open(pk: PlatformKey, sealed: string): string {
  const by = sealedBy(sealed);
  if (!by) throw new SealError('not a sealed value');
  const key = keyFor(pk, by.keyId);
  const parts = sealed.split('.');
  try {
    if (by.version === 'v1') return openV1(key.secret, parts);
    const [, , , iv, tag, ct] = parts as [string, string, string, string, string, string];
    const header = parts.slice(0, 3).join('.');
    const env = { iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ct: Buffer.from(ct, 'base64url') };
    return decrypt(by.cipher, key.secret, Buffer.from(header), env).toString('utf8');
  } catch (err) {
    if (err instanceof CipherError || err instanceof SealError) throw new SealError('sealed value does not open: tampered, or another key');
    throw err;
  }
}

/** The format of secret-box before keyrings: AES-256-GCM under the raw key, AAD `v1.<keyId>`. */
function openV1(secret: Buffer, [version, keyId, iv, tag, ct]: string[]): string {
  const ivBytes = Buffer.from(iv!, 'base64url');
  const tagBytes = Buffer.from(tag!, 'base64url');
  if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new SealError('bad v1 value');
  const decipher = createDecipheriv('aes-256-gcm', secret, ivBytes);
  decipher.setAAD(Buffer.from(`${version}.${keyId}`));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct!, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('sealed value does not open');
  }
}

/**
 * Encrypts one sensitive value of an L3+ entry (see encryptionRequired in domain/grading) before it
 * is written to one of the platform's own tables; the text form is seal's, so reseal.ts re-encrypts
 * it on rotation once its column is registered in sealed-columns.ts.
 */
export function encryptValue(pk: PlatformKey, plaintext: string): string {
  return seal(pk, plaintext);
}

export function decryptValue(pk: PlatformKey, sealed: string): string {
  return open(pk, sealed);
}

/**
 * Binary form for files and other bytes (bytea columns, blobs on disk):
 * `GDXE` · version 2 · cipher byte · key id (8 ASCII) · IV length · IV · tag length · tag · ciphertext.
 * Everything before the tag is authenticated.
 */
const MAGIC = Buffer.from('GDXE');
const CIPHER_BYTE: Record<CipherName, number> = { sm4: 1, 'aes-256-gcm': 2 };
const BYTE_CIPHER: Record<number, CipherName> = { 1: 'sm4', 2: 'aes-256-gcm' };

export function encryptBytes(pk: PlatformKey, plaintext: Buffer): Buffer {
  const key = pk.active();
  const head = Buffer.concat([MAGIC, Buffer.from([2, CIPHER_BYTE[pk.cipher]]), Buffer.from(key.id, 'ascii')]);
  // The IV length is part of the authenticated header, so it is fixed before encrypting.
  const ivLength = pk.cipher === 'sm4' ? 16 : 12;
  const env = encrypt(pk.cipher, key.secret, Buffer.concat([head, Buffer.from([ivLength])]), plaintext);
  return Buffer.concat([head, Buffer.from([env.iv.length]), env.iv, Buffer.from([env.tag.length]), env.tag, env.ct]);
}

/** Which key and cipher encrypted a byte envelope; undefined when it is not one. */
export function bytesSealedBy(data: Buffer): SealedBy | undefined {
  if (data.length < 15 || !data.subarray(0, 4).equals(MAGIC) || data[4] !== 2) return undefined;
  const cipher = BYTE_CIPHER[data[5]!];
  return cipher ? { version: 'v2', cipher, keyId: data.subarray(6, 14).toString('ascii') } : undefined;
}

export function decryptBytes(pk: PlatformKey, data: Buffer): Buffer {
  const by = bytesSealedBy(data);
  if (!by) throw new SealError('not an encrypted byte envelope');
  const key = keyFor(pk, by.keyId);
  const ivLength = data[14]!;
  const tagAt = 15 + ivLength;
  const tagLength = data[tagAt];
  if (tagLength === undefined || data.length < tagAt + 1 + tagLength) throw new SealError('truncated byte envelope');
  const env = { iv: data.subarray(15, tagAt), tag: data.subarray(tagAt + 1, tagAt + 1 + tagLength), ct: data.subarray(tagAt + 1 + tagLength) };
  try {
    return decrypt(by.cipher, key.secret, data.subarray(0, 15), env);
  } catch (err) {
    if (err instanceof CipherError) throw new SealError('encrypted bytes do not open: tampered, or another key');
    throw err;
  }
}

/** A fresh 32-byte key secret. */
export const newKeySecret = (): Buffer => randomBytes(32);
