/**
 * A PGlite data directory is opened by one process at a time: `gdx sync run` (or any gdx command)
 * next to the running server is refused with a bilingual message instead of writing the same files
 * from a second copy of the database; a lock left by a process that is gone is taken over.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from './connect.ts';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

describe('PGlite data directory lock', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'gdx-lock-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('refuses a second open of a directory while the first is open, and allows it after close', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'db') });
    await assert.rejects(openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'db') }), (err: unknown) => {
      assert.ok(err instanceof DataDirInUseError);
      assert.match(err.message, /嵌入式数据库同一时间只能由一个进程打开/);
      assert.match(err.message, /serves one process at a time/);
      return true;
    });
    await first.close();
    const again = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'db') });
    await again.close();
  });

  it('refuses while another live process on this host holds the lock', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const d = path.join(dir, 'held');
      await lockDataDir(d).then((release) => release());
      await writeFile(path.join(d, LOCK_FILE), `${other.pid}\n${hostname()}\n`);
      await assert.rejects(lockDataDir(d), (err: unknown) => err instanceof DataDirInUseError && err.pid === other.pid);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process is gone, or which this pid left in an earlier life', async () => {
    for (const [name, pid] of [['gone', 2 ** 22 + 12345], ['self', process.pid]] as const) {
      const d = path.join(dir, name);
      await lockDataDir(d).then((release) => release());
      await writeFile(path.join(d, LOCK_FILE), `${pid}\n${hostname()}\n`);
      const release = await lockDataDir(d);
      assert.equal((await readFile(path.join(d, LOCK_FILE), 'utf8')).split('\n')[0], String(process.pid));
      await release();
    }
  });
});
