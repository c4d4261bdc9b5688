import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_APP_LIMITS, RateBucket, checkLimitSettings, checkOverride, effectiveLimits, limitExceeded, quotaDay,
  readLimitSettings, secondsUntilQuotaRenews, type AppLimitOverride, type AppLimitSettings,
} from './limits.ts';

const settings: AppLimitSettings = {
  defaults: { api: { perSecond: 50, perDay: 1000 }, verify: { perSecond: 5, perDay: 2000 } },
  ceiling: { api: { perSecond: 200, perDay: 10_000 }, verify: { perSecond: 20, perDay: 50_000 } },
};
const none: AppLimitOverride = { api: { perSecond: null, perDay: null }, verify: { perSecond: null, perDay: null } };

describe('per-app limits (§38 接口访问安全): defaults, the steward\'s own values, the authority\'s ceiling', () => {
  const cases: [string, AppLimitOverride['api'], 'api' | 'verify', { perSecond: number; perDay: number }][] = [
    ['no override: the platform default', { perSecond: null, perDay: null }, 'api', { perSecond: 50, perDay: 1000 }],
    ['an override within the ceiling applies', { perSecond: 120, perDay: 5000 }, 'api', { perSecond: 120, perDay: 5000 }],
    ['an override above a ceiling lowered later is capped at once', { perSecond: 900, perDay: 99_999 }, 'api', { perSecond: 200, perDay: 10_000 }],
    ['verification has its own limits', { perSecond: null, perDay: 3000 }, 'verify', { perSecond: 5, perDay: 3000 }],
  ];
  for (const [name, override, channel, expected] of cases) {
    it(name, () => assert.deepEqual(effectiveLimits(settings, override, channel), expected));
  }

  it('a steward may set each value from 1 up to the ceiling, or leave it to the default', () => {
    assert.deepEqual(checkOverride(none, settings), []);
    assert.deepEqual(checkOverride({ ...none, api: { perSecond: 200, perDay: 1 } }, settings), []);
    const over = checkOverride({ ...none, api: { perSecond: 201, perDay: null }, verify: { perSecond: 0, perDay: 2.5 } }, settings);
    assert.deepEqual(over.map((p) => p.field), ['api.perSecond', 'verify.perSecond', 'verify.perDay']);
    assert.match(over[0]!.zh, /1–200/);
    assert.match(over[0]!.en, /ceiling/);
  });

  it('the authority\'s defaults must be whole numbers within its ceilings', () => {
    assert.deepEqual(checkLimitSettings(settings), []);
    assert.deepEqual(checkLimitSettings(DEFAULT_APP_LIMITS), []);
    const bad = checkLimitSettings({ ...settings, defaults: { ...settings.defaults, api: { perSecond: 300, perDay: -1 } } });
    assert.deepEqual(bad.map((p) => p.field), ['defaults.api.perSecond', 'defaults.api.perDay']);
    assert.equal(readLimitSettings({ nonsense: true }), DEFAULT_APP_LIMITS, 'unreadable settings fall back to the defaults');
    assert.equal(readLimitSettings(settings), settings);
  });
});

describe('the quota day is the Asia/Shanghai calendar day', () => {
  it('renews at 00:00 Shanghai (16:00 UTC)', () => {
    assert.equal(quotaDay(new Date('2026-11-28T15:59:59Z')), '2026-11-28');
    assert.equal(quotaDay(new Date('2026-11-28T16:00:00Z')), '2026-11-29');
    assert.equal(secondsUntilQuotaRenews(new Date('2026-11-28T15:59:00Z')), 60);
    assert.equal(secondsUntilQuotaRenews(new Date('2026-11-28T15:59:59.900Z')), 1);
    assert.equal(secondsUntilQuotaRenews(new Date('2026-11-28T16:00:00Z')), 86_400);
  });
});

describe('the per-second rate is a token bucket holding one second\'s worth', () => {
  it('lets a quiet app burst up to its limit, then one call per 1/rate seconds', () => {
    const b = new RateBucket();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) assert.equal(b.take(3, t0), 0);
    assert.equal(b.ready(3, t0), false, 'ready says so before, taking nothing');
    assert.equal(b.take(3, t0), 1, 'the fourth call in the same instant waits');
    assert.equal(b.ready(3, t0 + 340), true);
    assert.equal(b.take(3, t0 + 340), 0, 'a third of a second refills one token');
    assert.equal(b.take(3, t0 + 340), 1);
    assert.equal(b.take(3, t0 + 60_000), 0, 'never more than one second\'s worth after a pause');
    assert.equal(b.take(3, t0 + 60_000), 0);
    assert.equal(b.take(3, t0 + 60_000), 0);
    assert.equal(b.take(3, t0 + 60_000), 1);
  });

  it('keeps each app\'s bucket apart from its other channel and from other apps', () => {
    const [a, b] = [new RateBucket(), new RateBucket()];
    assert.equal(a.take(1, 0), 0);
    assert.equal(a.take(1, 500), 1);
    assert.equal(b.take(1, 500), 0);
  });
});

describe('a refusal names the limit, in Chinese and English', () => {
  it('per second and per day, calls and records', () => {
    const r = limitExceeded('api', 'perSecond', 50, 1);
    assert.equal(r.code, 'RATE_LIMITED');
    assert.match(r.zh, /数据接口每秒上限（每秒 50 次）/);
    assert.match(r.en, /data API per-second limit \(50 calls per second\)/);
    const q = limitExceeded('verify', 'perDay', 100_000, 3600);
    assert.equal(q.code, 'QUOTA_EXCEEDED');
    assert.match(q.zh, /数据核验每日配额（每日 100000 条记录）/);
    assert.match(q.en, /retry in 3600 s/);
  });
});
