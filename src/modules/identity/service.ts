/**
 * Login, sessions and logout. A session token is 32 random bytes given to the client once; only
 * its SHA-256 is stored, so a copy of the database does not let anyone log in. A user with a
 * second factor gets, for a correct password, a short-lived challenge instead, answered with a
 * TOTP code (security rules §14). Wrong passwords and wrong codes count alike towards the lock.
 * A session ends at its expiry, at logout, or after SESSION_IDLE_MINUTES without a request.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { isRole } from '../../domain/access/roles.ts';
import { AppError, unauthorized } from '../../http/errors.ts';
import { recordAudit, type AnonymousCaller } from '../audit/store.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from './lockout.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { confirmedTotp, totpRequiredFor, totpRequiredRoles, useTotpCode } from './totp.ts';

export { LOCK_MINUTES, MAX_FAILED_LOGINS } from './lockout.ts';
export const SESSION_IDLE_MINUTES = 30;
export const LOGIN_CHALLENGE_MINUTES = 5;
/** last_seen_at is written at most this often: to the minute is enough for an idle timeout. */
const SEEN_RESOLUTION_MS = 60_000;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserActor;
}

/** A correct password of a user with a second factor: the code is asked for next. */
export interface LoginChallenge {
  challenge: string;
  expiresAt: Date;
}

export interface Caller {
  ip?: string;
  requestId?: string;
}

/** What is stored of a session token or login challenge. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

type UserRow = { id: string; failed_logins: number; locked_until: Date | null };

export class IdentityService {
  constructor(private readonly deps: { db: Db; sessionHours: number; now?: () => Date; platformKey?: PlatformKey }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async login(username: string, password: string, caller: Caller): Promise<LoginResult | LoginChallenge> {
    const { db } = this.deps;
    const now = this.now();
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    // Filed under the named account's department, so its security officer sees attempts on it.
    const anonymous: AnonymousCaller = { type: 'anonymous', name: username, ...caller, ...(user ? { orgId: user.org_id } : {}) };

    if (!user) {
      await verifyPassword(await dummyPasswordHash(), password);
      await recordAudit(db, anonymous, { action: 'auth.login', outcome: 'failure', detail: { reason: 'unknown_user' } });
      throw invalidCredentials();
    }
    await this.assertNotLocked(user, anonymous, now);
    if (user.disabled || !(await verifyPassword(user.password_hash, password))) {
      await db.transaction().execute((tx) => this.countFailure(tx, user, anonymous, now, user.disabled ? 'disabled' : 'wrong_password'));
      throw invalidCredentials();
    }

    if (this.deps.platformKey && (await confirmedTotp(db, user.id))) {
      const challenge = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + LOGIN_CHALLENGE_MINUTES * 60_000);
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('login_challenge').values({ token_hash: tokenHash(challenge), user_id: user.id, expires_at: expiresAt, ip: caller.ip ?? null }).execute();
        await recordAudit(tx, anonymous, { action: 'auth.login.password', targetType: 'user', targetId: user.id, detail: { next: 'totp' } });
      });
      return { challenge, expiresAt };
    }
    const pending = totpRequiredFor(user.roles, await totpRequiredRoles(db));
    return db.transaction().execute((tx) => this.startSession(tx, user.id, caller, now, { totpEnrolmentPending: pending, factor: 'password' }));
  }

  /** The second step: the challenge from a correct password and a current, unused TOTP code. */
  async loginWithTotp(challenge: string, code: string, caller: Caller): Promise<LoginResult> {
    const { db } = this.deps;
    const now = this.now();
    const found = await db.selectFrom('login_challenge as c').innerJoin('app_user as u', 'u.id', 'c.user_id')
      .select(['c.id as challenge_id', 'c.expires_at', 'c.used_at', 'u.id', 'u.username', 'u.failed_logins', 'u.locked_until', 'u.disabled', 'u.org_id'])
      .where('c.token_hash', '=', tokenHash(challenge)).executeTakeFirst();
    const anonymous: AnonymousCaller = { type: 'anonymous', name: found?.username, ...caller, ...(found ? { orgId: found.org_id } : {}) };
    if (!found || found.used_at || found.expires_at <= now || found.disabled) {
      await recordAudit(db, anonymous, { action: 'auth.login', targetType: 'user', targetId: found?.id, outcome: 'failure', detail: { reason: 'challenge_invalid' } });
      throw unauthorized('LOGIN_CHALLENGE_INVALID', '登录已超时或无效，请重新输入用户名和密码', 'the login step expired or is invalid; enter your username and password again');
    }
    await this.assertNotLocked(found, anonymous, now);
    const outcome = await db.transaction().execute(async (tx) => {
      const check = await useTotpCode(tx, this.deps.platformKey!, found.id, code, now, { confirmed: true });
      if (!check.ok) {
        const locked = await this.countFailure(tx, found, anonymous, now, check.reason === 'replayed' ? 'totp_replayed' : 'totp_wrong');
        // A locked account starts over with the password once the lock ends.
        if (locked) await tx.updateTable('login_challenge').set({ used_at: now }).where('id', '=', found.challenge_id).execute();
        return check;
      }
      await tx.updateTable('login_challenge').set({ used_at: now }).where('id', '=', found.challenge_id).execute();
      return this.startSession(tx, found.id, caller, now, { totpEnrolmentPending: false, factor: 'totp' });
    });
    if ('ok' in outcome) {
      throw unauthorized('TOTP_INVALID',
        outcome.reason === 'replayed' ? '该动态口令已使用过，请等待下一个口令' : '动态口令不正确',
        outcome.reason === 'replayed' ? 'this code was already used; wait for the next one' : 'wrong code');
    }
    return outcome;
  }

  private async assertNotLocked(user: Pick<UserRow, 'id' | 'locked_until'>, anonymous: AnonymousCaller, now: Date) {
    if (!user.locked_until || user.locked_until <= now) return;
    await recordAudit(this.deps.db, anonymous, {
      action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'denied', detail: { reason: 'locked' },
    });
    throw new AppError(423, 'ACCOUNT_LOCKED',
      `连续登录失败次数过多，账号已锁定至 ${user.locked_until.toISOString()}`,
      `too many failed logins: account locked until ${user.locked_until.toISOString()}`,
      { lockedUntil: user.locked_until.toISOString() });
  }

  /** One more failure (password or code); the MAX_FAILED_LOGINS-th locks the account. Returns whether it did. */
  private async countFailure(tx: Db, user: Pick<UserRow, 'id' | 'failed_logins'>, anonymous: AnonymousCaller, now: Date, reason: string): Promise<boolean> {
    const current = await tx.selectFrom('app_user').select('failed_logins').where('id', '=', user.id).forUpdate().executeTakeFirstOrThrow();
    const failed = current.failed_logins + 1;
    const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
    await tx.updateTable('app_user').set({ failed_logins: lock ? 0 : failed, locked_until: lock }).where('id', '=', user.id).execute();
    await recordAudit(tx, anonymous, {
      action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'failure', detail: { reason, failedLogins: failed, locked: lock !== null },
    });
    return lock !== null;
  }

  private async startSession(tx: Db, userId: string, caller: Caller, now: Date, opts: { totpEnrolmentPending: boolean; factor: 'password' | 'totp' }): Promise<LoginResult> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.deps.sessionHours * 3_600_000);
    await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', userId).execute();
    await tx.insertInto('user_session').values({
      token_hash: tokenHash(token), user_id: userId, expires_at: expiresAt, ip: caller.ip ?? null,
      last_seen_at: now, totp_enrolment_pending: opts.totpEnrolmentPending,
    }).execute();
    const actor = (await loadActor(tx, userId, caller))!;
    if (opts.totpEnrolmentPending) actor.totpEnrolmentPending = true;
    await recordAudit(tx, actor, { action: 'auth.login', targetType: 'user', targetId: userId, detail: { factor: opts.factor, totpEnrolmentPending: opts.totpEnrolmentPending } });
    return { token, expiresAt, user: actor };
  }

  /** The user behind a bearer token or session cookie, or undefined when it is unknown, expired, idle or revoked. */
  async authenticate(token: string, caller: Caller): Promise<UserActor | undefined> {
    const { db } = this.deps;
    const hash = tokenHash(token);
    const session = await db.selectFrom('user_session')
      .select(['user_id', 'expires_at', 'revoked_at', 'created_at', 'last_seen_at', 'totp_enrolment_pending'])
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    const now = this.now();
    if (!session || session.revoked_at || session.expires_at <= now) return undefined;
    const lastSeen = session.last_seen_at ?? session.created_at;
    if (now.getTime() - lastSeen.getTime() > SESSION_IDLE_MINUTES * 60_000) return undefined;
    if (now.getTime() - lastSeen.getTime() >= SEEN_RESOLUTION_MS) {
      await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
    }
    const actor = await loadActor(db, session.user_id, caller);
    if (actor && session.totp_enrolment_pending) actor.totpEnrolmentPending = true;
    return actor;
  }

  async logout(actor: UserActor, token: string): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      await tx.updateTable('user_session').set({ revoked_at: this.now() })
        .where('token_hash', '=', tokenHash(token)).where('revoked_at', 'is', null).execute();
      await recordAudit(tx, actor, { action: 'auth.logout', targetType: 'user', targetId: actor.userId });
    });
  }
}

const invalidCredentials = () => unauthorized('INVALID_CREDENTIALS', '用户名或密码错误', 'wrong username or password');

/** Builds the actor of a user: department, region and roles, as stored now (a disabled user has none). */
export async function loadActor(db: Db, userId: string, caller: Caller = {}): Promise<UserActor | undefined> {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('org as o', 'o.id', 'u.org_id')
    .innerJoin('region as r', 'r.code', 'o.region_code')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.disabled',
      'o.id as org_id', 'o.name as org_name', 'o.kind as org_kind', 'r.code as region_code', 'r.level as region_level',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.disabled) return undefined;
  return {
    type: 'user',
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    orgKind: row.org_kind,
    regionCode: row.region_code,
    regionLevel: row.region_level,
    roles: row.roles.filter(isRole),
    ...(caller.ip ? { ip: caller.ip } : {}),
    ...(caller.requestId ? { requestId: caller.requestId } : {}),
  };
}
