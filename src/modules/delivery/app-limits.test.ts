/**
 * Per-app rate limits and daily quotas of the governed API plane on both databases (issue 4; §38
 * 接口访问安全): who sets them, 429 with Retry-After and the limit named, every refusal recorded,
 * verification limited apart from the data API, the daily quota shared by two server processes on
 * one database, and what one process holds in memory (secrets, quota blocks) never outliving a
 * rotation or a disabled app in another.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { secondsUntilQuotaRenews } from '../../domain/delivery/limits.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { platformKeyFrom } from '../security/secret-box.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

forEachDatabase('app rate limits and daily quotas', (t) => {
  const key = platformKeyFrom(randomBytes(32));
  let server: TestServer;
  let other: TestServer;
  let tok: Record<string, string>;
  let app: { id: string; appKey: string; secret: string };
  let dataPath = '';
  let verifyPath = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const client = (s: TestServer, secret = app.secret) => new GdxClient({ baseUrl: `${s.url}/api/v1`, appKey: app.appKey, secret });
  const read = async (s: TestServer = server, secret?: string) => {
    const res = await client(s, secret).request('GET', `${dataPath}?limit=1`);
    return { status: res.status, body: await res.json() as any, retryAfter: res.headers.get('retry-after') };
  };
  const verify = async (records: unknown[]) => {
    const res = await client(server).post(verifyPath, { records });
    return { status: res.status, body: await res.json() as any, retryAfter: res.headers.get('retry-after') };
  };
  const setLimits = (limits: unknown) => call('fgw', 'PUT', `/apps/${app.id}/limits`, limits);
  const unlimited = { perSecond: null, perDay: null };

  before(async () => {
    server = await startTestServer(t().db, { platformKey: key });
    // A second server process on the same database, as behind a load balancer.
    other = await startTestServer(t().db, { platformKey: key });
    const world = await sharingWorld(t().db, server);
    tok = world.tok;
    await sql`INSERT INTO qzk_gaj.permits VALUES ('JC-0001', '晋城市宏达运输有限公司', '13800000001')`.execute(t().db);
    for (const method of ['api', 'verify']) {
      const r = await call('fgw', 'POST', '/requests', request(world.entries.conditional, { method, validUntil: '2027-06-30' }));
      await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
      const g = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
      assert.ok(g.body.grantId, JSON.stringify(g.body));
      await acceptAgreement(server, tok.fgw!, g.body.grantId);
    }
    app = (await call('fgw', 'POST', '/apps', { name: '并联审批系统' })).body;
    const code = encodeURIComponent((await call('fgw', 'GET', `/catalog/${world.entries.conditional}`)).body.code);
    [dataPath, verifyPath] = [`/data/${code}`, `/verify/${code}`];
  });
  after(async () => {
    await server.close();
    await other.close();
  });

  it('the city authority sets defaults and ceilings; nobody else does', async () => {
    const shown = await call('fgw', 'GET', '/settings/app-limits');
    assert.equal(shown.status, 200);
    assert.deepEqual(Object.keys(shown.body.defaults), ['api', 'verify']);
    const settings = {
      defaults: { api: { perSecond: 50, perDay: 1000 }, verify: { perSecond: 10, perDay: 5000 } },
      ceiling: { api: { perSecond: 100, perDay: 10_000 }, verify: { perSecond: 20, perDay: 50_000 } },
    };
    assert.equal((await call('zzx.sjj', 'PUT', '/settings/app-limits', settings)).status, 403, 'a county authority does not');
    assert.equal((await call('fgw', 'PUT', '/settings/app-limits', settings)).status, 403);
    const over = await call('sjj', 'PUT', '/settings/app-limits', { ...settings, defaults: { ...settings.defaults, api: { perSecond: 500, perDay: 1000 } } });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.details[0].field, 'body.defaults.api.perSecond');
    const saved = await call('sjj', 'PUT', '/settings/app-limits', settings);
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const listed = (await call('fgw', 'GET', '/apps')).body.items[0];
    assert.deepEqual(listed.limits.api, { perSecond: 50, perDay: 1000, own: { perSecond: null, perDay: null } });
    assert.deepEqual(listed.usageToday, { api: 0, verify: 0 });
  });

  it('the department\'s data steward sets its app\'s limits, up to the ceiling only', async () => {
    const tooHigh = await setLimits({ api: { perSecond: 101, perDay: null }, verify: unlimited });
    assert.equal(tooHigh.status, 400);
    assert.match(tooHigh.body.error.zh, /1–100/);
    assert.equal((await call('fgw.req', 'PUT', `/apps/${app.id}/limits`, { api: unlimited, verify: unlimited })).status, 403, 'a requester does not');
    assert.equal((await call('gaj', 'PUT', `/apps/${app.id}/limits`, { api: unlimited, verify: unlimited })).status, 404, 'another department\'s app is not there');
    const ok = await setLimits({ api: { perSecond: 2, perDay: null }, verify: unlimited });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body.limits.api, { perSecond: 2, perDay: 1000, own: { perSecond: 2, perDay: null } });
  });

  it('over the per-second rate: 429 RATE_LIMITED with Retry-After, naming the limit; verification has its own', async () => {
    assert.equal((await read()).status, 200);
    assert.equal((await read()).status, 200);
    const third = await read();
    assert.equal(third.status, 429, JSON.stringify(third.body));
    assert.equal(third.body.error.code, 'RATE_LIMITED');
    assert.equal(third.retryAfter, '1');
    assert.match(third.body.error.zh, /数据接口每秒上限（每秒 2 次）/);
    assert.match(third.body.error.en, /data API per-second limit \(2 calls per second\)/);
    const v = await verify([{ registration_no: 'JC-0001', holder_name: '晋城市宏达运输有限公司' }]);
    assert.equal(v.status, 200, 'the data API\'s limit does not stop verification');
    assert.deepEqual(v.body.results[0].fields, { holder_name: 'match' });
    const recorded = await t().db.selectFrom('access_record').select(['status', 'error_code', 'outcome', 'app_id']).where('status', '=', 429).execute();
    assert.deepEqual(recorded.map((r) => [r.error_code, r.outcome, r.app_id]), [['RATE_LIMITED', 'denied', app.id]], 'each 429 is an access record');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await read()).status, 200, 'after Retry-After the app may call again');
  });

  it('over the daily quota: 429 QUOTA_EXCEEDED until 00:00 Asia/Shanghai — counted across server processes', async () => {
    await setLimits({ api: { perSecond: 100, perDay: 6 }, verify: unlimited });
    const used = (await call('fgw', 'GET', '/apps')).body.items[0].usageToday.api;
    assert.equal(used, 3, 'the three calls served so far today');
    const results: number[] = [];
    for (let i = 0; i < 6; i++) results.push((await read(i % 2 ? other : server)).status);
    assert.deepEqual(results, [200, 200, 200, 429, 429, 429], 'both processes together serve exactly the quota');
    const refused = await read(other);
    assert.equal(refused.body.error.code, 'QUOTA_EXCEEDED');
    assert.match(refused.body.error.zh, /数据接口每日配额（每日 6 次）/);
    const wait = Number(refused.retryAfter);
    assert.ok(Math.abs(wait - secondsUntilQuotaRenews(new Date())) <= 2, `Retry-After ${wait} is the time to the next quota day`);
    assert.equal((await call('fgw', 'GET', '/apps')).body.items[0].usageToday.api, 6);
    await setLimits({ api: { perSecond: 100, perDay: 7 }, verify: unlimited });
    assert.equal((await read(other)).status, 200, 'a raised quota is effective at the next call');
  });

  it('verification\'s daily quota counts records, and a batch larger than what is left is refused whole', async () => {
    await setLimits({ api: unlimited, verify: { perSecond: 10, perDay: 5 } });
    const three = Array.from({ length: 3 }, () => ({ registration_no: 'JC-0001', holder_name: 'x' }));
    assert.equal((await verify(three)).status, 200);
    const over = await verify(three);
    assert.equal(over.status, 429);
    assert.equal(over.body.error.code, 'QUOTA_EXCEEDED');
    assert.match(over.body.error.en, /verification daily quota \(5 records per day\)/);
    assert.equal((await verify(three.slice(0, 1))).status, 200, 'the one record left can still be checked');
    assert.equal((await call('fgw', 'GET', '/apps')).body.items[0].usageToday.verify, 1 + 3 + 1);
  });

  it('nothing held in one process outlives a rotation or a disabled app in another', async () => {
    await setLimits({ api: unlimited, verify: unlimited });
    assert.equal((await read(other)).status, 200, 'the other process now holds the secret');
    const rotated = (await call('fgw', 'POST', `/apps/${app.id}/rotate`)).body;
    const stale = await read(other, app.secret);
    assert.equal(stale.status, 401, 'the old secret is refused by the process that held it');
    assert.equal((await read(other, rotated.secret)).status, 200, 'the new one works there at once');
    app.secret = rotated.secret;
    assert.equal((await read(server)).status, 200);
    await call('fgw', 'POST', `/apps/${app.id}/disable`);
    assert.equal((await read(other)).status, 401, 'disabled in one process, refused by the other at the next call');
    assert.equal((await read(server)).status, 401);
  });
});
