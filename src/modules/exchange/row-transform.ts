/**
 * Source rows → target rows, at COPY speed. The source's COPY text lines are rewritten into the
 * target's (gdx_key, gdx_gen, items…) lines byte for byte: an unmasked granted item is passed through
 * in its COPY text form, never decoded or re-encoded; only masked items (and a hashed key) are
 * decoded, masked by the same rules projectAndMask applies (compiled once per run: compileMask), and
 * escaped again. Semantics are projectAndMask's: exactly the granted fields, each by its plan; a field
 * without a plan was never granted and stops the run rather than pass unmasked (security rules §25, §27).
 */
import { createHash, type Hash } from 'node:crypto';
import { setImmediate as ioTurn } from 'node:timers/promises';
import { decodeCopyField, encodeCopyField, scanCopyLine, type CopyField, type CopyLines } from '../../domain/exchange/copy-text.ts';
import { MaskingError } from '../../domain/policy/errors.ts';
import { compileMask } from '../../domain/policy/masking.ts';
import type { SyncContext } from './context.ts';
import type { SourceLayout } from './source.ts';

type MaskStep = (v: string) => CopyField;

function compileMaskSteps(ctx: Pick<SyncContext, 'columns' | 'masking' | 'salt'>): Array<MaskStep | null> {
  return ctx.columns.map((c) => {
    const plan = ctx.masking.get(c.item);
    if (!plan) throw new MaskingError('field_not_granted', `数据项 ${c.item} 不在授权范围内`, `field ${c.item} is not granted`);
    if (plan.rule === 'none') return null;
    // Configuration errors (a rule without N, no salt) surface now, before any row moves.
    const mask = compileMask(plan.rule, { ...(plan.param !== undefined && { param: plan.param }), salt: ctx.salt, algorithm: 'sha256' });
    return (v: string) => {
      const m = mask(v);
      return m === null || m === undefined ? null : String(m);
    };
  });
}

/** One batch shaped for the target: its COPY text and what the checkpoint and the access record need. */
export interface ShapedBatch {
  /** Target lines (gdx_key, gdx_gen, items…) of the rows in scope. */
  copy: Buffer;
  rows: number;
  /** gdx_keys of rows that left the scope (incremental passes). */
  deletes: string[];
  /** Bytes of the granted items delivered (COPY text, separators included). */
  bytes: number;
  /** The last source row's key and change value: the checkpoint after this batch. */
  lastKey: string[];
  lastChange: string | null;
}

export type BatchShaper = (lines: CopyLines, generation: number) => Promise<ShapedBatch>;

/**
 * Rows shaped between two turns of the event loop. A batch is shaped while the previous one is being
 * written: shaping it in one piece would hold back the writer's replies (BEGIN, COPY, COMMIT) for as
 * long, and the target would sit idle.
 */
const ROWS_PER_TURN = 500;

/** Compiles the grant's shaping of source lines laid out as `layout` (keys, [change, in scope], items). */
export function compileBatchShaper(ctx: Pick<SyncContext, 'columns' | 'masking' | 'salt' | 'keyColumns'>, layout: SourceLayout): BatchShaper {
  const steps = compileMaskSteps(ctx);
  const rowKey = compileRowKey(ctx);
  const passKey = ctx.keyColumns.length === 1 && ctx.columns.some((c) => c.source === ctx.keyColumns[0] && c.rule === 'none');
  const firstItem = layout.keys + (layout.change ? 2 : 0);
  const masked = steps.flatMap((step, i) => (step ? [[firstItem + i, step] as const] : []));

  return async ({ text, rows }, generation) => {
    // Field boundaries of the current line, per call: shaping yields to the event loop midway.
    const ends = new Int32Array(firstItem + layout.items);
    const fieldStart = (lineStart: number, f: number) => (f === 0 ? lineStart : ends[f - 1]! + 1);
    const keysOf = (lineStart: number) => {
      const keys: CopyField[] = [];
      for (let f = 0; f < layout.keys; f++) keys.push(decodeCopyField(text, fieldStart(lineStart, f), ends[f]!));
      return keys;
    };
    const gen = Buffer.from(`\t${generation}\t`);
    // Masked values may grow (a hash is longer than a name); grown on demand below.
    let out = Buffer.allocUnsafe(text.length + rows * (64 + gen.length) + 1024);
    let at = 0;
    const room = (n: number) => {
      if (at + n <= out.length) return;
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, at + n));
      out.copy(bigger, 0, 0, at);
      out = bigger;
    };
    const deletes: string[] = [];
    let kept = 0;
    let bytes = 0;
    let lastKey: CopyField[] = [];
    let lastChange: CopyField = null;
    for (let line = 0, n = 0; n < rows; n++) {
      if (n && n % ROWS_PER_TURN === 0) await ioTurn();
      const end = scanCopyLine(text, line, ends);
      if (n === rows - 1) {
        lastKey = keysOf(line);
        lastChange = layout.change ? decodeCopyField(text, ends[layout.keys - 1]! + 1, ends[layout.keys]!) : null;
      }
      // An incremental pass reads rows that left the scope too: those are deleted, never delivered.
      if (layout.change && !isTrue(text, ends[layout.keys]! + 1, ends[layout.keys + 1]!)) {
        deletes.push(rowKey(keysOf(line)));
        line = end + 1;
        continue;
      }
      room(end + 1 - line + 64 + gen.length);
      if (passKey) at = copyBytes(text, out, at, line, ends[0]!);
      else at += out.write(rowKey(keysOf(line)), at, 'latin1');
      at = copyBytes(gen, out, at, 0, gen.length);
      const itemsAt = at;
      let from = fieldStart(line, firstItem);
      for (const [f, step] of masked) {
        const s = fieldStart(line, f);
        const e = ends[f]!;
        at = copyBytes(text, out, at, from, s);
        const v = decodeCopyField(text, s, e);
        const m = encodeCopyField(v === null ? null : step(v));
        room(m.length * 3 + (end + 1 - e));
        at = writeText(m, out, at);
        from = e;
      }
      at = copyBytes(text, out, at, from, end + 1);
      bytes += at - itemsAt;
      kept++;
      line = end + 1;
    }
    return { copy: out.subarray(0, at), rows: kept, deletes, bytes, lastKey: lastKey as string[], lastChange };
  };
}

/**
 * Bytes [from, to) of `src` into `dst` at `at`; answers the new end. Most pieces of a row are a few
 * bytes (a generation, the run between two masked fields), where a byte loop beats Buffer#copy's
 * call into C++ — which dominated shaping when called six times a row.
 */
function copyBytes(src: Buffer, dst: Buffer, at: number, from: number, to: number): number {
  if (to - from > 32) return at + src.copy(dst, at, from, to);
  for (let i = from; i < to; i++) dst[at++] = src[i]!;
  return at;
}

/** A masked value written as UTF-8 at `at`; ASCII (most masks: 身份证号, 手机号, hashes) without a call into C++. */
function writeText(value: string, dst: Buffer, at: number): number {
  const n = value.length;
  if (n <= 32) {
    let i = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c > 0x7f) break;
      dst[at + i] = c;
    }
    if (i === n) return at + n;
  }
  return at + dst.write(value, at, 'utf8');
}

/** Whether bytes [s, e) are `true` (the in-scope flag as COPY writes a boolean). */
const isTrue = (text: Buffer, s: number, e: number) => e - s === 4 && text[s] === 0x74 && text[s + 1] === 0x72 && text[s + 2] === 0x75 && text[s + 3] === 0x65;

/**
 * gdx_key, the synced row's identity. When the record key is one granted, unmasked item it is that
 * value (it reveals nothing the row does not show). Otherwise HMAC-SHA256 under the grant's salt of
 * the key values: stable and joinable inside the grant, revealing no ungranted or masked key. The
 * HMAC's inner and outer states are prepared once and copied per row (same result as createHmac).
 */
export function compileRowKey(ctx: Pick<SyncContext, 'keyColumns' | 'columns' | 'salt'>): (keys: readonly CopyField[]) => string {
  const only = ctx.keyColumns.length === 1 ? ctx.columns.find((c) => c.source === ctx.keyColumns[0] && c.rule === 'none') : undefined;
  if (only) return (keys) => keys[0] as string;
  const block = Buffer.alloc(64);
  (ctx.salt.length > 64 ? createHash('sha256').update(ctx.salt).digest() : ctx.salt).copy(block);
  const pad = (x: number): Hash => createHash('sha256').update(Buffer.from(block.map((b) => b ^ x)));
  const [inner, outer] = [pad(0x36), pad(0x5c)];
  return (keys) => outer.copy().update(inner.copy().update(`gdx/row-key\n${keys.join('\u0000')}`).digest()).digest('hex');
}
