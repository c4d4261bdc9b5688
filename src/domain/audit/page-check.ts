/**
 * A block of the sealed audit chain, checked record by record (security rules §17 日志审计): each
 * record's stored hash against the hash of its canonical content and stored prev_hash — exactly what
 * hashMatches decides — leaving only the links (position, id, prev_hash, hash) for the chain walker.
 *
 * A block arrives as PostgreSQL's COPY text (domain/exchange/copy-text.ts), one record per line in
 * SEALED_FIELDS order, as chain-rows.ts streams it: bytes a worker thread receives for the price of
 * a copy, so a full verification decodes, canonicalises and hashes on every core
 * (modules/audit/page-checkers.ts) instead of building row objects on one.
 */
import { createHash } from 'node:crypto';
import { decodeCopyLines, type CopyField } from '../exchange/copy-text.ts';
import { CanonicalFormError, atFromEpochMicros, canonicalAuditContent, namedAlgorithm, type AuditContent } from './canonical.ts';
import type { ChainLink } from './chain-walk.ts';

/** The columns of a record in a block, in order (chain-rows.ts selects them so). */
export const SEALED_FIELDS = [
  'seal_seq', 'id', 'at_us', 'actor_type', 'actor_id', 'actor_name', 'org_id', 'action', 'target_type', 'target_id',
  'outcome', 'ip', 'request_id', 'detail', 'prev_hash', 'hash',
] as const;

/** A checked block: the records' links in order, and whether each one's content matches its hash. */
export interface CheckedPage {
  seq: number[];
  id: number[];
  prevHash: (string | null)[];
  hash: string[];
  /** 1: the stored hash is `<alg>:<hex>` of the content and prev_hash; 0: it is not. */
  ok: Uint8Array;
}

export function checkCopyBlock(block: Uint8Array): CheckedPage {
  return checkRecords(decodeCopyLines(Buffer.from(block.buffer, block.byteOffset, block.byteLength)));
}

export function checkRecords(rows: readonly CopyField[][]): CheckedPage {
  const page: CheckedPage = { seq: [], id: [], prevHash: [], hash: [], ok: new Uint8Array(rows.length) };
  for (let i = 0; i < rows.length; i++) {
    // Another number of columns means the reader and this check disagree: no verdict can be trusted.
    if (rows[i]!.length !== SEALED_FIELDS.length) throw new Error(`audit block row ${i + 1} has ${rows[i]!.length} columns, not ${SEALED_FIELDS.length}`);
    const [seq, id, atUs, actorType, actorId, actorName, orgId, action, targetType, targetId, outcome, ip, requestId, detail, prevHash, hash] = rows[i]!;
    const stored = hash ?? '';
    page.seq.push(Number(seq));
    page.id.push(Number(id));
    page.prevHash.push(prevHash ?? null);
    page.hash.push(stored);
    const alg = namedAlgorithm(stored);
    if (!alg || stored.length !== alg.length + 65) continue;
    let canonical: string;
    try {
      const content: AuditContent = {
        id: Number(id), at: atFromEpochMicros(Number(atUs)), actorType: actorType!, actorId: actorId!, actorName: actorName!, orgId: orgId!,
        action: action!, targetType: targetType!, targetId: targetId!, outcome: outcome!, ip: ip!, requestId: requestId!, detail: detail!,
      };
      canonical = canonicalAuditContent(prevHash ?? null, content);
    } catch (err) {
      if (err instanceof CanonicalFormError) continue; // an id or instant no record can have: not what was hashed
      throw err;
    }
    // `<alg>:` is settled by namedAlgorithm; the rest must be exactly the digest (as hashMatches compares).
    page.ok[i] = stored.endsWith(createHash(alg).update(canonical, 'utf8').digest('hex')) ? 1 : 0;
  }
  return page;
}

/** The block's records as the walker takes them, with their content verdicts. */
export function* pageLinks(page: CheckedPage): Generator<[ChainLink, boolean]> {
  for (let i = 0; i < page.seq.length; i++) {
    yield [{ seq: page.seq[i]!, id: page.id[i]!, prevHash: page.prevHash[i]!, hash: page.hash[i]! }, page.ok[i] === 1];
  }
}
