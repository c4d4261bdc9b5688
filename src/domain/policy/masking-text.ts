/**
 * The generic 保留前N位 / 保留后N位 / 保留首尾N位 rules (keep_first, keep_last, keep_first_last).
 *
 * Counted in Unicode code points, not UTF-16 units, so a Chinese character or a character outside
 * the BMP (𠮷, emoji) is one position and is never cut in half into a lone surrogate.
 *
 * Why the cap: N is set once per data item, but values vary in length; "keep first 4" on a 5-char
 * value would reveal almost all of it. Whatever N says, at most floor(length / 2) characters are
 * revealed, so at least half of every value stays hidden (security rules §25 数据加工: 脱敏 must
 * keep the data from leaking). A 1-char value is fully masked; a 2-char value shows one character.
 * The masked output keeps the value's length (one '*' per hidden code point), as the common
 * 138****5678 forms do; rules that must not leak length are `redact`, `hash` and `null`.
 */

export const MASK_CHAR = '*';

/** What `redact` (and every pattern rule that cannot recognise its input) returns: constant width. */
export const REDACTED = '***';

export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** The most characters any keep_* rule may reveal in a value of `length` code points. */
export function revealBudget(length: number): number {
  return Math.floor(length / 2);
}

function stars(n: number): string {
  return MASK_CHAR.repeat(Math.max(0, n));
}

/** Reveal `first` leading and `last` trailing code points, mask the rest. */
export function revealEnds(s: string, first: number, last: number): string {
  const cps = codePoints(s);
  const hidden = cps.length - first - last;
  return cps.slice(0, first).join('') + stars(hidden) + cps.slice(cps.length - last).join('');
}

export function keepFirst(s: string, n: number): string {
  const len = codePoints(s).length;
  return revealEnds(s, Math.min(n, revealBudget(len)), 0);
}

export function keepLast(s: string, n: number): string {
  const len = codePoints(s).length;
  return revealEnds(s, 0, Math.min(n, revealBudget(len)));
}

/**
 * First and last N; when the cap bites, the budget is split with the odd character going to the
 * front (the leading characters of codes — region, registration authority — are the less
 * identifying end).
 */
export function keepFirstLast(s: string, n: number): string {
  const len = codePoints(s).length;
  const budget = Math.min(2 * n, revealBudget(len));
  const first = Math.min(n, Math.ceil(budget / 2));
  return revealEnds(s, first, budget - first);
}
