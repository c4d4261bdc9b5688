/**
 * The sharing side of the demo world (issue: "requests in every state with live deadlines — some due
 * tomorrow, some overdue — grants near expiry and idle, an objection, a dispute"). Everything goes
 * through the real services with the clock set back where a story needs a past, so deadlines,
 * timelines, notifications and audit records are what users would have produced.
 */
import type { Db } from '../db/connect.ts';
import type { UserActor } from '../domain/access/actor.ts';
import { addDays, toShanghaiDate } from '../domain/calendar/index.ts';
import type { CatalogEntryBody } from '../domain/catalog/types.ts';
import { STEP_WORKDAYS, stepClock, stepDue } from '../domain/sharing/deadlines.ts';
import { buildServices } from '../services.ts';
import { DEMO_ENTRIES } from './entries.ts';

type Services = ReturnType<typeof buildServices>;
const DAY = 86_400_000;

/** Data of every published entry is mounted from its 前置库 table — except one, to show §30(二)'s 10 days. */
export const UNMOUNTED_DEMO_ENTRY = 'self-built-houses';

export async function seedSharing(db: Db, actorOf: (username: string) => Promise<UserActor>, ids: Map<string, string>) {
  const real = new Date();
  let clock = real;
  const at = (daysAgo: number) => (clock = new Date(real.getTime() - daysAgo * DAY));
  const s: Services = buildServices({ db, sessionHours: 8, now: () => clock });
  const today = toShanghaiDate(real);

  for (const e of DEMO_ENTRIES) {
    if (e.status !== 'published' || e.key === UNMOUNTED_DEMO_ENTRY) continue;
    await s.mounts.mount(await actorOf(e.provider), ids.get(e.key)!, {
      kind: 'table', schema: `qzk_${e.provider.replace(/\./g, '_')}`, table: e.key.replace(/-/g, '_'),
    });
  }

  const ask = async (consumer: string, key: string, extra: { validUntil?: string; purpose?: string } = {}) => {
    const entry = DEMO_ENTRIES.find((x) => x.key === key)!;
    const body: CatalogEntryBody = entry.body;
    return s.requests.create(await actorOf(consumer), {
      entryId: ids.get(key)!, items: body.items.slice(0, 3).map((i) => i.name!),
      purpose: extra.purpose ?? `${body.name}用于本部门行政审批与监管核查`,
      scenario: '部门业务系统在线核验、并联审批协同办理', basis: '本部门“三定”规定所列法定职责',
      method: body.shareMethod, validUntil: extra.validUntil ?? addDays(today, 365),
    });
  };
  const review = async (id: string, decision: 'pass' | 'return' | 'reject', comment?: string, authority = 'sjj') =>
    s.decisions.complianceReview(await actorOf(authority), id, decision, comment);

  // Waiting for the authority: one due within a working day, one overdue — found on the calendar,
  // so the demo tells the same story whatever day (weekend, holiday) it is seeded on.
  const calendar = await s.calendars.calendar();
  const reviewDaysAgo = (want: 'dueSoon' | 'overdue') => {
    for (let d = 0; d < 60; d++) {
      const due = stepDue(calendar, new Date(real.getTime() - d * DAY), STEP_WORKDAYS.compliance_review);
      const clock = stepClock(calendar, real, due.dueAt);
      if (want === 'dueSoon' ? clock.dueSoon && !clock.overdue : clock.overdue) return d;
    }
    return want === 'dueSoon' ? 1 : 30;
  };
  at(reviewDaysAgo('dueSoon'));
  await ask('fgw', 'special-equipment-registration');
  at(reviewDaysAgo('overdue') + 1);
  await ask('jtj', 'fire-key-units');

  // With the provider: 5 working days (data mounted), 10 (not yet on the platform).
  at(0);
  const directors = await ask('fgw', 'external-director-pool', { purpose: '遴选市属企业外部董事时核查人选任职情况' });
  await review(directors.id, 'pass', '用途明确，符合职责');
  at(2);
  const houses = await ask('scjgj', 'self-built-houses');
  await review(houses.id, 'pass');

  // Granted, and near its end; with an objection waiting for the provider's correction (§32).
  at(20);
  const relief = await ask('fgw', 'disaster-relief-reserves', { validUntil: addDays(today, 12) });
  await review(relief.id, 'pass');
  // §29 with a row scope (共享范围) on an item not delivered: only 实物储备 rows leave the platform.
  const reliefGranted = await s.decisions.reply(await actorOf('yjj'), relief.id, {
    decision: 'grant',
    conditions: { note: '仅用于救灾物资调拨统筹', rowScope: [{ item: 'storage_mode', op: 'eq', values: ['实物储备'] }], rowFilter: '仅实物储备物资；协议储备由协议企业另行提供' },
  });
  await s.agreements.accept(await actorOf('fgw'), reliefGranted.grantId!);
  at(1);
  await s.objections.create(await actorOf('fgw'), {
    entryId: ids.get('disaster-relief-reserves')!, items: relief.items.slice(0, 2), sampleKeys: ['JZWZ-0007'],
    description: '部分储备点的物资数量与实地盘点不一致，请校核',
  });

  // Granted by the platform four months ago and never used: idle, may be revoked (§31).
  at(125);
  const projects = await ask('wlj', 'key-projects-2024');
  await review(projects.id, 'pass');

  // A dispute: refused, negotiating (§30(三)); another already with the authority for coordination.
  at(9);
  const pollution = await ask('yjj', 'groundwater-pollution-sources', { purpose: '突发环境事件应急处置时定位周边污染源' });
  await review(pollution.id, 'pass');
  await s.decisions.reply(await actorOf('sthjj'), pollution.id, { decision: 'refuse', reason: '污染源点位含企业商业秘密，不宜整体提供' });
  at(5);
  await s.decisions.negotiate(await actorOf('yjj'), pollution.id, '仅需应急状态下按事发地 5 公里范围查询，可接受脱敏');
  await s.decisions.negotiate(await actorOf('sthjj'), pollution.id, '可提供点位与类型，企业名称需脱敏，请确认使用范围');
  at(12);
  const fire = await ask('spj', 'disaster-relief-reserves');
  await review(fire.id, 'pass');
  await s.decisions.reply(await actorOf('yjj'), fire.id, { decision: 'refuse', reason: '审批服务不需要物资储备明细' });
  await s.decisions.negotiate(await actorOf('spj'), fire.id, '并联审批中需核验应急物资保障能力');
  at(6);
  await s.decisions.negotiationFailed(await actorOf('spj'), fire.id, '双方意见不一致');

  // Refused with a reason, the requester not yet deciding whether to negotiate.
  at(4);
  const equipment = await ask('sthjj', 'special-equipment-registration');
  await review(equipment.id, 'pass');
  await s.decisions.reply(await actorOf('scjgj'), equipment.id, { decision: 'refuse', reason: '申请用途为环境统计，不需要使用单位明细，建议改用汇总数据' });

  // Returned for more information (the clock stopped), rejected, cancelled.
  at(1);
  const geo = await ask('gaj', 'zzx-geohazard-sites');
  await review(geo.id, 'return', '请补充使用该数据的法定职责依据', 'zzx.sjj');
  at(3);
  const relics = await ask('fgw', 'immovable-cultural-relics');
  await review(relics.id, 'reject', '申请用途与本部门职责无关（第二十条）');
  at(2);
  const cancelled = await ask('wlj', 'external-director-pool');
  await s.requests.cancel(await actorOf('wlj'), cancelled.id, '需求已由其他渠道满足');

  // An API grant the data API and its try-it panel can be called under (unconditional: the platform grants).
  at(3);
  const bikes = await ask('fgw', 'shared-bike-operations', { purpose: '重点工程周边交通组织与共享单车停放调度' });
  const bikesGranted = await review(bikes.id, 'pass');
  // fgw accepts the data-security agreements of the grants the walkthrough uses (security rules §27);
  // wlj's idle grant on 重点工程 stays unaccepted, to show the step.
  await s.agreements.accept(await actorOf('fgw'), bikesGranted.grantId!);

  // Verification (核验) of the 人口 basic database, granted: used by the delivery layer's demo.
  at(30);
  const people = await ask('fgw', 'population');
  await review(people.id, 'pass');
  // L4 重要数据: the provider's internal review and security assessment go with the grant (security rules §27).
  const peopleGranted = await s.decisions.reply(await actorOf('gaj'), people.id, {
    decision: 'grant',
    assessment: {
      internalReview: '经市公安局数据安全领导小组内部审查：仅以核验方式提供，不返回原始数据，用途与职责相符',
      securityAssessment: '安全评估结论：核验接口只返回一致/不一致，身份证号等敏感项不出库，风险可控，同意提供',
    },
  });
  await s.agreements.accept(await actorOf('fgw'), peopleGranted.grantId!);
  clock = real;
  return { requests: 15 };
}
