/**
 * Calling a provider's upstream data API (服务接口挂接, §17) for the data API: a bounded call —
 * timeout on the whole exchange (AbortSignal), answer size capped, redirects refused (a redirect
 * could carry the credential elsewhere) — whose failures reach the consumer as 504
 * UPSTREAM_TIMEOUT or 502 UPSTREAM_FAILED with a reason in Chinese and English and NOTHING of the
 * upstream: not its URL (whose query may hold a key), not its credential, not its answer.
 * The mount's URL and credential header are kept sealed under the platform key (security rules §23).
 */
import { checkUpstreamMount, MAX_UPSTREAM_BYTES, rowsAt, shownUrl, UPSTREAM_TIMEOUT_RANGE, type UpstreamMountInput } from '../../domain/delivery/upstream.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { open, seal, type PlatformKey } from '../security/secret-box.ts';

/** What catalog_mount.config holds for an 'api' mount. */
export interface UpstreamConfig {
  urlSealed: string;
  /** Scheme, host and path, query values hidden: what people see. */
  url: string;
  method: 'GET' | 'POST';
  timeoutMs: number;
  authHeader: string | null;
  authSealed: string | null;
  rowsPath: string | null;
  fields: Record<string, string>;
}

/** A checked mount, URL and credential sealed; 400 MOUNT_INVALID naming each problem. */
export function upstreamMountConfig(input: UpstreamMountInput, itemNames: readonly string[], key: PlatformKey): UpstreamConfig {
  const problems = checkUpstreamMount(input, itemNames);
  if (problems.length) throw badRequest('MOUNT_INVALID', problems[0]!.zh, problems[0]!.en, problems);
  return {
    urlSealed: seal(key, input.url), url: shownUrl(input.url), method: input.method ?? 'GET',
    timeoutMs: input.timeoutMs ?? UPSTREAM_TIMEOUT_RANGE.dflt,
    authHeader: input.authValue !== undefined ? input.authHeader ?? 'Authorization' : null,
    authSealed: input.authValue !== undefined ? seal(key, input.authValue) : null,
    rowsPath: input.rowsPath || null, fields: input.fields ?? {},
  };
}

/** The mount as people may see it: no sealed part, only whether a credential is set. */
export function upstreamMountView(config: UpstreamConfig): Record<string, unknown> {
  return {
    url: config.url, method: config.method, timeoutMs: config.timeoutMs, authHeader: config.authHeader, hasAuth: config.authSealed !== null,
    rowsPath: config.rowsPath, fields: config.fields,
  };
}

const failed = (zh: string, en: string) => new AppError(502, 'UPSTREAM_FAILED', `上游数据接口调用失败（${zh}），请稍后重试或联系提供部门`,
  `the upstream data API failed (${en}); try again later or contact the providing department`);

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw failed(`返回内容超过 ${MAX_UPSTREAM_BYTES / 1024 / 1024} MB`, `its answer exceeds ${MAX_UPSTREAM_BYTES / 1024 / 1024} MB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The upstream's rows (raw JSON values), or 504/502. Never waits longer than the mount's timeout. */
export async function fetchUpstreamRows(config: UpstreamConfig, key: PlatformKey): Promise<unknown[]> {
  const signal = AbortSignal.timeout(config.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.authHeader && config.authSealed) headers[config.authHeader] = open(key, config.authSealed);
  if (config.method === 'POST') headers['content-type'] = 'application/json';
  let text: string;
  try {
    const res = await fetch(open(key, config.urlSealed), {
      method: config.method, headers, redirect: 'error', signal, ...(config.method === 'POST' ? { body: '{}' } : {}),
    });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw failed(`返回 HTTP ${res.status}`, `it answered HTTP ${res.status}`);
    }
    text = await readCapped(res);
  } catch (err) {
    if (signal.aborted) {
      throw new AppError(504, 'UPSTREAM_TIMEOUT', `上游数据接口未在 ${config.timeoutMs} 毫秒内响应，请稍后重试`,
        `the upstream data API did not answer within ${config.timeoutMs} ms; try again later`);
    }
    if (err instanceof AppError) throw err;
    // The cause (a DNS name, an address, a TLS detail) stays on the platform: it may name the upstream.
    throw failed('无法连接或连接中断', 'it could not be reached or the connection broke');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw failed('返回内容不是有效的 JSON', 'its answer is not valid JSON');
  }
  const rows = rowsAt(body, config.rowsPath);
  if (!rows) {
    throw failed(config.rowsPath ? `返回内容的 ${config.rowsPath} 处不是数据行数组` : '返回内容不是数据行数组',
      config.rowsPath ? `its answer has no array of rows at ${config.rowsPath}` : 'its answer is not an array of rows');
  }
  return rows;
}
