/**
 * Where a full verification checks its blocks (security rules §17): decoding, canonicalising and
 * hashing a million records is nearly all of the work besides PostgreSQL's, so it runs in worker
 * threads, one per core up to MAX_WORKERS — each block to the next worker in turn, the answers taken back in block
 * order — while this thread only cuts the COPY stream into blocks and walks the links. Each worker
 * runs page-check.ts's checkCopyBlock, the one check.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CheckedPage } from '../../domain/audit/page-check.ts';

/**
 * One PostgreSQL backend writes a COPY at ~200,000 records/s and a worker checks ~140,000/s: more than
 * a few workers would wait, each holding its own copy of the loaded check.
 */
export const MAX_WORKERS = 4;

type Answer = { id: number; page?: CheckedPage; error?: string };

class BlockWorker {
  private readonly worker = new Worker(new URL('./page-check-worker.mjs', import.meta.url));
  private readonly waiting = new Map<number, { resolve: (page: CheckedPage) => void; reject: (err: Error) => void }>();
  private failed: Error | undefined;

  constructor() {
    this.worker.on('message', (m: Answer) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.page) w?.resolve(m.page);
      else w?.reject(new Error(`audit page check failed: ${m.error}`));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`audit page worker exited (${code})`)));
  }

  check(id: number, block: Uint8Array): Promise<CheckedPage> {
    if (this.failed) return Promise.reject(this.failed);
    const answer = new Promise<CheckedPage>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, block });
    return answer;
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export class PageCheckers {
  private readonly workers: BlockWorker[];
  private next = 0;

  constructor(threads = Math.min(os.availableParallelism(), MAX_WORKERS)) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => new BlockWorker());
  }

  /** The block checked; blocks are answered in the order they were given, whichever worker took them. */
  check(block: Uint8Array): Promise<CheckedPage> {
    const id = this.next++;
    const answer = this.workers[id % this.workers.length]!.check(id, block);
    answer.catch(() => undefined); // reaches whoever awaits it, never as an unhandled rejection meanwhile
    return answer;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
