/** Builds the sharing tests' world: entries of 市公安局 (gaj) published, one mounted in its 前置库. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody, make } from '../../testing/make.ts';

export const ITEMS = [
  { name: 'registration_no', label: '登记证编号', type: 'string', length: 32, key: true },
  { name: 'holder_name', label: '持证单位', type: 'string', length: 100 },
  { name: 'phone', label: '联系电话', type: 'string', length: 20, sensitiveType: 'phone', masking: 'phone' },
];

export async function sharingWorld(db: Db, server: TestServer) {
  const world = await basicWorld(db);
  await make.user(db, { username: 'gaj.req', org_id: world.orgs.gaj, roles: ['requester'] });
  const tok: Record<string, string> = {};
  for (const u of ['fgw', 'gaj', 'sjj', 'zzx.sjj', 'zzx.zrzyj', 'auditor', 'fgw.req', 'gaj.req']) tok[u] = await server.login(u);
  const publish = async (name: string, overrides: Record<string, unknown>) => {
    const e = await server.call('POST', '/api/v1/catalog', { token: tok.gaj, body: entryBody({ name, items: ITEMS, ...overrides }) });
    if (e.status !== 201) throw new Error(JSON.stringify(e.body));
    await server.call('POST', `/api/v1/catalog/${e.body.id}/submit`, { token: tok.gaj });
    const p = await server.call('POST', `/api/v1/catalog/${e.body.id}/review`, { token: tok.sjj, body: { decision: 'approve' } });
    if (p.status !== 200) throw new Error(JSON.stringify(p.body));
    return e.body.id as string;
  };
  const entries = {
    open: await publish('机动车登记信息', { shareType: 'unconditional', shareScope: undefined, grade: 1, items: ITEMS.slice(0, 2) }),
    conditional: await publish('特种行业许可信息', {}),
    unmounted: await publish('旅馆业登记信息', {}),
    secret: await publish('治安重点人员信息', { shareType: 'none', shareScope: undefined, notShareBasis: '《中华人民共和国人民警察法》第二十条' }),
  };
  await sql.raw('CREATE SCHEMA qzk_gaj').execute(db);
  for (const table of ['vehicles', 'permits']) {
    await sql.raw(`CREATE TABLE qzk_gaj.${table} (registration_no text PRIMARY KEY, holder_name text, phone text)`).execute(db);
  }
  for (const [entry, table] of [[entries.open, 'vehicles'], [entries.conditional, 'permits']] as const) {
    const m = await server.call('PUT', `/api/v1/catalog/${entry}/mount`, { token: tok.gaj, body: { kind: 'table', schema: 'qzk_gaj', table } });
    if (m.status !== 200) throw new Error(JSON.stringify(m.body));
  }
  return { world, tok, entries };
}

export const request = (entryId: string, overrides: Record<string, unknown> = {}) => ({
  entryId,
  items: ['registration_no', 'holder_name'],
  purpose: '核查建设项目审批中的许可信息',
  scenario: '投资项目在线审批监管平台并联审批',
  basis: '《企业投资项目核准和备案管理条例》',
  method: 'api',
  validUntil: '2025-12-31',
  ...overrides,
});

/**
 * Accepts a grant's data-security agreement as the consumer (security rules §27), which every use of
 * a grant requires. Tests call it after a grant is made and before data is read.
 */
export async function acceptAgreement(server: TestServer, consumerToken: string, grantId: string): Promise<void> {
  const res = await server.call('POST', `/api/v1/grants/${grantId}/agreement`, { token: consumerToken, body: { accept: true } });
  if (res.status !== 200) throw new Error(`accepting the agreement of grant ${grantId}: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Mounts or re-mounts an entry as its provider's steward; a change of a mount with live grants waits
 * for the authority (§16, src/modules/delivery/mount-changes.ts), so it is approved as the city's
 * authority `sjj`. Answers the mount as it then stands (the PUT's answer when it applied at once).
 */
export async function mountApproved(server: TestServer, tok: Record<string, string>, entryId: string, body: unknown, steward = 'gaj') {
  const put = await server.call('PUT', `/api/v1/catalog/${entryId}/mount`, { token: tok[steward], body });
  if (put.status !== 200 || put.body.outcome !== 'pending') return put;
  const approved = await server.call('POST', `/api/v1/catalog/${entryId}/mount/change/approve`, { token: tok.sjj });
  if (approved.status !== 200) throw new Error(`approving the mount change of ${entryId}: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved;
}
