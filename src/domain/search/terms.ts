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

/**
 * Abbreviations everyone uses for a department that are no fragment of its full or short name, so
 * no bigram finds them: 发改委 (发改, 改委) is in neither 晋城市发展和改革委员会 nor 市发展改革委.
 * Only the few that are standard across government (国家发改委, 市监局) and name one kind of
 * department; a short name that is itself the common form (市交通局, 市卫健委) needs no entry here.
 */
const DEPARTMENT_ABBREVIATIONS: ReadonlyArray<readonly [fragment: string, abbreviation: string]> = [
  ['发展和改革委员会', '发改委'],
  ['发展改革委', '发改委'],
  ['市场监督管理局', '市监局'],
  ['市场监管局', '市监局'],
];

/**
 * What a department is called, for the index: its full name (晋城市发展和改革委员会), the short name
 * the gazette and users write (市发展改革委) and the abbreviations of its name (发改委), each its own
 * run so no bigram straddles two of them.
 */
export function departmentNames(name: string, shortName: string): string {
  const names = new Set([name, shortName]);
  for (const [fragment, abbreviation] of DEPARTMENT_ABBREVIATIONS) {
    if (name.includes(fragment) || shortName.includes(fragment)) names.add(abbreviation);
  }
  return [...names].join(' ');
}
