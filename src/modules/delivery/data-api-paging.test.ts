/**
 * Keyset paging of the data API over real HTTP on both databases (issue 4): following nextCursor
 * yields every row exactly once, in order — by the table's key, by an item ascending or descending
 * (ties broken by the key, empty values last ascending and first descending); the cursor is sealed
 * (the key here is a masked 公民身份号码, security rules §25), bound to its grant and query, and
 * refused when tampered with. Also: a page read together with the call's checks follows a re-mount.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { acceptAgreement, mountApproved, request, sharingWorld } from '../sharing/test-kit.ts';

const ITEMS = [
  { name: 'id_card', label: '公民身份号码', type: 'string', length: 18, key: true, sensitiveType: 'id_card', masking: 'id_card' },
  { name: 'ref', label: '登记序号', type: 'string', length: 8 },
  { name: 'score', label: '评定分值', type: 'integer' },
  { name: 'district', label: '所属县区', type: 'string', length: 20 },
];
const ROWS = Array.from({ length: 23 }, (_, n) => {
  const i = n + 1;
  // Keys not in insertion order; scores repeat, some are empty, one is above 9 so text order would differ.
  return { id_card: `1405251990${String((i * 7919) % 100000).padStart(5, '0')}${i % 10}X`, ref: `R${String(i).padStart(2, '0')}`,
    score: i % 4 === 0 ? null : i === 5 ? 12 : i % 5, district: i % 2 ? '泽州县' : '城区' };
});

/** The order the API promises: by value (numbers as numbers, empty last ascending / first descending), ties by key in the same direction. */
function expected(rows: typeof ROWS, by?: 'score', desc = false): string[] {
  const dir = desc ? -1 : 1;
  const cmpKey = (a: typeof ROWS[number], b: typeof ROWS[number]) => (a.id_card < b.id_card ? -1 : a.id_card > b.id_card ? 1 : 0) * dir;
  return [...rows].sort((a, b) => {
    if (!by) return cmpKey(a, b);
    const [x, y] = [a[by], b[by]];
    if (x === y) return cmpKey(a, b);
    if (x === null) return dir;
    if (y === null) return -dir;
    return (x - y) * dir;
  }).map((r) => r.ref);
}

const UNLIMITED = { perSecond: null, perDay: null };
const FAST = { perSecond: 500, perDay: null };

forEachDatabase('data API: keyset paging with sealed cursors', (t) => {
  let server: TestServer;
  let client: GdxClient;
  let tok: Record<string, string>;
  let entryId = '';
  let path = '';
  const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
  const read = async (query: string) => {
    const res = await client.request('GET', `${path}?${query}`);
    return { status: res.status, body: await res.json() as any };
  };
  /** Every page of a query, following nextCursor. */
  const pageAll = async (query: string, limit: number) => {
    const refs: string[] = [];
    const cursors: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 100; n++) {
      const res = await read(`${query}${query ? '&' : ''}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      refs.push(...res.body.items.map((r: { ref: string }) => r.ref));
      cursor = res.body.nextCursor;
      if (!cursor) return { refs, cursors };
      cursors.push(cursor);
    }
    throw new Error('paging did not end');
  };
  const grantAndApp = async () => {
    const r = await call('fgw', 'POST', '/requests', request(entryId, { items: ITEMS.map((i) => i.name), validUntil: '2027-06-30' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, { decision: 'grant' });
    assert.ok(granted.body.grantId, JSON.stringify(granted.body));
    await acceptAgreement(server, tok.fgw!, granted.body.grantId);
    return granted.body.grantId as string;
  };

  before(async () => {
    server = await startTestServer(t().db);
    ({ tok } = await sharingWorld(t().db, server));
    const e = await call('gaj', 'POST', '/catalog', entryBody({ name: '社会救助对象评定信息', items: ITEMS }));
    assert.equal(e.status, 201, JSON.stringify(e.body));
    entryId = e.body.id;
    await call('gaj', 'POST', `/catalog/${entryId}/submit`);
    assert.equal((await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' })).status, 200);
    for (const table of ['assessed', 'assessed_v2']) {
      await sql.raw(`CREATE TABLE qzk_gaj.${table} (id_card text PRIMARY KEY, ref text, score integer, district text)`).execute(t().db);
    }
    for (const r of ROWS) await sql`INSERT INTO qzk_gaj.assessed VALUES (${r.id_card}, ${r.ref}, ${r.score}, ${r.district})`.execute(t().db);
    await sql`INSERT INTO qzk_gaj.assessed_v2 VALUES ('140525199000001X', 'V01', 1, '城区')`.execute(t().db);
    assert.equal((await call('gaj', 'PUT', `/catalog/${entryId}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'assessed', keyColumns: ['id_card'] })).status, 200);
    await grantAndApp();
    const app = await call('fgw', 'POST', '/apps', { name: '社会救助评定系统' });
    // Paging one row at a time is many calls: the app may make up to the ceiling's 500 a second.
    assert.equal((await call('fgw', 'PUT', `/apps/${app.body.id}/limits`, { api: FAST, verify: UNLIMITED })).status, 200);
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    path = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${entryId}`)).body.code)}`;
  });
  after(() => server.close());

  it('following nextCursor yields every row once, in key order, whatever the page size', async () => {
    for (const limit of [1, 4, 5, 23, 100]) {
      assert.deepEqual((await pageAll('', limit)).refs, expected(ROWS), `limit ${limit}`);
    }
  });

  it('sort=item and sort=-item page by the typed value, ties by the key, empty values last / first', async () => {
    assert.deepEqual((await pageAll('sort=score', 4)).refs, expected(ROWS, 'score'));
    assert.deepEqual((await pageAll('sort=-score', 4)).refs, expected(ROWS, 'score', true));
    assert.deepEqual((await pageAll('sort=-score', 3)).refs, expected(ROWS, 'score', true), 'a page boundary inside the empty values');
    const inCity = ROWS.filter((r) => r.district === '城区');
    assert.deepEqual((await pageAll(`district=${encodeURIComponent('城区')}&sort=score`, 2)).refs, expected(inCity, 'score'), 'with a filter');
  });

  it('the cursor is sealed: the masked key it continues after cannot be read from it (security rules §25)', async () => {
    const { cursors } = await pageAll('', 4);
    const keys = expected(ROWS).map((ref) => ROWS.find((r) => r.ref === ref)!.id_card);
    for (const c of cursors) {
      const decoded = c.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1')).join('.');
      assert.ok(!keys.some((k) => c.includes(k) || decoded.includes(k)), `cursor ${c} carries a key in the clear`);
    }
    const first = await read('limit=4');
    assert.ok(!JSON.stringify(first.body.items).includes(keys[0]!), 'the key is masked in the rows');
  });

  it('a tampered, foreign or other query\'s cursor is 400 INVALID_CURSOR', async () => {
    const { cursors } = await pageAll('sort=score', 4);
    const good = cursors[1]!;
    const i = Math.floor(good.length / 2);
    const tampered = good.slice(0, i) + (good[i] === 'A' ? 'B' : 'A') + good.slice(i + 1);
    const legacyOffset = Buffer.from(JSON.stringify({ o: 4 })).toString('base64url');
    for (const [query, why] of [[`sort=score&cursor=${tampered}`, 'tampered'], [`cursor=${legacyOffset}`, 'an offset of the old form'],
      ['cursor=abc', 'garbage'], [`sort=-score&cursor=${good}`, 'another sort'], [`cursor=${good}`, 'no sort'],
      [`sort=score&score.gte=1&cursor=${good}`, 'another filter']] as const) {
      const res = await read(query);
      assert.equal(res.status, 400, why);
      assert.equal(res.body.error.code, 'INVALID_CURSOR', why);
    }
    const otherLimit = await read(`sort=score&limit=2&cursor=${good}`);
    assert.equal(otherLimit.status, 200, 'the page size may change between pages');
    assert.deepEqual(otherLimit.body.items.map((r: { ref: string }) => r.ref), expected(ROWS, 'score').slice(8, 10));
  });

  it('a page read with the checks leaves nothing when a later check refuses, and the refused call\'s nonce is spent', async () => {
    const app = (await call('fgw', 'GET', '/apps')).body.items.find((a: { name: string }) => a.name === '社会救助评定系统');
    assert.equal((await read('limit=3')).status, 200, 'the previous call: the next one reads its page with its checks');
    // Today's quota already spent: the call passes every check but the quota, which comes after the statement.
    assert.equal((await call('fgw', 'PUT', `/apps/${app.id}/limits`, { api: { perSecond: 500, perDay: 1 }, verify: UNLIMITED })).status, 200);
    try {
      const signed = client.sign('GET', `${path}?limit=3`);
      const refused = await fetch(signed.url, { method: signed.method, headers: signed.headers });
      const body = await refused.json() as any;
      assert.equal(refused.status, 429);
      assert.equal(body.error.code, 'QUOTA_EXCEEDED');
      assert.equal(body.items, undefined, 'the page read with the checks is not sent');
      const replay = await fetch(signed.url, { method: signed.method, headers: signed.headers });
      assert.equal(replay.status, 401);
      assert.equal((await replay.json() as any).error.code, 'NONCE_REUSED', 'the refused call recorded its nonce');
    } finally {
      await call('fgw', 'PUT', `/apps/${app.id}/limits`, { api: FAST, verify: UNLIMITED });
    }
    assert.equal((await read('limit=3')).status, 200);
  });

  it('a page read with the checks follows a re-mount, and a cursor does not outlive its grant', async () => {
    const before = await read('limit=2');
    assert.equal(before.body.items.length, 2);
    // A change of the mount under a live grant takes effect once the authority approves it (§16).
    assert.equal((await mountApproved(server, tok, entryId, { kind: 'table', schema: 'qzk_gaj', table: 'assessed_v2', keyColumns: ['id_card'] })).status, 200);
    const moved = await read('limit=2');
    assert.deepEqual(moved.body.items.map((r: { ref: string }) => r.ref), ['V01'], 'the new mount\'s rows, not the previous call\'s table');
    assert.equal((await read(`limit=2&cursor=${before.body.nextCursor}`)).body.error?.code, 'INVALID_CURSOR', 'another table');
    await mountApproved(server, tok, entryId, { kind: 'table', schema: 'qzk_gaj', table: 'assessed', keyColumns: ['id_card'] });
    const held = (await read('limit=2')).body.nextCursor;
    assert.equal((await read(`limit=2&cursor=${held}`)).status, 200);
    const grants = await call('fgw', 'GET', `/grants?view=mine&entryId=${entryId}`);
    await call('gaj', 'POST', `/grants/${grants.body.items[0].id}/revoke`, { reason: '重新授权' });
    assert.equal((await read('limit=2')).status, 404, 'the revoked grant serves nothing, though the previous call read under it');
    await grantAndApp();
    const again = await read(`limit=2&cursor=${held}`);
    assert.equal(again.status, 400, 'a cursor of the revoked grant');
    assert.equal(again.body.error.code, 'INVALID_CURSOR');
    assert.deepEqual((await pageAll('', 7)).refs, expected(ROWS), 'the new grant pages from the start');
  });
});
