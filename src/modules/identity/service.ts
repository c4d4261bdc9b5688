/**
 * Login, sessions and logout. A session token is 32 random bytes given to the client once; only
 * its SHA-256 is stored, so a copy of the database does not let anyone log in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { isRole } from '../../domain/access/roles.ts';
import { AppError, unauthorized } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserActor;
}

export interface Caller {
  ip?: string;
  requestId?: string;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class IdentityService {
  constructor(private readonly deps: { db: Db; sessionHours: number; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async login(username: string, password: string, caller: Caller): Promise<LoginResult> {
    const { db } = this.deps;
    const now = this.now();
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    const anonymous = { type: 'anonymous' as const, name: username, ...caller };
    const invalid = unauthorized('INVALID_CREDENTIALS', '用户名或密码错误', 'wrong username or password');

    if (!user) {
      await verifyPassword(await dummyPasswordHash(), password);
      await recordAudit(db, anonymous, { action: 'auth.login', outcome: 'failure', detail: { reason: 'unknown_user' } });
      throw invalid;
    }
    if (user.locked_until && user.locked_until > now) {
      await recordAudit(db, anonymous, {
        action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'denied', detail: { reason: 'locked' },
      });
      throw new AppError(423, 'ACCOUNT_LOCKED',
        `连续登录失败次数过多，账号已锁定至 ${user.locked_until.toISOString()}`,
        `too many failed logins: account locked until ${user.locked_until.toISOString()}`,
        { lockedUntil: user.locked_until.toISOString() });
    }
    if (user.disabled || !(await verifyPassword(user.password_hash, password))) {
      const failed = user.failed_logins + 1;
      const lock = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null;
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('app_user')
          .set({ failed_logins: lock ? 0 : failed, locked_until: lock })
          .where('id', '=', user.id).execute();
        await recordAudit(tx, anonymous, {
          action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'failure',
          detail: { reason: user.disabled ? 'disabled' : 'wrong_password', failedLogins: failed, locked: lock !== null },
        });
      });
      throw invalid;
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.deps.sessionHours * 3_600_000);
    return db.transaction().execute(async (tx) => {
      await tx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
      await tx.insertInto('user_session')
        .values({ token_hash: tokenHash(token), user_id: user.id, expires_at: expiresAt, ip: caller.ip ?? null })
        .execute();
      const actor = await loadActor(tx, user.id, caller);
      await recordAudit(tx, actor!, { action: 'auth.login', targetType: 'user', targetId: user.id });
      return { token, expiresAt, user: actor! };
    });
  }

  /** The user behind a bearer token or session cookie, or undefined when it is unknown, expired or revoked. */
  async authenticate(token: string, caller: Caller): Promise<UserActor | undefined> {
    const session = await this.deps.db
      .selectFrom('user_session')
      .select(['user_id', 'expires_at', 'revoked_at'])
      .where('token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!session || session.revoked_at || session.expires_at <= this.now()) return undefined;
    return loadActor(this.deps.db, session.user_id, caller);
  }

  async logout(actor: UserActor, token: string): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      await tx.updateTable('user_session').set({ revoked_at: this.now() })
        .where('token_hash', '=', tokenHash(token)).where('revoked_at', 'is', null).execute();
      await recordAudit(tx, actor, { action: 'auth.logout', targetType: 'user', targetId: actor.userId });
    });
  }
}

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
