/**
 * 应用请求验签 — checks a consumer app's signed request (DESIGN.md → API contract; issue 4: unsigned,
 * stale, replayed or wrongly signed requests → 401 with the reason, in Chinese and English).
 *
 * Check order, cheapest and secret-free first, so an anonymous caller learns nothing about which
 * AppKeys exist from a request it could not have made validly, and the stores are touched late:
 *   1. all four headers present                         SIGNATURE_MISSING
 *   2. signature method known and available here        SIGNATURE_METHOD_UNSUPPORTED
 *   3. timestamp well-formed, then within ±5 minutes     TIMESTAMP_INVALID, TIMESTAMP_SKEW
 *   4. nonce well-formed                                NONCE_INVALID
 *   5. signature well-formed, request canonicalisable   SIGNATURE_INVALID
 *   6. AppKey known (lookupSecret)                      APP_UNKNOWN
 *   7. HMAC matches, compared in constant time           SIGNATURE_INVALID
 *   8. nonce not used before (seenNonce)                NONCE_REUSED
 * So an AppKey probe needs a complete, fresh, well-formed request; an unknown AppKey still costs one
 * HMAC with a dummy secret, so its timing matches a wrong signature; `concealUnknownApp` reports it
 * as SIGNATURE_INVALID for deployments that prefer not to confirm AppKeys at all. The nonce store is
 * written only after the signature proved the caller holds the secret, so anonymous traffic cannot
 * fill it or burn an app's nonces, and a replay of a genuine request is named as one.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  CanonicalError, SIGNATURE_METHODS, canonicalRequest, hmac, sm3Available, type SignatureMethod,
} from './canonical.ts';

export { sign, sm3Available, type SignatureMethod } from './canonical.ts';

/** Header names as Node presents them (lower-case). */
export const SIGNATURE_HEADERS = {
  app: 'x-gdx-app',
  timestamp: 'x-gdx-timestamp',
  nonce: 'x-gdx-nonce',
  signature: 'x-gdx-signature',
  method: 'x-gdx-signature-method',
} as const;

/** A request is fresh while |server time − X-GDX-Timestamp| ≤ 5 minutes. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/**
 * How long a nonce must be remembered: a request stamped T is accepted until T + 5 min and may
 * arrive as early as T − 5 min, so 10 minutes after first use covers its whole window.
 */
export const NONCE_RETENTION_MS = 2 * MAX_CLOCK_SKEW_MS;
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;
/** Standard base64, padded, of 32 bytes (both HMAC-SHA256 and HMAC-SM3 give 32). */
const SIGNATURE_PATTERN = /^[A-Za-z0-9+/]{43}=$/;
const APP_KEY_MAX_LENGTH = 128;
const DUMMY_SECRET = 'gdx-signature-dummy-secret-for-unknown-apps';

export const SIGNATURE_FAILURE_CODES = [
  'SIGNATURE_MISSING',
  'APP_UNKNOWN',
  'TIMESTAMP_INVALID',
  'TIMESTAMP_SKEW',
  'NONCE_INVALID',
  'NONCE_REUSED',
  'SIGNATURE_METHOD_UNSUPPORTED',
  'SIGNATURE_INVALID',
] as const;
export type SignatureFailureCode = (typeof SIGNATURE_FAILURE_CODES)[number];

export type VerifyResult =
  | { ok: true; appKey: string; method: SignatureMethod }
  | { ok: false; code: SignatureFailureCode; zh: string; en: string };

/** Every failure is answered with this HTTP status. */
export const SIGNATURE_FAILURE_STATUS = 401;

export interface SignedRequest {
  /** Request headers with lower-case names (Node's IncomingHttpHeaders fits). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  method: string;
  /** The path exactly as received, without the query (`splitRawUrl(req.url)`). */
  rawPath: string;
  /** The query exactly as received, without `?`. */
  rawQuery: string;
  /** The exact body bytes received; absent or empty for none. */
  body?: Uint8Array | string;
  now: Date;
  /** The app's current secret, or undefined when the AppKey is unknown or disabled. */
  lookupSecret: (appKey: string) => Promise<string | undefined> | string | undefined;
  /**
   * Records the nonce for the app and answers whether it had already been recorded — atomically
   * (e.g. INSERT … ON CONFLICT DO NOTHING), keeping it at least NONCE_RETENTION_MS. Called only for
   * requests whose signature is valid.
   */
  seenNonce: (appKey: string, nonce: string) => Promise<boolean> | boolean;
  /** Report an unknown AppKey as SIGNATURE_INVALID instead of APP_UNKNOWN. */
  concealUnknownApp?: boolean;
}

type Failure = Extract<VerifyResult, { ok: false }>;
const fail = (code: SignatureFailureCode, zh: string, en: string): Failure => ({ ok: false, code, zh, en });

const HEADER_LABELS: ReadonlyArray<readonly [keyof typeof SIGNATURE_HEADERS, string]> = [
  ['app', 'X-GDX-App'], ['timestamp', 'X-GDX-Timestamp'], ['nonce', 'X-GDX-Nonce'], ['signature', 'X-GDX-Signature'],
];

/** A repeated header arrives as an array (or joined by Node); joined, it fails the format checks. */
function header(headers: SignedRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v.join(',');
}

/** A client-supplied value is echoed in a message only when it is short and harmless. */
const SAFE_TO_ECHO = /^[A-Za-z0-9_.-]{1,32}$/;

function signatureInvalid(): Failure {
  return fail(
    'SIGNATURE_INVALID',
    '签名不匹配：请核对规范串（方法、路径、排序编码后的查询串、请求体 SHA-256、时间戳、nonce 以换行连接）与密钥',
    'signature does not match: check the canonical string (method, path, sorted encoded query, body SHA-256, timestamp, nonce joined by \\n) and the secret',
  );
}

/** X-GDX-Signature-Method (absent → HMAC-SHA256, case-insensitive), or why it cannot be used here. */
export function resolveSignatureMethod(raw: string | undefined, hasSm3: boolean = sm3Available()): SignatureMethod | Failure {
  const method = (raw ?? 'HMAC-SHA256').toUpperCase();
  const known = SIGNATURE_METHODS.find((m) => m === method);
  if (!known) {
    const shown = raw !== undefined && SAFE_TO_ECHO.test(raw) ? raw : undefined;
    return fail(
      'SIGNATURE_METHOD_UNSUPPORTED',
      `不支持的签名算法${shown ? `“${shown}”` : ''}，X-GDX-Signature-Method 应为 HMAC-SHA256 或 HMAC-SM3`,
      `unsupported signature method${shown ? ` "${shown}"` : ''}; X-GDX-Signature-Method must be HMAC-SHA256 or HMAC-SM3`,
    );
  }
  if (known === 'HMAC-SM3' && !hasSm3) {
    return fail(
      'SIGNATURE_METHOD_UNSUPPORTED',
      '本服务器的 OpenSSL 不提供 SM3 算法，暂不能使用 HMAC-SM3；请改用 HMAC-SHA256 或联系平台运维',
      "this server's OpenSSL does not provide SM3, so HMAC-SM3 is unavailable; use HMAC-SHA256 or contact the platform operator",
    );
  }
  return known;
}

function checkTimestamp(raw: string, now: Date): Failure | undefined {
  if (!TIMESTAMP_PATTERN.test(raw)) {
    return fail(
      'TIMESTAMP_INVALID',
      'X-GDX-Timestamp 应为自 1970-01-01T00:00:00Z 起的毫秒数（十进制整数）',
      'X-GDX-Timestamp must be milliseconds since 1970-01-01T00:00:00Z, as a decimal integer',
    );
  }
  const serverMs = now.getTime();
  const ts = Number(raw);
  if (Math.abs(serverMs - ts) <= MAX_CLOCK_SKEW_MS) return undefined;
  const looksLikeSeconds = Math.abs(serverMs - ts * 1000) <= MAX_CLOCK_SKEW_MS;
  return fail(
    'TIMESTAMP_SKEW',
    `时间戳与服务器时间相差超过 5 分钟（服务器时间 ${serverMs}）${looksLikeSeconds ? '；该值像是秒数，应为毫秒' : '，请校准时钟'}`,
    `timestamp more than 5 minutes from server time (server time ${serverMs})${looksLikeSeconds ? '; it looks like seconds: send milliseconds' : '; check the clock'}`,
  );
}

export async function verifySignedRequest(req: SignedRequest): Promise<VerifyResult> {
  // 1. Headers.
  const missing = HEADER_LABELS.filter(([key]) => !header(req.headers, SIGNATURE_HEADERS[key])).map(([, label]) => label);
  if (missing.length > 0) {
    return fail('SIGNATURE_MISSING', `缺少签名请求头：${missing.join('、')}`, `missing signature headers: ${missing.join(', ')}`);
  }
  const appKey = header(req.headers, SIGNATURE_HEADERS.app) ?? '';
  const timestamp = header(req.headers, SIGNATURE_HEADERS.timestamp) ?? '';
  const nonce = header(req.headers, SIGNATURE_HEADERS.nonce) ?? '';
  const signature = header(req.headers, SIGNATURE_HEADERS.signature) ?? '';

  // 2. Method.
  const method = resolveSignatureMethod(header(req.headers, SIGNATURE_HEADERS.method));
  if (typeof method !== 'string') return method;

  // 3–4. Freshness and nonce shape.
  const stale = checkTimestamp(timestamp, req.now);
  if (stale) return stale;
  if (!NONCE_PATTERN.test(nonce)) {
    return fail(
      'NONCE_INVALID',
      'X-GDX-Nonce 应为 16–64 个字符，仅含 A-Z a-z 0-9 _ -（建议 16 字节以上的随机数，base64url 编码）',
      'X-GDX-Nonce must be 16–64 characters of A-Z a-z 0-9 _ - (e.g. 16+ random bytes, base64url-encoded)',
    );
  }

  // 5. Signature shape and canonical string — still no secret involved.
  if (!SIGNATURE_PATTERN.test(signature)) {
    return fail(
      'SIGNATURE_INVALID',
      'X-GDX-Signature 应为 32 字节 HMAC 的标准 Base64 编码（44 个字符，以 = 结尾）',
      'X-GDX-Signature must be the standard base64 of the 32-byte HMAC (44 characters ending in =)',
    );
  }
  let canonical: string;
  try {
    canonical = canonicalRequest({
      method: req.method, path: req.rawPath, query: req.rawQuery, body: req.body, timestamp, nonce,
    });
  } catch (e) {
    if (e instanceof CanonicalError) return fail('SIGNATURE_INVALID', `无法生成规范串：${e.zh}`, `cannot build the canonical string: ${e.en}`);
    throw e;
  }

  // 6–7. Secret and HMAC. An unknown app is answered only after the same HMAC work.
  const found = appKey.length <= APP_KEY_MAX_LENGTH ? await req.lookupSecret(appKey) : undefined;
  // An empty secret would make every signature forgeable: treat it as no app.
  const secret = found === '' ? undefined : found;
  const expected = hmac(secret ?? DUMMY_SECRET, canonical, method);
  const given = Buffer.from(signature, 'base64');
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  if (secret === undefined) {
    if (req.concealUnknownApp) return signatureInvalid();
    return fail('APP_UNKNOWN', 'AppKey 不存在或已停用', 'unknown or disabled AppKey');
  }
  if (!matches) return signatureInvalid();

  // 8. Replay.
  if (await req.seenNonce(appKey, nonce)) {
    return fail(
      'NONCE_REUSED',
      '该 nonce 已使用过，疑似重放请求；每个请求须使用新的随机 nonce',
      'nonce already used (replayed request); send a fresh random nonce with every request',
    );
  }
  return { ok: true, appKey, method };
}
