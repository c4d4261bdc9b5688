/** What the API and the web page show of sync targets and runs: labels, never connection URLs. */
import type { UpdateCycle } from '../../domain/catalog/types.ts';
import { syncProgress } from '../../domain/exchange/progress.ts';
import { nextSyncAt } from '../../domain/exchange/schedule.ts';
import type { SyncRun } from './runs.ts';

export interface SyncRunView {
  id: string;
  targetId: string;
  grantId: string;
  trigger: SyncRun['trigger'];
  status: SyncRun['status'];
  mode: SyncRun['mode'];
  forceFull: boolean;
  resumed: boolean;
  rowsTotal: number | null;
  rowsDone: number;
  rowsDeleted: number;
  bytes: number;
  batches: number;
  percent: number | null;
  rowsPerSecond: number;
  etaSeconds: number | null;
  cancelRequested: boolean;
  error: { code: string; zh: string; en: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function runView(r: SyncRun, now: Date): SyncRunView {
  const end = r.finished_at ?? now;
  const p = syncProgress({ rowsDone: r.rows_done, rowsTotal: r.rows_total, startedAt: r.started_at, now: end });
  return {
    id: r.id, targetId: r.target_id, grantId: r.grant_id, trigger: r.trigger, status: r.status, mode: r.mode, forceFull: r.force_full,
    resumed: r.resumed, rowsTotal: r.rows_total, rowsDone: r.rows_done, rowsDeleted: r.rows_deleted, bytes: r.bytes, batches: r.batches,
    percent: p.percent, rowsPerSecond: p.rowsPerSecond, etaSeconds: r.status === 'running' ? p.etaSeconds : null,
    cancelRequested: r.cancel_requested_at !== null,
    error: r.error_code ? { code: r.error_code, zh: r.error_zh ?? '', en: r.error_en ?? '' } : null,
    createdAt: r.created_at.toISOString(), startedAt: r.started_at?.toISOString() ?? null, finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export interface SyncTargetView {
  id: string;
  grantId: string;
  grantStatus: string;
  grantValidUntil: string;
  items: string[];
  entryId: string;
  entryName: string;
  entryCode: string | null;
  providerName: string;
  updateCycle: UpdateCycle | null;
  connection: string;
  schema: string;
  table: string;
  batchRows: number;
  reconcileHours: number;
  createdAt: string;
  lastRun: SyncRunView | null;
  lastSuccessAt: string | null;
  nextDueAt: string | null;
}

export interface TargetRow {
  id: string; grant_id: string; connection_label: string; target_schema: string; target_table: string; batch_rows: number;
  reconcile_hours: number; created_at: Date; grant_status: string; valid_until: string; items: string[]; entry_id: string;
  entry_name: string; entry_code: string | null; provider_name: string; update_cycle: UpdateCycle | null; last_success_at: Date | null;
}

export function targetView(t: TargetRow, lastRun: SyncRun | undefined, now: Date): SyncTargetView {
  const next = t.update_cycle ? nextSyncAt(t.last_success_at, t.update_cycle) : null;
  return {
    id: t.id, grantId: t.grant_id, grantStatus: t.grant_status, grantValidUntil: t.valid_until, items: t.items, entryId: t.entry_id,
    entryName: t.entry_name, entryCode: t.entry_code, providerName: t.provider_name, updateCycle: t.update_cycle,
    connection: t.connection_label, schema: t.target_schema, table: t.target_table, batchRows: t.batch_rows, reconcileHours: t.reconcile_hours,
    createdAt: t.created_at.toISOString(), lastRun: lastRun ? runView(lastRun, now) : null,
    lastSuccessAt: t.last_success_at?.toISOString() ?? null, nextDueAt: next?.toISOString() ?? (t.last_success_at ? null : now.toISOString()),
  };
}
