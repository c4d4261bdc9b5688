/**
 * 哈希替换 (hash): a keyed hash (HMAC) of the value, salted per grant.
 *
 * Why keyed and per grant: 身份证号, 手机号 and the like have so few possible values that a plain
 * SHA-256 of them is reversed by hashing every candidate. With a secret salt the consumer cannot
 * rebuild the table; with one salt per grant the same value hashes equal inside one grant (so the
 * consumer can still join and count its own deliveries) but differently across grants, so two
 * consumers cannot link their data sets by the hash (security rules §25: 不得超出数据授权的许可范围;
 * §27 脱敏后再提供). The salt must therefore be secret to the platform: derive it with
 * `deriveGrantSalt` from a platform key — a grant id on its own is known to the consumer.
 *
 * SM3 (GB/T 32905) is offered next to SHA-256 for deployments that must use 国密 algorithms; it comes
 * from the OpenSSL build Node links against, and asking for it where that build lacks it is an error.
 */
import { createHmac, getHashes } from 'node:crypto';
import { MaskingError } from './errors.ts';

export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export type Salt = Buffer | string;

let sm3Available: boolean | undefined;

/** Whether this Node/OpenSSL build offers SM3 (checked once). */
export function sm3Supported(): boolean {
  sm3Available ??= getHashes().includes('sm3');
  return sm3Available;
}

function checkAlgorithm(algorithm: string): HashAlgorithm {
  if (!(HASH_ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new MaskingError('unsupported_algorithm', `不支持的哈希算法：${algorithm}`, `unsupported hash algorithm: ${algorithm}`);
  }
  if (algorithm === 'sm3' && !sm3Supported()) {
    throw new MaskingError('unsupported_algorithm', '当前运行环境（OpenSSL）不支持 SM3 算法', 'SM3 is not available in this Node/OpenSSL build');
  }
  return algorithm as HashAlgorithm;
}

function checkSalt(salt: Salt | undefined): Salt {
  if (salt === undefined || salt.length === 0) {
    throw new MaskingError('missing_salt', '哈希脱敏须提供授权专用的盐值', 'hash masking needs the grant\'s salt');
  }
  return salt;
}

/**
 * The bytes or text that get hashed: strings as they are (no trimming or case folding — two values
 * that differ in the source stay different), numbers and bigints as their decimal text (so 42 and
 * "42" join), booleans as true/false, instants as ISO-8601 UTC, binary as its bytes, anything else
 * as its JSON. `undefined` when there is no faithful text (invalid Date, functions).
 */
export function hashInput(value: unknown): string | Uint8Array | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : undefined;
  if (value instanceof Uint8Array) return value;
  try {
    return JSON.stringify(value) ?? undefined;
  } catch {
    // Cyclic or BigInt-holding objects have no JSON text; the caller redacts them.
    return undefined;
  }
}

/** Throws unless `hash` can run: a non-empty salt and an available algorithm. */
export function checkHashConfig(salt: Salt | undefined, algorithm: string = 'sha256'): { salt: Salt; algorithm: HashAlgorithm } {
  return { salt: checkSalt(salt), algorithm: checkAlgorithm(algorithm) };
}

/** Lower-case hex HMAC(salt, input): 64 characters for both SHA-256 and SM3. */
export function hmacHex(input: string | Uint8Array, salt: Salt | undefined, algorithm: string = 'sha256'): string {
  const cfg = checkHashConfig(salt, algorithm);
  return createHmac(cfg.algorithm, cfg.salt).update(input).digest('hex');
}

/**
 * A grant's masking salt, derived from a platform secret so it never has to be stored or shown:
 * HMAC-SHA256(platformKey, "gdx/masking-salt/v1\n" + grantId). The version tag lets the derivation
 * change later without colliding with today's salts.
 */
export function deriveGrantSalt(platformKey: Salt, grantId: string): Buffer {
  if (platformKey.length === 0) {
    throw new MaskingError('missing_salt', '缺少平台脱敏密钥', 'missing platform masking key');
  }
  return createHmac('sha256', platformKey).update(`gdx/masking-salt/v1\n${grantId}`).digest();
}
