/**
 * The signed archive file of one month of the audit trail (retention ≥ 6 months, security rules §17):
 * JSON Lines — a header, one line per record in seal order (every hashed field, exactly as hashed),
 * and a trailer whose manifest (record count, seal-position ranges, the hash ending each range and the
 * SHA-256 of all preceding bytes) is signed with the platform's Ed25519 audit key. Checkable offline
 * with nothing but the file and the public key (`gdx audit verify-archive`).
 *
 * A month's seal positions are usually one range; a record written just before midnight but committed
 * after the next month's first record was sealed makes a second one. Links are checked within each
 * range; the hash ending each range lets the database (or the next archive) continue the chain.
 */
import { hashMatches, type AuditContent } from './canonical.ts';
import type { ChainRecord } from './chain-walk.ts';
import { ARCHIVE_TAG, verifyMessage } from './signing.ts';

export interface ArchiveHeader {
  format: typeof ARCHIVE_TAG;
  month: string;
  createdAt: string;
  keyId: string;
  publicKey: string;
}

export interface ArchiveManifest {
  month: string;
  records: number;
  /** Inclusive [from, to] seal-position ranges, ascending. */
  seqRanges: Array<[number, number]>;
  /** Hash of the record ending each range, keyed by its position. */
  endHashes: Record<string, string>;
  /** Hex SHA-256 of every byte before the trailer line. */
  sha256: string;
}

export interface ArchiveTrailer {
  manifest: ArchiveManifest;
  signature: string;
}

/** The exact bytes an archive signature covers. */
export function archiveMessage(m: ArchiveManifest, keyId: string): string {
  return JSON.stringify([ARCHIVE_TAG, m.month, m.records, m.seqRanges, m.endHashes, m.sha256, keyId]);
}

const FIELDS: ReadonlyArray<keyof ChainRecord> = [
  'seq', 'id', 'at', 'actorType', 'actorId', 'actorName', 'orgId', 'action', 'targetType', 'targetId',
  'outcome', 'ip', 'requestId', 'detail', 'prevHash', 'hash',
];

export function recordLine(r: ChainRecord): string {
  return JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, r[f]])));
}

/** Builds the ranges and end hashes while records stream out in seal order. */
export class RangeTracker {
  readonly seqRanges: Array<[number, number]> = [];
  readonly endHashes: Record<string, string> = {};
  records = 0;

  add(seq: number, hash: string): void {
    const last = this.seqRanges[this.seqRanges.length - 1];
    if (last && seq === last[1] + 1) {
      delete this.endHashes[String(last[1])];
      last[1] = seq;
    } else {
      this.seqRanges.push([seq, seq]);
    }
    this.endHashes[String(seq)] = hash;
    this.records++;
  }
}

export interface ArchiveCheck {
  ok: boolean;
  month?: string;
  records: number;
  keyId?: string;
  /** The first problem found, in both languages. */
  problem?: { line: number; zh: string; en: string };
}

/**
 * Checks an archive line by line (bounded memory): header, each record's hash, links within each
 * range, month of each record, then the manifest against what was read and its signature against
 * the public key — the file's own, or `pinnedPublicKey` (recommended: the published key).
 */
export class ArchiveChecker {
  private header: ArchiveHeader | undefined;
  private readonly tracker = new RangeTracker();
  private lastSeq = 0;
  private lastHash: string | null = null;
  private lineNo = 0;
  private trailer: ArchiveTrailer | undefined;
  private problem: ArchiveCheck['problem'];

  constructor(private readonly opts: { pinnedPublicKey?: string; monthOf: (at: string) => string }) {}

  /** One line without its newline; `digestSoFar` is the SHA-256 of all bytes before this line. */
  line(text: string, digestSoFar: () => string): boolean {
    if (this.problem) return false;
    this.lineNo++;
    if (this.trailer) return this.fail('文件在签名尾行之后还有内容', 'content after the signed trailer');
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return this.fail('不是有效的 JSON 行', 'not a JSON line');
    }
    if (!this.header) {
      if (value.format !== ARCHIVE_TAG) return this.fail(`不是审计归档文件（应为 ${ARCHIVE_TAG}）`, `not an audit archive (expected ${ARCHIVE_TAG})`);
      this.header = value as unknown as ArchiveHeader;
      return true;
    }
    if ('manifest' in value) {
      this.trailer = value as unknown as ArchiveTrailer;
      return this.checkTrailer(digestSoFar());
    }
    return this.checkRecord(value as unknown as ChainRecord);
  }

  finish(): ArchiveCheck {
    if (!this.problem && !this.trailer) this.fail('文件不完整：缺少签名尾行', 'incomplete file: the signed trailer is missing');
    return {
      ok: !this.problem,
      records: this.tracker.records,
      ...(this.header ? { month: this.header.month, keyId: this.header.keyId } : {}),
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }

  private checkRecord(r: ChainRecord): boolean {
    const content = r as AuditContent;
    if (typeof r.seq !== 'number' || typeof r.hash !== 'string') return this.fail('记录行缺少位置或哈希', 'record line without position or hash');
    if (this.opts.monthOf(r.at) !== this.header!.month) {
      return this.fail(`记录 ${r.id} 不属于 ${this.header!.month}`, `record ${r.id} is not of ${this.header!.month}`);
    }
    if (!hashMatches(r.prevHash, content, r.hash)) {
      return this.fail(`第 ${r.seq} 条（记录 ${r.id}）的内容与其哈希不符`, `record ${r.id} at position ${r.seq} does not match its hash`);
    }
    if (r.seq <= this.lastSeq) return this.fail(`第 ${r.seq} 条位置重复或顺序错误`, `position ${r.seq} repeated or out of order`);
    if (r.seq === this.lastSeq + 1 && this.lastHash !== null && r.prevHash !== this.lastHash) {
      return this.fail(`第 ${r.seq} 条未接续第 ${this.lastSeq} 条`, `position ${r.seq} does not follow position ${this.lastSeq}`);
    }
    this.tracker.add(r.seq, r.hash);
    this.lastSeq = r.seq;
    this.lastHash = r.hash;
    return true;
  }

  private checkTrailer(digest: string): boolean {
    const { manifest, signature } = this.trailer!;
    const header = this.header!;
    const same = manifest.month === header.month && manifest.records === this.tracker.records
      && JSON.stringify(manifest.seqRanges) === JSON.stringify(this.tracker.seqRanges)
      && JSON.stringify(Object.entries(manifest.endHashes).sort()) === JSON.stringify(Object.entries(this.tracker.endHashes).sort());
    if (!same) return this.fail('签名清单与文件中的记录不符（记录被增删）', 'the signed manifest does not match the records (records added or removed)');
    if (manifest.sha256 !== digest) return this.fail('文件内容与签名清单的摘要不符', 'the file does not match the digest in its signed manifest');
    const key = this.opts.pinnedPublicKey ?? header.publicKey;
    if (!verifyMessage(key, archiveMessage(manifest, header.keyId), signature)) {
      return this.fail('签名无效（文件被篡改，或并非由该公钥签署）', 'invalid signature (the file was altered, or not signed by this public key)');
    }
    return true;
  }

  private fail(zh: string, en: string): false {
    this.problem ??= { line: this.lineNo, zh: `第 ${this.lineNo} 行：${zh}`, en: `line ${this.lineNo}: ${en}` };
    return false;
  }
}
