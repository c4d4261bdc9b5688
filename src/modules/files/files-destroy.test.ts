/**
 * 数据销毁 of mounted files (security rules §29) on both databases: one version or every version of a
 * name is destroyed — its chunks, encrypted or not, deleted — and the result says what was destroyed
 * (name, version, bytes, SHA-256) and that no chunk is left; the other versions and files stay
 * downloadable, the mount follows, and a destroyed version number is never given again.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { ITEMS, sharingWorld } from '../sharing/test-kit.ts';
import { destroyStoredFiles, filesChecksum, selectStoredFiles } from './destroy.ts';
import { sha256, upload } from './test-kit.ts';

forEachDatabase('files: destruction of stored files', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let gajSteward = '';
  let entryId = '';
  const v: Record<string, { id: string; bytes: Buffer }> = {};
  const chunkCount = async (ids: string[]) => (await t().db.selectFrom('entry_file_chunk').select('file_id').where('file_id', 'in', ids).execute()).length;
  const mountFiles = async () => (await server.call('GET', `/api/v1/catalog/${entryId}/mount`, { token: tok.gaj })).body.config.files.map((f: any) => `${f.name} v${f.version}`).sort();

  before(async () => {
    server = await startTestServer(t().db);
    ({ tok } = await sharingWorld(t().db, server));
    gajSteward = (await t().db.selectFrom('app_user').select('id').where('username', '=', 'gaj').executeTakeFirstOrThrow()).id;
    const e = await server.call('POST', '/api/v1/catalog', { token: tok.gaj, body: entryBody({ name: '重点场所治安检查记录', items: ITEMS, grade: 3, shareMethod: 'file', format: 'csv' }) });
    await server.call('POST', `/api/v1/catalog/${e.body.id}/submit`, { token: tok.gaj });
    await server.call('POST', `/api/v1/catalog/${e.body.id}/review`, { token: tok.sjj, body: { decision: 'approve' } });
    entryId = e.body.id;
    const up = async (key: string, name: string, text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      const r = await upload(server, tok.gaj, `/catalog/${entryId}/files`, name, bytes);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.sealed, true, 'L3: encrypted at rest');
      v[key] = { id: r.body.id, bytes };
    };
    await up('a1', '检查记录.csv', '标题,内容\r\n第一次,旧\r\n');
    await up('a2', '检查记录.csv', '标题,内容\r\n第二次,新\r\n');
    await up('b1', '说明.csv', '标题,内容\r\n说明,填报说明\r\n');
  });
  after(() => server.close());

  it('selects stored versions by name (all) or name and version; refuses names that are not stored', async () => {
    const all = await selectStoredFiles(t().db, entryId, [{ name: '检查记录.csv' }]);
    assert.deepEqual(all.map((f) => f.version).sort(), [1, 2]);
    const one = await selectStoredFiles(t().db, entryId, [{ name: '检查记录.csv', version: 1 }]);
    assert.deepEqual(one.map((f) => [f.fileId, f.sha256]), [[v.a1!.id, sha256(v.a1!.bytes)]]);
    assert.equal((await selectStoredFiles(t().db, entryId, [])).length, 3, 'nothing named: every stored version');
    await assert.rejects(selectStoredFiles(t().db, entryId, [{ name: '检查记录.csv', version: 9 }]), (e: any) => e.code === 'FILE_NOT_STORED');
    await assert.rejects(selectStoredFiles(t().db, entryId, [{ name: 'ghost.csv' }]), (e: any) => e.code === 'FILE_NOT_STORED');
  });

  it('Sec §29 destroys one version: its chunks are gone, the record says what, the current version is untouched', async () => {
    const at = new Date();
    const r = await t().db.transaction().execute((tx) => destroyStoredFiles(tx, entryId, [v.a1!.id], { actorId: gajSteward, at }));
    assert.deepEqual(r.files, [{ fileId: v.a1!.id, name: '检查记录.csv', version: 1, bytes: v.a1!.bytes.length, sha256: sha256(v.a1!.bytes) }]);
    assert.equal(r.bytes, v.a1!.bytes.length);
    assert.equal(r.checksum, filesChecksum([{ sha256: sha256(v.a1!.bytes) }]));
    assert.equal(r.verification.chunksBefore, 1);
    assert.ok(r.verification.storedBytesBefore > v.a1!.bytes.length, 'the encrypted chunk was larger than the plaintext');
    assert.equal(r.verification.chunksAfter, 0);
    assert.equal(await chunkCount([v.a1!.id]), 0);
    assert.equal(await chunkCount([v.a2!.id, v.b1!.id]), 2, 'the other files keep their bytes');
    const row = await t().db.selectFrom('entry_file').select(['state', 'destroyed_at', 'sha256']).where('id', '=', v.a1!.id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'destroyed');
    assert.ok(row.destroyed_at, 'the metadata row stays for delivery records and trace lookups');
    const list = await server.call('GET', `/api/v1/catalog/${entryId}/files`, { token: tok.gaj });
    assert.deepEqual(list.body.items.map((f: any) => `${f.name} v${f.version}`).sort(), ['检查记录.csv v2', '说明.csv v1']);
    assert.deepEqual(await mountFiles(), ['检查记录.csv v2', '说明.csv v1']);
  });

  it('destroying again finds nothing stored; a new upload never reuses a destroyed version number', async () => {
    const again = await t().db.transaction().execute((tx) => destroyStoredFiles(tx, entryId, [v.a1!.id], { actorId: gajSteward, at: new Date() }));
    assert.deepEqual(again.files, []);
    const r = await upload(server, tok.gaj, `/catalog/${entryId}/files`, '检查记录.csv', Buffer.from('标题,内容\r\n第三次,更新\r\n'));
    assert.equal(r.body.version, 3);
    v.a3 = { id: r.body.id, bytes: Buffer.from('标题,内容\r\n第三次,更新\r\n') };
  });

  it('Sec §29 destroys every version of a name; the mount no longer lists it', async () => {
    const picked = await selectStoredFiles(t().db, entryId, [{ name: '检查记录.csv' }]);
    const r = await t().db.transaction().execute((tx) => destroyStoredFiles(tx, entryId, picked.map((f) => f.fileId), { actorId: gajSteward, at: new Date() }));
    assert.deepEqual(r.files.map((f) => f.version), [2, 3]);
    assert.equal(r.bytes, v.a2!.bytes.length + v.a3!.bytes.length);
    assert.equal(r.verification.chunksAfter, 0);
    assert.equal(await chunkCount([v.a2!.id, v.a3!.id]), 0);
    assert.deepEqual(await mountFiles(), ['说明.csv v1']);
  });
});
