/**
 * The platform's audit signing key (Ed25519), kept in a file next to platform.key — outside the
 * database, so whoever can alter the database cannot also re-sign checkpoints. Created on first start
 * with owner-only permissions. The PUBLIC key is published (GET /api/v1/audit/public-key) so an
 * inspector can check checkpoints and archives without trusting the platform.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { publicKeyId } from '../../domain/audit/signing.ts';

export interface AuditSigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
}

/** `<dir of the platform key>/audit-signing.key`. */
export function auditKeyFileFor(platformKeyFile: string): string {
  return path.join(path.dirname(platformKeyFile), 'audit-signing.key');
}

export function auditSigningKeyFrom(privateKey: KeyObject): AuditSigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: publicKeyId(publicKey) };
}

export function generateAuditSigningKey(): AuditSigningKey {
  return auditSigningKeyFrom(generateKeyPairSync('ed25519').privateKey);
}

export async function loadAuditSigningKey(file: string, opts: { create: boolean }): Promise<{ key: AuditSigningKey; created: boolean }> {
  try {
    const pem = await readFile(file, 'utf8');
    return { key: auditSigningKeyFrom(createPrivateKey(pem)), created: false };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !opts.create) throw err;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const key = generateAuditSigningKey();
  await writeFile(file, key.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return { key, created: true };
}
