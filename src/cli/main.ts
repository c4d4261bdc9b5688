/**
 * `gdx` — operator commands (DESIGN.md → Architecture). Each opens the same database `npm start`
 * would (GDX_DATA_DIR or DATABASE_URL), does one job, reports in Chinese and English, and exits
 * non-zero on failure.
 *
 *   gdx migrate
 *   gdx seed-demo
 *   gdx catalog import FILE --as USERNAME      (.xlsx or .csv; all or nothing)
 *   gdx catalog export FILE [--as USERNAME]    (.xlsx or .csv)
 *   gdx calendar import FILE                   (JSON holiday schedules of later years)
 *   gdx files trace FILE                       (which grant and delivery a delivered file came from)
 *   gdx sync run GRANT_ID [--full] [--reconcile] [--batch N]   (table sync in the foreground, docs/api-exchange.md)
 *   gdx keys status | rotate [--no-reseal] | reseal   (keyring at rest, docs/security.md)
 *   gdx audit verify | checkpoint | public-key | archive | verify-archive | drop-month   (docs/audit.md)
 */
import { readFile } from 'node:fs/promises';
import { loadConfig, ConfigError } from '../config.ts';
import { KeyringError } from '../modules/security/keyring.ts';
import { openDatabase, type OpenDatabase } from '../db/connect.ts';
import { DataDirInUseError } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import type { SystemActor } from '../domain/access/actor.ts';
import { AppError } from '../http/errors.ts';
import { AUDIT_USAGE } from '../modules/audit/cli.ts';
import { loadActor } from '../modules/identity/service.ts';
import { loadPlatformKey } from '../modules/security/platform-key.ts';
import { buildServices } from '../services.ts';

const USAGE = `用法 / usage:
  gdx migrate
  gdx seed-demo
  gdx catalog import FILE --as USERNAME
  gdx catalog export FILE [--as USERNAME]
  gdx calendar import FILE
  gdx keys status | rotate [--no-reseal] | reseal
  gdx files trace FILE
  gdx sync run GRANT_ID [--full] [--reconcile] [--batch N]
${AUDIT_USAGE}`;

const operator: SystemActor = { type: 'system', name: `cli:${process.env.USER ?? 'operator'}` };

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function actorFor(open: OpenDatabase, username: string | undefined) {
  if (!username) throw new AppError(2, 'AS_REQUIRED', '请用 --as USERNAME 指定以哪个用户的身份操作', 'say whose behalf with --as USERNAME');
  const user = await open.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  const actor = user && (await loadActor(open.db, user.id));
  if (!actor) throw new AppError(2, 'NO_SUCH_USER', `用户 ${username} 不存在或已停用`, `no active user ${username}`);
  return actor;
}

async function run(args: string[]): Promise<void> {
  const [command, sub, file] = args;
  const config = loadConfig();
  if (command === 'audit' && sub === 'verify-archive') {
    const { verifyArchiveCommand } = await import('../modules/audit/cli.ts');
    if (!(await verifyArchiveCommand(args))) process.exitCode = 1;
    return;
  }
  const open = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir });
  try {
    const applied = await migrate(open.db);
    if (command === 'migrate') {
      console.log(applied.length ? `已执行迁移 / applied: ${applied.join(', ')}` : '数据库已是最新 / database is up to date');
    } else if (command === 'sync' && sub === 'run' && file) {
      const { syncRunCommand } = await import('./sync.ts');
      const { key } = await loadPlatformKey(config.keyFile, { create: false, env: config.keyringEnv, cipher: config.cipher });
      process.exitCode = await syncRunCommand(open.db, {
        grantId: file, platformKey: key, databaseUrl: config.databaseUrl, full: args.includes('--full'), reconcile: args.includes('--reconcile'),
        // Given, it must be a number (checked there): `--batch` without one is not silently the default.
        ...(args.includes('--batch') ? { batchRows: Number(option(args, '--batch')) } : {}),
      });
    } else if (command === 'seed-demo') {
      const { seedDemoIfEmpty } = await import('../demo/seed.ts');
      const { key } = await loadPlatformKey(config.keyFile, { create: true, env: config.keyringEnv, cipher: config.cipher });
      const result = await seedDemoIfEmpty(open.db, { password: config.demoPassword, platformKey: key, log: { info: (o, m) => console.log(m ?? '', o) } });
      if (!result.seeded) console.log('数据库中已有部门，未重复生成演示数据 / departments exist already: demo world not seeded again');
      for (const u of result.users) console.log(`  ${u.username.padEnd(12)} ${u.password}  ${u.description}`);
      if (result.app) console.log(`  demo app: AppKey ${result.app.appKey}  Secret ${result.app.secret}`);
    } else if (command === 'keys' && sub) {
      const { keysCommand } = await import('../modules/security/keys-cli.ts');
      if (!(await keysCommand(open.db, config, operator, sub, args))) process.exitCode = 1;
    } else if (command === 'audit' && sub) {
      const { auditCommand } = await import('../modules/audit/cli.ts');
      if (!(await auditCommand(open.db, config, operator, args))) process.exitCode = 1;
    } else if (command === 'calendar' && sub === 'import' && file) {
      const { calendars } = buildServices({ db: open.db, sessionHours: config.sessionHours });
      const { years, retimed } = await calendars.importFile(operator, await readFile(file, 'utf8'));
      console.log(`已导入节假日安排 / imported holiday schedules: ${years.map((y) => y.year).join(', ')}`);
      if (retimed) console.log(`已按新安排重算 ${retimed} 个暂定期限 / re-timed ${retimed} provisional deadlines`);
    } else if (command === 'catalog' && (sub === 'import' || sub === 'export') && file) {
      const transfer = await import('../modules/catalog/transfer/service.ts');
      const actor = await actorFor(open, option(args, '--as') ?? (sub === 'export' ? 'sjj' : undefined));
      if (sub === 'import') {
        const result = await transfer.importCatalogFile(open.db, actor, file);
        console.log(`已导入 ${result.imported} 条目录（草稿）/ imported ${result.imported} entries as drafts`);
      } else {
        const result = await transfer.exportCatalogFile(open.db, actor, file);
        console.log(`已导出 ${result.exported} 条目录到 ${file} / exported ${result.exported} entries`);
      }
    } else if (command === 'files' && sub === 'trace' && file) {
      const { TraceService } = await import('../modules/files/trace-lookup.ts');
      const finding = await new TraceService({ db: open.db }).lookup(operator, await readFile(file));
      console.log(JSON.stringify(finding, null, 2));
      if (finding.deliveries.length === 0) {
        console.error('未找到对应的交付记录 / no delivery record matches this file');
        process.exitCode = 1;
      }
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await open.close();
  }
}

try {
  await run(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError || err instanceof KeyringError || err instanceof DataDirInUseError) {
    console.error(err.message);
  } else if (err instanceof AppError) {
    console.error(`${err.zh}\n${err.en}`);
    const details = Array.isArray(err.details) ? err.details : [];
    for (const d of details.slice(0, 200)) console.error(`  - ${JSON.stringify(d)}`);
    if (details.length > 200) console.error(`  … ${details.length - 200} more`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
}
