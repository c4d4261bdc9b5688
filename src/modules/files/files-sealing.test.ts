/**
 * Encryption at rest of mounted files (security rules §21 分级保护, §23 加密存储) over real HTTP on both
 * databases: the chunks of an L3 entry's file are stored encrypted, each chunk on its own under the
 * active key, the checksum staying the plaintext's; downloads decrypt while streaming; L1/L2 files stay
 * plain; `gdx keys rotate` + reseal re-encrypts every chunk under the new key — plain chunks untouched —
 * and the file still reads back byte for byte.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { entryBody } from '../../testing/make.ts';
import type { Keyring } from '../security/keyring.ts';
import { loadPlatformKey, rotateKeyFile } from '../security/platform-key.ts';
import { resealAll, sealedValueCounts } from '../security/reseal.ts';
import { bytesSealedBy } from '../security/secret-box.ts';
import { ITEMS, sharingWorld } from '../sharing/test-kit.ts';
import { CHUNK_BYTES, findStored, readChunks } from './store.ts';
import { acceptAgreement, csvLines, grantFile, sha256, upload, userGet } from './test-kit.ts';

/** A CSV naming no data item (delivered whole), a little over two chunks long. */
function bigCsv(): Buffer {
  const lines = ['标题,内容'];
  for (let i = 0; Buffer.byteLength(lines.join('\r\n')) < 2 * CHUNK_BYTES + 300_000; i++) lines.push(`第${i}条,检查记录 ${'甲乙丙丁'.repeat(8)} ${i}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

const ASSESSMENT = { internalReview: '经内部审查，同意按最小必要原则提供', securityAssessment: '安全评估通过：加水印并追溯后提供' };

forEachDatabase('files: encryption at rest and key rotation', (t) => {
  let server: TestServer;
  let tok: Record<string, string>;
  let keyFile = '';
  let serverKeyring: Keyring;
  const csv = bigCsv();
  const ids: Record<string, string> = {};
  let grantId = '';
  const rawChunks = (fileId: string) => t().db.selectFrom('entry_file_chunk').select(['seq', 'data']).where('file_id', '=', fileId).orderBy('seq').execute();
  /** The delivered CSV without the trace and watermark comment lines: what was uploaded. */
  const deliveredBody = (bytes: Buffer) => csvLines(bytes).filter((l) => !l.startsWith('#')).join('\r\n');

  before(async () => {
    keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'gdx-file-seal-')), 'platform.key');
    await writeFile(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    serverKeyring = (await loadPlatformKey(keyFile, { create: false, pollMs: 0 })).key;
    server = await startTestServer(t().db, { platformKey: serverKeyring });
    let entries: Awaited<ReturnType<typeof sharingWorld>>['entries'];
    ({ tok, entries } = await sharingWorld(t().db, server));
    const e = await server.call('POST', '/api/v1/catalog', { token: tok.gaj, body: entryBody({ name: '重点场所治安检查记录', items: ITEMS, grade: 3, shareMethod: 'file', format: 'csv' }) });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    await server.call('POST', `/api/v1/catalog/${e.body.id}/submit`, { token: tok.gaj });
    assert.equal((await server.call('POST', `/api/v1/catalog/${e.body.id}/review`, { token: tok.sjj, body: { decision: 'approve' } })).status, 200);
    ids.l3 = e.body.id;
    ids.l2 = entries.unmounted;
  });
  after(() => server.close());

  it('Sec §23 stores an L3 entry\'s file encrypted chunk by chunk; the checksum is the plaintext\'s', async () => {
    const res = await upload(server, tok.gaj, `/catalog/${ids.l3}/files`, '检查记录.csv', csv);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ids.file = res.body.id;
    assert.equal(res.body.sealed, true);
    assert.equal(res.body.sha256, sha256(csv));
    assert.equal(res.body.bytes, csv.length);
    const chunks = await rawChunks(ids.file!);
    assert.equal(chunks.length, 3, 'a little over two chunks');
    const needle = Buffer.from('检查记录 甲乙丙丁', 'utf8');
    for (const c of chunks) {
      assert.equal(bytesSealedBy(c.data)?.keyId, serverKeyring.id, `chunk ${c.seq} names the active key`);
      assert.equal(c.data.indexOf(needle), -1, `chunk ${c.seq} holds no plaintext`);
    }
    assert.notEqual(sha256(Buffer.concat(chunks.map((c) => c.data))), sha256(csv));
  });

  it('Sec §21 an L2 entry\'s file stays plain', async () => {
    const plain = Buffer.from('registration_no,phone\r\nJC-1,13800001111\r\n', 'utf8');
    const res = await upload(server, tok.gaj, `/catalog/${ids.l2}/files`, 'plain.csv', plain);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.sealed, false);
    ids.plain = res.body.id;
    assert.deepEqual((await rawChunks(res.body.id)).map((c) => c.data), [plain]);
  });

  it('decrypts while streaming the download under a 文件 grant', async () => {
    grantId = await grantFile(server, tok, ids.l3!, ['registration_no', 'phone'], {}, 'file', { assessment: ASSESSMENT });
    await acceptAgreement(server, tok.fgw!, grantId);
    const res = await userGet(server, tok.fgw!, `/grants/${grantId}/files/${ids.file}`);
    assert.equal(res.status, 200, res.bytes.toString().slice(0, 300));
    assert.match(csvLines(res.bytes)[0]!, /^# GDX-TRACE /);
    assert.equal(deliveredBody(res.bytes), csvLines(csv).join('\r\n'));
  });

  it('Sec §23 key rotation re-seals every encrypted chunk, leaves plain chunks alone, and the file reads back identical', async () => {
    const oldId = serverKeyring.id;
    await rotateKeyFile(keyFile);
    const cli = (await loadPlatformKey(keyFile, { create: false })).key;
    assert.notEqual(cli.id, oldId);
    const report = await resealAll(t().db, cli, { type: 'system', name: 'cli:test' }, { batchSize: 2 });
    const chunks = report.columns.find((c) => c.table === 'entry_file_chunk')!;
    assert.deepEqual({ total: chunks.total, resealed: chunks.resealed, failed: chunks.failed }, { total: 3, resealed: 3, failed: 0 }, 'only the sealed file\'s chunks');
    assert.deepEqual((await sealedValueCounts(t().db)).filter((c) => c.table === 'entry_file_chunk').map((c) => [c.keyId, c.count]), [[cli.id, 3]]);
    for (const c of await rawChunks(ids.file!)) assert.equal(bytesSealedBy(c.data)?.keyId, cli.id);
    assert.equal((await rawChunks(ids.plain!))[0]!.data.toString('utf8').startsWith('registration_no'), true, 'the plain chunk is unchanged');

    // A process started afresh from the key file reads the plaintext back, byte for byte.
    const restarted = (await loadPlatformKey(keyFile, { create: false })).key;
    const file = (await findStored(t().db, ids.l3!, ids.file!))!;
    const parts: Buffer[] = [];
    for await (const part of readChunks(t().db, file, restarted)) parts.push(part);
    assert.equal(sha256(Buffer.concat(parts)), sha256(csv));
    // The running server picks up the new key (a keyring re-reads its file on an unknown key id, at
    // most once a second) and still delivers the same content.
    await new Promise((r) => setTimeout(r, 1_100));
    const res = await userGet(server, tok.fgw!, `/grants/${grantId}/files/${ids.file}`);
    assert.equal(res.status, 200);
    assert.equal(deliveredBody(res.bytes), csvLines(csv).join('\r\n'));
    const again = await resealAll(t().db, cli, { type: 'system', name: 'cli:test' });
    assert.equal(again.columns.find((c) => c.table === 'entry_file_chunk')!.resealed, 0, 'nothing left to do');
  });

  it('a tampered chunk does not open: the download fails rather than deliver altered bytes', async () => {
    const [first] = await rawChunks(ids.file!);
    const bad = Buffer.from(first!.data);
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 0xff;
    await t().db.updateTable('entry_file_chunk').set({ data: bad }).where('file_id', '=', ids.file!).where('seq', '=', 0).execute();
    const res = await fetch(`${server.url}/api/v1/grants/${grantId}/files/${ids.file}`, { headers: { authorization: `Bearer ${tok.fgw}` } })
      .then(async (r) => ({ status: r.status, text: await r.text().catch(() => 'aborted') }))
      .catch(() => ({ status: 0, text: 'aborted' }));
    assert.ok(res.status !== 200 || !res.text.includes('第0条'), 'no altered content is delivered');
  });
});
