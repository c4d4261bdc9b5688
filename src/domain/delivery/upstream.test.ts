import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkUpstreamMount, governRows, itemsOf, rowsAt, shownUrl, type UpstreamMountInput } from './upstream.ts';

const items = ['plate', 'company', 'phone'];

describe('服务接口挂接 (§17 API 共享): what an upstream mount may be', () => {
  const cases: [string, UpstreamMountInput, string[]][] = [
    ['an https URL with a sealed header, a rows path and a mapping', { url: 'https://api.jtj.jcgov.cn/bikes?region=city', authHeader: 'X-Api-Key', authValue: 'k-123', rowsPath: 'data.items', fields: { plate: 'vehicle.plate' } }, []],
    ['plain http inside the government network', { url: 'http://10.1.2.3:8080/v1/rows' }, []],
    ['not http(s)', { url: 'ftp://10.1.2.3/rows' }, ['body.url']],
    ['a relative URL', { url: '/rows' }, ['body.url']],
    ['credentials in the URL', { url: 'https://admin:s3cret@api.example/rows' }, ['body.url']],
    ['a timeout outside 100 ms – 60 s', { url: 'https://a.example/', timeoutMs: 90_000 }, ['body.timeoutMs']],
    ['a header the HTTP stack owns', { url: 'https://a.example/', authHeader: 'Host', authValue: 'x' }, ['body.authHeader']],
    ['a header value that would split the request', { url: 'https://a.example/', authValue: 'Bearer x\r\nX-Evil: 1' }, ['body.authValue']],
    ['a malformed rows path', { url: 'https://a.example/', rowsPath: 'data..items' }, ['body.rowsPath']],
    ['a mapping for an item the entry lacks', { url: 'https://a.example/', fields: { owner: 'owner' } }, ['body.fields.owner']],
  ];
  for (const [name, input, fields] of cases) {
    it(name, () => assert.deepEqual(checkUpstreamMount(input, items).map((p) => p.field), fields));
  }

  it('shows the URL without its query values, which may be keys', () => {
    assert.equal(shownUrl('https://api.example/v1/rows?appkey=SECRET&region=1&region=2'), 'https://api.example/v1/rows?appkey=***&region=***');
    assert.equal(shownUrl('http://10.0.0.1:8080/rows'), 'http://10.0.0.1:8080/rows');
  });
});

describe('upstream rows are governed like table rows', () => {
  const typed = [{ name: 'plate', type: 'string' as const }, { name: 'company', type: 'string' as const }, { name: 'phone', type: 'string' as const }];
  const answer = { code: 0, data: { items: [
    { plate: '晋E12345', vehicle: { plate: '晋E12345' }, company: '晋城公交', phone: 13800000001, bikes: 1200, extra: 'x' },
    { plate: '晋E00001', company: { name: '哈啰' }, phone: null, bikes: '300' },
    { plate: '晋E99999', company: '美团', phone: '13900000009', bikes: 18000, seen: '2024-03-01 08:00:00' },
  ] } };

  it('finds the rows where the mount says, or reports they are not there', () => {
    assert.equal(rowsAt(answer, 'data.items')?.length, 3);
    assert.equal(rowsAt(answer.data.items, ''), answer.data.items);
    assert.equal(rowsAt(answer, 'data'), undefined, 'an object is not rows');
    assert.equal(rowsAt(answer, 'data.missing'), undefined);
    assert.equal(rowsAt({ __proto__: { rows: [] } }, 'rows'), undefined, 'only own properties');
  });

  it('reads each item from its mapped path, as its type\'s text; unknown fields are dropped', () => {
    const raw = answer.data.items[0];
    assert.deepEqual(itemsOf(raw, typed, { plate: 'vehicle.plate' }), { plate: '晋E12345', company: '晋城公交', phone: '13800000001' });
    assert.deepEqual(itemsOf(answer.data.items[1], typed), { plate: '晋E00001', company: '{"name":"哈啰"}', phone: null });
    assert.deepEqual(itemsOf('not an object', typed), { plate: null, company: null, phone: null });
    assert.deepEqual(itemsOf(answer.data.items[2], [{ name: 'seen', type: 'datetime' }, { name: 'bikes', type: 'integer' }]),
      { seen: '2024-03-01T08:00:00+08:00', bikes: '18000' }, 'a datetime without offset is Shanghai time');
  });

  it('applies the row scope and the filters with rowInScope, then the order by type', () => {
    const items = [...typed, { name: 'bikes', type: 'integer' as const }];
    const rows = answer.data.items.map((r) => itemsOf(r, items));
    const scope = [{ item: 'plate', op: 'prefix' as const, values: ['晋E'] }];
    assert.deepEqual(governRows(rows, [{ item: 'company', op: 'eq', values: ['美团'] }], []).map((r) => r.plate), ['晋E99999']);
    assert.deepEqual(governRows(rows, scope, [{ item: 'bikes', op: 'gte', values: ['1000'], type: 'integer' }]).map((r) => r.plate), ['晋E12345', '晋E99999'],
      'numbers compare as numbers: 300 < 1000 although "300" > "1000" as text');
    assert.deepEqual(governRows(rows, scope, [{ item: 'company', op: 'in', values: ['美团', '晋城公交'] }]).map((r) => r.plate), ['晋E12345', '晋E99999']);
    assert.deepEqual(governRows(rows, scope, [], { item: 'bikes', desc: true, type: 'integer' }).map((r) => r.plate), ['晋E99999', '晋E12345', '晋E00001']);
    assert.deepEqual(governRows(rows, scope, [], { item: 'phone', desc: false, type: 'string' }).map((r) => r.plate), ['晋E12345', '晋E99999', '晋E00001'], 'nulls last ascending');
    assert.deepEqual(governRows(rows, [{ item: 'phone', op: 'eq', values: ['x'] }], []), [], 'a null is never inside a scope');
  });
});
