/**
 * Checks records' content hashes in a worker thread (security rules §17 日志审计), so a full
 * verification hashes one page while the main thread reads and canonicalises the next: hashing is
 * most of a verification's work (SM3 in OpenSSL runs at ~100 MB/s).
 *
 * Exactness is unchanged: the canonical form still comes from canonicalAuditContent (the one
 * definition), only the digest is computed elsewhere, and the stored hash is compared whole with
 * `<alg>:<hex>` as hashMatches does.
 */
import { Worker } from 'node:worker_threads';
import { canonicalAuditContent, namedAlgorithm, type HashAlgorithm } from '../../domain/audit/canonical.ts';
import type { ChainRecord } from '../../domain/audit/chain-walk.ts';

/**
 * Plain JavaScript (no TypeScript loader in the worker). A message is one page: its canonical forms
 * joined by "\n" (JSON never holds a raw newline) and one letter per record naming the algorithm;
 * the answer is the hex digests back to back, 64 characters each.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');
const digest = crypto.hash ? (alg, text) => crypto.hash(alg, text, 'hex') : (alg, text) => crypto.createHash(alg).update(text, 'utf8').digest('hex');
const ALGS = { s: 'sm3', h: 'sha256' };
parentPort.on('message', ({ id, algs, text }) => {
  const lines = text.split('\\n');
  const out = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = ALGS[algs[i]] ? digest(ALGS[algs[i]], lines[i]) : '0'.repeat(64);
  parentPort.postMessage({ id, digests: out.join('') });
});`;

const LETTER: Record<HashAlgorithm, string> = { sm3: 's', sha256: 'h' };

export class ContentHasher {
  private readonly worker = new Worker(WORKER_SOURCE, { eval: true });
  private readonly waiting = new Map<number, { resolve: (digests: string) => void; reject: (err: Error) => void }>();
  private nextId = 0;

  constructor() {
    this.worker.on('message', ({ id, digests }: { id: number; digests: string }) => {
      this.waiting.get(id)?.resolve(digests);
      this.waiting.delete(id);
    });
    this.worker.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  /**
   * For each record, whether its stored hash is the hash of its content and stored prev_hash.
   * Canonicalises now (on the caller's thread), hashes in the worker.
   */
  check(records: readonly ChainRecord[]): Promise<boolean[]> {
    const algs: (HashAlgorithm | undefined)[] = new Array(records.length);
    const lines: string[] = new Array(records.length);
    let letters = '';
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const alg = namedAlgorithm(r.hash);
      algs[i] = alg;
      letters += alg ? LETTER[alg] : '-';
      lines[i] = alg ? canonicalAuditContent(r.prevHash, r) : '';
    }
    const id = this.nextId++;
    const digests = new Promise<string>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, algs: letters, text: lines.join('\n') });
    // `<alg>:` is checked by namedAlgorithm; the rest of the stored hash must be exactly the digest.
    const checked = digests.then((hex) => records.map((r, i) => {
      const alg = algs[i];
      return alg !== undefined && r.hash.length === alg.length + 65 && r.hash.endsWith(hex.slice(i * 64, i * 64 + 64));
    }));
    checked.catch(() => undefined); // a worker failure reaches whoever awaits it, never as an unhandled rejection
    return checked;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
