/**
 * The optional second factor (动态口令, RFC 6238) of a user's account: enrolment (the secret shown once),
 * confirmation with a first code, removal, the operator's reset for a lost device, and the
 * authority's setting of which roles must have one (security rules §14 密码保障). Secrets are sealed
 * with the platform key (security rules §23); a code's time step is accepted once only.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { ROLE_LABELS, type Role } from '../../domain/access/roles.ts';
import { checkTotp, otpauthUri, TOTP_SECRET_BYTES, type TotpCheck } from '../../domain/access/totp.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { countSessionProofFailure } from './lockout.ts';
import { open, seal, type PlatformKey } from '../security/secret-box.ts';

export const TOTP_ISSUER = 'GDX 晋城市政务数据共享交换平台';
const POLICY_KEY = 'security.totpRequiredRoles';
/** The roles the authority may require a second factor of: those that decide or oversee. */
export const TOTP_REQUIRABLE_ROLES = ['authority', 'security_officer'] as const satisfies readonly Role[];
export type TotpRequirableRole = (typeof TOTP_REQUIRABLE_ROLES)[number];

export interface TotpStatus {
  enrolled: boolean;
  pending: boolean;
  confirmedAt: string | null;
  /** The user's roles require a second factor (the authority's setting). */
  required: boolean;
}

export async function totpRequiredRoles(db: Db): Promise<TotpRequirableRole[]> {
  const row = await db.selectFrom('platform_setting').select('value').where('key', '=', POLICY_KEY).executeTakeFirst();
  const roles = (row?.value as { roles?: string[] } | undefined)?.roles ?? [];
  return TOTP_REQUIRABLE_ROLES.filter((r) => roles.includes(r));
}

export const totpRequiredFor = (roles: readonly string[], required: readonly string[]): boolean => roles.some((r) => required.includes(r));

/** The confirmed factor of a user, if any. */
export async function confirmedTotp(db: Db, userId: string) {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
}

/**
 * Checks a code against the user's (confirmed or pending) secret, row locked, and on success records
 * its step so it cannot be used again. Call inside a transaction.
 */
export async function useTotpCode(tx: Db, key: PlatformKey, userId: string, code: string, now: Date, opts: { confirmed: boolean }): Promise<TotpCheck> {
  let q = tx.selectFrom('user_totp').selectAll().where('user_id', '=', userId);
  q = opts.confirmed ? q.where('confirmed_at', 'is not', null) : q.where('confirmed_at', 'is', null);
  const row = await q.forUpdate().executeTakeFirst();
  if (!row) return { ok: false, reason: 'wrong' };
  const result = checkTotp(Buffer.from(open(key, row.secret_sealed), 'base64'), code, now, row.last_step);
  if (result.ok) await tx.updateTable('user_totp').set({ last_step: result.step }).where('user_id', '=', userId).execute();
  return result;
}

const codeRefused = (r: Exclude<TotpCheck, { ok: true }>) => badRequest('TOTP_INVALID',
  r.reason === 'replayed' ? '该动态口令已使用过，请等待下一个口令' : '动态口令不正确',
  r.reason === 'replayed' ? 'this code was already used; wait for the next one' : 'wrong code',
  [{ field: 'body.code', zh: '动态口令不正确或已使用', en: 'wrong or used code' }]);

export class TotpService {
  constructor(private readonly deps: { db: Db; platformKey?: PlatformKey; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private key(): PlatformKey {
    if (!this.deps.platformKey) throw new Error('TOTP needs the platform key');
    return this.deps.platformKey;
  }

  async status(actor: UserActor): Promise<TotpStatus> {
    const row = await this.deps.db.selectFrom('user_totp').select(['confirmed_at']).where('user_id', '=', actor.userId).executeTakeFirst();
    const required = totpRequiredFor(actor.roles, await totpRequiredRoles(this.deps.db));
    return {
      enrolled: !!row?.confirmed_at, pending: !!row && !row.confirmed_at,
      confirmedAt: row?.confirmed_at ? row.confirmed_at.toISOString() : null, required,
    };
  }

  /** A new secret, shown this once as an otpauth:// URI; the factor counts only once a code confirms it. */
  async enrol(actor: UserActor): Promise<{ secret: string; otpauthUri: string }> {
    const secret = randomBytes(TOTP_SECRET_BYTES);
    const sealed = seal(this.key(), secret.toString('base64'));
    await this.deps.db.transaction().execute(async (tx) => {
      const existing = await tx.selectFrom('user_totp').select('confirmed_at').where('user_id', '=', actor.userId).forUpdate().executeTakeFirst();
      if (existing?.confirmed_at) {
        throw conflict('TOTP_ALREADY_ENROLLED', '已绑定动态口令；如需更换，请先解除绑定', 'a second factor is already enrolled; remove it first to replace it');
      }
      await tx.insertInto('user_totp').values({ user_id: actor.userId, secret_sealed: sealed, last_step: 0 })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret_sealed: sealed, last_step: 0, confirmed_at: null })).execute();
      await recordAudit(tx, actor, { action: 'auth.totp.enrol', targetType: 'user', targetId: actor.userId });
    });
    const uri = otpauthUri(TOTP_ISSUER, actor.username, secret);
    return { secret: new URL(uri).searchParams.get('secret')!, otpauthUri: uri };
  }

  async confirm(actor: UserActor, code: string): Promise<TotpStatus> {
    const now = this.now();
    const result = await this.deps.db.transaction().execute(async (tx) => {
      const pending = await tx.selectFrom('user_totp').select('user_id').where('user_id', '=', actor.userId).where('confirmed_at', 'is', null).executeTakeFirst();
      if (!pending) throw conflict('TOTP_NOT_PENDING', '没有待确认的动态口令绑定，请先开始绑定', 'no enrolment to confirm; start one first');
      const check = await useTotpCode(tx, this.key(), actor.userId, code, now, { confirmed: false });
      if (!check.ok) return check;
      await tx.updateTable('user_totp').set({ confirmed_at: now }).where('user_id', '=', actor.userId).execute();
      // Sessions that were waiting for this enrolment open up.
      await tx.updateTable('user_session').set({ totp_enrolment_pending: false })
        .where('user_id', '=', actor.userId).where('totp_enrolment_pending', '=', true).execute();
      await recordAudit(tx, actor, { action: 'auth.totp.confirm', targetType: 'user', targetId: actor.userId });
      return check;
    });
    if (!result.ok) throw codeRefused(result); // the route audits the refusal
    return this.status({ ...actor, totpEnrolmentPending: false });
  }

  /** The user removes their own factor with a current code — unless their roles require one. */
  async remove(actor: UserActor, code: string): Promise<TotpStatus> {
    if (totpRequiredFor(actor.roles, await totpRequiredRoles(this.deps.db))) {
      throw forbidden('TOTP_REQUIRED', '主管部门要求您的角色使用动态口令，不能解除', 'the authority requires a second factor for your role; it cannot be removed');
    }
    const now = this.now();
    const result = await this.deps.db.transaction().execute(async (tx) => {
      const check = await useTotpCode(tx, this.key(), actor.userId, code, now, { confirmed: true });
      if (!check.ok) return check;
      await tx.deleteFrom('user_totp').where('user_id', '=', actor.userId).execute();
      await recordAudit(tx, actor, { action: 'auth.totp.remove', targetType: 'user', targetId: actor.userId });
      return check;
    });
    if (!result.ok) {
      await countSessionProofFailure(this.deps.db, actor.userId, now, { zh: '动态口令', en: 'codes' });
      throw codeRefused(result); // the route audits the refusal
    }
    return this.status(actor);
  }

  /** The platform operator clears a user's factor (a lost device); the user enrols again at next login. */
  async reset(actor: UserActor, userId: string): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      const user = await tx.selectFrom('app_user').select(['id', 'username']).where('id', '=', userId).executeTakeFirst();
      if (!user) throw notFound('用户', 'user');
      const removed = await tx.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
      await recordAudit(tx, actor, { action: 'user.totp.reset', targetType: 'user', targetId: userId, detail: { username: user.username, hadFactor: Number(removed.numDeletedRows) > 0 } });
    });
  }

  async policy(): Promise<{ requiredRoles: TotpRequirableRole[] }> {
    return { requiredRoles: await totpRequiredRoles(this.deps.db) };
  }

  /** The city authority decides which roles must use a second factor; effective at each user's next login. */
  async setPolicy(actor: UserActor, requiredRoles: string[]): Promise<{ requiredRoles: TotpRequirableRole[] }> {
    if (!(actor.orgKind === 'authority' && actor.regionLevel === 'city' && actor.roles.includes('authority'))) {
      throw forbidden('CITY_AUTHORITY_ONLY', '动态口令要求由市政务数据主管部门设定', 'the second-factor requirement is set by the city authority');
    }
    const unknown = requiredRoles.filter((r) => !(TOTP_REQUIRABLE_ROLES as readonly string[]).includes(r));
    if (unknown.length) {
      throw badRequest('ROLE_NOT_REQUIRABLE', `只能要求以下角色使用动态口令：${TOTP_REQUIRABLE_ROLES.map((r) => ROLE_LABELS[r].zh).join('、')}`,
        `a second factor can be required of: ${TOTP_REQUIRABLE_ROLES.join(', ')}`, [{ field: 'body.requiredRoles', zh: '角色不可选', en: `not requirable: ${unknown.join(', ')}` }]);
    }
    const roles = TOTP_REQUIRABLE_ROLES.filter((r) => requiredRoles.includes(r));
    await this.deps.db.transaction().execute(async (tx) => {
      const value = JSON.stringify({ roles });
      await tx.insertInto('platform_setting').values({ key: POLICY_KEY, value, updated_by: actor.username })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_by: actor.username, updated_at: this.now() })).execute();
      await recordAudit(tx, actor, { action: 'settings.totp_policy', targetType: 'setting', targetId: POLICY_KEY, detail: { requiredRoles: roles } });
    });
    return { requiredRoles: roles };
  }
}
