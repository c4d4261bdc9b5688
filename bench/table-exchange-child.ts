/**
 * The sync process of the table-exchange benchmark: a job worker's process, which runs the queued
 * sync runs it is sent one after another with the real runner (as the job worker or `gdx sync run`
 * would) — the full sync, then the incremental one, as a long-lived worker meets them — and reports
 * each run's time and memory, so the memory figures are the sync's alone, not the benchmark's.
 */
import { sql } from 'kysely';
import { openDatabase, type OpenDatabase } from '../src/db/connect.ts';
import { FrontDbs } from '../src/modules/delivery/front-db.ts';
import { SyncRunner } from '../src/modules/exchange/engine.ts';
import { platformKeyFrom } from '../src/modules/security/secret-box.ts';

let worker: { open: OpenDatabase; fronts: FrontDbs; runner: SyncRunner } | undefined;

process.on('message', async (m: { url: string; key: string; runId: string } | { close: true }) => {
  if ('close' in m) {
    await worker?.fronts.close();
    await worker?.open.close();
    process.exit(0);
  }
  try {
    if (!worker) {
      const open = await openDatabase({ kind: 'postgres', url: m.url, poolSize: 4 });
      // A job worker's pool is connected before a run is claimed: so is this one.
      await sql`SELECT 1`.execute(open.db);
      const platformKey = platformKeyFrom(Buffer.from(m.key, 'base64'));
      const fronts = new FrontDbs({ db: open.db, platformKey, platformUrl: m.url });
      worker = { open, fronts, runner: new SyncRunner({ db: open.db, platformKey, fronts }) };
    }
    // Where the memory is during this run, sampled: V8 heap vs Buffers (COPY text) vs the rest of the process.
    const peak = { heapUsedMiB: 0, arrayBuffersMiB: 0, rssMiB: 0 };
    const sample = () => {
      const u = process.memoryUsage();
      peak.heapUsedMiB = Math.max(peak.heapUsedMiB, u.heapUsed / 2 ** 20);
      peak.arrayBuffersMiB = Math.max(peak.arrayBuffersMiB, u.arrayBuffers / 2 ** 20);
      peak.rssMiB = Math.max(peak.rssMiB, u.rss / 2 ** 20);
    };
    const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
    const sampler = setInterval(sample, 50);
    const started = performance.now();
    const run = await worker.runner.execute(m.runId);
    const ms = performance.now() - started;
    clearInterval(sampler);
    sample();
    process.send!({ result: {
      status: run.status, mode: run.mode, rows: run.rows_done, error: run.error_en, ms, rssBeforeMiB, sampled: peak,
      // The process's peak so far: for its first run, that run's peak.
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    } });
  } catch (err) {
    process.send!({ error: String((err as Error).stack ?? err) });
  }
});
