/** Test helpers of the security module. */
import { createCipheriv, randomBytes } from 'node:crypto';
import { keyIdOf } from './keyring.ts';

/** What secret-box wrote before keyrings (format v1): AES-256-GCM under the raw key, AAD `v1.<keyId>`. */
export function sealV1(key: Buffer, plaintext: string): string {
  const id = keyIdOf(key);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(`v1.${id}`));
  const ct = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return ['v1', id, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}
