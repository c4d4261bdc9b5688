import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPlatformKey } from './platform-key.ts';
import { SealError, open, platformKeyFrom, seal } from './secret-box.ts';

describe('sealed secrets (security rules §23 加密存储)', () => {
  const key = platformKeyFrom(randomBytes(32));

  it('round-trips, and never repeats a ciphertext', () => {
    const a = seal(key, 'app-secret-中文');
    assert.equal(open(key, a), 'app-secret-中文');
    assert.notEqual(seal(key, 'app-secret-中文'), a);
    assert.ok(!a.includes('app-secret'));
  });

  it('refuses another key, naming both key ids', () => {
    const other = platformKeyFrom(randomBytes(32));
    assert.throws(() => open(other, seal(key, 'x')), (e: Error) => e instanceof SealError && e.message.includes(key.id));
  });

  it('refuses a tampered value', () => {
    const parts = seal(key, 'secret').split('.');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0]! ^= 1;
    parts[4] = ct.toString('base64url');
    assert.throws(() => open(key, parts.join('.')), SealError);
  });

  it('creates the key file once, owner-only, and reads it back', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'gdx-key-')), 'keys', 'platform.key');
    const first = await loadPlatformKey(file, { create: true });
    assert.equal(first.created, true);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const again = await loadPlatformKey(file, { create: true });
    assert.equal(again.created, false);
    assert.equal(again.key.id, first.key.id);
    assert.equal(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64').length, 32);
  });
});
