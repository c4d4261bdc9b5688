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
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
