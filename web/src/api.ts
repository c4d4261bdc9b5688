/**
 * The web app's one door to the API (/api/v1). The server keeps the session in an HttpOnly cookie set
 * at login, so requests go with `credentials: 'same-origin'` and no token is ever stored in the page.
 * Errors carry the server's message in the UI language (Accept-Language) and the request id, which
 * the operator needs to find the call in the logs and the audit trail.
 */

export const API_BASE = '/api/v1';

export type Lang = 'zh' | 'en';

let language: Lang = 'zh';
/** Called by the i18n provider whenever the UI language changes. */
export function setApiLanguage(lang: Lang): void {
  language = lang;
}

let unauthorizedHandler: (() => void) | undefined;
/** Called when a request answers 401 (session expired or logged out elsewhere). */
export function onUnauthorized(handler: (() => void) | undefined): void {
  unauthorizedHandler = handler;
}

export interface ErrorDetail {
  field?: string;
  row?: number;
  column?: string;
  zh?: string;
  en?: string;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly details: unknown,
    readonly zh?: string,
    readonly en?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** `details` when it is the usual list of `{field|row, zh, en}`. */
  get detailList(): ErrorDetail[] {
    return Array.isArray(this.details) ? (this.details as ErrorDetail[]) : [];
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue | QueryValue[]>;

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (v === undefined || v === null || v === '') continue;
      params.append(key, String(v));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. If-Match for a save that must not overwrite someone else's. */
  headers?: Record<string, string>;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': language === 'en' ? 'en' : 'zh-CN',
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let response: Response;
  try {
    response = await fetch(API_BASE + path + queryString(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', language === 'en' ? 'Cannot reach the server' : '无法连接服务器，请检查网络', undefined, undefined);
  }
  if (!response.ok) throw await toError(response);
  return response;
}

async function toError(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const e = (payload as { error?: Record<string, unknown> } | undefined)?.error;
  if (response.status === 401 && unauthorizedHandler) unauthorizedHandler();
  if (e && typeof e === 'object') {
    const zh = typeof e.zh === 'string' ? e.zh : undefined;
    const en = typeof e.en === 'string' ? e.en : undefined;
    const message = typeof e.message === 'string' ? e.message : (language === 'en' ? en : zh) ?? response.statusText;
    return new ApiError(
      response.status,
      typeof e.code === 'string' ? e.code : 'HTTP_' + response.status,
      message,
      typeof e.requestId === 'string' ? e.requestId : requestId,
      e.details,
      zh,
      en,
    );
  }
  const fallback = language === 'en' ? `Request failed (HTTP ${response.status})` : `请求失败（HTTP ${response.status}）`;
  return new ApiError(response.status, 'HTTP_' + response.status, fallback, requestId, undefined);
}

async function json<T>(method: string, path: string, opts?: RequestOptions): Promise<T> {
  const response = await send(method, path, opts);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => json<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => json<T>('POST', path, { body: body ?? {}, signal }),
  put: <T>(path: string, body: unknown, headers?: Record<string, string>) => json<T>('PUT', path, { body, ...(headers ? { headers } : {}) }),
  patch: <T>(path: string, body: unknown) => json<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => json<T>('DELETE', path),
  upload: <T>(path: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file, file.name);
    return json<T>('POST', path, { body: form });
  },
  /** Fetches a file and hands it to the browser as a download (name from Content-Disposition). */
  async download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
    const response = await send('GET', path, { query });
    const blob = await response.blob();
    const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}

/** The message to show for any thrown value, with the request id when the server gave one. */
export function describeError(err: unknown, lang: Lang): { message: string; requestId?: string } {
  if (err instanceof ApiError) return { message: err.message, requestId: err.requestId };
  if (err instanceof Error) return { message: err.message };
  return { message: lang === 'en' ? 'Unknown error' : '未知错误' };
}
