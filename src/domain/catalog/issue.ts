/**
 * A finding about a catalog entry — the shape every catalog rule returns (validation, 一数一源).
 * `field` is a JSON path into the entry body (`items[2].masking`, `shareScope`, `category.item`) so
 * the web form and the Excel import can point at the exact cell. `article` cites the regulation:
 * `§N` is the data-sharing rules, `Sec §N` the data-security rules (as in DESIGN.md).
 */
export type IssueLevel = 'error' | 'warning';

export interface Issue {
  level: IssueLevel;
  code: string;
  field: string;
  zh: string;
  en: string;
  article: string;
}

/** Errors block submission for review; warnings are shown but do not block. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.level === 'error');
}
