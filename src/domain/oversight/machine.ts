/**
 * A state machine declared as data (STYLE.md §5): a list of legal transitions; anything not listed
 * is refused with ILLEGAL_TRANSITION naming the state and the action in both languages.
 */
export interface Rule<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
  /** The article the transition implements. */
  article: string;
}

export type Words = { zh: string; en: string };

export type TransitionResult<S> =
  | { ok: true; to: S }
  | { ok: false; error: { code: 'ILLEGAL_TRANSITION' | 'TEXT_REQUIRED'; zh: string; en: string } };

export interface Machine<S extends string, A extends string> {
  what: Words;
  rules: readonly Rule<S, A>[];
  states: { readonly [K in S]: Words };
  actions: { readonly [K in A]: Words };
  /** Actions that need a text (a reason, a comment, a summary) — blank is refused. */
  needsText?: { readonly [K in A]?: Words };
}

export function transition<S extends string, A extends string>(m: Machine<S, A>, from: S, action: A, text?: string): TransitionResult<S> {
  const rule = m.rules.find((r) => r.action === action && r.from.includes(from));
  if (!rule) {
    const s = m.states[from];
    const a = m.actions[action];
    return {
      ok: false,
      error: { code: 'ILLEGAL_TRANSITION', zh: `「${s.zh}」的${m.what.zh}不能${a.zh}`, en: `Cannot ${a.en.toLowerCase()} a ${m.what.en} that is ${s.en.toLowerCase()}` },
    };
  }
  const need = m.needsText?.[action];
  if (need && (text === undefined || text.trim() === '')) return { ok: false, error: { code: 'TEXT_REQUIRED', ...need } };
  return { ok: true, to: rule.to };
}

/** The actions possible from a state (buttons in the UI); texts assumed given. */
export function availableActions<S extends string, A extends string>(m: Machine<S, A>, from: S): A[] {
  return m.rules.filter((r) => r.from.includes(from)).map((r) => r.action);
}
