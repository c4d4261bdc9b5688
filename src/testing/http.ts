/**
 * A real HTTP server on a free loopback port for API tests, and a tiny client for it: tests talk
 * to GDX the way a department's application does, over the network.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { platformKeyFrom, type PlatformKey } from '../modules/security/secret-box.ts';
import { buildServer, type ServerOptions } from '../server.ts';
import { TEST_PASSWORD } from './make.ts';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  url: string;
  /** The platform key the server seals with: a second server on the same database needs the same. */
  platformKey: PlatformKey;
  close(): Promise<void>;
  call<T = any>(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: BodyInit }): Promise<TestResponse<T>>;
  login(username: string, password?: string): Promise<string>;
}

export async function startTestServer(db: Db, extra: Partial<ServerOptions> = {}): Promise<TestServer> {
  const platformKey = extra.platformKey ?? platformKeyFrom(randomBytes(32));
  const app = await buildServer({
    db,
    config: { sessionHours: 8, secureCookies: false, logLevel: 'silent' },
    logger: false,
    ...extra,
    platformKey,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const call: TestServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };

  return {
    url,
    platformKey,
    call,
    close: () => app.close(),
    async login(username, password = TEST_PASSWORD) {
      const res = await call('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
  };
}
