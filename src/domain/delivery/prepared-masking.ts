/**
 * Per-grant prepared masking: what projectAndMask (row-policy.ts) does for one row, compiled once per
 * grant and field list into a plain loop — rules resolved, options built, configuration checked —
 * so the hot path of the data API does no per-value lookups or allocations beyond the answer itself.
 * Same output as projectAndMask then typedRow (the test holds them equal), same fail-closed rules
 * (security rules §25, §27): a field without a plan was never granted and throws at preparation.
 */
import { MaskingError } from '../policy/errors.ts';
import type { ItemType } from '../catalog/types.ts';
import type { HashAlgorithm, Salt } from '../policy/masking-hash.ts';
import { compileMask } from '../policy/masking.ts';
import { projectAndMask, type MaskingPlan } from '../policy/row-policy.ts';
import { jsonValue, typedRow } from '../policy/typed-values.ts';

export type RowProjection = (row: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export function prepareProjection(fields: readonly string[], masking: MaskingPlan, salt: Salt, opts: {
  algorithm?: HashAlgorithm;
  /** Item types: unmasked values then leave as JSON values of their type, as typedRow gives them. */
  types?: ReadonlyMap<string, ItemType>;
} = {}): RowProjection {
  const algorithm = opts.algorithm ?? 'sha256';
  const maskers = fields.map((f) => {
    const plan = masking.get(f);
    if (plan === undefined) throw new MaskingError('field_not_granted', `数据项 ${f} 不在授权范围内`, `field ${f} is not granted`);
    const type = opts.types?.get(f);
    if (plan.rule === 'none') {
      if (type === undefined) return undefined;
      const typed = type === 'integer' || type === 'decimal' ? numberValue(type) : (v: string | null) => jsonValue(type, v);
      return (v: unknown) => (typeof v === 'string' || v === null ? typed(v) : v);
    }
    // A misconfigured rule fails here, before any row, as projectAndMask fails on the first row.
    return compileMask(plan.rule, { ...(plan.param !== undefined && { param: plan.param }), salt, algorithm });
  });
  // A field named __proto__ cannot be assigned as an own property: keep the general path for it.
  if (fields.includes('__proto__')) {
    const unmasked = (f: string) => masking.get(f)?.rule === 'none';
    return (row) => typedRow(projectAndMask(row, fields, masking, salt, algorithm), opts.types ?? new Map(), unmasked);
  }
  const n = fields.length;
  return (row) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) {
      const f = fields[i]!;
      const v = Object.hasOwn(row, f) ? row[f] : null;
      const mask = maskers[i];
      out[f] = mask === undefined ? (v === undefined ? null : v) : mask(v);
    }
    return out;
  };
}

/** At most 15 digits: the JSON number (an IEEE double) carries the value exactly, and an integer is safe. */
const SHORT_NUMBER = { integer: /^[+-]?\d{1,15}$/, decimal: /^[+-]?(?=(?:\.?\d){1,15}$)\d+(?:\.\d+)?$/ };

/** jsonValue of a number item, without its general exactness check for the values that surely pass it. */
function numberValue(type: 'integer' | 'decimal') {
  const short = SHORT_NUMBER[type];
  return (v: string | null) => (v !== null && short.test(v) ? Number(v) : jsonValue(type, v));
}

/**
 * What is prepared per grant (its masking plan, its projections by field list), kept by a key of
 * everything it depends on — the grant (its items and conditions never change), the entry's
 * published version (its items' rules and types), the grading rule set's version (its default
 * masking) — so a new version, rule set or another grant never reuses a stale plan. Bounded, oldest dropped first. Liveness is never kept here: the grant is read per call.
 */
export class GrantPlans<T> {
  private readonly plans = new Map<string, T>();

  constructor(private readonly max = 500) {}

  get(key: string, build: () => T): T {
    let p = this.plans.get(key);
    if (!p) {
      p = build();
      if (this.plans.size >= this.max) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, p);
    }
    return p;
  }
}
