/**
 * The canonical form of an audit record (审计记录) and its chain hash — security rules §17 (日志审计,
 * 存储和标准化), §38 全流程审计. Pure: the sealer, the verifier and an outsider's offline check of an
 * archive all hash exactly these bytes, so one function must define them.
 *
 * Version 1: a JSON array, fields in the fixed order of AUDIT_FIELDS_V1, preceded by the version tag
 * and the previous record's hash. Arrays have no key order to disagree on, and JSON string escaping
 * is unambiguous. `at` is the exact stored instant (microseconds, UTC); `detail` is PostgreSQL's own
 * text rendering of the stored jsonb (keys already in jsonb's order), so every stored byte is covered
 * and nothing is re-serialised by JavaScript.
 *
 * hash = "<alg>:" + hex(H(utf8(canonical))), H = SM3 (GB/T 32905, the default: 商用密码) or SHA-256.
 * The algorithm is named in each hash, so a chain may switch algorithms without re-hashing history.
 */
import { createHash } from 'node:crypto';

export const AUDIT_CANON_TAG = 'gdx-audit/1';

export const HASH_ALGORITHMS = ['sm3', 'sha256'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** The stored content of one record, as the chain hashes it. */
export interface AuditContent {
  id: number;
  /** Exact instant: `YYYY-MM-DDTHH:MM:SS.ffffffZ` (see AT_FORMAT). */
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  /** jsonb text as PostgreSQL renders it (`detail::text`). */
  detail: string;
}

/** The hashed fields, in hash order (version 1). Changing this list needs a new version tag. */
export const AUDIT_FIELDS_V1 = [
  'id', 'at', 'actorType', 'actorId', 'actorName', 'orgId', 'action', 'targetType', 'targetId',
  'outcome', 'ip', 'requestId', 'detail',
] as const satisfies ReadonlyArray<keyof AuditContent>;

/** Microsecond UTC instants only: a millisecond JS Date would silently drop stored precision. */
export const AT_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * AT_FORMAT from microseconds since the Unix epoch — how readers fetch `at` (an exact bigint; far
 * cheaper for PostgreSQL than to_char over a million rows).
 */
export function atFromEpochMicros(us: number): string {
  if (!Number.isSafeInteger(us) || us < 0) throw new CanonicalFormError(`not a microsecond instant: ${us}`);
  const second = Math.floor(us / 1_000_000);
  // Records come in bursts within one second: its date and time part is formatted once.
  if (second !== lastSecond) {
    lastSecond = second;
    lastSecondText = new Date(second * 1000).toISOString().slice(0, -4);
  }
  return `${lastSecondText}${String(us % 1_000_000).padStart(6, '0')}Z`;
}
let lastSecond = -1;
let lastSecondText = '';

export class CanonicalFormError extends Error {}

export function canonicalAuditContent(prevHash: string | null, record: AuditContent): string {
  if (!AT_FORMAT.test(record.at)) {
    throw new CanonicalFormError(`record ${record.id}: at must be an exact UTC instant with microseconds, got ${record.at}`);
  }
  if (!Number.isSafeInteger(record.id)) throw new CanonicalFormError(`record id ${record.id} is not a safe integer`);
  // AUDIT_FIELDS_V1 written out (canonical.test.ts holds the two equal): a verification canonicalises a million records.
  const r = record;
  return JSON.stringify([AUDIT_CANON_TAG, prevHash ?? '', r.id, r.at, r.actorType, r.actorId, r.actorName, r.orgId, r.action,
    r.targetType, r.targetId, r.outcome, r.ip, r.requestId, r.detail]);
}

export function chainHash(alg: HashAlgorithm, prevHash: string | null, record: AuditContent): string {
  return `${alg}:${createHash(alg).update(canonicalAuditContent(prevHash, record), 'utf8').digest('hex')}`;
}

/** The algorithm a stored hash names, or undefined when the hash is not in `<alg>:<hex>` form. */
export function hashAlgorithmOf(hash: string): HashAlgorithm | undefined {
  const alg = hash.slice(0, hash.indexOf(':'));
  return (HASH_ALGORITHMS as readonly string[]).includes(alg) && /^[0-9a-f]{64}$/.test(hash.slice(alg.length + 1))
    ? (alg as HashAlgorithm)
    : undefined;
}

/** Recomputes a stored record's hash with the algorithm the stored hash names (false when unnamed). */
export function hashMatches(prevHash: string | null, record: AuditContent, storedHash: string): boolean {
  const alg = namedAlgorithm(storedHash);
  return alg !== undefined && chainHash(alg, prevHash, record) === storedHash;
}

/**
 * The algorithm a stored hash starts with. Cheaper than hashAlgorithmOf for a caller that then
 * compares the whole stored hash with a recomputed `<alg>:<hex>` (which settles the hex part).
 */
export function namedAlgorithm(storedHash: string): HashAlgorithm | undefined {
  return storedHash.startsWith('sm3:') ? 'sm3' : storedHash.startsWith('sha256:') ? 'sha256' : undefined;
}
