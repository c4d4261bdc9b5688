/**
 * How many wrong proofs an account takes before it locks (security rules §14). Wrong logins count,
 * and so do wrong proofs asked of a signed-in session — the current password when changing it, a code
 * when removing the second factor — so a stolen session cannot guess them without limit.
 */
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../http/errors.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/**
 * One wrong proof from a session of this user. The MAX_FAILED_LOGINS-th locks the account and ends
 * all of its sessions, the asking one included, and throws 423 ACCOUNT_LOCKED; before that it returns.
 */
export async function countSessionProofFailure(db: Db, userId: string, now: Date, what: { zh: string; en: string }): Promise<void> {
  const lockedUntil = await db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('app_user').select('failed_logins').where('id', '=', userId).forUpdate().executeTakeFirstOrThrow();
    const failed = current.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await tx.updateTable('app_user').set({ failed_logins: lock ? 0 : failed, locked_until: lock }).where('id', '=', userId).execute();
    if (lock) await tx.updateTable('user_session').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    return lock;
  });
  if (lockedUntil) {
    throw new AppError(423, 'ACCOUNT_LOCKED',
      `${what.zh}连续输错次数过多，账号已锁定至 ${lockedUntil.toISOString()}，所有登录已退出`,
      `too many wrong ${what.en}: account locked until ${lockedUntil.toISOString()} and signed out everywhere`,
      { lockedUntil: lockedUntil.toISOString() });
  }
}
