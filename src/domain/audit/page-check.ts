/**
 * One page of the sealed audit chain, checked record by record (security rules §17 日志审计): each
 * record's stored hash against the hash of its canonical content and stored prev_hash — exactly what
 * hashMatches decides — leaving only the links (position, id, prev_hash, hash) for the chain walker.
 *
 * A page arrives as text: one JSON array per record, "\n" between records (JSON never holds a raw
 * newline), in the field order of SEALED_PAGE_FIELDS, as PostgreSQL writes it (chain-rows.ts). Text
 * is what a worker thread receives cheaply, so a full verification parses, canonicalises and hashes
 * its pages on every core (modules/audit/page-checkers.ts) instead of one.
 */
import { createHash } from 'node:crypto';
import { CanonicalFormError, atFromEpochMicros, canonicalAuditContent, namedAlgorithm, type AuditContent } from './canonical.ts';
import type { ChainLink } from './chain-walk.ts';

/** The fields of a record in a page line, in order (the page SELECT writes them so). */
export const SEALED_PAGE_FIELDS = [
  'seq', 'id', 'atMicros', 'actorType', 'actorId', 'actorName', 'orgId', 'action', 'targetType', 'targetId',
  'outcome', 'ip', 'requestId', 'detail', 'prevHash', 'hash',
] as const;

type PageLine = [number, number, number, string, string | null, string | null, string | null, string, string | null, string | null,
  string, string | null, string | null, string, string | null, string | null];

/** A checked page: the records' links in order, and whether each one's content matches its hash. */
export interface CheckedPage {
  seq: number[];
  id: number[];
  prevHash: (string | null)[];
  hash: string[];
  /** 1: the stored hash is `<alg>:<hex>` of the content and prev_hash; 0: it is not. */
  ok: Uint8Array;
}

export function checkPage(text: string): CheckedPage {
  const lines = text === '' ? [] : text.split('\n');
  const page: CheckedPage = { seq: [], id: [], prevHash: [], hash: [], ok: new Uint8Array(lines.length) };
  for (let i = 0; i < lines.length; i++) {
    const [seq, id, atMicros, actorType, actorId, actorName, orgId, action, targetType, targetId, outcome, ip, requestId, detail, prevHash, hash] =
      JSON.parse(lines[i]!) as PageLine;
    const stored = hash ?? '';
    page.seq.push(seq);
    page.id.push(id);
    page.prevHash.push(prevHash);
    page.hash.push(stored);
    const alg = namedAlgorithm(stored);
    if (!alg || stored.length !== alg.length + 65) continue;
    let canonical: string;
    try {
      const content: AuditContent = {
        id, at: atFromEpochMicros(atMicros), actorType, actorId, actorName, orgId, action, targetType, targetId, outcome, ip, requestId, detail,
      };
      canonical = canonicalAuditContent(prevHash, content);
    } catch (err) {
      if (err instanceof CanonicalFormError) continue; // an id or instant no record can have: not what was hashed
      throw err;
    }
    // `<alg>:` is settled by namedAlgorithm; the rest must be exactly the digest (as hashMatches compares).
    page.ok[i] = stored.endsWith(createHash(alg).update(canonical, 'utf8').digest('hex')) ? 1 : 0;
  }
  return page;
}

/** The page's records as the walker takes them, with their content verdicts. */
export function* pageLinks(page: CheckedPage): Generator<[ChainLink, boolean]> {
  for (let i = 0; i < page.seq.length; i++) {
    yield [{ seq: page.seq[i]!, id: page.id[i]!, prevHash: page.prevHash[i]!, hash: page.hash[i]! }, page.ok[i] === 1];
  }
}
