/**
 * Request signing in the browser (docs/signing.md) for the 接口调试 panel. The server's
 * src/domain/signature/canonical.ts hashes with node:crypto, which the browser does not have, so the
 * same rules are written here once more over WebCrypto (crypto.subtle) and held to the shared test
 * vectors (src/domain/signature/vectors.json) by web/src/signing.test.ts.
 *
 * canonical = METHOD \n PATH \n QUERY \n BODY-SHA256 \n TIMESTAMP \n NONCE   (no trailing newline)
 */

/** SHA-256 of zero bytes — the body line of a request without a body. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const WIRE_PATH = /^\/[!-"$->@-~]*$/;
const LINE_BREAK = /[\r\n]/;

/** RFC 3986: unreserved A-Z a-z 0-9 - . _ ~ kept, every other UTF-8 byte %XX (upper case). */
export function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const decodeComponent = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));

/** The decoded pairs of a raw query as on the wire (`?` optional, `+` is a space, no `=` → empty value). */
export function parseRawQuery(raw: string): Array<[string, string]> {
  const s = raw.startsWith('?') ? raw.slice(1) : raw;
  const pairs: Array<[string, string]> = [];
  for (const piece of s.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    pairs.push([decodeComponent(eq < 0 ? piece : piece.slice(0, eq)), decodeComponent(eq < 0 ? '' : piece.slice(eq + 1))]);
  }
  return pairs;
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The QUERY line — also a valid raw query to send, so what goes on the wire is what was signed. */
export function canonicalQuery(query: string | ReadonlyArray<readonly [string, string]>): string {
  const pairs = typeof query === 'string' ? parseRawQuery(query) : query;
  return pairs
    .map(([k, v]): [string, string] => [encodeRfc3986(k), encodeRfc3986(v)])
    .sort((a, b) => byteOrder(a[0], b[0]) || byteOrder(a[1], b[1]))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

export async function bodySha256Hex(body?: Uint8Array | string): Promise<string> {
  if (body === undefined || body.length === 0) return EMPTY_BODY_SHA256;
  const bytes = typeof body === 'string' ? utf8(body) : body;
  return hex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

export interface CanonicalInput {
  method: string;
  /** As on the wire, without the query. */
  path: string;
  query?: string | ReadonlyArray<readonly [string, string]>;
  body?: Uint8Array | string;
  timestamp: string;
  nonce: string;
}

export async function canonicalRequest(input: CanonicalInput): Promise<string> {
  if (!HTTP_TOKEN.test(input.method)) throw new Error(`invalid HTTP method "${input.method}"`);
  if (!WIRE_PATH.test(input.path)) throw new Error('the path must be as on the wire: printable ASCII, starting with /, without ? or #');
  if (LINE_BREAK.test(input.timestamp) || LINE_BREAK.test(input.nonce)) throw new Error('timestamp and nonce must not contain line breaks');
  return [
    input.method.toUpperCase(), input.path, canonicalQuery(input.query ?? ''), await bodySha256Hex(input.body), input.timestamp, input.nonce,
  ].join('\n');
}

/** X-GDX-Signature: standard base64 of HMAC-SHA256(secret as UTF-8, canonical). */
export async function signHmacSha256(secret: string, canonical: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(canonical)));
  let bin = '';
  for (const b of mac) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** 16 random bytes as hex: 32 characters of the allowed nonce alphabet. */
export function newNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface SignedGet {
  /** Path and canonical query, ready for fetch (relative to the origin). */
  url: string;
  headers: Record<string, string>;
  canonical: string;
}

/** A signed GET: the query is sent in its canonical form, so the wire and the signature agree. */
export async function signGet(opts: {
  appKey: string; secret: string; path: string; query: ReadonlyArray<readonly [string, string]>; now?: number; nonce?: string;
}): Promise<SignedGet> {
  const query = canonicalQuery(opts.query);
  const timestamp = String(opts.now ?? Date.now());
  const nonce = opts.nonce ?? newNonce();
  const canonical = await canonicalRequest({ method: 'GET', path: opts.path, query, timestamp, nonce });
  return {
    url: query ? `${opts.path}?${query}` : opts.path,
    canonical,
    headers: {
      'X-GDX-App': opts.appKey, 'X-GDX-Timestamp': timestamp, 'X-GDX-Nonce': nonce,
      'X-GDX-Signature': await signHmacSha256(opts.secret, canonical),
    },
  };
}

/** The path of the data API for a resource code (its `/` sent as %2F). */
export const dataPath = (code: string) => `/api/v1/data/${encodeRfc3986(code)}`;

/** A copyable curl line with the computed headers (single-quoted for POSIX shells). */
export function curlCommand(origin: string, signed: SignedGet): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return ['curl -sS', ...Object.entries(signed.headers).map(([k, v]) => `-H ${q(`${k}: ${v}`)}`), q(origin + signed.url)].join(' \\\n  ');
}
