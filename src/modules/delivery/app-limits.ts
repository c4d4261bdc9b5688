/**
 * Storage of the per-app limits (rules: src/domain/delivery/limits.ts): the city authority's
 * defaults and ceilings in platform_setting 'delivery.appLimits', each app's own values in its
 * consumer_app columns, and today's usage in app_usage_day (written with the access records).
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import {
  APP_LIMITS_SETTING, LIMIT_CHANNELS, checkLimitSettings, effectiveLimits, quotaDay, readLimitSettings,
  type AppLimitOverride, type AppLimitSettings, type ChannelLimits, type LimitChannel,
} from '../../domain/delivery/limits.ts';
import { badRequest, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';

export async function limitSettings(db: Db): Promise<AppLimitSettings> {
  const row = await db.selectFrom('platform_setting').select('value').where('key', '=', APP_LIMITS_SETTING).executeTakeFirst();
  return readLimitSettings(row?.value);
}

/** Only the city authority sets them (§5, §38: the authority manages the platform's access control). */
export async function setLimitSettings(db: Db, actor: UserActor, settings: AppLimitSettings): Promise<AppLimitSettings> {
  if (!(actor.orgKind === 'authority' && actor.regionLevel === 'city' && actor.roles.includes('authority'))) {
    throw forbidden('CITY_AUTHORITY_ONLY', '应用调用的默认限额与上限由市政务数据主管部门设定', 'app call defaults and ceilings are set by the city authority');
  }
  const problems = checkLimitSettings(settings);
  if (problems.length) throw badRequest('LIMITS_INVALID', problems[0]!.zh, problems[0]!.en, problems.map((p) => ({ ...p, field: `body.${p.field}` })));
  const value = JSON.stringify({ defaults: settings.defaults, ceiling: settings.ceiling });
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('platform_setting').values({ key: APP_LIMITS_SETTING, value, updated_by: actor.username })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: actor.username, updated_at: new Date() })).execute();
    await recordAudit(tx, actor, { action: 'settings.app_limits', targetType: 'setting', targetId: APP_LIMITS_SETTING, detail: { defaults: settings.defaults, ceiling: settings.ceiling } });
  });
  return { defaults: settings.defaults, ceiling: settings.ceiling };
}

export type ChannelLimitView = ChannelLimits & { own: { perSecond: number | null; perDay: number | null } };

/** An app's own columns as an override. */
export function overrideOf(r: { api_per_second: number | null; api_per_day: number | null; verify_per_second: number | null; verify_per_day: number | null }): AppLimitOverride {
  return {
    api: { perSecond: r.api_per_second, perDay: r.api_per_day },
    verify: { perSecond: r.verify_per_second, perDay: r.verify_per_day },
  };
}

export function limitView(settings: AppLimitSettings, own: AppLimitOverride): Record<LimitChannel, ChannelLimitView> {
  const view = (ch: LimitChannel) => ({ ...effectiveLimits(settings, own[ch], ch), own: own[ch] });
  return { api: view('api'), verify: view('verify') };
}

/** Units used today (Asia/Shanghai) by each app, per channel: calls of the data API, verified records. */
export async function usageToday(db: Db, appIds: string[], now: Date): Promise<Map<string, Record<LimitChannel, number>>> {
  const usage = new Map<string, Record<LimitChannel, number>>(appIds.map((id) => [id, { api: 0, verify: 0 }]));
  if (appIds.length === 0) return usage;
  const rows = await db.selectFrom('app_usage_day').select(['app_id', 'channel', 'used'])
    .where('app_id', 'in', appIds).where('day', '=', quotaDay(now)).execute();
  for (const r of rows) if (LIMIT_CHANNELS.includes(r.channel)) usage.get(r.app_id)![r.channel] = r.used;
  return usage;
}
