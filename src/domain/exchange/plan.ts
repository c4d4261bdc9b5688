/**
 * What a table sync run does (库表交换, §17; issue 4 "full load, then incremental by the mount's
 * change column; deletes propagate by periodic key reconciliation; checkpointed"). Pure: decided
 * from the resumption state kept in the consumer's database next to the synced table, which each
 * batch updates in the same transaction as its rows.
 */

/** The resumption state of one synced table (its row in the target's gdx_sync_state). */
export interface SyncState {
  /** Fingerprint of columns, types, masking, row scope and key: when it changes, the table is rebuilt. */
  shape: string;
  /** Bumped by every new full pass; rows a full pass did not touch keep the old one and are deleted. */
  generation: number;
  /** 'idle' between passes; otherwise a pass is unfinished and resumes from its checkpoint. */
  phase: 'idle' | 'full' | 'incremental';
  /** The running full pass started on an empty table: rows are appended, nothing stale to delete. */
  fresh: boolean;
  /** Source key (text) of the last committed row of the running pass. */
  lastKey: string[] | null;
  /** Change-column value of the last committed row of the running incremental pass. */
  passChange: string | null;
  /** The change-column value the running pass reads up to (fixed when it starts). */
  highWatermark: string | null;
  /** The target holds every change up to this value. */
  watermark: string | null;
  fullDone: boolean;
  /** Rows committed by the running pass. */
  passRows: number;
  reconciledAt: Date | null;
}

export type PassKind = 'full' | 'incremental';

export interface PassPlan {
  kind: PassKind;
  /** Drop and recreate the table (absent, or its shape no longer matches the grant). */
  rebuild: boolean;
  /** Continue the unfinished pass from its checkpoint. */
  resume: boolean;
  /** The state the pass starts from. */
  state: SyncState;
}

export const emptyState = (shape: string): SyncState => ({
  shape, generation: 0, phase: 'idle', fresh: false, lastKey: null, passChange: null, highWatermark: null,
  watermark: null, fullDone: false, passRows: 0, reconciledAt: null,
});

const newPass = (s: SyncState, kind: PassKind, fresh: boolean): SyncState => ({
  ...s, phase: kind, fresh: kind === 'full' && fresh, lastKey: null, passChange: null, highWatermark: null, passRows: 0,
  generation: kind === 'full' ? s.generation + 1 : s.generation,
});

export function planPass(input: { state: SyncState | null; shape: string; hasChangeColumn: boolean; forceFull: boolean }): PassPlan {
  const { state, shape } = input;
  if (!state || state.shape !== shape) {
    const base = { ...emptyState(shape), generation: state?.generation ?? 0 };
    return { kind: 'full', rebuild: true, resume: false, state: newPass(base, 'full', true) };
  }
  if (state.phase === 'full') return { kind: 'full', rebuild: false, resume: true, state };
  if (state.phase === 'incremental' && !input.forceFull) return { kind: 'incremental', rebuild: false, resume: true, state };
  const incremental = input.hasChangeColumn && state.fullDone && !input.forceFull;
  return incremental
    ? { kind: 'incremental', rebuild: false, resume: false, state: newPass(state, 'incremental', false) }
    : { kind: 'full', rebuild: false, resume: false, state: newPass(state, 'full', false) };
}

/**
 * Whether an incremental pass also compares keys, to delete what the source deleted (a change column
 * cannot show a deleted row). A full pass deletes by generation and needs none.
 */
export function reconcileDue(input: { kind: PassKind; requested: boolean; reconciledAt: Date | null; reconcileHours: number; now: Date }): boolean {
  if (input.kind === 'full') return false;
  if (input.requested || !input.reconciledAt) return true;
  return input.now.getTime() - input.reconciledAt.getTime() >= input.reconcileHours * 3_600_000;
}

/** Batches a pass of `rows` rows takes at `batchRows` per batch (each one transaction and one access record). */
export function batchCount(rows: number, batchRows: number): number {
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError('batchRows must be a whole number ≥ 1');
  return Math.ceil(Math.max(0, rows) / batchRows);
}
