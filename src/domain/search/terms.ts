/**
 * Chinese full-text terms for discovery (§27). Chinese has no spaces, and department users type
 * fragments of official names ("身份号码", "重点工程", "自行车"). Every run of Han characters is
 * indexed as its single characters and its overlapping bigrams (the CJK bigram scheme of Lucene's
 * CJKAnalyzer); a query's run becomes its bigrams ANDed, so any contiguous fragment of two or more
 * characters is found without a dictionary, on PGlite and PostgreSQL alike. Latin words and
 * numbers are kept whole, lower-cased, and matched by prefix. See docs/search.md for why bigrams
 * beat dictionary segmentation (Intl.Segmenter) on what users type.
 */

const HAN = /\p{Script=Han}+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

function hanRuns(text: string): string[] {
  return text.match(HAN) ?? [];
}

function latinWords(text: string): string[] {
  return (text.replace(HAN, ' ').match(WORD) ?? []).map((w) => w.toLowerCase());
}

function bigrams(run: string): string[] {
  const chars = [...run];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Index terms of a text: Han unigrams and bigrams, Latin words; deduplicated. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const run of hanRuns(text)) {
    for (const ch of run) terms.add(ch);
    for (const bg of bigrams(run)) terms.add(bg);
  }
  for (const w of latinWords(text)) terms.add(w);
  return [...terms];
}

export interface QueryTerm {
  term: string;
  prefix: boolean;
}

/**
 * Terms a document must all contain to match the query: bigrams of each Han run (the character
 * itself for a one-character run) and Latin words as prefixes.
 */
export function queryTerms(query: string): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  for (const run of hanRuns(query)) {
    const parts = [...run].length === 1 ? [run] : bigrams(run);
    for (const t of parts) terms.set(t, { term: t, prefix: false });
  }
  for (const w of latinWords(query)) terms.set(w, { term: w, prefix: true });
  return [...terms.values()];
}

/** A tsquery literal for queryTerms: each lexeme quoted, so no PostgreSQL parser re-tokenises it. */
export function toTsQuery(terms: readonly QueryTerm[]): string {
  return terms.map(({ term, prefix }) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`).join(' & ');
}
