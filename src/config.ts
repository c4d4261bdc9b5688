/**
 * Configuration from the environment (names are part of the contract, DESIGN.md → Configuration).
 * Every bad value is reported at once, each with what was wrong and what is accepted, before anything
 * starts.
 */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PGlite data directory, used when databaseUrl is absent. */
  dataDir: string;
  databaseUrl?: string;
  /** Password of every demo user; random and printed once when absent. */
  demoPassword?: string;
  /** Seed the demo world on first start. */
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Lifetime of a login session. */
  sessionHours: number;
  /** Serve cookies with the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Outbound notification channel: each notification is POSTed here as JSON. */
  webhookUrl?: string;
  /** How often the deadline, expiry and idle sweeps run. */
  sweepSeconds: number;
  /** The platform key file (created on first start when absent). */
  keyFile: string;
  /** GDX_KEYRING: the keyring JSON itself, instead of the key file (docs/security.md). */
  keyringEnv?: string;
  /** GDX_CIPHER: what new values are sealed with at rest (security rules §23): SM4 unless AES is chosen. */
  cipher: 'sm4' | 'aes-256-gcm';
  /** GDX_AUDIT_HASH: hash of the audit chain, SM3 (商用密码, default) or SHA-256 (docs/audit.md). */
  auditHash: 'sm3' | 'sha256';
  /** GDX_DB_ROLE: on PostgreSQL, serve as this role (SET ROLE) after migrating, e.g. gdx_app (docs/audit.md). */
  dbRole?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: 须为 ${min}–${max} 的整数 / must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === '1' || raw === 'true') return true;
    if (raw === '0' || raw === 'false') return false;
    problems.push(`${name}=${JSON.stringify(raw)}: 须为 0 或 1 / must be 0 or 1`);
    return fallback;
  };

  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined) {
    let ok = false;
    try {
      ok = ['postgres:', 'postgresql:'].includes(new URL(databaseUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push('DATABASE_URL: 须为 postgres://user@host:port/db 形式 / must be a postgres:// URL');
  }

  const demoPassword = env.GDX_DEMO_PASSWORD || undefined;
  if (demoPassword !== undefined && demoPassword.length < 8) {
    problems.push('GDX_DEMO_PASSWORD: 至少 8 个字符 / must have at least 8 characters');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)}: 须为 ${LOG_LEVELS.join('|')} / must be one of those`);
  }

  const webhookUrl = env.GDX_WEBHOOK_URL || undefined;
  if (webhookUrl !== undefined) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(webhookUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push('GDX_WEBHOOK_URL: 须为 http(s) URL / must be an http(s) URL');
  }

  const cipher = (env.GDX_CIPHER || 'sm4') as Config['cipher'];
  if (cipher !== 'sm4' && cipher !== 'aes-256-gcm') {
    problems.push(`GDX_CIPHER=${JSON.stringify(env.GDX_CIPHER)}: 须为 sm4 或 aes-256-gcm / must be sm4 or aes-256-gcm`);
  }

  if (env.GDX_AUDIT_HASH && !['sm3', 'sha256'].includes(env.GDX_AUDIT_HASH)) {
    problems.push(`GDX_AUDIT_HASH=${JSON.stringify(env.GDX_AUDIT_HASH)}: 须为 sm3 或 sha256 / must be sm3 or sha256`);
  }
  if (env.GDX_DB_ROLE && !/^[a-z_][a-z0-9_]{0,62}$/.test(env.GDX_DB_ROLE)) {
    problems.push(`GDX_DB_ROLE=${JSON.stringify(env.GDX_DB_ROLE)}: 须为数据库角色名 / must be a database role name`);
  }

  const host = env.HOST || '127.0.0.1';
  const config: Config = {
    port: int('PORT', 8080, 0, 65535),
    host,
    dataDir: path.resolve(env.GDX_DATA_DIR || './data'),
    databaseUrl,
    demoPassword,
    demo: flag('GDX_DEMO', true),
    logLevel,
    sessionHours: int('GDX_SESSION_HOURS', 8, 1, 24 * 7),
    secureCookies: flag('GDX_SECURE_COOKIES', false),
    webhookUrl,
    sweepSeconds: int('GDX_SWEEP_SECONDS', 60, 1, 86_400),
    keyFile: path.resolve(env.GDX_KEY_FILE || path.join(env.GDX_DATA_DIR || './data', 'platform.key')),
    auditHash: env.GDX_AUDIT_HASH === 'sha256' ? 'sha256' : 'sm3',
    dbRole: env.GDX_DB_ROLE || undefined,
    keyringEnv: env.GDX_KEYRING || undefined,
    cipher,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
