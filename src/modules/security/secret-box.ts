/**
 * Secrets the platform must be able to read back — consumer apps' HMAC secrets, later connection
 * passwords — are stored encrypted under the platform key, never in clear (security rules §23:
 * 加密存储). AES-256-GCM, authenticated: a changed byte fails to open. Each sealed value names the
 * key it was sealed with, so rotation (security issue) can re-seal old values.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface PlatformKey {
  /** First 8 hex chars of SHA-256(key): names the key in sealed values and logs, reveals nothing. */
  id: string;
  key: Buffer;
}

export function platformKeyFrom(key: Buffer): PlatformKey {
  if (key.length !== 32) throw new Error('the platform key must be 32 bytes');
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

const VERSION = 'v1';

export function seal(pk: PlatformKey, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', pk.key, iv);
  cipher.setAAD(Buffer.from(`${VERSION}.${pk.id}`));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, pk.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

export class SealError extends Error {}

export function open(pk: PlatformKey, sealed: string): string {
  const [version, keyId, iv, tag, ct] = sealed.split('.');
  if (version !== VERSION || !keyId || !iv || !tag || ct === undefined) throw new SealError('not a sealed value');
  if (keyId !== pk.id) throw new SealError(`sealed with key ${keyId}, but the platform key is ${pk.id}`);
  const decipher = createDecipheriv('aes-256-gcm', pk.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(`${version}.${keyId}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealError('sealed value does not open: tampered, or another key');
  }
}
