/**
 * One process at a time on a PGlite data directory. PGlite is PostgreSQL in one process with no
 * postmaster lock of its own: a second process opening the same directory (`gdx sync run` in a
 * terminal while `npm start` serves) gets its own copy in memory, writes the same files, and the
 * two overwrite each other — runs, access records (§38) and audit records of one of them vanish, a
 * synced table loses its checkpoint. The lock file names the holder; a holder that is gone (its pid
 * no longer runs on this host, or it was this pid in an earlier life, as in a restarted container)
 * is taken over.
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'gdx.lock';

export class DataDirInUseError extends Error {
  constructor(readonly dir: string, readonly pid: number) {
    super(`数据目录 ${dir} 正由进程 ${pid} 使用（如 npm start 启动的服务）：嵌入式数据库同一时间只能由一个进程打开。请先停止该进程，`
      + `或让服务与命令都连接 PostgreSQL 服务器（DATABASE_URL）。\n`
      + `the data directory ${dir} is in use by process ${pid} (e.g. the server of npm start): the embedded database serves one process `
      + `at a time. Stop that process first, or point both at a PostgreSQL server (DATABASE_URL).`);
  }
}

/** Directories this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The live holder of the lock file, if any. */
async function holder(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const [pidText, host] = text.split('\n');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || host !== hostname() || pid === process.pid) return undefined;
  return alive(pid) ? pid : undefined;
}

/** Takes the directory for this process; answers the release. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const resolved = path.resolve(dir);
  if (held.has(resolved)) throw new DataDirInUseError(resolved, process.pid);
  await mkdir(resolved, { recursive: true });
  const file = path.join(resolved, LOCK_FILE);
  const mine = `${process.pid}\n${hostname()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = await holder(file);
      // Taken over once; losing that race to another starting process means it holds the directory now.
      if (pid !== undefined || attempt > 0) throw new DataDirInUseError(resolved, pid ?? Number((await readFile(file, 'utf8').catch(() => '0')).split('\n')[0]));
      await unlink(file).catch(() => undefined);
    }
  }
  held.add(resolved);
  return async () => {
    held.delete(resolved);
    if ((await readFile(file, 'utf8').catch(() => '')) === mine) await unlink(file).catch(() => undefined);
  };
}
