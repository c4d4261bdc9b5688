/**
 * The platform key lives in a file outside the database (GDX_KEY_FILE, default `<GDX_DATA_DIR>/platform.key`),
 * so a copy of the database alone does not reveal the secrets sealed with it. Created on first
 * start with owner-only permissions; losing it means re-issuing every app secret.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { platformKeyFrom, type PlatformKey } from './secret-box.ts';

export async function loadPlatformKey(file: string, opts: { create: boolean }): Promise<{ key: PlatformKey; created: boolean }> {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    const raw = Buffer.from(text, 'base64');
    if (raw.length !== 32) throw new Error(`${file}: 平台密钥须为 32 字节的 base64 / the platform key must be 32 bytes of base64`);
    return { key: platformKeyFrom(raw), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) throw err;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const raw = randomBytes(32);
  await writeFile(file, `${raw.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return { key: platformKeyFrom(raw), created: true };
}
