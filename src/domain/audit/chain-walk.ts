/**
 * Walks the sealed audit chain in seal order and names the FIRST broken record and why (security
 * rules §17 日志审计; §38 全流程审计). Pure and streaming: records are pushed one at a time, memory is
 * bounded by the look-ahead window, so a million-record chain is checked without holding it.
 *
 * What a break means:
 * - content_changed: the record's stored hash is not the hash of its content and its prev_hash.
 * - missing: seal positions skip (a record deleted), not explained by an archived-and-dropped month.
 * - duplicate: two records claim one position (a copy, or a row inserted with a taken position).
 * - reordered: the record's predecessor appears later in the chain (positions swapped).
 * - forged: records that hash correctly but are not linked from the chain around them (inserted).
 * - link_broken: the record does not follow its predecessor and nothing nearby explains it — a
 *   record between them was removed and positions renumbered, or the chain was rewritten from here.
 * - checkpoint_mismatch / checkpoint_signature: a signed checkpoint disagrees with the chain, or its
 *   signature does not verify (the checkpoint itself was altered).
 * - truncated: a checkpoint vouches for more records than the chain now holds (the tail was cut).
 */
import { hashMatches, type AuditContent } from './canonical.ts';

/** What links a record into the chain: its position, id, and the hashes. */
export interface ChainLink {
  seq: number;
  id: number;
  prevHash: string | null;
  hash: string;
}

export interface ChainRecord extends AuditContent, ChainLink {}

/** A signed statement "the chain had `seq` records, the last hashing to `hash`" (signature checked by the caller). */
export interface CheckpointMark {
  id: number;
  seq: number;
  hash: string;
  signatureValid: boolean;
}

/** Seal positions removed on purpose: an archived month dropped after retention, with its last hash. */
export interface DroppedRange {
  from: number;
  to: number;
  lastHash: string;
}

export type BreakReason =
  | 'content_changed' | 'missing' | 'duplicate' | 'reordered' | 'forged' | 'link_broken'
  | 'checkpoint_mismatch' | 'checkpoint_signature' | 'truncated';

export interface ChainBreak {
  /** Seal position of the first bad record. */
  seq: number;
  /** The record at that position, when there is one (none for a missing record). */
  recordId: number | null;
  reason: BreakReason;
  checkpointId?: number;
  zh: string;
  en: string;
}

export interface WalkResult {
  ok: boolean;
  /** Records checked and found good (not counting dropped months). */
  verified: number;
  /** Seal position through which the chain is proven (0: none). */
  verifiedThrough: number;
  headHash: string | null;
  checkpointsVerified: number;
  lastCheckpointVerified?: { id: number; seq: number };
  firstBad?: ChainBreak;
}

/** How far ahead (and back) a link break is examined to tell reordering and forgery apart. */
export const DEFAULT_WINDOW = 4096;

interface Suspect {
  record: ChainLink;
  expected: string | null;
  ahead: ChainLink[];
}

export class ChainWalker {
  private expectedSeq = 1;
  private prev: string | null = null;
  private verified = 0;
  private verifiedThrough = 0;
  private checkpointsVerified = 0;
  private lastCheckpoint: { id: number; seq: number } | undefined;
  private firstBad: ChainBreak | undefined;
  private suspect: Suspect | undefined;
  /** The last `window` accepted hashes and positions, a ring (recentAt: the oldest slot once full), searched only on a break. */
  private readonly recentHashes: string[] = [];
  private readonly recentSeqs: number[] = [];
  private recentAt = 0;
  private readonly dropped: DroppedRange[];
  private readonly checkpoints: CheckpointMark[];
  private droppedAt = 0;
  private checkpointAt = 0;
  private readonly window: number;

  constructor(opts: { dropped?: DroppedRange[]; checkpoints?: CheckpointMark[]; window?: number } = {}) {
    this.dropped = [...(opts.dropped ?? [])].sort((a, b) => a.from - b.from);
    this.checkpoints = [...(opts.checkpoints ?? [])].sort((a, b) => a.seq - b.seq || a.id - b.id);
    this.window = opts.window ?? DEFAULT_WINDOW;
  }

  /**
   * Feeds the next record in seal order; false once the first break is known (stop reading).
   * `contentOk`: whether r.hash is the hash of r's content and r.prevHash, when the caller has
   * computed that already (the verifier hashes in a worker thread); otherwise it is computed here.
   */
  push(r: ChainRecord): boolean;
  push(r: ChainLink, contentOk: boolean): boolean;
  push(r: ChainLink | ChainRecord, contentOk?: boolean): boolean {
    if (this.firstBad) return false;
    if (this.suspect) {
      this.suspect.ahead.push(r);
      if (this.suspect.ahead.length >= this.window) this.classify();
      return !this.firstBad;
    }
    if (r.seq < this.expectedSeq) {
      return this.fail(r.seq, r.id, 'duplicate',
        `第 ${r.seq} 条位置重复：记录 ${r.id} 占用了已有记录的位置（复制或伪造）`,
        `position ${r.seq} is taken twice: record ${r.id} claims a position already held (copied or forged)`);
    }
    while (r.seq > this.expectedSeq) {
      if (!this.skipDropped()) {
        return this.fail(this.expectedSeq, null, 'missing',
          `缺少第 ${this.expectedSeq}–${r.seq - 1} 条记录（已被删除）`,
          `records ${this.expectedSeq}–${r.seq - 1} are missing (deleted)`);
      }
    }
    if (!(contentOk ?? hashMatches(r.prevHash, r as ChainRecord, r.hash))) {
      return this.fail(r.seq, r.id, 'content_changed',
        `第 ${r.seq} 条（记录 ${r.id}）的内容与其哈希不符：内容被修改`,
        `record ${r.id} at position ${r.seq} does not match its hash: its content was changed`);
    }
    if (r.prevHash !== this.prev) {
      this.suspect = { record: r, expected: this.prev, ahead: [] };
      return true;
    }
    this.accept(r);
    return !this.firstBad;
  }

  finish(): WalkResult {
    if (this.suspect) this.classify();
    if (!this.firstBad) {
      while (this.checkpointAt < this.checkpoints.length && this.checkpoints[this.checkpointAt]!.seq <= this.verifiedThrough) this.checkpointAt++;
      const beyond = this.checkpoints[this.checkpointAt];
      if (beyond) {
        this.fail(this.verifiedThrough + 1, null, 'truncated',
          `检查点 ${beyond.id} 证明共有 ${beyond.seq} 条记录，但链只到第 ${this.verifiedThrough} 条：末尾记录被删除`,
          `checkpoint ${beyond.id} vouches for ${beyond.seq} records but the chain ends at ${this.verifiedThrough}: its tail was removed`,
          beyond.id);
      }
    }
    return {
      ok: !this.firstBad,
      verified: this.verified,
      verifiedThrough: this.verifiedThrough,
      headHash: this.prev,
      checkpointsVerified: this.checkpointsVerified,
      ...(this.lastCheckpoint ? { lastCheckpointVerified: this.lastCheckpoint } : {}),
      ...(this.firstBad ? { firstBad: this.firstBad } : {}),
    };
  }

  private accept(r: ChainLink): void {
    this.prev = r.hash;
    this.expectedSeq = r.seq + 1;
    this.verified++;
    this.verifiedThrough = r.seq;
    this.remember(r.hash, r.seq);
    this.checkCheckpoints(r.seq, r.hash);
  }

  /** Steps over an archived-and-dropped range starting exactly at the expected position. */
  private skipDropped(): boolean {
    while (this.droppedAt < this.dropped.length && this.dropped[this.droppedAt]!.to < this.expectedSeq) this.droppedAt++;
    const range = this.dropped[this.droppedAt];
    if (!range || range.from !== this.expectedSeq) return false;
    this.droppedAt++;
    this.expectedSeq = range.to + 1;
    this.prev = range.lastHash;
    this.verifiedThrough = range.to;
    this.checkCheckpoints(range.to, range.lastHash);
    return !this.firstBad;
  }

  private checkCheckpoints(seq: number, hash: string): void {
    while (!this.firstBad && this.checkpointAt < this.checkpoints.length && this.checkpoints[this.checkpointAt]!.seq <= seq) {
      const cp = this.checkpoints[this.checkpointAt++]!;
      if (cp.seq < seq) continue; // inside a dropped month: its archive file carries the proof
      if (!cp.signatureValid) {
        this.fail(seq, null, 'checkpoint_signature',
          `检查点 ${cp.id}（第 ${seq} 条）的签名无效：检查点被篡改`,
          `checkpoint ${cp.id} (position ${seq}) has an invalid signature: the checkpoint was altered`, cp.id);
      } else if (cp.hash !== hash) {
        this.verifiedThrough = this.lastCheckpoint?.seq ?? 0; // consistent but rewritten: only the signed prefix is proven
        this.fail(seq, null, 'checkpoint_mismatch',
          `第 ${seq} 条的哈希与已签名检查点 ${cp.id} 不符：此前的链被改写`,
          `position ${seq} does not match signed checkpoint ${cp.id}: the chain up to it was rewritten`, cp.id);
      } else {
        this.checkpointsVerified++;
        this.lastCheckpoint = { id: cp.id, seq };
      }
    }
  }

  private remember(hash: string, seq: number): void {
    if (this.recentHashes.length < this.window) {
      this.recentHashes.push(hash);
      this.recentSeqs.push(seq);
      return;
    }
    this.recentHashes[this.recentAt] = hash;
    this.recentSeqs[this.recentAt] = seq;
    this.recentAt = (this.recentAt + 1) % this.window;
  }

  /** The position of a recently accepted hash (the latest, should it recur). */
  private recentSeqOf(hash: string): number | undefined {
    let found: number | undefined;
    this.recentHashes.forEach((h, i) => {
      if (h === hash && (found === undefined || this.recentSeqs[i]! > found)) found = this.recentSeqs[i];
    });
    return found;
  }

  /** A self-consistent record that does not follow its predecessor: decide what happened. */
  private classify(): void {
    const { record: r, expected, ahead } = this.suspect!;
    this.suspect = undefined;
    const laterIndex = ahead.findIndex((a) => a.hash === r.prevHash);
    if (laterIndex >= 0) {
      const later = ahead[laterIndex]!;
      this.fail(r.seq, r.id, 'reordered',
        `第 ${r.seq} 条（记录 ${r.id}）应在第 ${later.seq} 条（记录 ${later.id}）之后：记录顺序被调换`,
        `record ${r.id} at position ${r.seq} belongs after record ${later.id} at position ${later.seq}: records were reordered`);
      return;
    }
    const resume = ahead.find((a) => a.prevHash === expected);
    if (resume) {
      this.fail(r.seq, r.id, 'forged',
        `第 ${r.seq}–${resume.seq - 1} 条不在链中（链在第 ${resume.seq} 条继续）：记录系伪造插入`,
        `records at positions ${r.seq}–${resume.seq - 1} are not linked into the chain (it resumes at ${resume.seq}): they were inserted`);
      return;
    }
    const earlier = r.prevHash === null ? undefined : this.recentSeqOf(r.prevHash);
    if (earlier !== undefined && earlier < r.seq - 1) {
      this.fail(earlier + 1, null, 'forged',
        `第 ${earlier + 1}–${r.seq - 1} 条不在链中（第 ${r.seq} 条接在第 ${earlier} 条之后）：记录系伪造插入`,
        `records at positions ${earlier + 1}–${r.seq - 1} are not linked into the chain (position ${r.seq} follows ${earlier}): they were inserted`);
      this.verifiedThrough = earlier;
      return;
    }
    this.fail(r.seq, r.id, 'link_broken',
      `第 ${r.seq} 条（记录 ${r.id}）未接续第 ${r.seq - 1} 条：其间有记录被删除，或链从此处被改写`,
      `record ${r.id} at position ${r.seq} does not follow position ${r.seq - 1}: a record between them was removed, or the chain was rewritten from here`);
  }

  private fail(seq: number, recordId: number | null, reason: BreakReason, zh: string, en: string, checkpointId?: number): false {
    this.firstBad ??= { seq, recordId, reason, ...(checkpointId !== undefined ? { checkpointId } : {}), zh, en };
    return false;
  }
}

/** Convenience for arrays (tests, small exports). */
export function walkChain(records: Iterable<ChainRecord>, opts?: ConstructorParameters<typeof ChainWalker>[0]): WalkResult {
  const walker = new ChainWalker(opts);
  for (const r of records) if (!walker.push(r)) break;
  return walker.finish();
}
