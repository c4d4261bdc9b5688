/**
 * The keyring as the posture page sees it (security rules §23 加密存储, §31(七) 商用密码应用情况): key ids,
 * ages, the cipher, and how many sealed values each key still holds. Never a secret.
 */
import type { Db } from '../../db/connect.ts';
import { keyringStatus, type KeyringStatus } from './keyring.ts';
import { sealedValueCounts, type SealedValueCount } from './reseal.ts';
import type { PlatformKey } from './secret-box.ts';

export type KeysStatus = KeyringStatus & { sealedValues: SealedValueCount[] };

export class KeyService {
  constructor(private readonly deps: { db: Db; platformKey: PlatformKey; now?: () => Date }) {}

  async status(): Promise<KeysStatus> {
    return { ...keyringStatus(this.deps.platformKey, this.deps.now?.() ?? new Date()), sealedValues: await sealedValueCounts(this.deps.db) };
  }
}
