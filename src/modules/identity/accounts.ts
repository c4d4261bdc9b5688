/**
 * What happens to an account after it is made: its roles change (who granted which role to whom,
 * kept for access reviews — security rules §13–§14), the operator resets a forgotten password, the
 * user changes their own. Every password set passes the policy, history included.
 */
import type { Db } from '../../db/connect.ts';
import type { Actor, UserActor } from '../../domain/access/actor.ts';
import { roleProblems, type Role } from '../../domain/access/roles.ts';
import { badRequest, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { assertPasswordAllowed, hashPassword, storePassword, verifyPassword } from './passwords.ts';
import { countSessionProofFailure } from './lockout.ts';

/** Records a change of a user's roles; the caller audits it in the same transaction. */
export async function recordRoleChange(tx: Db, c: { userId: string; changedBy: string | null; before: readonly string[]; after: readonly string[]; reason: string; at?: Date }) {
  await tx.insertInto('role_change').values({
    user_id: c.userId, changed_by: c.changedBy, before: [...c.before], after: [...c.after], reason: c.reason, ...(c.at ? { at: c.at } : {}),
  }).execute();
}

export class AccountService {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * The operator sets a user's roles, with the reason. Not their own: whoever holds the highest
   * right must not widen it themselves (security rules §13 最高管理权限由专人负责).
   */
  async changeRoles(actor: UserActor, userId: string, roles: string[], reason: string) {
    if (userId === actor.userId) {
      throw forbidden('OWN_ROLES', '不能修改自己的角色，须由另一名超级管理员办理（安全细则第十三条）', 'you cannot change your own roles; another super admin must (security rules §13)');
    }
    if (!reason.trim()) throw badRequest('REASON_REQUIRED', '角色变更须说明理由', 'a role change needs a reason', [{ field: 'body.reason', zh: '请填写理由', en: 'reason is required' }]);
    return this.deps.db.transaction().execute(async (tx) => {
      const user = await tx.selectFrom('app_user as u').innerJoin('org as o', 'o.id', 'u.org_id')
        .select(['u.id', 'u.username', 'u.roles', 'o.kind']).where('u.id', '=', userId).forUpdate().executeTakeFirst();
      if (!user) throw notFound('用户', 'user');
      const problems = roleProblems(roles, user.kind);
      if (problems.length) throw badRequest('ROLES_INVALID', problems[0]!.zh, problems[0]!.en, problems.map((p) => ({ field: 'body.roles', ...p })));
      await tx.updateTable('app_user').set({ roles: roles as Role[] }).where('id', '=', userId).execute();
      await recordRoleChange(tx, { userId, changedBy: actor.userId, before: user.roles, after: roles, reason, at: this.now() });
      await recordAudit(tx, actor, {
        action: 'user.roles.change', targetType: 'user', targetId: userId, detail: { username: user.username, before: user.roles, after: roles, reason },
      });
      return { id: userId, username: user.username, roles };
    });
  }

  /** The operator sets a new password for a user who lost theirs; the user's sessions end. */
  async resetPassword(actor: UserActor, userId: string, password: string): Promise<void> {
    const user = await this.deps.db.selectFrom('app_user').select(['id', 'username']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw notFound('用户', 'user');
    await assertPasswordAllowed(this.deps.db, user, password);
    await this.setPassword(actor, user, password, 'user.password.reset');
  }

  /** The user changes their own password, proving the current one; their other sessions end. */
  async changeOwnPassword(actor: UserActor, currentPassword: string, newPassword: string, sessionTokenHash?: string): Promise<void> {
    const user = await this.deps.db.selectFrom('app_user').select(['id', 'username', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      await countSessionProofFailure(this.deps.db, user.id, this.now(), { zh: '当前密码', en: 'current passwords' });
      // 400, not 401: the session is fine, only the form is wrong (the route audits the refusal).
      throw badRequest('CURRENT_PASSWORD_WRONG', '当前密码不正确', 'the current password is wrong',
        [{ field: 'body.currentPassword', zh: '当前密码不正确', en: 'wrong current password' }]);
    }
    await assertPasswordAllowed(this.deps.db, user, newPassword, 'body.newPassword');
    await this.setPassword(actor, user, newPassword, 'auth.password.change', sessionTokenHash);
  }

  private async setPassword(actor: Actor, user: { id: string; username: string }, password: string, action: string, keepSession?: string) {
    const hash = await hashPassword(password);
    const now = this.now();
    await this.deps.db.transaction().execute(async (tx) => {
      await storePassword(tx, user.id, hash, now);
      let end = tx.updateTable('user_session').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null);
      if (keepSession) end = end.where('token_hash', '<>', keepSession);
      await end.execute();
      await recordAudit(tx, actor, { action, targetType: 'user', targetId: user.id, detail: { username: user.username } });
    });
  }
}
