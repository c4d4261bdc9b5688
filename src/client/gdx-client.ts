/**
 * GDX 数据接口签名客户端 — the tiny client a department uses to call the data API with its
 * application's AppKey and secret (docs/signing.md). No dependencies beyond Node ≥ 20 (fetch,
 * node:crypto) and ../domain/signature/canonical.ts, the one canonical-string implementation the
 * server verifies with; copy both files to use it outside this repository.
 *
 *   const gdx = new GdxClient({ baseUrl: 'https://gdx.example.gov.cn/api/v1', appKey, secret });
 *   const res = await gdx.get('/data/204001%2F000001', { fields: 'bike_id,operator_name', limit: 100 });
 *
 * What is signed is what goes on the wire: the URL is put through the WHATWG URL parser first (as
 * fetch does), and the canonical string is built from the resulting path and raw query.
 */
import { randomBytes } from 'node:crypto';
import { canonicalRequest, encodeRfc3986, sign, type SignatureMethod } from '../domain/signature/canonical.ts';

export type { SignatureMethod } from '../domain/signature/canonical.ts';

export interface GdxClientOptions {
  /** The API base, e.g. `https://gdx.example.gov.cn/api/v1`; request paths are appended to it. */
  baseUrl: string;
  appKey: string;
  secret: string;
  /** Default HMAC-SHA256; HMAC-SM3 for 商用密码 deployments. */
  method?: SignatureMethod;
  /** Another fetch (a proxy agent, a test double). */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; default Date.now. */
  clock?: () => number;
}

type Scalar = string | number | boolean;
export type QueryParams =
  | Readonly<Record<string, Scalar | readonly Scalar[] | undefined>>
  | ReadonlyArray<readonly [string, string]>
  | URLSearchParams;

/** A signed request, ready for fetch or any other HTTP library; send it unchanged. */
export interface SignedHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
}

/**
 * Random bytes for nonces, drawn from the operating system 4 KiB at a time: one call per ~227
 * nonces rather than one per request (a getrandom call cost as much as the whole HMAC here).
 */
let pool = Buffer.alloc(0);
let taken = 0;

/** A fresh X-GDX-Nonce: 18 random bytes, base64url — 24 characters of [A-Za-z0-9_-]; never the same bytes twice. */
export function newNonce(): string {
  if (taken + 18 > pool.length) {
    pool = randomBytes(4096);
    taken = 0;
  }
  return pool.toString('base64url', taken, (taken += 18));
}

/** `path` with the parameters appended, RFC 3986-encoded (repeated keys for arrays; undefined skipped). */
export function withQuery(path: string, query?: QueryParams): string {
  if (query === undefined) return path;
  const pairs: Array<readonly [string, string]> = [];
  if (query instanceof URLSearchParams) pairs.push(...query);
  else if (isPairList(query)) pairs.push(...query);
  else {
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const v of isScalarList(value) ? value : [value]) pairs.push([key, String(v)]);
    }
  }
  if (pairs.length === 0) return path;
  const encoded = pairs.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
  return `${path}${path.includes('?') ? '&' : '?'}${encoded}`;
}

const isPairList = (q: QueryParams): q is ReadonlyArray<readonly [string, string]> => Array.isArray(q);
const isScalarList = (v: Scalar | readonly Scalar[]): v is readonly Scalar[] => Array.isArray(v);

export class GdxClient {
  readonly #base: URL;
  readonly #appKey: string;
  readonly #secret: string;
  readonly #method: SignatureMethod;
  readonly #fetch: typeof fetch;
  readonly #clock: () => number;

  constructor(options: GdxClientOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new TypeError('baseUrl must be an http(s) URL');
    if (base.search || base.hash) throw new TypeError('baseUrl must not have a query or fragment');
    if (!options.appKey || !options.secret) throw new TypeError('appKey and secret are required');
    this.#base = base;
    this.#appKey = options.appKey;
    this.#secret = options.secret;
    this.#method = options.method ?? 'HMAC-SHA256';
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#clock = options.clock ?? Date.now;
  }

  /** The URL, headers and body to send for `method pathWithQuery` — signed now, with a new nonce. */
  sign(method: string, pathWithQuery: string, body?: Uint8Array | string, headers: Record<string, string> = {}): SignedHttpRequest {
    if (!pathWithQuery.startsWith('/')) throw new TypeError('the path must start with /');
    const prefix = this.#base.pathname.replace(/\/+$/, '');
    // Parsed as fetch will send it: non-ASCII and spaces percent-encoded, dot segments resolved.
    const url = new URL(`${this.#base.origin}${prefix}${pathWithQuery}`);
    url.hash = '';
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body === undefined ? undefined : new Uint8Array(body);
    const timestamp = String(this.#clock());
    const nonce = newNonce();
    const canonical = canonicalRequest({
      method, path: url.pathname, query: url.search, body: bytes, timestamp, nonce,
    });
    return {
      url: url.href,
      method: method.toUpperCase(),
      headers: {
        ...headers,
        'X-GDX-App': this.#appKey,
        'X-GDX-Timestamp': timestamp,
        'X-GDX-Nonce': nonce,
        'X-GDX-Signature': sign(this.#secret, canonical, this.#method),
        ...(this.#method === 'HMAC-SHA256' ? {} : { 'X-GDX-Signature-Method': this.#method }),
      },
      ...(bytes === undefined ? {} : { body: bytes }),
    };
  }

  /** Sends a signed request; the Response is returned as is (401 bodies carry `error.code`). */
  request(method: string, pathWithQuery: string, body?: Uint8Array | string, headers?: Record<string, string>): Promise<Response> {
    const signed = this.sign(method, pathWithQuery, body, headers);
    return this.#fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
  }

  get(path: string, query?: QueryParams): Promise<Response> {
    return this.request('GET', withQuery(path, query), undefined, { Accept: 'application/json' });
  }

  post(path: string, json: unknown): Promise<Response> {
    return this.request('POST', path, JSON.stringify(json), {
      Accept: 'application/json',
      'Content-Type': 'application/json; charset=utf-8',
    });
  }
}
