/**
 * The oversight side of the demo world (security rules §29–§34): an auditor logging in as `auditor`
 * can follow, from start to close, an inspection, an incident and a destruction — one of each closed,
 * one in progress — made through the real services with the clock set back, so deadlines, timelines,
 * notifications and the audit trail are what users would have produced.
 */
import type { Db } from '../db/connect.ts';
import type { UserActor } from '../domain/access/actor.ts';
import type { Role } from '../domain/access/roles.ts';
import { createDestructionTasks } from '../modules/oversight/sweeps.ts';
import { buildServices } from '../services.ts';

const DAY = 86_400_000;

/** Departments' security officers (Sec §9(一)) who act in the stories; seed.ts creates them with the other demo users. */
export const OVERSIGHT_OFFICERS: { username: string; org: string; roles: Role[]; displayName: string; description: string }[] = [
  ['gaj', '市公安局'], ['yjj', '市应急局'], ['fgw', '市发展改革委'], ['sthjj', '市生态环境局'],
].map(([org, name]) => ({
  username: `${org}.sec`, org: org!, roles: ['security_officer'], displayName: `${name}安全管理员`,
  description: `${name} 安全管理员 / security officer (self-assessments, rectification, incidents)`,
}));

/**
 * A second person of 市生态环境局 who approves (security rules §29: a destruction is approved by someone
 * other than who asked): without one, the demo's pending files request could never move on.
 */
export const DEPARTMENT_APPROVERS: typeof OVERSIGHT_OFFICERS = [{
  username: 'sthjj.leader', org: 'sthjj', roles: ['approver'], displayName: '市生态环境局分管领导',
  description: '市生态环境局 分管领导 / approver (approves the pending destruction request)',
}];

export async function seedOversight(db: Db, actorOf: (username: string) => Promise<UserActor>, ids: Map<string, string>) {
  const real = new Date();
  let clock = real;
  const at = (daysAgo: number) => (clock = new Date(real.getTime() - daysAgo * DAY));
  const s = buildServices({ db, sessionHours: 8, now: () => clock });
  const orgId = async (key: string) => (await db.selectFrom('org').select('id').where('key', '=', key).executeTakeFirstOrThrow()).id;
  const [sjj, security] = [await actorOf('sjj'), await actorOf('security')];
  const items = ['institution', 'emergency_plan', 'training', 'hazard_handling', 'mlps_crypto'] as const;
  const selfItems = (weak: string) => items.map((item) => ({
    item, conclusion: item === weak ? 'partial' as const : 'compliant' as const, note: item === weak ? '部分系统尚未完成' : '制度文件、记录齐备',
  }));

  // Inspection, closed: 安排部署 → 自查评估 → 实地检查 (one finding) → 整改提高 → 结束.
  at(60);
  const done = await s.inspections.create(sjj, {
    title: '上半年政务数据安全监督检查', focus: '前置库与共享交换链路的等级保护、商用密码应用', checkItems: [...items],
    orgIds: [await orgId('gaj'), await orgId('yjj')],
  });
  at(56);
  await s.inspections.selfAssess(await actorOf('gaj.sec'), done.id, await orgId('gaj'), { report: '本局已建立数据安全管理制度，前置库完成等保三级测评，部分接口尚未完成国密改造。', items: selfItems('mlps_crypto') });
  at(55);
  await s.inspections.selfAssess(await actorOf('yjj.sec'), done.id, await orgId('yjj'), { report: '本局制定了数据安全应急预案并于本年度开展演练，各项制度执行良好。', items: selfItems('') });
  at(45);
  const checked = await s.inspections.recordOnsite(sjj, done.id, await orgId('gaj'), {
    comment: '会同市委网信办、市公安局网安支队现场复核，发现问题一项。',
    findings: [{ item: 'mlps_crypto', severity: 'major', description: '前置库至共享交换平台的接口仍使用非国密算法传输', opinion: '限期完成 SM2/SM4 改造并复测' }],
  });
  await s.inspections.recordOnsite(sjj, done.id, await orgId('yjj'), { comment: '现场复核与自查一致，未发现问题。', findings: [] });
  const finding = checked.targets.find((x) => x.findings.length)!.findings[0]!;
  at(41);
  await s.findings.report(await actorOf('gaj.sec'), finding.id, '已完成接口 SM2/SM4 改造，经第三方复测通过，附测评报告。');
  at(40);
  await s.findings.decide(sjj, finding.id, 'accept', '复核通过');
  at(38);
  await s.inspections.close(sjj, done.id, '两个部门完成自查和实地检查，发现问题一项，已按期整改验收。');

  // Inspection in progress: one department checked with a finding under rectification, one still self-assessing.
  at(8);
  const running = await s.inspections.create(security, {
    title: '下半年政务数据安全监督检查', focus: '应急预案演练与安全培训', checkItems: [...items],
    orgIds: [await orgId('fgw'), await orgId('sthjj')],
  });
  at(6);
  await s.inspections.selfAssess(await actorOf('fgw.sec'), running.id, await orgId('fgw'), { report: '本委已落实数据安全责任制，年度培训计划执行中。', items: selfItems('training') });
  at(3);
  await s.inspections.recordOnsite(security, running.id, await orgId('fgw'), {
    comment: '现场检查发现培训记录不完整。',
    findings: [{ item: 'training', severity: 'general', description: '本年度数据安全培训仅覆盖信息中心人员', opinion: '补充开展全员数据安全培训并报送培训记录' }],
  });

  // Incident, closed: reported with the plan started, responded, the affected grant suspended and restored, resolved, closed.
  const projects = await db.selectFrom('share_grant').select('id').where('entry_id', '=', ids.get('key-projects-2024')!).executeTakeFirst();
  at(45);
  const tampered = await s.incidents.report(await actorOf('fgw.sec'), {
    kind: 'tampering', title: '重点工程项目公示页面数据被篡改', occurredAt: new Date(clock.getTime() - 3 * 3_600_000).toISOString(),
    scope: '门户网站“重点工程项目”公示栏目', affectedData: '2024 年省市重点工程项目名单中 3 条项目投资额被改写',
    affectedEntryIds: [ids.get('key-projects-2024')!], affectedGrantIds: projects ? [projects.id] : [],
    measures: '已下线该栏目，从备份恢复页面数据，保留日志待查', planStartedAt: new Date(clock.getTime() - 2 * 3_600_000).toISOString(),
  });
  at(44);
  await s.incidents.act(sjj, tampered.id, 'respond', '会同市委网信办、市公安局网安支队调查；篡改来源查清前暂停该数据对外授权。');
  if (projects) await s.incidents.suspendGrants(sjj, tampered.id, [projects.id], '数据被篡改，核实数据准确性前暂停授权');
  at(41);
  await s.incidents.act(await actorOf('fgw.sec'), tampered.id, 'resolve', '已修补内容管理系统漏洞，数据经与源表比对全部恢复。');
  const suspension = (await s.incidents.get(sjj, tampered.id)).suspensions[0];
  if (suspension) await s.suspensions.lift(sjj, suspension.id);
  at(40);
  await s.incidents.act(sjj, tampered.id, 'close', '篡改系内容管理系统弱口令所致，数据已恢复并核验，授权已恢复；已通报全市各部门排查同类问题。');

  // Incident in progress: a suspected leak, plan started, the authority responding.
  at(2);
  const leak = await s.incidents.report(await actorOf('yjj.sec'), {
    kind: 'leak', title: '救灾物资储备数据疑似外泄', occurredAt: new Date(clock.getTime() - 5 * 3_600_000).toISOString(),
    scope: '救灾物资储备库管理系统导出文件', affectedData: '储备点名称、物资数量约 600 条', affectedEntryIds: [ids.get('disaster-relief-reserves')!],
    measures: '已停用相关导出账号，排查访问日志', planStartedAt: new Date(clock.getTime() - 4 * 3_600_000).toISOString(),
  });
  at(1);
  await s.incidents.act(sjj, leak.id, 'respond', '请于三日内报送访问日志排查结果，市大数据应用局会同公安机关核查。');

  // Destruction, closed: a table grant revoked → the consumer's task → executed through the exchange → filed.
  at(30);
  const ask = await s.requests.create(await actorOf('yjj'), {
    entryId: ids.get('groundwater-key-zones')!, items: ['zone_code', 'zone_name', 'zone_class', 'area_km2'], purpose: '汛期地下水污染应急研判',
    scenario: '应急指挥平台库表同步', basis: '《突发环境事件应急预案》', method: 'table', validUntil: new Date(real.getTime() + 300 * DAY).toISOString().slice(0, 10),
  });
  // 无条件共享: the platform grants on passing the review (§30(一)).
  const { grantId } = await s.decisions.complianceReview(sjj, ask.id, 'pass', '无条件共享，平台直接授权');
  at(20);
  await s.grants.revoke(await actorOf('sthjj'), grantId!, '汛期应急专项任务结束，收回授权');
  await db.transaction().execute((tx) => createDestructionTasks(tx, clock, { calendars: s.calendars }));
  const task = await db.selectFrom('destruction_request').select('id').where('grant_id', '=', grantId!).executeTakeFirstOrThrow();
  at(18);
  await s.destructions.execute(await actorOf('yjj'), task.id, { note: '应急指挥平台同步库表已删除' });
  at(17);
  await s.destructions.act(sjj, task.id, 'file', '已备案');

  // Destruction in progress: archived files waiting for the approver (sthjj.leader).
  at(1);
  await s.destructions.request(await actorOf('sthjj'), {
    target: 'files', reason: '2019 年监测数据导出文件已超过本部门规定的保存期限',
    files: [
      { name: '2019年地下水监测数据导出.xlsx', bytes: 2_482_176, sha256: '3f5d0c1b7a9e4f2d8c6b5a4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c' },
      { name: '2019年重点污染源台账.csv', bytes: 418_304, sha256: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b' },
    ],
  });
  clock = real;
  return { inspections: 2, incidents: 2, destructions: 2 };
}
