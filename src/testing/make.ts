/**
 * Small factories for test data (STYLE.md §8): `await make.org(db, {...})` instead of big fixtures.
 * `basicWorld` builds the few regions, departments and users most API tests need.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { Role } from '../domain/access/roles.ts';
import { hashPassword } from '../modules/identity/passwords.ts';

export const TEST_PASSWORD = 'Test-passw0rd';
let cachedHash: Promise<string> | undefined;
const testHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));
const uniq = () => randomBytes(3).toString('hex');

export const make = {
  async region(db: Db, v: { code: string; name: string; level: 'city' | 'county'; parent_code?: string | null }) {
    await db.insertInto('region').values({ parent_code: null, ...v }).onConflict((oc) => oc.doNothing()).execute();
    return v.code;
  },
  async org(db: Db, v: { key?: string; name?: string; region_code: string; kind?: 'authority' | 'department' }) {
    const key = v.key ?? `d${uniq()}`;
    const row = await db.insertInto('org').values({
      key,
      name: v.name ?? `测试部门${key}`,
      short_name: v.name ?? key,
      region_code: v.region_code,
      kind: v.kind ?? 'department',
      responsible_unit: '信息中心',
      responsible_person: '张三',
      responsible_phone: '0356-2020000',
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },
  async user(db: Db, v: { username?: string; org_id: string; roles: Role[]; display_name?: string }) {
    const username = v.username ?? `u${uniq()}`;
    const row = await db.insertInto('app_user').values({
      username,
      display_name: v.display_name ?? username,
      org_id: v.org_id,
      roles: v.roles,
      password_hash: await testHash(),
    }).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, username };
  },
};

export const CITY = '140500';
export const ZEZHOU = '140525';

/**
 * 晋城市 with 泽州县; the city authority (user `sjj`), 泽州县's authority (`zzx.sjj`), two city
 * departments (`fgw`, `gaj`: editor, steward, approver, requester), 泽州县自然资源局 (`zzx.zrzyj`),
 * an auditor and a super admin. Every password is TEST_PASSWORD.
 */
export async function basicWorld(db: Db) {
  await make.region(db, { code: CITY, name: '晋城市', level: 'city' });
  await make.region(db, { code: ZEZHOU, name: '泽州县', level: 'county', parent_code: CITY });
  const sjjOrg = await make.org(db, { key: 'sjj', name: '晋城市大数据应用局', region_code: CITY, kind: 'authority' });
  const zzxSjjOrg = await make.org(db, { key: 'zzx.sjj', name: '泽州县大数据应用中心', region_code: ZEZHOU, kind: 'authority' });
  const fgwOrg = await make.org(db, { key: 'fgw', name: '晋城市发展和改革委员会', region_code: CITY });
  const gajOrg = await make.org(db, { key: 'gaj', name: '晋城市公安局', region_code: CITY });
  const zrzyjOrg = await make.org(db, { key: 'zzx.zrzyj', name: '泽州县自然资源局', region_code: ZEZHOU });
  const dept: Role[] = ['catalog_editor', 'data_steward', 'approver', 'requester'];
  const users = {
    admin: await make.user(db, { username: 'admin', org_id: sjjOrg, roles: ['super_admin'] }),
    sjj: await make.user(db, { username: 'sjj', org_id: sjjOrg, roles: ['authority'] }),
    zzxSjj: await make.user(db, { username: 'zzx.sjj', org_id: zzxSjjOrg, roles: ['authority'] }),
    auditor: await make.user(db, { username: 'auditor', org_id: sjjOrg, roles: ['auditor'] }),
    fgw: await make.user(db, { username: 'fgw', org_id: fgwOrg, roles: dept }),
    gaj: await make.user(db, { username: 'gaj', org_id: gajOrg, roles: dept }),
    zrzyj: await make.user(db, { username: 'zzx.zrzyj', org_id: zrzyjOrg, roles: dept }),
    fgwViewer: await make.user(db, { username: 'fgw.req', org_id: fgwOrg, roles: ['requester'] }),
  };
  return { orgs: { sjj: sjjOrg, zzxSjj: zzxSjjOrg, fgw: fgwOrg, gaj: gajOrg, zrzyj: zrzyjOrg }, users };
}

/** A consistent 有条件共享 entry body (passes every §11 rule); override what a test is about. */
export function entryBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '特种设备使用登记信息',
    summary: '全市特种设备使用登记的设备类别、使用单位和登记证编号',
    storageLevel: 'city',
    category: { kind: 'department', item: '01', subItem: '020' },
    grade: 2,
    important: false,
    format: 'database',
    items: [
      { name: 'registration_no', label: '使用登记证编号', type: 'string', length: 32, key: true },
      { name: 'equipment_type', label: '设备类别', type: 'string', length: 20 },
      { name: 'user_uscc', label: '使用单位统一社会信用代码', type: 'string', length: 18, sensitiveType: 'uscc', masking: 'keep_first_last', maskingParam: 4 },
    ],
    shareType: 'conditional',
    shareScope: '市场监管、应急管理部门履职使用',
    shareMethod: 'api',
    openType: 'closed',
    updateCycle: 'daily',
    ...overrides,
  };
}
