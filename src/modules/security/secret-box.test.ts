import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { deriveGrantSalt } from '../../domain/policy/masking-hash.ts';
import { CIPHERS } from './ciphers.ts';
import { Keyring, keyIdOf, keyringStatus } from './keyring.ts';
import { loadPlatformKey, parseKeyring, rotateKeyFile, withNewActiveKey } from './platform-key.ts';
import { sealV1 } from './test-kit.ts';
import {
  SealError, decryptBytes, decryptValue, encryptBytes, encryptValue, isCurrent, open, platformKeyFrom, seal, sealedBy,
} from './secret-box.ts';

/** Flips one bit of one base64url part of a sealed text. */
function flipPart(sealed: string, index: number, byte = 0): string {
  const parts = sealed.split('.');
  const raw = Buffer.from(parts[index]!, 'base64url');
  raw[byte]! ^= 1;
  parts[index] = raw.toString('base64url');
  return parts.join('.');
}

for (const cipher of CIPHERS) {
  describe(`sealed values with ${cipher} (security rules §23 加密存储)`, () => {
    const key = platformKeyFrom(randomBytes(32), cipher);

    it('round-trips text, empty text and long text, and never repeats a ciphertext', () => {
      for (const text of ['app-secret-中文', '', 'x'.repeat(100_000)]) assert.equal(open(key, seal(key, text)), text);
      const a = seal(key, 'app-secret-中文');
      assert.notEqual(seal(key, 'app-secret-中文'), a);
      assert.ok(!a.includes('app-secret'));
      assert.deepEqual(sealedBy(a), { version: 'v2', cipher, keyId: key.id });
      assert.equal(decryptValue(key, encryptValue(key, '142601199001011234')), '142601199001011234');
    });

    it('never repeats an IV, across the blocks of random bytes the IVs are cut from', () => {
      const ivs = new Set<string>();
      for (let i = 0; i < 1000; i++) {
        const sealed = seal(key, 'cursor');
        ivs.add(sealed.split('.')[3]!);
        assert.equal(open(key, sealed), 'cursor');
      }
      assert.equal(ivs.size, 1000);
    });

    it('refuses another key, naming the missing key id', () => {
      const other = platformKeyFrom(randomBytes(32), cipher);
      assert.throws(() => open(other, seal(key, 'x')), (e: Error) => e instanceof SealError && e.message.includes(key.id));
    });

    it('refuses a value whose key id was swapped for another key of the keyring', () => {
      const two = new Keyring(withNewActiveKey({ active: key.id, saltKey: key.id, keys: key.keys() }), cipher);
      const sealed = seal(two, 'secret');
      const relabelled = sealed.replace(`.${two.id}.`, `.${key.id}.`);
      assert.throws(() => open(two, relabelled), SealError);
    });

    // Each region of `v2.<cipher>.<keyId>.<iv>.<tag>.<ct>`: a changed byte anywhere fails.
    for (const [region, index] of [['iv', 3], ['tag', 4], ['ciphertext', 5]] as const) {
      it(`refuses a tampered ${region} (first and last byte)`, () => {
        const sealed = seal(key, 'secret value');
        const len = Buffer.from(sealed.split('.')[index]!, 'base64url').length;
        assert.throws(() => open(key, flipPart(sealed, index, 0)), SealError);
        assert.throws(() => open(key, flipPart(sealed, index, len - 1)), SealError);
      });
    }

    it('refuses a tampered header (cipher name, version) and truncated values', () => {
      const sealed = seal(key, 'secret');
      const otherCipher = cipher === 'sm4' ? 'aes' : 'sm4';
      assert.throws(() => open(key, sealed.replace(/^v2\.\w+\./, `v2.${otherCipher}.`)), SealError);
      assert.throws(() => open(key, sealed.replace(/^v2/, 'v3')), SealError);
      assert.throws(() => open(key, sealed.split('.').slice(0, 5).join('.')), SealError);
      assert.throws(() => open(key, `${sealed}AA`), SealError);
    });

    it('encrypts bytes (files) and refuses any changed byte of the envelope', () => {
      const data = randomBytes(1000);
      const env = encryptBytes(key, data);
      assert.deepEqual(decryptBytes(key, env), data);
      assert.ok(!env.includes(data.subarray(0, 32)));
      // header (magic, version, cipher, key id, iv length), iv, tag, ciphertext
      for (const at of [0, 4, 5, 6, 14, 15, 20, 40, env.length - 1]) {
        const bad = Buffer.from(env);
        bad[at]! ^= 1;
        assert.throws(() => decryptBytes(key, bad), SealError, `byte ${at}`);
      }
      assert.throws(() => decryptBytes(key, env.subarray(0, 40)), SealError);
    });
  });
}

describe('v1 compatibility and rotation (security rules §23)', () => {
  it('opens values sealed in the v1 format by the same key, and marks them for re-sealing', () => {
    const raw = randomBytes(32);
    const key = platformKeyFrom(raw);
    const old = sealV1(raw, 'secret-from-before');
    assert.equal(open(key, old), 'secret-from-before');
    assert.equal(isCurrent(key, old), false);
    assert.throws(() => open(key, flipPart(old, 4)), SealError);
  });

  it('after rotation seals with the new key, opens the old key\'s values, and keeps the masking salt', () => {
    const raw = randomBytes(32);
    const one = platformKeyFrom(raw);
    const sealedBefore = seal(one, 'before');
    const v1 = sealV1(raw, 'v1 before');
    const rotated = new Keyring(withNewActiveKey({ active: one.id, saltKey: one.saltKeyId, keys: one.keys() }), 'sm4');
    assert.notEqual(rotated.id, one.id);
    assert.equal(open(rotated, sealedBefore), 'before');
    assert.equal(open(rotated, v1), 'v1 before');
    assert.equal(sealedBy(seal(rotated, 'after'))!.keyId, rotated.id);
    assert.deepEqual(rotated.key, one.key, 'the salt key stays');
    assert.deepEqual(deriveGrantSalt(rotated.key, 'grant-1'), deriveGrantSalt(one.key, 'grant-1'));
  });

  it('reads a legacy one-line key file as a keyring of one key whose salt equals the old platform key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gdx-key-'));
    const file = path.join(dir, 'platform.key');
    const raw = randomBytes(32);
    await writeFile(file, `${raw.toString('base64')}\n`, { mode: 0o600 });
    const { key, created } = await loadPlatformKey(file, { create: true });
    assert.equal(created, false);
    assert.equal(key.id, keyIdOf(raw));
    assert.deepEqual(key.key, raw, 'masking salts of existing grants are unchanged');
    const v1 = sealV1(raw, 'app secret');
    await rotateKeyFile(file);
    const after = (await loadPlatformKey(file, { create: false })).key;
    assert.notEqual(after.id, key.id);
    assert.equal(open(after, v1), 'app secret');
    assert.deepEqual(after.key, raw);
    assert.equal(JSON.parse(await readFile(file, 'utf8')).format, 'gdx-keyring/1');
    assert.equal((await stat(file)).mode & 0o777, 0o600);
  });

  it('creates the key file once, owner-only; a running keyring picks up a rotation made by another process', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'gdx-key-')), 'keys', 'platform.key');
    const first = await loadPlatformKey(file, { create: true, cipher: 'aes-256-gcm' });
    assert.equal(first.created, true);
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    const again = await loadPlatformKey(file, { create: true });
    assert.equal(again.created, false);
    assert.equal(again.key.id, first.key.id);
    // another process rotates and seals with the new key
    await rotateKeyFile(file);
    const other = (await loadPlatformKey(file, { create: false })).key;
    const sealedByOther = seal(other, 'new-key value');
    // this process has not reloaded yet; the unknown key id makes it re-read the file
    await new Promise((r) => setTimeout(r, 1_100));
    assert.equal(open(first.key, sealedByOther), 'new-key value');
    assert.equal(first.key.id, other.id);
  });

  it('reports key ids and ages, never secrets', () => {
    const raw = randomBytes(32);
    const id = keyIdOf(raw);
    const old = new Date('2025-01-01T00:00:00Z');
    const ring = new Keyring(withNewActiveKey({ active: id, saltKey: id, keys: [{ id, secret: raw, createdAt: old }] }, new Date('2026-06-01T00:00:00Z')), 'sm4');
    const s = keyringStatus(ring, new Date('2026-06-11T00:00:00Z'));
    assert.equal(s.activeKeyAgeDays, 10);
    assert.equal(s.rotationDue, false);
    assert.deepEqual(s.keys.map((k) => [k.ageDays, k.active, k.salt]), [[526, false, true], [10, true, false]]);
    assert.ok(!JSON.stringify(s).includes(raw.toString('base64')));
    const stale = keyringStatus(platformKeyFrom(raw), new Date(Date.now() + 400 * 86_400_000));
    assert.equal(stale.rotationDue, true);
  });

  it('refuses a keyring whose key id does not match its secret, and a malformed key file', () => {
    const raw = randomBytes(32);
    assert.throws(() => parseKeyring('{"format":"other"}', 'f', new Date()));
    assert.throws(() => parseKeyring('c2hvcnQ=', 'f', new Date()), /32/);
    assert.throws(() => new Keyring({ active: 'deadbeef', saltKey: 'deadbeef', keys: [{ id: 'deadbeef', secret: raw, createdAt: new Date() }] }, 'sm4'));
  });
});
