/**
 * Signed statements about the audit chain (security rules §17): checkpoints ("the chain had N records,
 * the last hashing to H, at time T") and archive manifests, signed with the platform's Ed25519 audit
 * key so that anyone holding only the PUBLIC key can check them — an inspector (网信/公安) does not have
 * to trust the database, or the operator who can alter it.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const CHECKPOINT_TAG = 'gdx-audit-checkpoint/1';
export const ARCHIVE_TAG = 'gdx-audit-archive/1';

export interface CheckpointStatement {
  /** Number of sealed records (= seal position of the head). */
  seq: number;
  /** Hash of the record at `seq`. */
  hash: string;
  /** ISO instant the checkpoint was taken. */
  at: string;
  keyId: string;
}

/** The exact bytes a checkpoint signature covers. */
export function checkpointMessage(c: CheckpointStatement): string {
  return JSON.stringify([CHECKPOINT_TAG, c.seq, c.hash, c.at, c.keyId]);
}

/** Names a public key: first 16 hex chars of SHA-256 over its DER (SubjectPublicKeyInfo). */
export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function signMessage(privateKey: KeyObject, message: string): string {
  return sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64');
}

/** False for a wrong signature, a malformed one, or a key that is not Ed25519. */
export function verifyMessage(publicKey: KeyObject | string, message: string, signature: string): boolean {
  try {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
