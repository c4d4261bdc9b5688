/**
 * Regions, departments (with their §6 备案 of responsible unit and person), users and the basic and
 * theme databases (§14). Departments and users are created by the platform operator (super admin),
 * who holds no business role (security rules §13–§14).
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { roleProblems, type Role } from '../../domain/access/roles.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { passwordProblems } from '../../domain/access/password-policy.ts';
import { recordRoleChange } from '../identity/accounts.ts';
import { hashPassword, storePassword } from '../identity/passwords.ts';

export interface OrgView {
  id: string;
  key: string;
  name: string;
  shortName: string;
  regionCode: string;
  regionName: string;
  kind: 'authority' | 'department';
  responsibleUnit: string;
  responsiblePerson: string;
  responsiblePhone: string;
}

export interface NewOrg {
  key: string;
  name: string;
  shortName: string;
  regionCode: string;
  kind: 'authority' | 'department';
  responsibleUnit: string;
  responsiblePerson: string;
  responsiblePhone: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  orgId: string;
  roles: string[];
  password: string;
}

function orgQuery(db: Db) {
  return db.selectFrom('org as o').innerJoin('region as r', 'r.code', 'o.region_code')
    .select(['o.id', 'o.key', 'o.name', 'o.short_name', 'o.region_code', 'r.name as region_name', 'o.kind',
      'o.responsible_unit', 'o.responsible_person', 'o.responsible_phone']);
}
type OrgRow = Awaited<ReturnType<ReturnType<typeof orgQuery>['executeTakeFirstOrThrow']>>;
const toOrg = (o: OrgRow): OrgView => ({
  id: o.id, key: o.key, name: o.name, shortName: o.short_name, regionCode: o.region_code, regionName: o.region_name,
  kind: o.kind, responsibleUnit: o.responsible_unit, responsiblePerson: o.responsible_person, responsiblePhone: o.responsible_phone,
});

/** Postgres unique violations become a named 409 instead of a 500. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export class OrgService {
  constructor(private readonly deps: { db: Db }) {}

  regions() {
    return this.deps.db.selectFrom('region').select(['code', 'name', 'level', 'parent_code as parentCode']).orderBy('code').execute();
  }

  async list(filter: { regionCode?: string; kind?: 'authority' | 'department' }): Promise<OrgView[]> {
    let q = orgQuery(this.deps.db).orderBy('o.region_code').orderBy('o.kind').orderBy('o.key');
    if (filter.regionCode) q = q.where('o.region_code', '=', filter.regionCode);
    if (filter.kind) q = q.where('o.kind', '=', filter.kind);
    return (await q.execute()).map(toOrg);
  }

  async get(id: string): Promise<OrgView> {
    const row = await orgQuery(this.deps.db).where('o.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('部门', 'department');
    return toOrg(row);
  }

  async create(actor: UserActor, input: NewOrg): Promise<OrgView> {
    const region = await this.deps.db.selectFrom('region').select('code').where('code', '=', input.regionCode).executeTakeFirst();
    if (!region) throw badRequest('UNKNOWN_REGION', `行政区划 ${input.regionCode} 不存在`, `no region ${input.regionCode}`, [{ field: 'body.regionCode', zh: '行政区划不存在', en: 'unknown region' }]);
    try {
      const id = await this.deps.db.transaction().execute(async (tx) => {
        const row = await tx.insertInto('org').values({
          key: input.key, name: input.name, short_name: input.shortName, region_code: input.regionCode, kind: input.kind,
          responsible_unit: input.responsibleUnit, responsible_person: input.responsiblePerson, responsible_phone: input.responsiblePhone,
        }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(tx, actor, { action: 'org.create', targetType: 'org', targetId: row.id, detail: { name: input.name } });
        return row.id;
      });
      return this.get(id);
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict('ORG_EXISTS', '同名或同标识的部门已存在，或该区域已有主管部门', 'a department with this name or key exists, or the region already has an authority');
      }
      throw err;
    }
  }

  async users(filter: { orgId?: string }) {
    let q = this.deps.db.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.username', 'u.display_name as displayName', 'u.org_id as orgId', 'o.name as orgName', 'u.roles',
        'u.disabled', 'u.locked_until as lockedUntil'])
      .orderBy('o.key').orderBy('u.username');
    if (filter.orgId) q = q.where('u.org_id', '=', filter.orgId);
    return (await q.execute()).map((u) => ({ ...u, lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null }));
  }

  async createUser(actor: UserActor, input: NewUser) {
    const org = await this.deps.db.selectFrom('org').select(['id', 'kind']).where('id', '=', input.orgId).executeTakeFirst();
    if (!org) throw badRequest('UNKNOWN_ORG', '所属部门不存在', 'no such department', [{ field: 'body.orgId', zh: '部门不存在', en: 'unknown department' }]);
    const problems = [
      ...roleProblems(input.roles, org.kind).map((p) => ({ field: 'body.roles', ...p })),
      ...passwordProblems(input.password, { username: input.username }).map((p) => ({ field: 'body.password', ...p })),
    ];
    if (problems.length) throw badRequest('USER_INVALID', problems[0]!.zh, problems[0]!.en, problems);
    const hash = await hashPassword(input.password);
    try {
      const id = await this.deps.db.transaction().execute(async (tx) => {
        const row = await tx.insertInto('app_user').values({
          username: input.username, display_name: input.displayName, org_id: input.orgId, roles: input.roles as Role[], password_hash: hash,
        }).returning('id').executeTakeFirstOrThrow();
        // The first password starts the history; the first roles are a role change from none (security rules §14).
        await storePassword(tx, row.id, hash, new Date());
        await recordRoleChange(tx, { userId: row.id, changedBy: actor.userId, before: [], after: input.roles, reason: '新建用户 / new user' });
        await recordAudit(tx, actor, { action: 'user.create', targetType: 'user', targetId: row.id, detail: { username: input.username, roles: input.roles } });
        return row.id;
      });
      return (await this.users({})).find((u) => u.id === id)!;
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('USERNAME_TAKEN', `用户名 ${input.username} 已被使用`, `username ${input.username} is taken`);
      throw err;
    }
  }

  async subjectDatabases() {
    return this.deps.db.selectFrom('subject_database as s').innerJoin('org as o', 'o.id', 's.lead_org_id')
      .select(['s.id', 's.kind', 's.name', 's.lead_org_id as leadOrgId', 'o.name as leadOrgName', 's.description'])
      .orderBy('s.kind').orderBy('s.name').execute();
  }
}
