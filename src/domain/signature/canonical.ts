/**
 * 请求签名规范串 — the canonical string a consumer app (应用) signs with its AppKey's secret
 * (DESIGN.md → API contract; security rules, issue 4). Server and the department client
 * (src/client/gdx-client.ts) both build it here, so they cannot drift; docs/signing.md and
 * vectors.json give the same rules to other languages.
 *
 * canonical = METHOD \n PATH \n QUERY \n BODY-SHA256 \n TIMESTAMP \n NONCE   (no trailing newline)
 *
 * - METHOD: the HTTP method upper-cased (ASCII).
 * - PATH: the request path exactly as on the wire, without `?query` or `#fragment`: no decoding, no
 *   re-encoding, no dot-segment or case normalisation (`/data/301020%2F000042` stays as written,
 *   `%e4` stays lower-case). The server signs what it received and the client signs what it sends,
 *   so `%2F` vs `/` and other encodings that routers treat differently can never be confused. It must
 *   therefore be in wire form: printable ASCII only (percent-encode anything else).
 * - QUERY: each `&`-separated pair of the raw query is split at its first `=` (no `=` → empty value,
 *   empty pieces skipped), `+` read as a space and percent-decoded as UTF-8 — the way the server's
 *   query parser reads it, so what is signed is what the server acts on; malformed `%` escapes or
 *   invalid UTF-8 are refused rather than guessed at. Each key and value is then RFC 3986-encoded
 *   (A-Z a-z 0-9 - . _ ~ kept, every other UTF-8 byte %XX upper-case, space %20, never `+`), the pairs
 *   sorted by encoded key then encoded value in byte order (repeated keys kept), written `k=v` and
 *   joined with `&`. No query → an empty line.
 * - BODY-SHA256: lower-case hex SHA-256 of the exact body bytes (of zero bytes when there is none).
 * - TIMESTAMP, NONCE: the header values verbatim.
 *
 * Pure and dependency-free apart from node:crypto, so a department can copy this file with the client.
 */
import { createHash, createHmac, getHashes } from 'node:crypto';

/** Raw query as on the wire (a string, with or without the leading `?`), or decoded pairs. */
export type QueryInput =
  | string
  | ReadonlyArray<readonly [string, string]>
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[]>>;

export interface CanonicalInput {
  method: string;
  /** The path as on the wire, without the query. */
  path: string;
  query?: QueryInput;
  body?: Uint8Array | string;
  /** X-GDX-Timestamp verbatim. */
  timestamp: string;
  /** X-GDX-Nonce verbatim. */
  nonce: string;
}

/** A request that cannot be put in canonical form; carries the reason in both languages. */
export class CanonicalError extends Error {
  readonly zh: string;
  readonly en: string;
  constructor(zh: string, en: string) {
    super(en);
    this.name = 'CanonicalError';
    this.zh = zh;
    this.en = en;
  }
}

export type SignatureMethod = 'HMAC-SHA256' | 'HMAC-SM3';
export const SIGNATURE_METHODS: readonly SignatureMethod[] = ['HMAC-SHA256', 'HMAC-SM3'];

/** SHA-256 of zero bytes — the body line of a request without a body. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Printable ASCII, starting with `/`, without the query and fragment delimiters. */
const WIRE_PATH = /^\/[!-"$->@-~]*$/;
const LINE_BREAK = /[\r\n]/;

/** RFC 3986 encoding of a string's UTF-8 bytes: unreserved A-Z a-z 0-9 - . _ ~ kept, all else %XX. */
export function encodeRfc3986(s: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(s);
  } catch {
    throw new CanonicalError('查询参数含有无法编码为 UTF-8 的字符', 'a query parameter is not valid Unicode text');
  }
  // encodeURIComponent also keeps ! ' ( ) *, which RFC 3986 reserves.
  return encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeQueryComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new CanonicalError(
      `查询串中的“${s.length > 40 ? `${s.slice(0, 40)}…` : s}”不是有效的百分号编码（UTF-8）`,
      `query string component "${s.length > 40 ? `${s.slice(0, 40)}…` : s}" is not valid percent-encoded UTF-8`,
    );
  }
}

/** The decoded pairs of a raw query string as on the wire (`a=1&b=%E4%B8%80`, `?` optional). */
export function parseRawQuery(raw: string): Array<[string, string]> {
  const s = raw.startsWith('?') ? raw.slice(1) : raw;
  const pairs: Array<[string, string]> = [];
  for (const piece of s.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const key = eq < 0 ? piece : piece.slice(0, eq);
    const value = eq < 0 ? '' : piece.slice(eq + 1);
    pairs.push([decodeQueryComponent(key), decodeQueryComponent(value)]);
  }
  return pairs;
}

const isPairList = (q: QueryInput): q is ReadonlyArray<readonly [string, string]> => Array.isArray(q);

function decodedPairs(query: QueryInput | undefined): Array<readonly [string, string]> {
  if (query === undefined) return [];
  if (typeof query === 'string') return parseRawQuery(query);
  if (query instanceof URLSearchParams) return [...query];
  if (isPairList(query)) return [...query];
  const pairs: Array<readonly [string, string]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') pairs.push([key, value]);
    else for (const v of value) pairs.push([key, v]);
  }
  return pairs;
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The QUERY line: pairs RFC 3986-encoded, sorted by key then value, `k=v` joined with `&`. */
export function canonicalQuery(query: QueryInput | undefined): string {
  return decodedPairs(query)
    .map(([k, v]): [string, string] => [encodeRfc3986(k), encodeRfc3986(v)])
    // Encoded strings are ASCII, so code-unit order is byte order; never localeCompare.
    .sort((a, b) => byteOrder(a[0], b[0]) || byteOrder(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** Lower-case hex SHA-256 of the body's exact bytes (a string counts as its UTF-8 bytes). */
export function bodySha256Hex(body?: Uint8Array | string): string {
  if (body === undefined || body.length === 0) return EMPTY_BODY_SHA256;
  return createHash('sha256').update(body).digest('hex');
}

export function canonicalRequest(input: CanonicalInput): string {
  if (!HTTP_TOKEN.test(input.method)) {
    throw new CanonicalError('请求方法无效', `invalid HTTP method "${input.method.slice(0, 20)}"`);
  }
  if (!WIRE_PATH.test(input.path)) {
    throw new CanonicalError(
      '路径须为线上原样：以 / 开头、只含可打印 ASCII 字符（其他字符须百分号编码），不含 ? 与 #',
      'the path must be as on the wire: starting with /, printable ASCII only (percent-encode anything else), without ? or #',
    );
  }
  if (LINE_BREAK.test(input.timestamp) || LINE_BREAK.test(input.nonce)) {
    throw new CanonicalError('时间戳与 nonce 不得含换行', 'timestamp and nonce must not contain line breaks');
  }
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalQuery(input.query),
    bodySha256Hex(input.body),
    input.timestamp,
    input.nonce,
  ].join('\n');
}

/**
 * Node's `req.url` (the raw request target) split into the path and the raw query, `#…` dropped.
 * An absolute-form target (`http://host/p?q`, sent to proxies) is reduced to its path and query.
 */
export function splitRawUrl(url: string): { rawPath: string; rawQuery: string } {
  let target = url;
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  if (!target.startsWith('/')) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(target);
    if (scheme) target = target.slice(scheme[0].length) || '/';
  }
  const q = target.indexOf('?');
  return q < 0 ? { rawPath: target, rawQuery: '' } : { rawPath: target.slice(0, q), rawQuery: target.slice(q + 1) };
}

let sm3: boolean | undefined;
/** Whether this Node's OpenSSL provides SM3 (商用密码 deployments need it for HMAC-SM3). */
export function sm3Available(): boolean {
  sm3 ??= getHashes().includes('sm3');
  return sm3;
}

const DIGEST: { readonly [M in SignatureMethod]: string } = { 'HMAC-SHA256': 'sha256', 'HMAC-SM3': 'sm3' };

/** The 32-byte HMAC of the canonical string; the key is the secret's UTF-8 bytes as issued (not decoded). */
export function hmac(secret: string, canonical: string, method: SignatureMethod = 'HMAC-SHA256'): Buffer {
  if (method === 'HMAC-SM3' && !sm3Available()) {
    throw new Error('HMAC-SM3 needs SM3, which this Node.js build\'s OpenSSL does not provide (crypto.getHashes() has no "sm3"); use HMAC-SHA256 or a Node.js built with OpenSSL ≥ 1.1.1 including SM3');
  }
  return createHmac(DIGEST[method], secret).update(canonical, 'utf8').digest();
}

/** X-GDX-Signature: base64 (standard alphabet, padded) of the HMAC of the canonical string. */
export function sign(secret: string, canonical: string, method: SignatureMethod = 'HMAC-SHA256'): string {
  return hmac(secret, canonical, method).toString('base64');
}
