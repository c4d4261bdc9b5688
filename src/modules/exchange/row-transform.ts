/**
 * Source row → target row, at COPY speed: the grant's masking compiled once per run (the same
 * maskValue rules projectAndMask applies, without rebuilding options for every value) and the row
 * key. Semantics are projectAndMask's: exactly the granted fields, each by its plan; a field
 * without a plan was never granted and stops the run rather than pass unmasked.
 */
import { createHash, type Hash } from 'node:crypto';
import type { CopyField } from '../../domain/exchange/copy-text.ts';
import { MaskingError } from '../../domain/policy/errors.ts';
import { maskValue } from '../../domain/policy/masking.ts';
import type { SyncContext } from './context.ts';

export type Masker = (texts: readonly CopyField[], offset: number) => CopyField[];

export function compileMasker(ctx: Pick<SyncContext, 'columns' | 'masking' | 'salt'>): Masker {
  const steps = ctx.columns.map((c) => {
    const plan = ctx.masking.get(c.item);
    if (!plan) throw new MaskingError('field_not_granted', `数据项 ${c.item} 不在授权范围内`, `field ${c.item} is not granted`);
    if (plan.rule === 'none') return null;
    const opts = { ...(plan.param !== undefined && { param: plan.param }), salt: ctx.salt, algorithm: 'sha256' as const };
    // Configuration errors (a rule without N, no salt) surface now, before any row moves.
    maskValue(null, plan.rule, opts);
    return (v: string) => {
      const m = maskValue(v, plan.rule, opts);
      return m === null || m === undefined ? null : String(m);
    };
  });
  return (texts, offset) => steps.map((step, i) => {
    const v = texts[offset + i] ?? null;
    return v === null || !step ? v : step(v);
  });
}

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
