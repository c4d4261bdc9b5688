/**
 * Seeds the demo world (DESIGN.md → Demo world) into an empty database, through the same services
 * users go through — entries are created by their department's editor, submitted and reviewed by the
 * authority of their region, so codes, versions, history and audit records are all real.
 *
 * Each entry's rows are loaded into its department's 前置库 (front-end database, §17), here a schema
 * `qzk_<department>` of the platform's own database with one table per entry named after the entry key;
 * data delivery mounts them from there.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { UserActor } from '../domain/access/actor.ts';
import type { Role } from '../domain/access/roles.ts';
import type { ItemType } from '../domain/catalog/types.ts';
import { AppService } from '../modules/delivery/apps.ts';
import { loadActor } from '../modules/identity/service.ts';
import type { PlatformKey } from '../modules/security/secret-box.ts';
import { recordRoleChange } from '../modules/identity/accounts.ts';
import { generatePassword, hashPassword } from '../modules/identity/passwords.ts';
import { buildServices } from '../services.ts';
import { DEMO_DATABASES } from './categories.ts';
import { authorityFor, DEPARTMENTS, departmentByKey } from './departments.ts';
import { DEMO_ENTRIES } from './entries.ts';
import { resolveBody, type DemoEntry } from './entry-kit.ts';
import { REGIONS } from './regions.ts';
import { rowsFor } from './rows.ts';
import { seedFiles } from './seed-files.ts';
import { DEPARTMENT_APPROVERS, OVERSIGHT_OFFICERS, seedOversight } from './seed-oversight.ts';
import { seedSharing } from './seed-sharing.ts';
import { seedExchange } from './seed-exchange.ts';

export interface DemoUser {
  username: string;
  password: string;
  description: string;
}

export interface SeedResult {
  seeded: boolean;
  passwordGiven: boolean;
  users: DemoUser[];
  /** A consumer app of 市发展改革委 to call the data API with (its secret is shown once). */
  app?: { name: string; appKey: string; secret: string };
}

const SEEDED = 'demo.seeded';
const DEPARTMENT_ROLES: Role[] = ['catalog_editor', 'data_steward', 'approver', 'requester'];

export class DemoSeedError extends Error {}

export async function seedDemoIfEmpty(
  db: Db, opts: { password?: string; platformKey?: PlatformKey; log: { info(o: object, m?: string): void } },
): Promise<SeedResult> {
  const marker = await db.selectFrom('platform_setting').select('key').where('key', '=', SEEDED).executeTakeFirst();
  if (marker) return { seeded: false, passwordGiven: !!opts.password, users: [] };
  const anyOrg = await db.selectFrom('org').select('id').limit(1).executeTakeFirst();
  if (anyOrg) {
    // Departments exist without the marker: an operator's own world, or a seed that died half-way.
    return { seeded: false, passwordGiven: !!opts.password, users: [] };
  }
  const started = Date.now();
  const users = await seedPeople(db, opts.password);
  const counts = await seedCatalog(db);
  await db.insertInto('platform_setting')
    .values({ key: SEEDED, value: JSON.stringify({ at: new Date().toISOString(), ...counts }), updated_by: 'demo-seed' }).execute();
  const app = opts.platformKey
    ? await new AppService({ db, platformKey: opts.platformKey }).create(await actorOf(db, 'fgw'), { name: '投资项目在线审批监管平台', description: '演示：按授权调用数据接口' })
    : undefined;
  opts.log.info({ ...counts, ms: Date.now() - started }, 'demo world seeded');
  return { seeded: true, passwordGiven: !!opts.password, users, ...(app ? { app: { name: app.name, appKey: app.appKey, secret: app.secret } } : {}) };
}

async function seedPeople(db: Db, password: string | undefined): Promise<DemoUser[]> {
  for (const r of REGIONS) {
    await db.insertInto('region').values({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode ?? null }).execute();
  }
  const orgIds = new Map<string, string>();
  for (const d of DEPARTMENTS) {
    const row = await db.insertInto('org').values({
      key: d.key, name: d.name, short_name: d.shortName, region_code: d.regionCode, kind: d.role,
      responsible_unit: d.filing.unit, responsible_person: d.filing.person, responsible_phone: d.filing.phone,
    }).returning('id').executeTakeFirstOrThrow();
    orgIds.set(d.key, row.id);
  }
  const planned: { username: string; org: string; roles: Role[]; displayName: string; description: string }[] = [
    { username: 'admin', org: 'sjj', roles: ['super_admin'], displayName: '平台运维管理员', description: '超级管理员 / super admin (platform operator)' },
    { username: 'auditor', org: 'sjj', roles: ['auditor'], displayName: '审计员', description: '审计员 / auditor (read-only)' },
    { username: 'security', org: 'sjj', roles: ['security_officer'], displayName: '安全管理员', description: '安全管理员 / security officer (access review)' },
    ...OVERSIGHT_OFFICERS,
    ...DEPARTMENT_APPROVERS,
  ];
  for (const d of DEPARTMENTS) {
    planned.push(d.role === 'authority'
      ? { username: d.key, org: d.key, roles: ['authority'], displayName: d.filing.person, description: `${d.name} 主管部门审核员 / authority` }
      : { username: d.key, org: d.key, roles: DEPARTMENT_ROLES, displayName: d.filing.person, description: `${d.name} 编制/管理/审批/申请 / editor, steward, approver, requester` });
  }
  const shared = password ? await hashPassword(password) : undefined;
  const users: DemoUser[] = [];
  for (const u of planned) {
    const own = password ?? generatePassword(u.username);
    const row = await db.insertInto('app_user').values({
      username: u.username, display_name: u.displayName, org_id: orgIds.get(u.org)!, roles: u.roles,
      password_hash: shared ?? (await hashPassword(own)),
    }).returning('id').executeTakeFirstOrThrow();
    // The platform itself assigned the demo's roles: on record for the access review (security rules §14).
    await recordRoleChange(db, { userId: row.id, changedBy: null, before: [], after: u.roles, reason: '演示数据初始化 / demo seed' });
    users.push({ username: u.username, password: own, description: u.description });
  }
  for (const sdb of DEMO_DATABASES) {
    await db.insertInto('subject_database').values({ kind: sdb.kind, name: sdb.name, lead_org_id: orgIds.get(sdb.lead)! }).execute();
  }
  return users;
}

async function actorOf(db: Db, username: string): Promise<UserActor> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return (await loadActor(db, row.id, { ip: '127.0.0.1', requestId: 'demo-seed' }))!;
}

async function seedCatalog(db: Db) {
  const services = buildServices({ db, sessionHours: 8 });
  const dbIds = new Map((await db.selectFrom('subject_database').select(['id', 'name']).execute()).map((r) => [r.name, r.id]));
  const dbId = (key: string) => dbIds.get(DEMO_DATABASES.find((d) => d.key === key)!.name)!;
  const codes = new Map<string, string>();
  const ids = new Map<string, string>();
  let rows = 0;

  for (const entry of DEMO_ENTRIES) {
    const editor = await actorOf(db, entry.provider);
    const reviewer = await actorOf(db, authorityFor(departmentByKey(entry.provider).regionCode).key);
    const created = await services.catalog.create(editor, resolveBody(entry, dbId, (k) => codes.get(k)));
    ids.set(entry.key, created.id);
    if (entry.status !== 'draft') await services.catalog.submit(editor, created.id);
    if (entry.status === 'published') {
      const published = await services.catalog.review(reviewer, created.id, 'approve', '符合目录编制规范');
      if (published.code) codes.set(entry.key, published.code);
    }
    rows += await loadFrontEndRows(db, entry);
  }

  // Live work for the demo: a change event past its deadline and one running, and a pending withdrawal.
  const today = new Date();
  const fgw = await actorOf(db, 'fgw');
  const sjj = await actorOf(db, 'sjj');
  await services.changes.record(sjj, ids.get('key-projects-2024')!, {
    kind: 'law', title: '《山西省政务数据管理与应用办法》修订', description: '数据项与共享方式须按修订后的办法调整', announcedOn: shanghaiDate(today, -40),
  });
  await services.changes.record(fgw, ids.get('key-projects-2024')!, {
    kind: 'function', title: '重点工程调度职能调整', description: '市重点工程项目的调度职能划入市发展改革委', announcedOn: shanghaiDate(today, -10),
  });
  const sharing = await seedSharing(db, (u) => actorOf(db, u), ids);
  const files = await seedFiles(db, (u) => actorOf(db, u), ids);
  const oversight = await seedOversight(db, (u) => actorOf(db, u), ids);
  const exchange = await seedExchange(db, (u) => actorOf(db, u), ids);
  // After the sharing stories: a withdrawal request freezes the entry's requests.
  await services.withdrawals.request(await actorOf(db, 'swj'), ids.get('groundwater-monitoring-wells')!, '长观井监测数据改由省级平台统一发布，本级目录拟撤销');
  return { entries: DEMO_ENTRIES.length, rows, ...sharing, ...files, ...oversight, ...exchange };
}

function shanghaiDate(base: Date, days: number): string {
  return new Date(base.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

const SQL_TYPE: Record<ItemType, string> = {
  string: 'text', integer: 'bigint', decimal: 'numeric', date: 'date', datetime: 'timestamptz', boolean: 'boolean', binary: 'bytea',
};

/** Creates the entry's table in its department's 前置库 and loads its rows; returns the row count. */
async function loadFrontEndRows(db: Db, entry: DemoEntry): Promise<number> {
  const schema = `qzk_${entry.provider.replace(/\./g, '_')}`;
  const table = entry.key.replace(/-/g, '_');
  const items = entry.body.items;
  await sql.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`).execute(db);
  await sql.raw(`CREATE TABLE ${schema}.${table} (${items.map((i) => `${i.name} ${SQL_TYPE[i.type]}`).join(', ')})`).execute(db);
  await sql.raw(`COMMENT ON TABLE ${schema}.${table} IS '${entry.body.name.replace(/'/g, "''")}（前置库 / front-end table of the demo）'`).execute(db);
  const data = rowsFor(entry.key);
  for (let i = 0; i < data.length; i += 500) {
    const chunk = data.slice(i, i + 500);
    await db.withSchema(schema).insertInto(table as never)
      .values(chunk.map((r) => Object.fromEntries(items.map((it) => [it.name, r[it.name] ?? null]))) as never).execute();
  }
  return data.length;
}
