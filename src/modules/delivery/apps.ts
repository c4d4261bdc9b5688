/**
 * Consumer applications (应用系统): registered by a department's data steward; each gets an AppKey
 * and a secret shown once (the platform keeps it sealed, because verifying HMAC signatures needs
 * it back). Rotating issues a new secret at once; disabling stops every call of the app.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { checkOverride, type AppLimitOverride, type AppLimitSettings, type LimitChannel } from '../../domain/delivery/limits.ts';
import { recordAudit } from '../audit/store.ts';
import { open, seal, type PlatformKey } from '../security/secret-box.ts';
import { limitSettings, limitView, overrideOf, setLimitSettings, usageToday, type ChannelLimitView } from './app-limits.ts';

export interface AppView {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  description: string;
  appKey: string;
  ipAllowlist: string[];
  disabled: boolean;
  createdAt: string;
  rotatedAt: string | null;
  /** What the app may call per second and per day on each channel, and its own values (null = the default). */
  limits: Record<LimitChannel, ChannelLimitView>;
  /** Units used today (Asia/Shanghai): data API calls, verified records. */
  usageToday: Record<LimitChannel, number>;
}

const newAppKey = () => `gdx_${randomBytes(10).toString('hex')}`;
const newSecret = () => randomBytes(32).toString('base64url');

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export class AppService {
  private readonly secrets = new Map<string, Omit<SigningSecret, 'cached'>>();

  constructor(private readonly deps: { db: Db; platformKey: PlatformKey; now?: () => Date }) {}

  private query() {
    return this.deps.db.selectFrom('consumer_app as a').innerJoin('org as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.org_id', 'o.name as org_name', 'a.name', 'a.description', 'a.app_key', 'a.ip_allowlist', 'a.disabled_at', 'a.created_at', 'a.rotated_at',
        'a.api_per_second', 'a.api_per_day', 'a.verify_per_second', 'a.verify_per_day']);
  }

  private async views(rows: Awaited<ReturnType<ReturnType<AppService['query']>['execute']>>): Promise<AppView[]> {
    const settings = await limitSettings(this.deps.db);
    const usage = await usageToday(this.deps.db, rows.map((r) => r.id), this.deps.now?.() ?? new Date());
    return rows.map((r) => ({
      id: r.id, orgId: r.org_id, orgName: r.org_name, name: r.name, description: r.description, appKey: r.app_key,
      ipAllowlist: r.ip_allowlist, disabled: r.disabled_at !== null, createdAt: r.created_at.toISOString(),
      rotatedAt: r.rotated_at ? r.rotated_at.toISOString() : null,
      limits: limitView(settings, overrideOf(r)), usageToday: usage.get(r.id)!,
    }));
  }

  async list(actor: UserActor): Promise<AppView[]> {
    return this.views(await this.query().where('a.org_id', '=', actor.orgId).orderBy('a.created_at').execute());
  }

  /** The city authority's defaults and ceilings of every app's limits. */
  limitSettings(): Promise<AppLimitSettings> {
    return limitSettings(this.deps.db);
  }

  setLimitSettings(actor: UserActor, settings: AppLimitSettings): Promise<AppLimitSettings> {
    return setLimitSettings(this.deps.db, actor, settings);
  }

  /**
   * The department's data steward sets an app's own limits, each up to the city authority's ceiling
   * (null = the platform default). Effective at every process's next call of the app.
   */
  async setLimits(actor: UserActor, id: string, own: AppLimitOverride): Promise<AppView> {
    const settings = await limitSettings(this.deps.db);
    const problems = checkOverride(own, settings);
    if (problems.length) throw badRequest('LIMITS_INVALID', problems[0]!.zh, problems[0]!.en, problems.map((p) => ({ ...p, field: `body.${p.field}` })));
    await this.deps.db.transaction().execute(async (tx) => {
      const app = await tx.selectFrom('consumer_app').select('org_id').where('id', '=', id).forUpdate().executeTakeFirst();
      if (!app || app.org_id !== actor.orgId) throw notFound('应用', 'app');
      await tx.updateTable('consumer_app').set({
        api_per_second: own.api.perSecond, api_per_day: own.api.perDay, verify_per_second: own.verify.perSecond, verify_per_day: own.verify.perDay,
      }).where('id', '=', id).execute();
      await recordAudit(tx, actor, { action: 'app.limits', targetType: 'consumer_app', targetId: id, detail: { ...own } });
    });
    return this.get(actor, id);
  }

  private checkAllowlist(list: string[] | undefined) {
    const bad = (list ?? []).filter((ip) => isIP(ip) === 0);
    if (bad.length) throw badRequest('APP_INVALID', `不是有效的 IP 地址：${bad.join('、')}`, `not IP addresses: ${bad.join(', ')}`, [{ field: 'body.ipAllowlist', zh: 'IP 地址无效', en: 'invalid IP address' }]);
  }

  /** Registers an app of the actor's department; the answer carries the secret — the only time it is shown. */
  async create(actor: UserActor, input: { name: string; description?: string; ipAllowlist?: string[] }): Promise<AppView & { secret: string }> {
    this.checkAllowlist(input.ipAllowlist);
    const secret = newSecret();
    try {
      const id = await this.deps.db.transaction().execute(async (tx) => {
        const row = await tx.insertInto('consumer_app').values({
          org_id: actor.orgId, name: input.name, description: input.description ?? '', app_key: newAppKey(),
          secret_sealed: seal(this.deps.platformKey, secret), ip_allowlist: input.ipAllowlist ?? [], created_by: actor.userId,
        }).returning('id').executeTakeFirstOrThrow();
        await recordAudit(tx, actor, { action: 'app.create', targetType: 'consumer_app', targetId: row.id, detail: { name: input.name } });
        return row.id;
      });
      return { ...(await this.get(actor, id)), secret };
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('APP_EXISTS', `本部门已有名为「${input.name}」的应用`, `your department already has an app named "${input.name}"`);
      throw err;
    }
  }

  /**
   * The department's data steward changes an enabled app's IP allow-list or description in place —
   * a system that moved to a new address keeps its AppKey and secret. The list is checked as at
   * registration. Effective at every process's next call: the gate re-reads `ip_allowlist` in each
   * call's statement, and the secret this process holds carries no address, so nothing held goes stale.
   */
  async edit(actor: UserActor, id: string, input: { ipAllowlist?: string[]; description?: string }): Promise<AppView> {
    if (input.ipAllowlist === undefined && input.description === undefined) {
      throw badRequest('APP_INVALID', '请给出新的 IP 白名单或说明', 'give a new IP allow-list or description', [{ field: 'body', zh: '没有要修改的内容', en: 'nothing to change' }]);
    }
    this.checkAllowlist(input.ipAllowlist);
    await this.deps.db.transaction().execute(async (tx) => {
      const app = await tx.selectFrom('consumer_app').select(['org_id', 'disabled_at', 'ip_allowlist', 'description']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!app || app.org_id !== actor.orgId) throw notFound('应用', 'app');
      if (app.disabled_at) throw conflict('APP_DISABLED', '该应用已停用，不能修改', 'the app is disabled and cannot be changed');
      const change = {
        ...(input.ipAllowlist !== undefined ? { ip_allowlist: input.ipAllowlist } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      };
      await tx.updateTable('consumer_app').set(change).where('id', '=', id).execute();
      // Before and after: who opened the app to which addresses must be readable from the trail (Sec §17).
      await recordAudit(tx, actor, {
        action: 'app.edit', targetType: 'consumer_app', targetId: id,
        detail: {
          ...(input.ipAllowlist !== undefined ? { ipAllowlist: { from: app.ip_allowlist, to: input.ipAllowlist } } : {}),
          ...(input.description !== undefined ? { description: { from: app.description, to: input.description } } : {}),
        },
      });
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string): Promise<AppView> {
    const r = await this.query().where('a.id', '=', id).executeTakeFirst();
    if (!r || r.org_id !== actor.orgId) throw notFound('应用', 'app');
    return (await this.views([r]))[0]!;
  }

  private async change(actor: UserActor, id: string, action: 'rotate' | 'disable', fn: (tx: Db) => Promise<void>) {
    const appKey = await this.deps.db.transaction().execute(async (tx) => {
      const app = await tx.selectFrom('consumer_app').select(['org_id', 'app_key', 'disabled_at']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!app || app.org_id !== actor.orgId) throw notFound('应用', 'app');
      if (app.disabled_at) throw conflict('APP_DISABLED', '该应用已停用', 'the app is disabled');
      await fn(tx);
      await recordAudit(tx, actor, { action: `app.${action}`, targetType: 'consumer_app', targetId: id });
      return app.app_key;
    });
    // This process forgets at once; the others learn at their next call (the version check in the gate).
    this.secrets.delete(appKey);
  }

  /** A new secret, effective at once; the old one stops working. */
  async rotate(actor: UserActor, id: string): Promise<AppView & { secret: string }> {
    const secret = newSecret();
    await this.change(actor, id, 'rotate', async (tx) => {
      await tx.updateTable('consumer_app').set({
        secret_sealed: seal(this.deps.platformKey, secret), rotated_at: this.deps.now?.() ?? new Date(), secret_version: sql`secret_version + 1`,
      }).where('id', '=', id).execute();
    });
    return { ...(await this.get(actor, id)), secret };
  }

  async disable(actor: UserActor, id: string): Promise<AppView> {
    await this.change(actor, id, 'disable', async (tx) => {
      await tx.updateTable('consumer_app').set({ disabled_at: this.deps.now?.() ?? new Date() }).where('id', '=', id).execute();
    });
    return this.get(actor, id);
  }

  /**
   * The secret to check a signature with, from this process's memory when it has it. Safe to keep:
   * every call's grant statement re-reads the app's `disabled_at` and `secret_version` (signed-call.ts),
   * so a disabled or rotated app is refused at its next call in every process, and this process
   * forgets at once. `fresh` skips the memory (after a mismatch: the app may have rotated elsewhere).
   */
  async signingSecret(db: Db, appKey: string, fresh = false): Promise<SigningSecret | undefined> {
    const held = fresh ? undefined : this.secrets.get(appKey);
    if (held) return { ...held, cached: true };
    const app = await db.selectFrom('consumer_app').select(['id', 'secret_sealed', 'secret_version', 'disabled_at'])
      .where('app_key', '=', appKey).executeTakeFirst();
    if (!app || app.disabled_at) {
      this.secrets.delete(appKey);
      return undefined;
    }
    const found = { id: app.id, secret: open(this.deps.platformKey, app.secret_sealed), version: app.secret_version };
    if (this.secrets.size >= MAX_HELD_SECRETS) this.secrets.delete(this.secrets.keys().next().value!);
    this.secrets.set(appKey, found);
    return { ...found, cached: false };
  }

  /** Drops a held secret (the gate found the app disabled or rotated). */
  forget(appKey: string): void {
    this.secrets.delete(appKey);
  }
}

export interface SigningSecret {
  id: string;
  secret: string;
  version: number;
  /** Taken from this process's memory rather than the database. */
  cached: boolean;
}

/** Enough for every app of a city's departments; past it the oldest is dropped (and re-read when used). */
const MAX_HELD_SECRETS = 10_000;

/**
 * An address as compared: an IPv4 client of a server listening on `::` arrives IPv4-mapped
 * (`::ffff:10.1.2.3`) and is the IPv4 address listed; an IPv6 one in its one canonical spelling
 * (`2001:DB8:0::1` is `2001:db8::1`).
 */
export function canonicalIp(ip: string): string {
  // A zone (fe80::1%eth0) is left as written: the URL parser takes none.
  if (isIP(ip) !== 6 || ip.includes('%')) return ip;
  // The URL parser writes IPv6 canonically, a mapped IPv4 part as two hex groups (::ffff:a01:203).
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export function assertAllowedIp(app: { ip_allowlist: string[] }, ip: string): void {
  if (app.ip_allowlist.length > 0 && !app.ip_allowlist.some((allowed) => canonicalIp(allowed) === canonicalIp(ip))) {
    throw forbidden('IP_NOT_ALLOWED', `来源地址 ${ip} 不在该应用的访问白名单中`, `calls from ${ip} are not in the app's allow-list`);
  }
}
