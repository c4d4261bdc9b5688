/**
 * The one error shape of the API (DESIGN.md → API contract): `{ error: { code, message } }` with a
 * proper HTTP status; `message` is Chinese or English by Accept-Language, and both are always given
 * as `zh` and `en` so a client can show either. Never a stack trace or SQL text.
 */
export interface Problem {
  field?: string;
  zh: string;
  en: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly details?: readonly object[] | Record<string, unknown>,
  ) {
    super(en);
  }
}

export const badRequest = (code: string, zh: string, en: string, details?: AppError['details']) =>
  new AppError(400, code, zh, en, details);
export const unauthorized = (code: string, zh: string, en: string) => new AppError(401, code, zh, en);
export const forbidden = (code: string, zh: string, en: string, details?: AppError['details']) =>
  new AppError(403, code, zh, en, details);
/** Also what a caller outside a resource's audience gets: missing and forbidden look the same. */
export const notFound = (what: string, whatEn: string) =>
  new AppError(404, 'NOT_FOUND', `${what}不存在或无权查看`, `${whatEn} not found`);
export const conflict = (code: string, zh: string, en: string, details?: AppError['details']) =>
  new AppError(409, code, zh, en, details);

export interface ErrorBody {
  error: { code: string; message: string; zh: string; en: string; details?: unknown; requestId?: string };
}

export function errorBody(err: AppError, lang: 'zh' | 'en', requestId?: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: lang === 'en' ? err.en : err.zh,
      zh: err.zh,
      en: err.en,
      ...(err.details !== undefined ? { details: err.details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}

export function preferredLanguage(acceptLanguage: string | undefined): 'zh' | 'en' {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
