/**
 * What every consumer-app call goes through before any data is touched: the HMAC signature over
 * method, raw path, query, body hash, timestamp and nonce (docs/signing.md), a nonce never seen
 * before, an enabled app, an allowed source address — and, after it, one access record per call.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { verifySignedRequest } from '../../domain/signature/verify.ts';
import { isGrantLive } from '../../domain/sharing/grant-rules.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { assertAllowedIp, type AppService } from './apps.ts';
import { grantedResource } from './granted-resource.ts';

export interface SignedCall {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  rawPath: string;
  rawQuery: string;
  /** The exact body bytes, for calls that have one. */
  body?: Buffer;
  ip: string;
  requestId: string;
}

/** 401 with the reason for anything unsigned, stale, replayed or wrongly signed; 403 outside the allow-list. */
export async function authenticateCall(deps: { apps: AppService; now: () => Date }, db: Db, call: SignedCall) {
  let app: Awaited<ReturnType<AppService['forSignature']>>;
  const result = await verifySignedRequest({
    headers: call.headers, method: call.method, rawPath: call.rawPath, rawQuery: call.rawQuery, now: deps.now(),
    ...(call.body ? { body: call.body } : {}),
    lookupSecret: async (appKey) => (app = await deps.apps.forSignature(db, appKey))?.secret,
    seenNonce: async (appKey, nonce) => {
      const inserted = await db.insertInto('request_nonce').values({ app_key: appKey, nonce })
        .onConflict((oc) => oc.doNothing()).returning('nonce').executeTakeFirst();
      return inserted === undefined;
    },
    concealUnknownApp: true,
  });
  if (!result.ok || !app) {
    throw result.ok ? new AppError(401, 'APP_UNKNOWN', '应用不存在或已停用', 'unknown or disabled app') : new AppError(401, result.code, result.zh, result.en);
  }
  assertAllowedIp(app, call.ip);
  return app;
}

/** What was known about a call when it ended, for its access record. */
export interface CallFacts {
  appKey?: string;
  appId?: string;
  orgId?: string;
  grantId?: string;
  entryId?: string;
}

/**
 * A delivery's access record and the grant's last use (§31), in ONE statement: atomic without a
 * transaction, and one round trip on the hot path. Written before the answer is sent, so no
 * delivered call goes unrecorded (a crash loses at most the answer, never the record).
 */
export async function recordDelivery(db: Db, channel: 'api' | 'verify', call: SignedCall, facts: CallFacts & { grantId: string },
  r: { items: string[]; rows: number; bytes: number; started: number; at: Date }) {
  // The last use is kept to the minute: §31 counts months, and rewriting the one grant row on every
  // call made concurrent calls of a department queue on its lock (bench/api.ts measured it).
  await sql`WITH used AS (UPDATE share_grant SET last_used_at = ${r.at}, idle_flagged_at = NULL
      WHERE id = ${facts.grantId} AND (last_used_at IS NULL OR last_used_at < ${r.at}::timestamptz - interval '1 minute'))
    INSERT INTO access_record (channel, app_key, app_id, org_id, grant_id, entry_id, items, rows, bytes, outcome, status, latency_ms, ip, request_id)
    VALUES (${channel}, ${facts.appKey ?? null}, ${facts.appId ?? null}, ${facts.orgId ?? null}, ${facts.grantId}, ${facts.entryId ?? null},
      ${r.items}, ${r.rows}, ${r.bytes}, 'success', 200, ${Date.now() - r.started}, ${call.ip}, ${call.requestId})`.execute(db);
}

export async function recordAccess(db: Db, channel: 'api' | 'verify', call: SignedCall, facts: CallFacts,
  r: { outcome: 'success' | 'denied' | 'failure'; status: number; errorCode?: string; items: string[]; rows: number; bytes: number; started: number }) {
  await db.insertInto('access_record').values({
    channel, app_key: facts.appKey ?? null, app_id: facts.appId ?? null, org_id: facts.orgId ?? null, grant_id: facts.grantId ?? null,
    entry_id: facts.entryId ?? null, items: r.items, rows: r.rows, bytes: r.bytes, outcome: r.outcome, status: r.status,
    error_code: r.errorCode ?? null, latency_ms: Date.now() - r.started, ip: call.ip, request_id: call.requestId,
  }).execute();
}

/**
 * Everything a data call must have before data is touched: a valid signature of an enabled app, and
 * the app department's live grant (uncached: a revocation stops the very next call) on the mounted
 * entry for the method. Missing, unpublished and not granted look the same to an app outside the
 * data's audience. Fills `seen` as it learns, for the access record of a refusal.
 */
export async function authorizeCall(deps: { apps: AppService; now: () => Date }, db: Db, call: SignedCall,
  code: string, method: 'api' | 'verify', seen: CallFacts) {
  const app = await authenticateCall(deps, db, call);
  Object.assign(seen, { appKey: app.app_key, appId: app.id, orgId: app.org_id });
  const entry = await grantedResource(db, code, app.org_id, method);
  const grant = entry?.grant && isGrantLive({ status: entry.grant.status, validUntil: entry.grant.valid_until }, deps.now()) ? entry.grant : undefined;
  if (!entry || !grant) {
    throw notFound(method === 'api' ? '有效授权下的数据资源' : '有效核验授权下的数据资源', `data resource under a live ${method} grant`);
  }
  Object.assign(seen, { entryId: entry.id, grantId: grant.id });
  if (entry.kind !== 'table') {
    throw new AppError(501, 'MOUNT_KIND_UNSUPPORTED', '该资源以接口代理或文件方式挂接，暂不支持此接口读取', 'this resource is mounted as an upstream API or files; not served here yet');
  }
  return { app, entry, grant };
}
