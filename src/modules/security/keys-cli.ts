/**
 * `gdx keys status | rotate [--no-reseal] | reseal` — the operator's side of key rotation
 * (docs/security.md → Rotation). Rotating a key file adds a new active key and then re-seals every
 * registered column with it; a keyring held in GDX_KEYRING is printed rotated for the operator to
 * install, because the platform cannot write the environment of its own processes.
 */
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import type { SystemActor } from '../../domain/access/actor.ts';
import { recordAudit } from '../audit/store.ts';
import { KeyringError, keyringStatus, type Keyring } from './keyring.ts';
import { formatKeyring, loadPlatformKey, parseKeyring, rotateKeyFile, withNewActiveKey } from './platform-key.ts';
import { resealAll, sealedValueCounts, type ResealProgress } from './reseal.ts';

const say = (line: string) => console.log(line);

function printProgress(p: ResealProgress): void {
  say(`  ${p.table}.${p.column}（${p.what.zh} / ${p.what.en}）: ${p.scanned}/${p.total} 已扫描 scanned, ${p.resealed} 重新加密 re-sealed, ${p.current} 无需处理 current, ${p.failed} 失败 failed`);
}

async function reseal(db: Db, keyring: Keyring, operator: SystemActor): Promise<boolean> {
  say(`重新加密 / re-sealing with key ${keyring.id} (${keyring.cipher}) …`);
  const report = await resealAll(db, keyring, operator, { onProgress: printProgress });
  for (const c of report.columns) if (c.scanned === 0) printProgress(c); // empty columns had no batch to report
  const failed = report.columns.filter((c) => c.failed > 0);
  for (const c of failed) say(`  无法打开 / could not open ${c.table}.${c.column} ids: ${c.failedIds.join(', ')}`);
  say(failed.length ? '部分值未能重新加密，旧密钥须保留 / some values were not re-sealed: keep the old keys' : '全部完成 / all sealed values are under the active key');
  return failed.length === 0;
}

/** The keyring as the server would load it; a missing key file is an error here (the server creates it). */
async function load(config: Config): Promise<Keyring> {
  try {
    return (await loadPlatformKey(config.keyFile, { create: false, env: config.keyringEnv, cipher: config.cipher })).key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new KeyringError(`密钥文件 ${config.keyFile} 不存在（首次启动服务时创建）/ no key file ${config.keyFile} (the server creates it at its first start)`);
  }
}

export async function keysCommand(db: Db, config: Config, operator: SystemActor, sub: string, args: string[]): Promise<boolean> {
  if (sub === 'status') {
    const key = await load(config);
    say(JSON.stringify({ ...keyringStatus(key), sealedValues: await sealedValueCounts(db) }, null, 2));
    return true;
  }
  if (sub === 'reseal') {
    const key = await load(config);
    return reseal(db, key, operator);
  }
  if (sub === 'rotate') {
    if (config.keyringEnv) {
      const rotated = withNewActiveKey(parseKeyring(config.keyringEnv, 'GDX_KEYRING', new Date(0)));
      console.error('密钥环来自 GDX_KEYRING：请将下面的新密钥环写入每个进程的 GDX_KEYRING 并重启，然后运行 gdx keys reseal\n'
        + 'The keyring comes from GDX_KEYRING: install the keyring below as GDX_KEYRING of every process, restart them, then run gdx keys reseal');
      process.stdout.write(formatKeyring(rotated));
      return true;
    }
    await load(config);
    const { before, after } = await rotateKeyFile(config.keyFile);
    await recordAudit(db, operator, {
      action: 'security.keys.rotate', targetType: 'keyring', targetId: after.active,
      detail: { previousKeyId: before.active, activeKeyId: after.active, saltKeyId: after.saltKey, keyIds: after.keys.map((k) => k.id) },
    });
    say(`已轮换密钥 / rotated: ${before.active} → ${after.active}（${config.keyFile}）`);
    say('运行中的服务进程会在一分钟内读取新密钥 / running servers pick the new key up within a minute');
    if (args.includes('--no-reseal')) return true;
    const key = await load(config);
    return reseal(db, key, operator);
  }
  console.error('用法 / usage: gdx keys status | gdx keys rotate [--no-reseal] | gdx keys reseal');
  return false;
}
