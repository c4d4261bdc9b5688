/**
 * Text normalisation shared by label lookup (Excel import) and 一数一源 matching (§15).
 *
 * Why: the same Chinese name arrives typed in many ways — full-width letters and brackets from an IME
 * (`（脱敏）` vs `(脱敏)`), stray spaces, trailing punctuation. Two strings that differ only in those
 * ways name the same thing, so we compare their normalised forms.
 */

/** NFKC (full-width → half-width), lower-case, then drop whitespace, punctuation and symbols. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}
