/**
 * The two authenticated ciphers the platform encrypts with at rest (security rules §10, §11: 使用符合国家
 * 密码管理要求的技术; §21, §23: 加密存储).
 *
 * - `sm4` (default): SM4-CTR (GB/T 32907) with HMAC-SM3 (GB/T 32905) over the header, IV and
 *   ciphertext — encrypt-then-MAC. The OpenSSL 3.0 that Node 20 links has SM4-CTR and SM3 but no
 *   SM4-GCM, so the MAC is built from SM3 rather than taken from a GCM mode.
 * - `aes-256-gcm`: for deployments that prefer it (GDX_CIPHER=aes-256-gcm).
 *
 * A key's 32 random bytes are never used directly: each cipher derives its own sub-keys from them
 * (HMAC with a purpose label), so one key never serves two algorithms, and the masking salt, which is
 * derived from the same material under another label, stays independent.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CIPHERS = ['sm4', 'aes-256-gcm'] as const;
export type CipherName = (typeof CIPHERS)[number];

export function isCipherName(value: string): value is CipherName {
  return (CIPHERS as readonly string[]).includes(value);
}

/** What the ciphertext carries besides the encrypted bytes. */
export interface Envelope {
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

export class CipherError extends Error {}

interface SubKeys {
  enc: Buffer;
  mac?: Buffer;
}

// Sub-keys are derived once per key secret; app secrets are opened on every signed call.
const derived = new WeakMap<Buffer, Map<CipherName, SubKeys>>();

function subKeys(secret: Buffer, cipher: CipherName): SubKeys {
  let perKey = derived.get(secret);
  if (!perKey) {
    perKey = new Map();
    derived.set(secret, perKey);
  }
  let keys = perKey.get(cipher);
  if (!keys) {
    keys = cipher === 'sm4'
      ? {
        enc: createHmac('sm3', secret).update('gdx/at-rest/sm4-ctr/enc').digest().subarray(0, 16),
        mac: createHmac('sm3', secret).update('gdx/at-rest/sm4-ctr/mac').digest(),
      }
      : { enc: createHmac('sha256', secret).update('gdx/at-rest/aes-256-gcm').digest() };
    perKey.set(cipher, keys);
  }
  return keys;
}

/** HMAC-SM3 over length-prefixed AAD, then IV and ciphertext: no two splits give the same input. */
function sm4Tag(mac: Buffer, aad: Buffer, iv: Buffer, ct: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(aad.length);
  return createHmac('sm3', mac).update(len).update(aad).update(iv).update(ct).digest();
}

/**
 * IVs cut from a block of CSPRNG output, never reused: one getrandom call per ~250 IVs instead of
 * one per seal (the data API seals a cursor for every page; the call was a tenth of sealing's cost).
 */
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function randomIv(bytes: number): Buffer {
  if (ivAt + bytes > ivPool.length) {
    ivPool = randomBytes(4096);
    ivAt = 0;
  }
  return ivPool.subarray(ivAt, (ivAt += bytes));
}

export function encrypt(cipher: CipherName, secret: Buffer, aad: Buffer, plaintext: Buffer): Envelope {
  const keys = subKeys(secret, cipher);
  if (cipher === 'sm4') {
    const iv = randomIv(16);
    const c = createCipheriv('sm4-ctr', keys.enc, iv);
    const ct = Buffer.concat([c.update(plaintext), c.final()]);
    return { iv, tag: sm4Tag(keys.mac!, aad, iv, ct), ct };
  }
  const iv = randomIv(12);
  const c = createCipheriv('aes-256-gcm', keys.enc, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plaintext), c.final()]);
  return { iv, tag: c.getAuthTag(), ct };
}

/** Throws CipherError when any byte of header, IV, tag or ciphertext was changed, or the key is wrong. */
export function decrypt(cipher: CipherName, secret: Buffer, aad: Buffer, env: Envelope): Buffer {
  const keys = subKeys(secret, cipher);
  if (cipher === 'sm4') {
    const expected = sm4Tag(keys.mac!, aad, env.iv, env.ct);
    // Checked before decrypting (encrypt-then-MAC): unauthenticated bytes are never deciphered.
    if (env.iv.length !== 16 || env.tag.length !== expected.length || !timingSafeEqual(env.tag, expected)) {
      throw new CipherError('authentication failed');
    }
    const d = createDecipheriv('sm4-ctr', keys.enc, env.iv);
    return Buffer.concat([d.update(env.ct), d.final()]);
  }
  if (env.iv.length !== 12 || env.tag.length !== 16) throw new CipherError('authentication failed');
  try {
    const d = createDecipheriv('aes-256-gcm', keys.enc, env.iv);
    d.setAAD(aad);
    d.setAuthTag(env.tag);
    return Buffer.concat([d.update(env.ct), d.final()]);
  } catch {
    throw new CipherError('authentication failed');
  }
}
