import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sm3Available } from '../domain/signature/canonical.ts';
import { SIGNATURE_FAILURE_CODES } from '../domain/signature/verify.ts';
import { startVerifyingServer, type Echo, type ErrorReply, type VerifyingServer } from './test-server.ts';

const SCRIPT = fileURLToPath(new URL('./gdx-curl.sh', import.meta.url));
const DOC = fileURLToPath(new URL('../../docs/signing.md', import.meta.url));
const APP = 'gdx_app_sthjj_0001';
const SECRET = 'sthjj-secret-9a8b7c6d5e4f';
const tools = ['bash', 'curl', 'openssl'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const skip = tools.length > 0 ? `missing ${tools.join(', ')}` : false;

let server: VerifyingServer;
let work: string;
before(async () => {
  server = await startVerifyingServer({ [APP]: SECRET });
  work = mkdtempSync(path.join(tmpdir(), 'gdx-curl-'));
});
after(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<Echo | ErrorReply> {
  return new Promise((resolve, reject) => {
    execFile('bash', [SCRIPT, ...args], {
      env: { ...process.env, GDX_BASE_URL: server.origin, GDX_APP_KEY: APP, GDX_SECRET: SECRET, ...env },
    }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Echo | ErrorReply);
    });
  });
}
const echoOf = (r: Echo | ErrorReply): Echo => {
  assert.ok('ok' in r, JSON.stringify(r));
  return r;
};

test('curl example: GET with Chinese, spaces, reserved characters and repeated keys', { skip }, async () => {
  const r = echoOf(await run(['get', '/api/v1/data/JC-STHJJ-0003', 'name=晋城 市', 'k-1=1', 'k=2', 'tag=b', 'tag=a', "q=a+b&c=d!*'()", 'flag']));
  assert.equal(r.method, 'GET');
  assert.equal(r.path, '/api/v1/data/JC-STHJJ-0003');
  // Sent in canonical order, so the server reads them in that order.
  assert.deepEqual(r.query, [['flag', ''], ['k', '2'], ['k-1', '1'], ['name', '晋城 市'], ['q', "a+b&c=d!*'()"], ['tag', 'a'], ['tag', 'b']]);
});

test('curl example: POST with a JSON body file', { skip }, async () => {
  const file = path.join(work, 'records.json');
  const body = '{"records":[{"姓名":"张三","公民身份号码":"140502199001011234"}]}\n';
  writeFileSync(file, body);
  const r = echoOf(await run(['-d', file, 'POST', '/api/v1/verify/JC-GAJ-0002']));
  assert.equal(r.body, body);
});

test('curl example: HMAC-SM3', { skip: skip || (!sm3Available() && 'no sm3') }, async () => {
  const r = echoOf(await run(['GET', '/api/v1/data/JC-STHJJ-0003', 'limit=5'], { GDX_SIGNATURE_METHOD: 'HMAC-SM3' }));
  assert.equal(r.signatureMethod, 'HMAC-SM3');
});

test('curl example: a wrong secret is refused', { skip }, async () => {
  const r = await run(['GET', '/api/v1/data/JC-STHJJ-0003'], { GDX_SECRET: 'wrong' });
  assert.ok('error' in r && r.error.code === 'SIGNATURE_INVALID');
});

test('docs/signing.md shows the tested script verbatim', () => {
  assert.ok(readFileSync(DOC, 'utf8').includes(readFileSync(SCRIPT, 'utf8')), 'copy src/client/gdx-curl.sh into docs/signing.md');
});

test('docs/signing.md: the vector check block prints the vector\'s signatures', { skip }, () => {
  const doc = readFileSync(DOC, 'utf8');
  const block = /<!-- vector-check -->\n```bash\n([\s\S]*?)```\n<!-- \/vector-check -->/.exec(doc)?.[1];
  assert.ok(block, 'the vector-check block');
  const vectors = JSON.parse(readFileSync(new URL('../domain/signature/vectors.json', import.meta.url), 'utf8')) as {
    vectors: Array<{ name: string; expected: { signatures: Record<string, string> } }>;
  };
  const v = vectors.vectors.find((x) => x.name === 'query-chinese-spaces-plus-lowercase-hex');
  const out = spawnSync('bash', ['-c', block], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const [sha256, sm3] = out.stdout.trim().split('\n');
  assert.equal(sha256, v?.expected.signatures['HMAC-SHA256']);
  if (sm3Available()) assert.equal(sm3, v?.expected.signatures['HMAC-SM3']);
});

test('docs/signing.md lists every failure code', () => {
  const doc = readFileSync(DOC, 'utf8');
  for (const code of SIGNATURE_FAILURE_CODES) assert.ok(doc.includes(`| \`${code}\` |`), code);
});
