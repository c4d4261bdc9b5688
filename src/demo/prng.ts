/**
 * A tiny seeded PRNG so the demo world is the same on every machine and every run: the seeding code,
 * the tests and a developer's screenshots all see the same names, IDs and numbers for the same seed.
 * Not for anything security-related.
 */

/** mulberry32 — 32-bit state, good enough spread for demo data, trivially reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units: turns a string seed ('demo:population') into a 32-bit seed. */
export function hashSeed(seed: string | number): number {
  const s = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: string | number) {
    this.next = mulberry32(hashSeed(seed));
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Decimal in [min, max) rounded to `digits` places. */
  decimal(min: number, max: number, digits: number): number {
    const f = 10 ** digits;
    return Math.round((min + this.next() * (max - min)) * f) / f;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Pick by weight: [[value, weight], …]. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    const last = pairs[pairs.length - 1];
    if (!last) throw new Error('Rng.weighted: empty list');
    return last[0];
  }

  /** `n` distinct items (n ≤ items.length), in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** n decimal digits as a string (leading zeros kept). */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** A date (YYYY-MM-DD) uniformly between two dates, inclusive. */
  date(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    const day = 86_400_000;
    const d = a + this.int(0, Math.round((b - a) / day)) * day;
    return new Date(d).toISOString().slice(0, 10);
  }
}

/** Add days to a YYYY-MM-DD date (UTC arithmetic, no time zone drift). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Split `total` (in units of 10^-digits) into `parts` positive pieces that sum exactly to it — used
 * where the gazette gives a count and a total area and each generated row needs its own area.
 */
export function partition(rng: Rng, total: number, parts: number, digits: number): number[] {
  const f = 10 ** digits;
  const units = Math.round(total * f);
  if (parts < 1 || units < parts) throw new Error(`partition: cannot split ${total} into ${parts}`);
  // Random weights, skewed so a few zones are large and most are small, as real zones are.
  const weights = Array.from({ length: parts }, () => rng.float() ** 2 + 0.02);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => 1 + Math.floor(((units - parts) * w) / sum));
  let rest = units - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) out[i] = (out[i] as number) + 1;
  return out.map((u) => u / f);
}

/** Add whole years to a YYYY-MM-DD date; 29 February rolls to 1 March in non-leap years. */
export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}
