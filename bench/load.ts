/**
 * Load generator of the API benchmark, run as a child process (bench/api.ts forks it) so the
 * server's event loop is not shared with the client. N keep-alive connections (node:http Agent),
 * each looping for the given time; 50-row pages (each connection pages through the first `span`
 * rows by following `nextCursor`, as a consumer does, then starts over). Governed requests are signed one by one, just
 * before sending, with a fresh nonce and timestamp (GdxClient.sign → the shared canonical/sign):
 * signing is part of a real client's cost and nothing is precomputed.
 * Receives its LoadConfig over IPC, answers one LoadResult.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { GdxClient } from '../src/client/gdx-client.ts';

export interface LoadConfig {
  label: string;
  route: 'bare' | 'governed';
  /** Server origin, e.g. http://127.0.0.1:4321 */
  origin: string;
  /** Governed: the data path under /api/v1 (`/data/<code>`, code URL-encoded). */
  dataPath?: string;
  appKey?: string;
  secret?: string;
  connections: number;
  durationMs: number;
  limit: number;
  /** Each connection pages through the first `span` rows, then starts over. */
  span: number;
}

export interface LoadResult {
  label: string;
  route: LoadConfig['route'];
  requests: number;
  ok: number;
  errors: number;
  errorsByStatus: Record<string, number>;
  errorSamples: string[];
  elapsedMs: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; p999: number; max: number };
  bytesReceived: number;
  /** CPU time of this load-generator process over the run (signing included), per request. */
  clientCpuMsPerRequest: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function runLoad(cfg: LoadConfig): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.connections, maxFreeSockets: cfg.connections });
  const client = cfg.route === 'governed'
    ? new GdxClient({ baseUrl: `${cfg.origin}/api/v1`, appKey: cfg.appKey!, secret: cfg.secret! })
    : undefined;
  const pages = Math.max(1, Math.floor((cfg.span - cfg.limit) / cfg.limit) + 1);
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  let ok = 0;
  let bytes = 0;
  const errorsByStatus: Record<string, number> = {};
  const errorSamples: string[] = [];

  /** One page; answers the page's nextCursor (undefined at the end or on an error). */
  const once = (cursor: string | undefined) => new Promise<string | undefined>((resolve) => {
    const query = `?limit=${cfg.limit}${cursor ? `&cursor=${cursor}` : ''}`;
    let url: string;
    let headers: Record<string, string> = { accept: 'application/json' };
    if (client) {
      const signed = client.sign('GET', `${cfg.dataPath}${query}`, undefined, headers);
      url = signed.url;
      headers = signed.headers;
    } else {
      url = `${cfg.origin}/bench/bare${query}`;
    }
    const started = performance.now();
    const done = (status: string, body: string) => {
      const ms = performance.now() - started;
      if (n === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[n++] = ms;
      if (status === '200') {
        ok++;
        resolve((JSON.parse(body) as { nextCursor?: string }).nextCursor);
        return;
      }
      errorsByStatus[status] = (errorsByStatus[status] ?? 0) + 1;
      if (errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 300)}`);
      resolve(undefined);
    };
    const req = http.get(url, { agent, headers }, (res) => {
      const status = String(res.statusCode);
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        chunks.push(c);
      });
      res.on('end', () => done(status, Buffer.concat(chunks).toString('utf8')));
      res.on('error', (e) => done('response-error', e.message));
    });
    req.on('error', (e) => done('request-error', e.message));
  });

  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + cfg.durationMs;
  await Promise.all(Array.from({ length: cfg.connections }, async () => {
    let page = 0;
    let cursor: string | undefined;
    while (performance.now() < deadline) {
      cursor = await once(cursor);
      page = cursor ? (page + 1) % pages : 0;
      if (page === 0) cursor = undefined;
    }
  }));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();

  const sorted = latencies.slice(0, n).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    label: cfg.label, route: cfg.route, requests: n, ok, errors: n - ok, errorsByStatus, errorSamples,
    elapsedMs: round(elapsedMs), reqPerSec: round((n / elapsedMs) * 1000), bytesReceived: bytes,
    clientCpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / Math.max(1, n)),
    latencyMs: {
      mean: round(n ? sum / n : NaN), p50: round(percentile(sorted, 50)), p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)), p999: round(percentile(sorted, 99.9)), max: round(n ? sorted[n - 1]! : NaN),
    },
  };
}

// As a forked child: one config in, one result out, then exit.
if (process.send) {
  process.once('message', (cfg: LoadConfig) => {
    runLoad(cfg).then(
      (result) => process.send!({ result }, () => process.exit(0)),
      (err: unknown) => process.send!({ error: String((err as Error)?.stack ?? err) }, () => process.exit(1)),
    );
  });
}
