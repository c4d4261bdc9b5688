/**
 * Destruction of files the platform stores (Sec §29 审批、记录和备案) over HTTP on both databases: the
 * steward names an entry's files (one version or all), the platform lists them with version, bytes and
 * SHA-256 from its store — never the requester's claim — the approver approves, the execution really
 * deletes every chunk and the record carries the verification; files a live 文件 grant delivers are
 * not destroyed while it lives; archived files outside the platform are still attested.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import { filesChecksum } from '../files/destroy.ts';
import { acceptAgreement, grantFile, sha256, upload, userGet } from '../files/test-kit.ts';
import { ITEMS } from '../sharing/test-kit.ts';
import { oversightWorld } from './test-kit.ts';

const OLD = Buffer.from('标题,内容\r\n2019年,归档\r\n', 'utf8');
const NEW = Buffer.from('标题,内容\r\n2024年,现行\r\n', 'utf8');

forEachDatabase('data destruction: stored files', (t) => {
  let server: TestServer;
  let w: Awaited<ReturnType<typeof oversightWorld>>;
  let entryId = '';
  const ids: Record<string, string> = {};
  let grantId = '';
  let destructionId = '';
  const now = () => new Date();
  const chunks = async (fileIds: string[]) => (await t().db.selectFrom('entry_file_chunk').select('file_id').where('file_id', 'in', fileIds).execute()).length;

  before(async () => {
    server = await startTestServer(t().db);
    w = await oversightWorld(t().db, server, now);
    const e = await w.call('gaj', 'POST', '/catalog', entryBody({ name: '重点场所治安检查记录', items: ITEMS, grade: 3, shareMethod: 'file', format: 'csv' }));
    await w.call('gaj', 'POST', `/catalog/${e.body.id}/submit`);
    await w.call('sjj', 'POST', `/catalog/${e.body.id}/review`, { decision: 'approve' });
    entryId = e.body.id;
    for (const [key, bytes] of [['v1', OLD], ['v2', NEW]] as const) {
      const r = await upload(server, w.tok.gaj, `/catalog/${entryId}/files`, '检查记录.csv', bytes);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids[key] = r.body.id;
    }
    grantId = await grantFile(server, w.tok, entryId, ['registration_no'], {}, 'file',
      { assessment: { internalReview: '同意按最小必要原则提供', securityAssessment: '评估通过' } });
    await acceptAgreement(server, w.tok.fgw!, grantId);
  });
  after(() => server.close());

  it('Sec §29 refuses what the platform does not store, claims that differ, and the current file a live grant delivers', async () => {
    const ask = (files?: unknown[]) => w.call('gaj', 'POST', '/security/destructions', { target: 'files', entryId, ...(files ? { files } : {}), reason: '超过保存期限' });
    assert.equal((await ask([{ name: 'ghost.csv' }])).body.error.code, 'FILE_NOT_STORED');
    assert.equal((await ask([{ name: '检查记录.csv', version: 1, sha256: 'b'.repeat(64) }])).body.error.code, 'FILES_MISMATCH');
    const live = await ask([{ name: '检查记录.csv' }]);
    assert.equal(live.status, 409);
    assert.equal(live.body.error.code, 'LIVE_GRANTS', 'version 2 is current and delivered under a live grant');
    assert.equal((await w.call('fgw', 'POST', '/security/destructions', { target: 'files', entryId, reason: 'x' })).status, 404, 'another department\'s entry');
    const archived = await w.call('gaj', 'POST', '/security/destructions', { target: 'files', files: [{ name: '2019.zip' }], reason: '归档' });
    assert.equal(archived.body.error.code, 'FILES_REQUIRED', 'an archived file needs its bytes and SHA-256');
  });

  it('Sec §29 the steward asks to destroy an old version; the platform lists it from its store', async () => {
    const res = await w.call('gaj', 'POST', '/security/destructions', { target: 'files', entryId, files: [{ name: '检查记录.csv', version: 1 }], reason: '2019 年版本超过保存期限' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    destructionId = res.body.id;
    assert.equal(res.body.method, 'delete_stored_files');
    assert.equal(res.body.entryId, entryId);
    assert.deepEqual(res.body.files, [{ name: '检查记录.csv', version: 1, fileId: ids.v1, bytes: OLD.length, sha256: sha256(OLD) }]);
    assert.equal(await chunks([ids.v1!]), 1, 'nothing is deleted before approval');
    assert.equal((await w.call('gaj', 'POST', `/security/destructions/${destructionId}/approve`, {})).body.error.code, 'SELF_APPROVAL');
    assert.equal((await w.call('gaj.appr', 'POST', `/security/destructions/${destructionId}/approve`, { comment: '同意' })).body.status, 'approved');
  });

  it('Sec §29 记录: execution deletes the chunks; the record carries what was destroyed and the check afterwards', async () => {
    const done = await w.call('gaj', 'POST', `/security/destructions/${destructionId}/execute`, { note: '按审批执行' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'executed');
    assert.equal(done.body.bytes, OLD.length);
    assert.equal(done.body.rows, null);
    assert.equal(done.body.checksum, filesChecksum([{ sha256: sha256(OLD) }]));
    const ver = done.body.verification;
    assert.deepEqual({ chunksBefore: ver.chunksBefore, chunksAfter: ver.chunksAfter, filesAfter: ver.filesAfter, files: ver.files, note: ver.note },
      { chunksBefore: 1, chunksAfter: 0, filesAfter: 0, files: 1, note: '按审批执行' });
    assert.deepEqual(ver.destroyed, [{ name: '检查记录.csv', version: 1, bytes: OLD.length, sha256: sha256(OLD) }]);
    assert.deepEqual(ver.alreadyGone, []);
    assert.equal(await chunks([ids.v1!]), 0, 'no chunk of the destroyed version is left');
    const row = await t().db.selectFrom('entry_file').select(['state', 'destruction_id']).where('id', '=', ids.v1!).executeTakeFirstOrThrow();
    assert.deepEqual(row, { state: 'destroyed', destruction_id: destructionId });
    const audit = await t().db.selectFrom('audit_record').select('detail').where('target_id', '=', destructionId).where('action', '=', 'destruction.execute').executeTakeFirstOrThrow();
    assert.equal((audit.detail as any).verification.chunksAfter, 0);
    // The current version is still delivered under the live grant.
    const dl = await userGet(server, w.tok.fgw!, `/grants/${grantId}/files/${ids.v2}`);
    assert.equal(dl.status, 200);
    assert.ok(dl.bytes.toString('utf8').includes('2024年,现行'));
    assert.equal((await w.call('sjj', 'POST', `/security/destructions/${destructionId}/file`, { comment: '已备案' })).body.status, 'filed');
  });

  it('Sec §29 once the grant ends, the current file can be destroyed too; nothing is delivered afterwards', async () => {
    assert.equal((await w.call('gaj', 'POST', `/grants/${grantId}/revoke`, { reason: '项目结束' })).status, 200);
    const res = await w.call('gaj', 'POST', '/security/destructions', { target: 'files', entryId, reason: '项目结束，删除全部文件' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.files.map((f: any) => f.version), [2], 'every stored version: v1 is already destroyed');
    await w.call('gaj.appr', 'POST', `/security/destructions/${res.body.id}/approve`, {});
    const done = await w.call('gaj', 'POST', `/security/destructions/${res.body.id}/execute`, {});
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.bytes, NEW.length);
    assert.equal(await chunks([ids.v1!, ids.v2!]), 0);
    const list = await w.call('gaj', 'GET', `/catalog/${entryId}/files`);
    assert.deepEqual(list.body.items, []);
  });
});
