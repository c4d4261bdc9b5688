/**
 * Where a full verification checks its pages (security rules §17): parsing, canonicalising and
 * hashing a million records is nearly all of the work, so it runs in worker threads — one per core
 * but one, as the database and this thread (which walks the links) need the rest — each page to the
 * next worker in turn, the answers taken back in page order. A chain of a few pages is checked
 * right here: starting a worker (it loads the TypeScript page check) costs more than such a chain.
 * Either way it is the same function, page-check.ts's checkPage.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkPage, type CheckedPage } from '../../domain/audit/page-check.ts';

/** Below this many pages (of 2,000 records) a verification does not start workers. */
export const WORKER_PAGES = 25;

type Answer = { id: number; page?: CheckedPage; error?: string; ready?: boolean };

class PageWorker {
  private readonly worker = new Worker(new URL('./page-check-worker.mjs', import.meta.url));
  private readonly waiting = new Map<number, { resolve: (page: CheckedPage) => void; reject: (err: Error) => void }>();
  private failed: Error | undefined;

  constructor() {
    this.worker.on('message', (m: Answer) => {
      if (m.ready) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.page) w?.resolve(m.page);
      else w?.reject(new Error(`audit page check failed: ${m.error}`));
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`audit page worker exited (${code})`)));
  }

  check(id: number, text: string): Promise<CheckedPage> {
    if (this.failed) return Promise.reject(this.failed);
    const answer = new Promise<CheckedPage>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ id, text });
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
  private readonly workers: PageWorker[];
  private next = 0;

  /** `pages`: how many pages the verification will check (decides whether workers pay off). */
  constructor(pages: number, threads = Math.max(1, os.availableParallelism() - 1)) {
    this.workers = pages >= WORKER_PAGES ? Array.from({ length: threads }, () => new PageWorker()) : [];
  }

  /** The page checked; pages are answered in the order they were given, whichever worker took them. */
  check(text: string): Promise<CheckedPage> {
    if (this.workers.length === 0) return Promise.resolve().then(() => checkPage(text));
    const id = this.next++;
    const answer = this.workers[id % this.workers.length]!.check(id, text);
    answer.catch(() => undefined); // reaches whoever awaits it, never as an unhandled rejection meanwhile
    return answer;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
