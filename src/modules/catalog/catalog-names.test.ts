/**
 * §11 命名的准确性 in the editor, on both databases: a department files one entry per name — as the
 * import already refuses a second one — while other departments may use the same name.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody } from '../../testing/make.ts';

forEachDatabase('catalog entry names', (t) => {
  let server: TestServer;
  const tok: Record<string, string> = {};
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
    for (const u of ['fgw', 'gaj', 'sjj']) tok[u] = await server.login(u);
  });
  after(() => server.close());

  const call = (user: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    server.call(method, `/api/v1${path}`, { token: tok[user], body, ...(headers ? { headers } : {}) });
  const entryCount = async () => Number((await t().db.selectFrom('catalog_entry').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const taken = (res: { status: number; body: any }, status: string, id: string) => {
    assert.equal(res.status, 409, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'ENTRY_NAME_TAKEN');
    assert.ok(res.body.error.zh.includes(`本部门已有同名目录`) && res.body.error.zh.includes(status), res.body.error.zh);
    assert.match(res.body.error.en, /already has an entry named/);
    const [detail] = res.body.error.details;
    assert.equal(detail.field, 'name', 'the editor shows it at the name');
    assert.equal(detail.level, 'error');
    assert.equal(detail.entry.id, id);
  };

  let draftId = '';
  it('refuses a second entry of the department with the same name, spaces and full-width forms alike', async () => {
    const first = await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试目录' }));
    assert.equal(first.status, 201);
    draftId = first.body.id;
    const before = await entryCount();
    taken(await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试目录' })), '草稿', draftId);
    taken(await call('fgw', 'POST', '/catalog', entryBody({ name: ' 重名 测试目录' })), '草稿', draftId);
    assert.equal(await entryCount(), before, 'no second entry filed');
    const en = await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试目录' }), { 'accept-language': 'en' });
    assert.match(en.body.error.message, /^your department already has an entry named "重名测试目录" \(draft\)/);
  });

  it('lets another department use the name', async () => {
    assert.equal((await call('gaj', 'POST', '/catalog', entryBody({ name: '重名测试目录' }))).status, 201);
  });

  it('names a published namesake\'s code, and refuses renaming another entry to its name', async () => {
    const created = await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试已发布' }));
    assert.equal((await call('fgw', 'POST', `/catalog/${created.body.id}/submit`)).status, 200);
    const published = await call('sjj', 'POST', `/catalog/${created.body.id}/review`, { decision: 'approve' });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const code = published.body.code as string;
    const again = await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试已发布' }));
    taken(again, `已发布，统一编码 ${code}`, created.body.id);
    assert.ok(again.body.error.en.includes(`(published, code ${code})`));

    const renamed = await call('fgw', 'PUT', `/catalog/${draftId}`, entryBody({ name: '重名测试已发布' }));
    taken(renamed, '已发布', created.body.id);
    assert.equal((await call('fgw', 'GET', `/catalog/${draftId}`)).body.name, '重名测试目录', 'the draft keeps its name');
  });

  it('lets an entry keep or change back to its own name, a published one in its new version too', async () => {
    const kept = await call('fgw', 'PUT', `/catalog/${draftId}`, entryBody({ name: '重名测试目录', summary: '只改摘要' }));
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    const mine = await call('fgw', 'GET', '/catalog?view=mine');
    const published = mine.body.items.find((i: any) => i.name === '重名测试已发布');
    const draft = await call('fgw', 'PUT', `/catalog/${published.id}`, entryBody({ name: '重名测试新名称' }));
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.equal(draft.body.version, 2);
    // Its published version keeps the old name: another entry may not take it, the entry itself may go back.
    taken(await call('fgw', 'PUT', `/catalog/${draftId}`, entryBody({ name: '重名测试已发布' })), '草稿', published.id);
    assert.equal((await call('fgw', 'PUT', `/catalog/${published.id}`, entryBody({ name: '重名测试已发布' }))).status, 200);
  });

  it('frees the name of a withdrawn entry', async () => {
    const gone = await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试已撤销' }));
    await t().db.updateTable('catalog_entry').set({ status: 'withdrawn' }).where('id', '=', gone.body.id).execute();
    assert.equal((await call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试已撤销' }))).status, 201);
  });

  it('files one of two saves of the same name sent at once', async () => {
    const both = await Promise.all([1, 2].map(() => call('fgw', 'POST', '/catalog', entryBody({ name: '重名测试并发' }))));
    assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
  });
});
