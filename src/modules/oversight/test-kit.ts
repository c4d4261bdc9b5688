/**
 * The oversight tests' world: the sharing world (市公安局 gaj publishes, 市发展改革委 fgw uses) plus
 * security officers of gaj, fgw and the city authority, a second approver of gaj, and a live API
 * grant gaj → fgw that fgw's application calls — so a suspension can be seen stopping data.
 */
import { GdxClient } from '../../client/gdx-client.ts';
import type { Db } from '../../db/connect.ts';
import type { TestServer } from '../../testing/http.ts';
import { make } from '../../testing/make.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

export async function oversightWorld(db: Db, server: TestServer, now: () => Date) {
  const base = await sharingWorld(db, server);
  const { world, tok } = base;
  const extra = [
    { username: 'gaj.sec', org_id: world.orgs.gaj, roles: ['security_officer' as const] },
    { username: 'fgw.sec', org_id: world.orgs.fgw, roles: ['security_officer' as const] },
    { username: 'sjj.sec', org_id: world.orgs.sjj, roles: ['security_officer' as const] },
    { username: 'gaj.appr', org_id: world.orgs.gaj, roles: ['approver' as const] },
  ];
  for (const u of extra) {
    await make.user(db, u);
    tok[u.username] = await server.login(u.username);
  }
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  const r = await call('fgw', 'POST', '/requests', request(base.entries.conditional, { validUntil: '2027-06-30' }));
  await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
  const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
  const grantId = granted.body.grantId as string;
  if (!grantId) throw new Error(JSON.stringify(granted.body));
  await acceptAgreement(server, tok.fgw!, grantId);
  const app = await call('fgw', 'POST', '/apps', { name: '投资项目在线审批监管平台' });
  const client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret, clock: () => now().getTime() });
  const entry = await call('fgw', 'GET', `/catalog/${base.entries.conditional}`);
  /** fgw's application reads the granted data: the status says whether the grant is live. */
  const readData = async () => (await client.request('GET', `/data/${encodeURIComponent(entry.body.code)}?limit=1`)).status;
  /** Sessions last 8 hours of the test clock: log everyone in again after moving it on. */
  const relogin = async () => {
    for (const u of Object.keys(tok)) tok[u] = await server.login(u);
  };
  return { ...base, call, grantId, readData, relogin };
}
