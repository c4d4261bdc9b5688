/**
 * A sync run's progress as people read it: rows done of total, rate and time left. The rate counts
 * only the rows this run moved (a resumed run starts with rows an earlier run committed). Pure.
 */
export interface SyncProgress {
  /** 0–100, or null while the total is unknown. */
  percent: number | null;
  rowsPerSecond: number;
  /** Seconds left at the current rate; null when unknown (no total, or nothing moved yet). */
  etaSeconds: number | null;
}

export function syncProgress(p: { rowsDone: number; rowsTotal: number | null; rowsAtStart?: number; startedAt: Date | null; now: Date }): SyncProgress {
  const total = p.rowsTotal;
  const percent = total === null ? null : total === 0 ? 100 : Math.min(100, Math.floor((p.rowsDone / total) * 1000) / 10);
  const seconds = p.startedAt ? (p.now.getTime() - p.startedAt.getTime()) / 1000 : 0;
  const moved = p.rowsDone - (p.rowsAtStart ?? 0);
  const rowsPerSecond = seconds > 0 && moved > 0 ? Math.round(moved / seconds) : 0;
  const left = total === null ? null : Math.max(0, total - p.rowsDone);
  const etaSeconds = left === null ? null : left === 0 ? 0 : rowsPerSecond > 0 ? Math.ceil(left / rowsPerSecond) : null;
  return { percent, rowsPerSecond, etaSeconds };
}

/** 1:05:09, 4:07, 0:09 — for a terminal progress bar and the web page alike. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
