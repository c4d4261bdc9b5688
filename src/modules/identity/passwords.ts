/**
 * Password hashing (argon2id) and the stored side of the password policy (security rules §14): the
 * history of recent hashes a new password may not repeat. The rules themselves are pure, in
 * src/domain/access/password-policy.ts.
 */
import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import type { Db } from '../../db/connect.ts';
import { PASSWORD_HISTORY, passwordProblems, REUSED_PROBLEM } from '../../domain/access/password-policy.ts';
import { badRequest } from '../../http/errors.ts';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** Hashed once, compared against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('gdx-no-such-user'));

/**
 * Refuses a password the policy does not allow for this user — every reason at once, each as a
 * problem on `field` — including one of their last PASSWORD_HISTORY passwords.
 */
export async function assertPasswordAllowed(db: Db, user: { id?: string; username: string }, password: string, field = 'body.password') {
  const problems = passwordProblems(password, { username: user.username });
  if (problems.length === 0 && user.id && (await recentlyUsed(db, user.id, password))) problems.push(REUSED_PROBLEM);
  if (problems.length) {
    throw badRequest('PASSWORD_POLICY', problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '),
      problems.map((p) => ({ field, code: p.code, zh: p.zh, en: p.en })));
  }
}

async function recentlyUsed(db: Db, userId: string, password: string): Promise<boolean> {
  const current = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst();
  const history = await db.selectFrom('password_history').select('password_hash').where('user_id', '=', userId)
    .orderBy('set_at', 'desc').orderBy('id', 'desc').limit(PASSWORD_HISTORY).execute();
  const hashes = new Set([...(current ? [current.password_hash] : []), ...history.map((h) => h.password_hash)]);
  for (const hash of hashes) {
    if (await verifyPassword(hash, password)) return true;
  }
  return false;
}

/** Sets a user's password hash and keeps it in the history, which holds the last PASSWORD_HISTORY only. */
export async function storePassword(tx: Db, userId: string, hash: string, at: Date): Promise<void> {
  await tx.updateTable('app_user').set({ password_hash: hash, password_changed_at: at, failed_logins: 0, locked_until: null })
    .where('id', '=', userId).execute();
  await tx.insertInto('password_history').values({ user_id: userId, password_hash: hash, set_at: at }).execute();
  const keep = tx.selectFrom('password_history').select('id').where('user_id', '=', userId)
    .orderBy('set_at', 'desc').orderBy('id', 'desc').limit(PASSWORD_HISTORY);
  await tx.deleteFrom('password_history').where('user_id', '=', userId).where('id', 'not in', keep).execute();
}

/**
 * A random password that satisfies the policy for this user (the demo's generated passwords): the
 * fixed `Gdx-` prefix gives upper case and a symbol, the 16 random base64url characters the rest.
 */
export function generatePassword(username: string): string {
  for (;;) {
    const candidate = `Gdx-${randomBytes(12).toString('base64url')}`;
    if (passwordProblems(candidate, { username }).length === 0) return candidate;
  }
}
