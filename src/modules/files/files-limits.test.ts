/**
 * File downloads by consumer apps held to the app's limits on both databases (§38 接口访问安全; issue 4):
 * a download is one call of the app's data API — its per-second rate on every authenticated download,
 * one unit of its daily quota once the download passes every check — 429 with Retry-After over
 * either, each refusal an access record; within the limits a download is delivered as before.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { GdxClient } from '../../client/gdx-client.ts';
import { secondsUntilQuotaRenews } from '../../domain/delivery/limits.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { ITEMS, sharingWorld } from '../sharing/test-kit.ts';
import { acceptAgreement, csvLines, download, grantFile, upload } from './test-kit.ts';

const PERMITS_CSV = Buffer.from('\uFEFFregistration_no,holder_name,phone\r\nJC-1,甲公司,13800001111\r\n', 'utf8');

forEachDatabase('files: downloads take the app\'s rate and quota', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let client: GdxClient;
  let appId = '';
  let filePath = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const fetchFile = async (p = filePath) => {
    const res = await download(await client.request('GET', p));
    return { ...res, retryAfter: res.headers.get('retry-after') };
  };
  const setLimits = (api: { perSecond: number | null; perDay: number | null }) =>
    call('fgw', 'PUT', `/apps/${appId}/limits`, { api, verify: { perSecond: null, perDay: null } });
  const usedToday = async () => (await call('fgw', 'GET', '/apps')).body.items.find((a: any) => a.id === appId).usageToday.api as number;
  const refusals = (code: string) => t().db.selectFrom('access_record').select(['channel', 'outcome', 'status', 'app_id', 'grant_id'])
    .where('error_code', '=', code).execute();

  before(async () => {
    server = await startTestServer(t().db);
    ({ tok } = await sharingWorld(t().db, server));
    const e = await call('gaj', 'POST', '/catalog', entryBody({ name: '特种行业许可证照文件', items: ITEMS, shareMethod: 'file', format: 'csv', updateCycle: 'monthly' }));
    assert.equal(e.status, 201, JSON.stringify(e.body));
    await call('gaj', 'POST', `/catalog/${e.body.id}/submit`);
    assert.equal((await call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' })).status, 200);
    assert.equal((await upload(server, tok.gaj, `/catalog/${e.body.id}/files`, 'permits.csv', PERMITS_CSV)).status, 201);
    const grantId = await grantFile(server, tok, e.body.id, ['registration_no', 'phone']);
    await acceptAgreement(server, tok.fgw!, grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '项目审批系统' });
    appId = app.body.id;
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    const code = (await call('fgw', 'GET', `/catalog/${e.body.id}`)).body.code as string;
    filePath = `/files/${encodeURIComponent(code)}/permits.csv`;
  });
  after(() => server.close());

  it('within the limits a download is delivered, and counts one unit of the app\'s data-API quota', async () => {
    assert.equal((await setLimits({ perSecond: 1, perDay: null })).status, 200);
    const res = await fetchFile();
    assert.equal(res.status, 200, res.bytes.toString());
    assert.deepEqual(csvLines(res.bytes).slice(1), ['registration_no,phone', 'JC-1,138****1111']);
    assert.equal(await usedToday(), 1);
  });

  it('over the per-second rate: 429 RATE_LIMITED with Retry-After, recorded as a refused download', async () => {
    await new Promise((r) => setTimeout(r, 1100));
    // Two downloads at once, 1 allowed per second: one is delivered, the other refused.
    const both = await Promise.all([fetchFile(), fetchFile()]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 429]);
    const refused = both.find((r) => r.status === 429)!;
    assert.equal(refused.json.error.code, 'RATE_LIMITED');
    assert.equal(refused.retryAfter, '1');
    assert.match(refused.json.error.zh, /数据接口每秒上限（每秒 1 次）/);
    assert.equal(refused.headers.get('x-gdx-delivery'), null, 'nothing was delivered');
    assert.deepEqual(await refusals('RATE_LIMITED'), [{ channel: 'file', outcome: 'denied', status: 429, app_id: appId, grant_id: null }]);
    assert.equal(await usedToday(), 2, 'a download refused over the rate takes no quota');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal((await fetchFile()).status, 200, 'after Retry-After the app downloads again');
  });

  it('over the daily quota: 429 QUOTA_EXCEEDED until 00:00 Asia/Shanghai, recorded; a refused file takes no quota', async () => {
    assert.equal((await setLimits({ perSecond: 100, perDay: 4 })).status, 200);
    const missing = await fetchFile(filePath.replace('permits.csv', 'absent.csv'));
    assert.equal(missing.status, 404, 'a download refused by its checks…');
    assert.equal(await usedToday(), 3, '…is not counted against the quota');
    assert.equal((await fetchFile()).status, 200, 'the fourth download of the day');
    const over = await fetchFile();
    assert.equal(over.status, 429, over.bytes.toString());
    assert.equal(over.json.error.code, 'QUOTA_EXCEEDED');
    assert.match(over.json.error.en, /data API daily quota \(4 calls per day\)/);
    const wait = Number(over.retryAfter);
    assert.ok(Math.abs(wait - secondsUntilQuotaRenews(new Date())) <= 2, `Retry-After ${wait} is the time to the next quota day`);
    const recorded = await refusals('QUOTA_EXCEEDED');
    assert.deepEqual(recorded.map((r) => [r.channel, r.outcome, r.status, r.app_id]), [['file', 'denied', 429, appId]]);
    assert.ok(recorded[0]!.grant_id, 'the refusal names the grant it was asked under');
    assert.equal(await usedToday(), 4);
    assert.equal((await setLimits({ perSecond: 100, perDay: 5 })).status, 200);
    assert.equal((await fetchFile()).status, 200, 'a raised quota is effective at the next download');
  });
});
