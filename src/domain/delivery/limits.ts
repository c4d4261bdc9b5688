/**
 * Per-app rate limits and daily quotas (issue 4; §38 提供部门…保障本部门数据和服务接口安全, 使用部门…
 * 确保接口访问安全): how many calls an application may make per second and per day, for the data API
 * and for verification separately (核验 answers reveal something about each value checked, so it is
 * throttled on its own, and its daily quota counts records, not batches).
 *
 * Who sets what: the city authority sets the platform defaults and a ceiling per channel; a
 * department's data steward may set its own app's limits anywhere up to that ceiling — the
 * department knows what its system needs, the authority bounds what the platform gives any one app.
 * A ceiling lowered later caps existing overrides at once (the effective limit is the smaller).
 * Pure: the store reads the settings and the app's columns; the gate applies the result.
 */
import { addDays, startOfShanghaiDay, toShanghaiDate } from '../calendar/index.ts';

export type LimitChannel = 'api' | 'verify';
export const LIMIT_CHANNELS: readonly LimitChannel[] = ['api', 'verify'];

export interface ChannelLimits {
  /** Calls (verification: batches) per second, per server process (see docs/api-sharing.md). */
  perSecond: number;
  /** Calls (verification: records) per calendar day in Asia/Shanghai, across all server processes. */
  perDay: number;
}

export interface AppLimitSettings {
  defaults: Record<LimitChannel, ChannelLimits>;
  ceiling: Record<LimitChannel, ChannelLimits>;
}

/** An app's own limits; null = the platform default. */
export type AppLimitOverride = Record<LimitChannel, { perSecond: number | null; perDay: number | null }>;

export const APP_LIMITS_SETTING = 'delivery.appLimits';

/** Also written by migration 0011; used when the setting is missing or unreadable. */
export const DEFAULT_APP_LIMITS: AppLimitSettings = {
  defaults: { api: { perSecond: 50, perDay: 100_000 }, verify: { perSecond: 10, perDay: 100_000 } },
  ceiling: { api: { perSecond: 500, perDay: 5_000_000 }, verify: { perSecond: 100, perDay: 2_000_000 } },
};

/** Hard bounds of any setting: an integer column, and a per-second rate a process can still count. */
export const MAX_PER_SECOND = 100_000;
export const MAX_PER_DAY = 1_000_000_000;

export interface LimitProblem {
  field: string;
  zh: string;
  en: string;
}

const CHANNEL_LABEL: Record<LimitChannel, [string, string]> = { api: ['数据接口', 'data API'], verify: ['数据核验', 'verification'] };
const KIND_LABEL: Record<keyof ChannelLimits, [string, string]> = { perSecond: ['每秒上限', 'per-second limit'], perDay: ['每日配额', 'daily quota'] };

function positive(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

const maxOf = (kind: keyof ChannelLimits) => (kind === 'perSecond' ? MAX_PER_SECOND : MAX_PER_DAY);

/** The authority's settings: whole numbers ≥ 1, and every default within its ceiling. */
export function checkLimitSettings(s: AppLimitSettings): LimitProblem[] {
  const problems: LimitProblem[] = [];
  for (const ch of LIMIT_CHANNELS) {
    for (const kind of ['perSecond', 'perDay'] as const) {
      const [c, k] = [CHANNEL_LABEL[ch], KIND_LABEL[kind]];
      for (const part of ['defaults', 'ceiling'] as const) {
        if (!positive(s[part]?.[ch]?.[kind], maxOf(kind))) {
          problems.push({ field: `${part}.${ch}.${kind}`, zh: `${c[0]}${k[0]}须为 1–${maxOf(kind)} 的整数`, en: `${c[1]} ${k[1]} must be an integer from 1 to ${maxOf(kind)}` });
        }
      }
      if (positive(s.defaults?.[ch]?.[kind], maxOf(kind)) && positive(s.ceiling?.[ch]?.[kind], maxOf(kind)) && s.defaults[ch][kind] > s.ceiling[ch][kind]) {
        problems.push({ field: `defaults.${ch}.${kind}`, zh: `${c[0]}${k[0]}的默认值不能高于上限 ${s.ceiling[ch][kind]}`, en: `the default ${c[1]} ${k[1]} cannot exceed the ceiling ${s.ceiling[ch][kind]}` });
      }
    }
  }
  return problems;
}

/** A steward's limits for one app: each value null (platform default) or 1 … the ceiling. */
export function checkOverride(o: AppLimitOverride, settings: AppLimitSettings): LimitProblem[] {
  const problems: LimitProblem[] = [];
  for (const ch of LIMIT_CHANNELS) {
    for (const kind of ['perSecond', 'perDay'] as const) {
      const v = o[ch]?.[kind] ?? null;
      const ceiling = settings.ceiling[ch][kind];
      const [c, k] = [CHANNEL_LABEL[ch], KIND_LABEL[kind]];
      if (v !== null && !positive(v, ceiling)) {
        problems.push({ field: `${ch}.${kind}`, zh: `${c[0]}${k[0]}须为 1–${ceiling} 的整数（主管部门设定的上限）`, en: `${c[1]} ${k[1]} must be an integer from 1 to ${ceiling} (the authority's ceiling)` });
      }
    }
  }
  return problems;
}

/** What an app actually gets on a channel: its own value or the default, never above the ceiling. */
export function effectiveLimits(settings: AppLimitSettings, override: AppLimitOverride[LimitChannel] | undefined, channel: LimitChannel): ChannelLimits {
  const d = settings.defaults[channel];
  const c = settings.ceiling[channel];
  return {
    perSecond: Math.min(override?.perSecond ?? d.perSecond, c.perSecond),
    perDay: Math.min(override?.perDay ?? d.perDay, c.perDay),
  };
}

/** Stored settings as far as they can be read; anything unreadable falls back to the built-in defaults. */
export function readLimitSettings(value: unknown): AppLimitSettings {
  const s = value as AppLimitSettings | null | undefined;
  return s && typeof s === 'object' && checkLimitSettings(s).length === 0 ? s : DEFAULT_APP_LIMITS;
}

/** The quota day: the calendar day in Asia/Shanghai. */
export const quotaDay = (now: Date): string => toShanghaiDate(now);

/** Seconds until the quota renews (00:00 Asia/Shanghai), at least 1: the Retry-After of a spent quota. */
export function secondsUntilQuotaRenews(now: Date): number {
  const next = startOfShanghaiDay(addDays(toShanghaiDate(now), 1));
  return Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000));
}

/**
 * A token bucket of `perSecond` tokens refilled continuously, holding at most one second's worth
 * (so a quiet app may burst up to its per-second limit, never more). `take` answers 0 when the call
 * may go, or the whole seconds to wait (Retry-After).
 */
export class RateBucket {
  private tokens = -1;
  private at = 0;

  /** Whether a call now would be let through, taking nothing (to skip work for a call that will be refused). */
  ready(perSecond: number, nowMs: number): boolean {
    return this.tokens < 0 || Math.min(perSecond, this.tokens + ((nowMs - this.at) / 1000) * perSecond) >= 1;
  }

  take(perSecond: number, nowMs: number): number {
    if (this.tokens < 0) this.tokens = perSecond;
    else this.tokens = Math.min(perSecond, this.tokens + ((nowMs - this.at) / 1000) * perSecond);
    this.at = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / perSecond));
  }
}

/** The refusal of a call over a limit, naming it (zh/en), with the seconds to wait. */
export function limitExceeded(channel: LimitChannel, kind: keyof ChannelLimits, limit: number, retryAfter: number) {
  const [c, k] = [CHANNEL_LABEL[channel], KIND_LABEL[kind]];
  const unitZh = kind === 'perSecond' ? (channel === 'verify' ? '批' : '次') : (channel === 'verify' ? '条记录' : '次');
  const unitEn = kind === 'perSecond' ? (channel === 'verify' ? 'batches' : 'calls') : (channel === 'verify' ? 'records' : 'calls');
  return {
    code: kind === 'perSecond' ? 'RATE_LIMITED' : 'QUOTA_EXCEEDED',
    zh: `已超过本应用的${c[0]}${k[0]}（${kind === 'perSecond' ? '每秒' : '每日'} ${limit} ${unitZh}），请 ${retryAfter} 秒后再试`,
    en: `this app's ${c[1]} ${k[1]} (${limit} ${unitEn} per ${kind === 'perSecond' ? 'second' : 'day'}) is exceeded; retry in ${retryAfter} s`,
    retryAfter,
  };
}
