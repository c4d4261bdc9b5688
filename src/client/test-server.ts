/**
 * A node:http server for the client and curl tests: verifies every request with
 * verifySignedRequest and answers 200 with what it understood, or 401 in the API's error shape.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { splitRawUrl } from '../domain/signature/canonical.ts';
import { SIGNATURE_FAILURE_STATUS, verifySignedRequest } from '../domain/signature/verify.ts';

export interface Echo {
  ok: true;
  appKey: string;
  method: string;
  signatureMethod: string;
  path: string;
  query: Array<[string, string]>;
  bodySha256: string;
  body: string;
}
export interface ErrorReply {
  error: { code: string; message: string; zh: string; en: string };
}

export interface VerifyingServer {
  /** `http://127.0.0.1:port` */
  origin: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startVerifyingServer(apps: Readonly<Record<string, string>>): Promise<VerifyingServer> {
  const used = new Set<string>();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const { rawPath, rawQuery } = splitRawUrl(req.url ?? '/');
      const result = await verifySignedRequest({
        headers: req.headers, method: req.method ?? 'GET', rawPath, rawQuery, body, now: new Date(),
        lookupSecret: (appKey) => apps[appKey],
        seenNonce: (appKey, nonce) => {
          const key = `${appKey}\n${nonce}`;
          const seen = used.has(key);
          used.add(key);
          return seen;
        },
      });
      const reply: Echo | ErrorReply = result.ok
        ? {
          ok: true, appKey: result.appKey, method: req.method ?? '', signatureMethod: result.method, path: rawPath,
          query: [...new URLSearchParams(rawQuery)], bodySha256: createHash('sha256').update(body).digest('hex'),
          body: body.toString('utf8'),
        }
        : { error: { code: result.code, message: result.zh, zh: result.zh, en: result.en } };
      res.writeHead(result.ok ? 200 : SIGNATURE_FAILURE_STATUS, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply));
    })().catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
