/**
 * The table-exchange corner of the demo world (库表交换, §17): 市发展改革委 (fgw) holds a 库表 grant on
 * 市生态环境局's 地下水污染防治重点区 (unconditional: the platform grants it on compliance), has accepted
 * its data-security agreement and has a sync target configured — schema sync_fgw of the platform's
 * own database. A newcomer logs in as fgw, opens 库表同步 (/sync) and presses 立即同步, or runs
 * `npm run gdx -- sync run <grantId>`.
 */
import type { Db } from '../db/connect.ts';
import type { UserActor } from '../domain/access/actor.ts';
import { addDays, toShanghaiDate } from '../domain/calendar/index.ts';
import { buildServices } from '../services.ts';

export const EXCHANGE_DEMO_ENTRY = 'groundwater-key-zones';
export const EXCHANGE_DEMO_SCHEMA = 'sync_fgw';

export async function seedExchange(db: Db, actorOf: (username: string) => Promise<UserActor>, ids: Map<string, string>) {
  const s = buildServices({ db, sessionHours: 8 });
  const fgw = await actorOf('fgw');
  const request = await s.requests.create(fgw, {
    entryId: ids.get(EXCHANGE_DEMO_ENTRY)!,
    items: ['zone_code', 'zone_name', 'zone_class', 'zone_type', 'zone_county', 'area_km2', 'zone_effective_from'],
    purpose: '重点工程选址时叠加分析地下水污染防治重点区', scenario: '重点工程项目前期选址与环评协同', basis: '本部门“三定”规定所列重点工程统筹职责',
    method: 'table', validUntil: addDays(toShanghaiDate(new Date()), 365),
  });
  await s.decisions.complianceReview(await actorOf('sjj'), request.id, 'pass', '无条件共享，平台直接授权');
  const grant = await db.selectFrom('share_grant').select('id').where('request_id', '=', request.id).executeTakeFirstOrThrow();
  await s.agreements.accept(fgw, grant.id);
  await s.exchange.createTarget(fgw, { grantId: grant.id, schema: EXCHANGE_DEMO_SCHEMA });
  return { syncTargets: 1 };
}
