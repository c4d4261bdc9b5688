/**
 * The keyring under a rotation made by another process (security rules §23 加密存储): a value sealed
 * under a key just written to the key file opens at once in a process that read the file a moment
 * ago; a key that really is missing fails clearly, and costs at most one read of the source a second.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Keyring, MISSING_KEY_RECHECK_MS } from './keyring.ts';
import { loadPlatformKey, newKeyring, rotateKeyFile } from './platform-key.ts';
import { open, platformKeyFrom, seal, SealError } from './secret-box.ts';

async function keyFile(): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'gdx-keyring-')), 'platform.key');
  await loadPlatformKey(file, { create: true });
  return file;
}

/** What `gdx keys rotate` does in its own process: a new active key in the file, then values sealed under it. */
async function rotateElsewhere(file: string) {
  await rotateKeyFile(file);
  return (await loadPlatformKey(file, { create: false })).key;
}

describe('keyring: a rotation in another process', () => {
  it('opens a value sealed under a key rotated in a moment ago, however recently the file was read', async () => {
    const file = await keyFile();
    // A server process checking its key file once a minute, which has just read it.
    const running = (await loadPlatformKey(file, { create: false })).key;
    const firstId = running.id;
    const cli = await rotateElsewhere(file);
    assert.equal(open(running, seal(cli, 'app secret 1')), 'app secret 1', 'the first value under the new key opens at once');
    // Rotated again right after that re-read: still no waiting.
    const again = await rotateElsewhere(file);
    assert.equal(open(running, seal(again, 'app secret 2')), 'app secret 2');
    assert.equal(running.id, again.id, 'the process now seals with the newest key');
    assert.notEqual(running.id, firstId);
    assert.equal(running.keys().length, 3, 'older keys stay to open what they sealed');
  });

  it('fails clearly on a key that really is missing, reading the source again at most once a second per id', async () => {
    let reads = 0;
    const data = newKeyring();
    const keyring = new Keyring(data, 'sm4', () => {
      reads += 1;
      return undefined; // the key file has not changed
    }, 'file');
    const stranger = seal(platformKeyFrom(Buffer.alloc(32, 7)), 'sealed elsewhere');
    const other = seal(platformKeyFrom(Buffer.alloc(32, 9)), 'sealed elsewhere too');

    assert.throws(() => open(keyring, stranger), (err: unknown) => err instanceof SealError
      && /不在密钥环中/.test(err.message) && /not in the keyring \(active key [0-9a-f]{8}\)/.test(err.message));
    assert.equal(reads, 1, 'an unknown id is looked for in the source at once');
    assert.throws(() => open(keyring, stranger), SealError);
    assert.throws(() => open(keyring, stranger), SealError);
    assert.equal(reads, 1, 'an id just found missing is not read for again');
    assert.throws(() => open(keyring, other), SealError);
    assert.equal(reads, 2, 'another unknown id is its own question');

    await new Promise((r) => setTimeout(r, MISSING_KEY_RECHECK_MS + 50));
    assert.throws(() => open(keyring, stranger), SealError);
    assert.equal(reads, 3, 'after a second the missing id is looked for again');
  });
});
