/**
 * The sync process of the table-exchange benchmark: runs one queued sync run with the real runner
 * (as the job worker or `gdx sync run` would) and reports its time and its own peak RSS, so the
 * memory figure is the sync's alone, not the benchmark's.
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.ts';
import { FrontDbs } from '../src/modules/delivery/front-db.ts';
import { SyncRunner } from '../src/modules/exchange/engine.ts';
import { platformKeyFrom } from '../src/modules/security/secret-box.ts';

process.once('message', async (m: { url: string; key: string; runId: string }) => {
  try {
    const open = await openDatabase({ kind: 'postgres', url: m.url, poolSize: 4 });
    // A job worker's pool is connected before a run is claimed: so is this one.
    await sql`SELECT 1`.execute(open.db);
    const platformKey = platformKeyFrom(Buffer.from(m.key, 'base64'));
    const fronts = new FrontDbs({ db: open.db, platformKey, platformUrl: m.url });
    // Where the memory is, sampled: V8 heap vs Buffers (COPY text) vs the rest of the process.
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
    const run = await new SyncRunner({ db: open.db, platformKey, fronts }).execute(m.runId);
    const ms = performance.now() - started;
    clearInterval(sampler);
    await fronts.close();
    await open.close();
    process.send!({ result: { status: run.status, mode: run.mode, rows: run.rows_done, error: run.error_en, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, rssBeforeMiB, sampled: peak } });
  } catch (err) {
    process.send!({ error: String((err as Error).stack ?? err) });
  }
});
