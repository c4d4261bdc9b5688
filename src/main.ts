/**
 * `npm start`: opens the database (PGlite in GDX_DATA_DIR unless DATABASE_URL is set), applies
 * migrations, seeds the demo world on the first start, and serves the API and the web app until
 * SIGINT/SIGTERM, when it stops taking requests, finishes those in flight and closes the database.
 */
import { loadConfig, ConfigError, type Config } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { migrate } from './db/migrate.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { buildJobQueue } from './jobs.ts';
import { FrontDbs } from './modules/delivery/front-db.ts';
import { SyncRunner } from './modules/exchange/engine.ts';
import { ChainSealer } from './modules/audit/chain.ts';
import { auditKeyFileFor, loadAuditSigningKey } from './modules/audit/signing-key.ts';
import { webhookOutbound } from './modules/inbox/webhook.ts';
import { loadPlatformKey } from './modules/security/platform-key.ts';
import { rebuildSearchDocs } from './modules/catalog/store.ts';
import { buildServer } from './server.ts';
import { buildServices } from './services.ts';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const open = await openDatabase(
  config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir },
).catch((err: unknown) => {
  if (!(err instanceof DataDirInUseError)) throw err;
  console.error(err.message);
  process.exit(1);
});
const applied = await migrate(open.db);
// Catalog search documents are derived data built in code: those built by older indexing rules are
// rebuilt here, on an existing database as the rules change (docs/search.md); a fresh one has none.
const reindexed = await rebuildSearchDocs(open.db);
// With GDX_DB_ROLE (e.g. gdx_app) the server's own connections act as that role, which may not UPDATE,
// DELETE or TRUNCATE audit records; migrating and seeding stay with the login (docs/audit.md).
const serving = config.dbRole && config.databaseUrl
  ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, role: config.dbRole })
  : open;
// Signs audit checkpoints and archives (security rules §17); lives next to the platform key.
const auditKey = await loadAuditSigningKey(auditKeyFileFor(config.keyFile), { create: true });
const audit = { key: auditKey.key, alg: config.auditHash };
const outbound = config.webhookUrl ? webhookOutbound : undefined;
const platformKey = await loadPlatformKey(config.keyFile, { create: true, env: config.keyringEnv, cipher: config.cipher });
const app = await buildServer({ db: serving.db, config, outbound, platformKey: platformKey.key, audit, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
if (auditKey.created) {
  app.log.warn({ file: auditKeyFileFor(config.keyFile), keyId: auditKey.key.keyId }, 'audit signing key created: back this file up and publish its public key (GET /api/v1/audit/public-key)');
}
if (platformKey.created) {
  app.log.warn({ file: config.keyFile, keyId: platformKey.key.id }, 'platform key created: back this file up — without it app secrets cannot be read');
}
if (applied.length) app.log.info({ applied }, 'migrations applied');
if (reindexed) app.log.info({ versions: reindexed }, 'catalog search documents rebuilt by the current indexing rules');

const demo = config.demo
  ? await seedDemoIfEmpty(open.db, { password: config.demoPassword, platformKey: platformKey.key, log: app.log })
  : undefined;

// Deadline reminders, overdue marks, grant expiry and idle flags, webhook deliveries (§28–§32).
if (serving !== open) await open.close();
// Table syncs (库表交换) run here, with the platform key for masking salts and sealed connections.
const fronts = new FrontDbs({ db: serving.db, platformKey: platformKey.key, platformUrl: config.databaseUrl });
const jobs = buildJobQueue({
  db: serving.db, services: buildServices({ db: serving.db, sessionHours: config.sessionHours }),
  sweepSeconds: config.sweepSeconds, webhookUrl: config.webhookUrl, log: app.log, audit,
  exchange: new SyncRunner({ db: serving.db, platformKey: platformKey.key, fronts }),
});
// Links committed audit records into the hash chain every second (docs/audit.md).
const sealer = new ChainSealer(serving.db, { alg: config.auditHash, log: app.log });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 15_000).unref();
  try {
    await app.close();
    await jobs.stop(); // finishes the job in hand; an unfinished one is reclaimed by another process
    await fronts.close();
    await sealer.stop();
    await serving.close();
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
jobs.start();
sealer.start();
const base = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
const where = open.kind === 'pglite' ? `PGlite ${config.dataDir}` : 'PostgreSQL';
console.log(`\nGDX 政务数据共享交换平台 — ${base}  (数据库 / database: ${where})`);
console.log(`API 文档 / API docs: ${base}/api/docs`);
if (demo?.seeded) {
  console.log(`\n演示用户 / demo users (password ${demo.passwordGiven ? 'from GDX_DEMO_PASSWORD' : 'generated, shown once'}):`);
  for (const u of demo.users) console.log(`  ${u.username.padEnd(12)} ${u.password}  ${u.description}`);
  if (demo.app) {
    console.log(`\n演示应用 / demo consumer app of fgw「${demo.app.name}」(secret shown once; see docs/signing.md):`);
    console.log(`  AppKey ${demo.app.appKey}\n  Secret ${demo.app.secret}`);
  }
} else if (config.demo) {
  console.log('演示数据已存在（首次启动时已打印密码）/ demo world already seeded (passwords were printed at the first start)');
}
