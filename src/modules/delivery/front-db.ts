/**
 * 前置库 connections (§17: a department 搭建本部门共享前置库，与市数据共享交换平台对接). A table mount may
 * name a PostgreSQL URL — any reachable server — stored sealed under the platform key (security
 * rules §23 加密存储) and never shown again: people see host:port/database only. A mount without one
 * reads the platform's own database (the demo's qzk_* schemas). The same holds for the consumer's
 * side of a table sync (sync targets). One small pool per mount or target, opened on first use,
 * replaced when the URL changes, closed on shutdown.
 */
import pg from 'pg';
import { openDatabase, type Db, type OpenDatabase } from '../../db/connect.ts';
import { databaseFailure } from '../../db/database-failure.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { open, seal, type PlatformKey } from '../security/secret-box.ts';

/** A database a delivery reads from or writes to. */
export interface DbEndpoint {
  db: Db;
  /** Its PostgreSQL URL when it is a real server (COPY needs a plain client); absent on PGlite. */
  url?: string;
  /** 'platform' or host:port/database — what may be shown. */
  label: string;
}

export const PLATFORM_LABEL = 'platform';
const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 5000;

/** host:port/database of a PostgreSQL URL: no user, no password, no options. */
export function connectionLabel(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}/${decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres'}`;
}

/** Refuses anything but a postgres:// URL, naming the field. */
export function checkConnectionUrl(url: string, field: string): void {
  let ok = false;
  try {
    const u = new URL(url);
    ok = ['postgres:', 'postgresql:'].includes(u.protocol) && u.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) {
    throw badRequest('CONNECTION_INVALID', '数据库连接须为 postgres://用户@主机:端口/库名 形式的 URL', 'the connection must be a postgres://user@host:port/database URL',
      [{ field, zh: '连接串无效', en: 'invalid connection URL' }]);
  }
}

/** Connects once and runs SELECT 1: a clear error now rather than at the first sync. */
export async function probeConnection(url: string, field: string): Promise<string> {
  checkConnectionUrl(url, field);
  const label = connectionLabel(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const failure = databaseFailure(err);
    throw badRequest('CONNECTION_UNREACHABLE', `无法连接数据库 ${label}：${failure.zh}`, `cannot connect to ${label}: ${failure.en}`,
      [{ field, zh: '无法连接', en: 'unreachable' }]);
  } finally {
    await client.end().catch(() => undefined);
  }
  return label;
}

/** Runs `fn` on a short-lived pool of `url` (checking a mount before it is saved). */
export async function withConnection<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const opened = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  try {
    return await fn(opened.db);
  } finally {
    await opened.close();
  }
}

export class FrontDbs {
  private readonly pools = new Map<string, { sealed: string; url: string; opened: Promise<OpenDatabase> }>();

  constructor(private readonly deps: { db: Db; platformKey?: PlatformKey; platformUrl?: string }) {}

  /** The platform's own database. */
  platform(): DbEndpoint {
    return { db: this.deps.db, label: PLATFORM_LABEL, ...(this.deps.platformUrl ? { url: this.deps.platformUrl } : {}) };
  }

  seal(url: string): string {
    return seal(this.key(), url);
  }

  /** The 前置库 of an entry's mount. */
  async forEntry(entryId: string): Promise<DbEndpoint> {
    const row = await this.deps.db.selectFrom('catalog_mount').select('connection_sealed').where('entry_id', '=', entryId).executeTakeFirst();
    return this.endpoint(`mount:${entryId}`, row?.connection_sealed ?? null);
  }

  /** The database behind a sealed URL (or the platform's when null), pooled under `cacheKey`. */
  async endpoint(cacheKey: string, sealed: string | null): Promise<DbEndpoint> {
    if (sealed === null) return this.platform();
    let pool = this.pools.get(cacheKey);
    if (pool && pool.sealed !== sealed) {
      this.pools.delete(cacheKey);
      await (await pool.opened).close();
      pool = undefined;
    }
    if (!pool) {
      const url = open(this.key(), sealed);
      pool = { sealed, url, opened: openDatabase({ kind: 'postgres', url, poolSize: POOL_SIZE }) };
      this.pools.set(cacheKey, pool);
    }
    return { db: (await pool.opened).db, url: pool.url, label: connectionLabel(pool.url) };
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(async (p) => (await p.opened).close()));
  }

  private key(): PlatformKey {
    if (!this.deps.platformKey) {
      throw new AppError(500, 'PLATFORM_KEY_MISSING', '未加载平台密钥，无法使用加密保存的数据库连接', 'the platform key is not loaded: sealed connections cannot be used');
    }
    return this.deps.platformKey;
  }
}
