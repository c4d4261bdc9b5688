/**
 * What every consumer-app call goes through before any data is touched: the HMAC signature over
 * method, raw path, query, body hash, timestamp and nonce (docs/signing.md), a nonce never seen
 * before, an enabled app whose secret has not been rotated, an allowed source address, the app's
 * rate and daily quota on the channel, the app department's live grant — and, after it, one access
 * record per call.
 *
 * Hot path (issue 4 API speed): the signature is checked with the app's secret held in memory
 * (apps.ts), then ONE read-only statement checks the nonce is unused, re-reads the app (disabled,
 * secret version, its limits) and resolves the grant (granted-resource.ts) — and may read the data
 * page speculatively, which is handed back only once every check here has passed; the access record
 * is written by the grouped writer (access-writer.ts) with the nonce, and a call whose nonce another
 * call recorded first in the meantime is refused there, before its answer. Nothing cached can
 * outlive a revocation: grants and the app's state are read by that statement on every call.
 * (File downloads record their nonce up front, in authenticateCall: they stream and are few.)
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { APP_LIMITS_SETTING, effectiveLimits, readLimitSettings, type ChannelLimits, type LimitChannel } from '../../domain/delivery/limits.ts';
import { verifySignedRequest, SIGNATURE_HEADERS } from '../../domain/signature/verify.ts';
import { isGrantLive } from '../../domain/sharing/grant-rules.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { assertAllowedIp, type AppService } from './apps.ts';
import type { AccessWriter } from './access-writer.ts';
import type { CallLimits } from './call-limits.ts';
import { authorizedResource, type EntryBodies, type GrantedResource, type SpeculativePage } from './granted-resource.ts';
import { agreementNotAccepted } from '../sharing/agreements.ts';

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

/** What a channel's service shares with the gate: the apps, this process's limits, bodies held, the record writer. */
export interface Gate {
  apps: AppService;
  limits: CallLimits;
  bodies: EntryBodies;
  writer: AccessWriter;
  now: () => Date;
}

/** What was known about a call when it ended, for its access record. */
export interface CallFacts {
  appKey?: string;
  appId?: string;
  orgId?: string;
  grantId?: string;
  entryId?: string;
  /** Quota units taken, and the day they count for. */
  usage?: { units: number; day: string };
  /** The call's nonce, found unused: recorded with the call's record. */
  nonce?: string;
  /** The call's record is written (a replay found by the writer): nothing more to record. */
  recorded?: boolean;
}

const nonceReused = () => new AppError(401, 'NONCE_REUSED', '该 nonce 已使用过，疑似重放请求；每个请求须使用新的随机 nonce',
  'nonce already used (replayed request); send a fresh random nonce with every request');

const unknownApp = () => new AppError(401, 'APP_UNKNOWN', '应用不存在或已停用', 'unknown or disabled app');

/**
 * The signature, checked with the secret this process holds; on a mismatch with a held secret, once
 * more with the one in the database (the app may have rotated in another process). 401 with the
 * reason for anything unsigned, stale or wrongly signed. The nonce is recorded afterwards, by the
 * grant statement: still only for validly signed calls.
 */
async function verifySignature(gate: Pick<Gate, 'apps' | 'now'>, db: Db, call: SignedCall, seen?: CallFacts) {
  let found: Awaited<ReturnType<AppService['signingSecret']>>;
  const attempt = (fresh: boolean) => verifySignedRequest({
    headers: call.headers, method: call.method, rawPath: call.rawPath, rawQuery: call.rawQuery, now: gate.now(),
    ...(call.body ? { body: call.body } : {}),
    lookupSecret: async (appKey) => (found = await gate.apps.signingSecret(db, appKey, fresh))?.secret,
    seenNonce: () => false,
    concealUnknownApp: true,
  });
  let result = await attempt(false);
  if (!result.ok && result.code === 'SIGNATURE_INVALID' && found?.cached) result = await attempt(true);
  if (!result.ok) {
    // A known app's refused signature names the app in the record: a leaked AppKey or a guessed secret is investigated by it.
    if (found && seen) Object.assign(seen, { appKey: String(call.headers[SIGNATURE_HEADERS.app]), appId: found.id });
    throw new AppError(401, result.code, result.zh, result.en);
  }
  if (!found) throw unknownApp();
  return { appKey: result.appKey, appId: found.id, version: found.version, nonce: String(call.headers[SIGNATURE_HEADERS.nonce]) };
}

/** The replay, disabled-app and rotated-secret checks on what the call's statement re-read. */
function checkApp(apps: AppService, signed: { appKey: string; version: number }, fresh: boolean,
  app: { disabled: boolean; secret_version: number } | undefined): void {
  if (!fresh) throw nonceReused();
  if (!app || app.disabled || app.secret_version !== signed.version) {
    // Disabled, or signed with a secret rotated away in another process: this process forgets it too.
    apps.forget(signed.appKey);
    throw app && !app.disabled ? new AppError(401, 'SIGNATURE_INVALID', '签名所用密钥已更换，请使用新密钥', 'the secret used to sign has been rotated: sign with the new secret') : unknownApp();
  }
}

/**
 * A signed call of an enabled app, not replayed, from an allowed address — for channels that resolve
 * their grant themselves (files) — with the app's data-API limits, which a file download is held to
 * (docs/api-files.md). One statement records the nonce and re-reads the app and the limit settings.
 */
export async function authenticateCall(deps: { apps: AppService; now: () => Date }, db: Db, call: SignedCall) {
  const signed = await verifySignature(deps, db, call);
  const row = (await sql<{
    fresh: boolean; id: string; app_key: string; org_id: string; ip_allowlist: string[]; secret_version: number; disabled: boolean;
    api_per_second: number | null; api_per_day: number | null; limit_settings: unknown;
  }>`
    WITH nonce AS (
      INSERT INTO request_nonce (app_key, nonce) VALUES (${signed.appKey}, ${signed.nonce}) ON CONFLICT DO NOTHING RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM nonce) AS fresh, id, app_key, org_id, ip_allowlist, secret_version, disabled_at IS NOT NULL AS disabled,
        api_per_second, api_per_day, (SELECT value FROM platform_setting WHERE key = ${APP_LIMITS_SETTING}) AS limit_settings
      FROM consumer_app WHERE id = ${signed.appId}`.execute(db)).rows[0];
  checkApp(deps.apps, signed, row?.fresh ?? true, row);
  assertAllowedIp(row!, call.ip);
  const limits = effectiveLimits(readLimitSettings(row!.limit_settings), { perSecond: row!.api_per_second, perDay: row!.api_per_day }, 'api');
  return { id: row!.id, app_key: row!.app_key, org_id: row!.org_id, ip_allowlist: row!.ip_allowlist, limits };
}

export interface AuthorizedCall {
  entry: GrantedResource;
  grant: NonNullable<GrantedResource['grant']>;
  limits: ChannelLimits;
  /** The speculated page's rows, when the call resolved what `speculate` built it for. */
  page?: Record<string, string | null>[];
}

/**
 * Everything a data call must have before data is touched: a valid signature of an enabled app, a
 * fresh nonce, an allowed address, room in the app's per-second rate, and the app department's live
 * grant (uncached: a revocation stops the very next call) on the mounted entry for the method.
 * Missing, unpublished and not granted look the same to an app outside the data's audience. Fills
 * `seen` as it learns, for the access record of a refusal. The daily quota is taken later, with
 * `takeQuota`, once the call is known to be well-formed.
 *
 * `speculate(appId)` may offer a page SELECT for the statement to run alongside the checks; its rows
 * come back only when every check below has passed. A statement that fails with it is run again
 * without it, so the nonce is still recorded and the checks still answer first.
 */
export async function authorizeCall(gate: Gate, db: Db, call: SignedCall, code: string, method: LimitChannel, seen: CallFacts,
  speculate?: (appId: string) => SpeculativePage | undefined): Promise<AuthorizedCall> {
  const signed = await verifySignature(gate, db, call, seen);
  Object.assign(seen, { appKey: signed.appKey, appId: signed.appId });
  const q = { appId: signed.appId, appKey: signed.appKey, nonce: signed.nonce, secretVersion: signed.version, code, method, bodies: gate.bodies };
  const page = speculate?.(signed.appId);
  const r = page ? await authorizedResource(db, { ...q, page }).catch(() => authorizedResource(db, q)) : await authorizedResource(db, q);
  checkApp(gate.apps, signed, r.fresh, r.app);
  Object.assign(seen, { orgId: r.app!.org_id, nonce: signed.nonce });
  assertAllowedIp(r.app!, call.ip);
  const limits = effectiveLimits(readLimitSettings(r.limitSettings), { perSecond: r.app!.per_second, perDay: r.app!.per_day }, method);
  gate.limits.checkRate(signed.appId, method, limits.perSecond);
  const entry = r.resource;
  const grant = entry?.grant && isGrantLive({ status: entry.grant.status, validUntil: entry.grant.valid_until }, gate.now()) ? entry.grant : undefined;
  if (!entry || !grant) {
    throw notFound(method === 'api' ? '有效授权下的数据资源' : '有效核验授权下的数据资源', `data resource under a live ${method} grant`);
  }
  Object.assign(seen, { entryId: entry.id, grantId: grant.id });
  if (!grant.agreementAccepted) throw agreementNotAccepted(); // security rules §27: no data before the agreement
  if (entry.kind === 'file' || (entry.kind === 'api' && method === 'verify')) {
    throw new AppError(501, 'MOUNT_KIND_UNSUPPORTED', entry.kind === 'file' ? '该资源以文件方式挂接，请通过文件下载获取' : '该资源以接口代理方式挂接，暂不支持核验',
      entry.kind === 'file' ? 'this resource is mounted as files: download them instead' : 'this resource is mounted as an upstream API: verification is not supported for it');
  }
  return { entry, grant, limits, ...(r.page ? { page: r.page } : {}) };
}

/** Takes the call's units of the app's daily quota (429 when spent), noting them for the record. */
export async function takeQuota(gate: Gate, method: LimitChannel, seen: CallFacts, limits: ChannelLimits, units: number): Promise<void> {
  const day = await gate.limits.consume(seen.appId!, method, units, limits.perDay);
  seen.usage = { units, day };
}

/**
 * The call's one access record — delivered or refused — written before the answer is sent. A
 * delivery whose nonce another call recorded first is refused instead (401 NONCE_REUSED, recorded so).
 */
export async function recordCall(gate: Gate, channel: LimitChannel, call: SignedCall, seen: CallFacts,
  r: { outcome: 'success' | 'denied' | 'failure'; status: number; errorCode?: string; items: string[]; rows: number; bytes: number; started: number }): Promise<void> {
  const at = gate.now().toISOString();
  const { replayed } = await gate.writer.write({
    row: {
      at, channel, app_key: seen.appKey ?? null, app_id: seen.appId ?? null, org_id: seen.orgId ?? null, grant_id: seen.grantId ?? null,
      entry_id: seen.entryId ?? null, items: r.items, rows: r.rows, bytes: r.bytes, outcome: r.outcome, status: r.status,
      error_code: r.errorCode ?? null, latency_ms: Date.now() - r.started, ip: call.ip, request_id: call.requestId,
    },
    ...(seen.nonce !== undefined ? { nonce: seen.nonce } : {}),
    ...(r.outcome === 'success' && seen.grantId ? { lastUse: { grantId: seen.grantId, at } } : {}),
    ...(seen.usage && seen.appId ? { usage: { appId: seen.appId, channel, day: seen.usage.day, units: seen.usage.units } } : {}),
  });
  seen.recorded = true;
  if (replayed && r.outcome === 'success') throw nonceReused();
}

/** The record of a refused or failed call, from the error that ended it. */
export async function recordRefusal(gate: Gate, channel: LimitChannel, call: SignedCall, seen: CallFacts, err: unknown, started: number): Promise<void> {
  if (seen.recorded) return;
  const status = err instanceof AppError ? err.status : 500;
  await recordCall(gate, channel, call, seen, {
    outcome: status >= 500 ? 'failure' : 'denied', status, errorCode: err instanceof AppError ? err.code : 'INTERNAL', items: [], rows: 0, bytes: 0, started,
  });
}
