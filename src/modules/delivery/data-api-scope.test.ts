/**
 * The grant's row scope (共享范围, §27–§29) pushed into the data API's SQL, and values typed by the
 * catalog (§10 数据项类型), over real HTTP on both databases: rows outside the scope never leave, a
 * consumer's filter only narrows it, a scope may sit on an ungranted or masked item (the platform
 * applies it) while the consumer still cannot filter on a masked one (security rules §25, §27), and
 * numbers, dates, times, booleans and bytes come as JSON values compared by their type.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { GdxClient } from '../../client/gdx-client.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { acceptAgreement, request, sharingWorld } from '../sharing/test-kit.ts';

/** 特种设备使用登记信息 with a typed data dictionary; 额定载荷 kept as text in the 前置库, as providers do. */
const ITEMS = [
  { name: 'registration_no', label: '使用登记证编号', type: 'string', length: 32, key: true },
  { name: 'holder_name', label: '使用单位', type: 'string', length: 100 },
  { name: 'region_code', label: '所在区县代码', type: 'string', length: 6 },
  { name: 'capacity', label: '额定载荷（千克）', type: 'integer' },
  { name: 'rated_speed', label: '额定速度（米/秒）', type: 'decimal' },
  { name: 'registered_on', label: '登记日期', type: 'date' },
  { name: 'inspected_at', label: '最近检验时间', type: 'datetime' },
  { name: 'in_use', label: '是否在用', type: 'boolean' },
  { name: 'nameplate', label: '铭牌照片', type: 'binary' },
  { name: 'staff_count', label: '作业人员数', type: 'integer' },
  { name: 'phone', label: '安全管理员电话', type: 'string', length: 20, sensitiveType: 'phone', masking: 'phone' },
];
const GRANTED = ITEMS.map((i) => i.name).filter((n) => n !== 'region_code');
const REGIONS = ['140525', '140502', '140581'];
const reg = (i: number) => `SB-${String(i).padStart(3, '0')}`;

forEachDatabase('data API: row scope and typed values', (t) => {
  let server: TestServer;
  let client: GdxClient;
  let path = '';
  const read = async (query = '') => {
    const res = await client.request('GET', `${path}${query}`);
    const text = await res.text();
    return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
  };
  const regs = (body: { items: { registration_no: string }[] }) => body.items.map((r) => r.registration_no);

  before(async () => {
    server = await startTestServer(t().db);
    const { tok } = await sharingWorld(t().db, server);
    const call = (user: string, method: string, p: string, body?: unknown) => server.call(method, `/api/v1${p}`, { token: tok[user], body });
    const e = await call('gaj', 'POST', '/catalog', entryBody({ name: '特种设备使用登记信息', items: ITEMS }));
    assert.equal(e.status, 201, JSON.stringify(e.body));
    await call('gaj', 'POST', `/catalog/${e.body.id}/submit`);
    assert.equal((await call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' })).status, 200);
    await sql.raw(`CREATE TABLE qzk_gaj.equipment (registration_no text PRIMARY KEY, holder_name text, region_code text, capacity text,
      rated_speed numeric(6,2), registered_on date, inspected_at timestamptz, in_use boolean, nameplate bytea, staff_count integer, phone text)`).execute(t().db);
    for (let i = 1; i <= 24; i++) {
      await sql`INSERT INTO qzk_gaj.equipment VALUES (${reg(i)}, ${i === 7 ? '晋城市"安泰",有限公司' : `使用单位${i}`}, ${REGIONS[(i - 1) % 3]}, ${String(i * 100)},
        ${(i * 0.25).toFixed(2)}, ${`2024-01-${String(i).padStart(2, '0')}`}, ${new Date(Date.UTC(2024, 2, 1, i))}, ${i % 2 === 0},
        ${Buffer.from([i, 0, 255])}, ${i}, ${`13${i % 2 ? 8 : 9}0000${String(i).padStart(4, '0')}`})`.execute(t().db);
    }
    assert.equal((await call('gaj', 'PUT', `/catalog/${e.body.id}/mount`, { kind: 'table', schema: 'qzk_gaj', table: 'equipment', keyColumns: ['registration_no'] })).status, 200);

    // §27 the requester asks for two counties; §29 the provider narrows to one, heavy lifts, and a phone range.
    const r = await call('fgw', 'POST', '/requests', request(e.body.id, {
      items: GRANTED, validUntil: '2027-06-30',
      conditions: { rowScope: [{ item: 'region_code', op: 'in', values: ['140525', '140581'] }], rowFilter: '泽州县、高平市' },
    }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await call('sjj', 'POST', `/requests/${r.body.id}/compliance-review`, { decision: 'pass' });
    const granted = await call('gaj', 'POST', `/requests/${r.body.id}/reply`, {
      decision: 'grant',
      conditions: {
        masking: { staff_count: 'redact' },
        rowScope: [
          { item: 'region_code', op: 'eq', values: ['140525'] },
          { item: 'capacity', op: 'gte', values: ['500'] },
          { item: 'phone', op: 'prefix', values: ['138'] },
        ],
        rowFilter: '泽州县额定载荷 500 千克以上',
      },
    });
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    await acceptAgreement(server, tok.fgw!, granted.body.grantId);
    const app = await call('fgw', 'POST', '/apps', { name: '安全生产监管平台' });
    client = new GdxClient({ baseUrl: `${server.url}/api/v1`, appKey: app.body.appKey, secret: app.body.secret });
    path = `/data/${encodeURIComponent((await call('fgw', 'GET', `/catalog/${e.body.id}`)).body.code)}`;
  });
  after(() => server.close());

  it('§29 only rows inside the grant\'s scope leave — 泽州县, ≥ 500 kg compared as numbers although stored as text, phones 138…', async () => {
    const all = await read('?limit=100');
    assert.equal(all.status, 200, JSON.stringify(all.body));
    // Inside: i ≡ 1 (mod 3), i ≥ 5, i odd → 7, 13, 19. As text, '1300' ≥ '500' is false and 13, 19 would be lost.
    assert.deepEqual(regs(all.body), ['SB-007', 'SB-013', 'SB-019']);
    const first = await read('?limit=2');
    assert.deepEqual(regs(first.body), ['SB-007', 'SB-013']);
    assert.ok(first.body.nextCursor);
    const rest = await read(`?limit=2&cursor=${first.body.nextCursor}`);
    assert.deepEqual(regs(rest.body), ['SB-019']);
    assert.equal(rest.body.nextCursor, undefined, 'the count is the scope\'s, not the table\'s');
  });

  it('§39 a filter only narrows the scope: out-of-scope values return nothing', async () => {
    assert.deepEqual((await read('?registration_no=SB-008')).body.items, [], 'another county');
    assert.deepEqual((await read('?registration_no=SB-010')).body.items, [], 'a 139… phone');
    assert.deepEqual((await read('?capacity.lte=400')).body.items, [], 'below the scope\'s 500 kg');
    assert.deepEqual(regs((await read('?registration_no.in=SB-001,SB-007,SB-008')).body), ['SB-007']);
    assert.deepEqual(regs((await read('?capacity.gte=1')).body), ['SB-007', 'SB-013', 'SB-019'], 'a wider filter gives no more');
  });

  it('a scope on an ungranted item (region_code) and on a masked one (phone) applies; the consumer still cannot filter on them', async () => {
    const notGranted = await read('?region_code=140502');
    assert.equal(notGranted.status, 403);
    assert.equal(notGranted.body.error.code, 'FIELDS_NOT_GRANTED');
    const masked = await read('?phone=13800000007');
    assert.equal(masked.status, 403);
    assert.equal(masked.body.error.code, 'FILTER_ON_MASKED');
    const sortMasked = await read('?sort=staff_count');
    assert.equal(sortMasked.body.error.code, 'FILTER_ON_MASKED', 'masked by the grant: no sort either');
  });

  it('§10 values come typed by the catalog; masked values are strings', async () => {
    const res = await read('?registration_no=SB-007');
    assert.deepEqual(res.body.items, [{
      registration_no: 'SB-007', holder_name: '晋城市"安泰",有限公司', capacity: 700, rated_speed: 1.75, registered_on: '2024-01-07',
      inspected_at: '2024-03-01T15:00:00+08:00', in_use: false, nameplate: Buffer.from([7, 0, 255]).toString('base64'),
      staff_count: '***', phone: '138****0007',
    }]);
  });

  it('filters compare by type, values bound; a value that does not parse is a 400 naming the item', async () => {
    assert.deepEqual(regs((await read('?capacity.gte=1000')).body), ['SB-013', 'SB-019'], 'as text, "700" ≥ "1000"');
    assert.deepEqual(regs((await read('?rated_speed.gte=3.25')).body), ['SB-013', 'SB-019']);
    assert.deepEqual(regs((await read('?registered_on.lte=2024-01-13')).body), ['SB-007', 'SB-013']);
    assert.deepEqual(regs((await read(`?inspected_at.gte=${encodeURIComponent('2024-03-01T19:00:00+08:00')}`)).body), ['SB-013', 'SB-019']);
    assert.deepEqual(regs((await read('?in_use=false')).body), ['SB-007', 'SB-013', 'SB-019']);
    assert.deepEqual((await read('?in_use=true')).body.items, []);
    assert.deepEqual(regs((await read('?capacity.in=700,1900')).body), ['SB-007', 'SB-019']);
    assert.deepEqual(regs((await read('?sort=-capacity')).body), ['SB-019', 'SB-013', 'SB-007'], 'numeric order, not text');
    for (const [query, item] of [['?capacity.gte=abc', 'capacity'], ['?registered_on=2024-02-30', 'registered_on'], ['?in_use=yes', 'in_use'],
      ['?inspected_at.gte=2024-03-01T19:00:00', 'inspected_at'], ['?capacity.in=700,x', 'capacity']] as const) {
      const bad = await read(query);
      assert.equal(bad.status, 400, query);
      assert.equal(bad.body.error.code, 'FILTER_VALUE_INVALID');
      assert.match(bad.body.error.message, new RegExp(item));
    }
    const binary = await read('?nameplate=AAEC');
    assert.equal(binary.status, 400);
    assert.equal(binary.body.error.code, 'FILTER_TYPE_UNSUPPORTED');
  });

  it('CSV: the same values, numbers unguarded, text with commas and quotes quoted (RFC 4180)', async () => {
    const res = await read('?format=csv&fields=registration_no,holder_name,capacity,rated_speed,in_use,inspected_at,phone&limit=1');
    assert.equal(res.status, 200);
    assert.equal(String(res.body).replace(/^\uFEFF/, ''), 'registration_no,holder_name,capacity,rated_speed,in_use,inspected_at,phone\r\n'
      + 'SB-007,"晋城市""安泰"",有限公司",700,1.75,false,2024-03-01T15:00:00+08:00,138****0007\r\n');
  });
});
