/**
 * Records of file deliveries (§31 使用, §38 全流程审计, §39): a file_delivery row before the first byte
 * (its id goes into the file's trace mark, so even a delivery cut short is accounted for), then — when
 * the last byte has been handed over — one access record (channel 'file') with the items, rows, bytes
 * and the SHA-256 of the DELIVERED bytes, the delivery completed, the grant's last use and the app's
 * quota unit used, in one transaction. Refusals get an access record too.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../http/errors.ts';

/**
 * The unit of its app's daily quota a download took (a download counts as one data-API call,
 * docs/api-files.md), counted as used with the download's access record — delivered, cut short or
 * refused after it was taken.
 */
export interface QuotaUse {
  appId: string;
  day: string;
  units: number;
}

async function countUse(db: Db, use: QuotaUse | undefined): Promise<void> {
  if (!use) return;
  await db.insertInto('app_usage_day').values({ app_id: use.appId, channel: 'api', day: use.day, used: use.units })
    .onConflict((oc) => oc.columns(['app_id', 'channel', 'day']).doUpdateSet({ used: sql`app_usage_day.used + ${use.units}::int` })).execute();
}

/** Who receives: a consumer app (signed call) or a user of the consumer department (web). */
export interface Recipient {
  appId?: string;
  appKey?: string;
  userId?: string;
  orgId?: string;
  ip: string;
  requestId: string;
}

export interface DeliveryStart {
  grantId: string;
  entryId: string;
  consumerId: string;
  fileId: string | null;
  exportFormat: 'csv' | 'xlsx' | null;
  mode: 'project' | 'whole';
  watermark: boolean;
}

export async function beginDelivery(db: Db, who: Recipient, d: DeliveryStart, at: Date): Promise<string> {
  const row = await db.insertInto('file_delivery').values({
    started_at: at, grant_id: d.grantId, entry_id: d.entryId, consumer_id: d.consumerId, file_id: d.fileId, export_format: d.exportFormat,
    app_id: who.appId ?? null, user_id: who.userId ?? null, mode: d.mode, watermark: d.watermark,
    completed_at: null, sha256: null, bytes: null, rows: null, access_record_id: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface DeliveryEnd {
  deliveryId: string;
  grantId: string;
  entryId: string;
  items: string[];
  rows: number;
  bytes: number;
  sha256: string | null;
  complete: boolean;
  started: number;
  at: Date;
  quota?: QuotaUse;
}

export async function completeDelivery(db: Db, who: Recipient, e: DeliveryEnd): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const record = await tx.insertInto('access_record').values({
      channel: 'file', app_key: who.appKey ?? null, app_id: who.appId ?? null, org_id: who.orgId ?? null, user_id: who.userId ?? null,
      grant_id: e.grantId, entry_id: e.entryId, items: e.items, rows: e.rows, bytes: e.bytes, sha256: e.sha256, delivery_id: e.deliveryId,
      outcome: e.complete ? 'success' : 'failure', status: 200, error_code: e.complete ? null : 'DELIVERY_ABORTED',
      latency_ms: Date.now() - e.started, ip: who.ip, request_id: who.requestId,
    }).returning('id').executeTakeFirstOrThrow();
    await tx.updateTable('file_delivery').set({
      outcome: e.complete ? 'completed' : 'aborted', completed_at: e.at, sha256: e.sha256, bytes: e.bytes, rows: e.rows, access_record_id: record.id,
    }).where('id', '=', e.deliveryId).execute();
    // A delivered file is a use of the grant (§31 idleness counts from the last one).
    if (e.complete) {
      await tx.updateTable('share_grant').set({ last_used_at: e.at, idle_flagged_at: null }).where('id', '=', e.grantId).execute();
    }
    await countUse(tx, e.quota);
  });
}

export async function recordRefusal(db: Db, who: Recipient, facts: { grantId?: string; entryId?: string; quota?: QuotaUse }, err: unknown, started: number): Promise<void> {
  const status = err instanceof AppError ? err.status : 500;
  const record = (tx: Db) => tx.insertInto('access_record').values({
    channel: 'file', app_key: who.appKey ?? null, app_id: who.appId ?? null, org_id: who.orgId ?? null, user_id: who.userId ?? null,
    grant_id: facts.grantId ?? null, entry_id: facts.entryId ?? null, items: [], rows: 0, bytes: 0,
    outcome: status >= 500 ? 'failure' : 'denied', status, error_code: err instanceof AppError ? err.code : 'INTERNAL',
    latency_ms: Date.now() - started, ip: who.ip, request_id: who.requestId,
  }).execute();
  if (!facts.quota) {
    await record(db);
    return;
  }
  await db.transaction().execute(async (tx) => {
    await record(tx);
    await countUse(tx, facts.quota);
  });
}

/**
 * The bytes as they leave, hashed and counted; `onEnd` runs after the last chunk (complete) or when
 * the consumer goes away or the source fails (incomplete) — before the response ends, so a finished
 * download's records are committed by the time the consumer has the file.
 */
export async function* hashed(source: AsyncIterable<Buffer>, onEnd: (r: { complete: boolean; bytes: number; sha256: string | null }) => Promise<void>): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  let bytes = 0;
  let complete = false;
  try {
    for await (const chunk of source) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
    complete = true;
  } finally {
    await onEnd({ complete, bytes, sha256: complete ? hash.digest('hex') : null });
  }
}
