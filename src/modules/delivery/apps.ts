/**
 * Consumer applications (应用系统): registered by a department's data steward; each gets an AppKey
 * and a secret shown once (the platform keeps it sealed, because verifying HMAC signatures needs
 * it back). Rotating issues a new secret at once; disabling stops every call of the app.
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { open, seal, type PlatformKey } from '../security/secret-box.ts';

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
}

const newAppKey = () => `gdx_${randomBytes(10).toString('hex')}`;
const newSecret = () => randomBytes(32).toString('base64url');

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

export class AppService {
  constructor(private readonly deps: { db: Db; platformKey: PlatformKey; now?: () => Date }) {}

  private query() {
    return this.deps.db.selectFrom('consumer_app as a').innerJoin('org as o', 'o.id', 'a.org_id')
      .select(['a.id', 'a.org_id', 'o.name as org_name', 'a.name', 'a.description', 'a.app_key', 'a.ip_allowlist', 'a.disabled_at', 'a.created_at', 'a.rotated_at']);
  }

  private view(r: Awaited<ReturnType<ReturnType<AppService['query']>['executeTakeFirstOrThrow']>>): AppView {
    return {
      id: r.id, orgId: r.org_id, orgName: r.org_name, name: r.name, description: r.description, appKey: r.app_key,
      ipAllowlist: r.ip_allowlist, disabled: r.disabled_at !== null, createdAt: r.created_at.toISOString(),
      rotatedAt: r.rotated_at ? r.rotated_at.toISOString() : null,
    };
  }

  async list(actor: UserActor): Promise<AppView[]> {
    return (await this.query().where('a.org_id', '=', actor.orgId).orderBy('a.created_at').execute()).map((r) => this.view(r));
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

  async get(actor: UserActor, id: string): Promise<AppView> {
    const r = await this.query().where('a.id', '=', id).executeTakeFirst();
    if (!r || r.org_id !== actor.orgId) throw notFound('应用', 'app');
    return this.view(r);
  }

  private async change(actor: UserActor, id: string, action: 'rotate' | 'disable', fn: (tx: Db) => Promise<void>) {
    await this.deps.db.transaction().execute(async (tx) => {
      const app = await tx.selectFrom('consumer_app').select(['org_id', 'disabled_at']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!app || app.org_id !== actor.orgId) throw notFound('应用', 'app');
      if (app.disabled_at) throw conflict('APP_DISABLED', '该应用已停用', 'the app is disabled');
      await fn(tx);
      await recordAudit(tx, actor, { action: `app.${action}`, targetType: 'consumer_app', targetId: id });
    });
  }

  /** A new secret, effective at once; the old one stops working. */
  async rotate(actor: UserActor, id: string): Promise<AppView & { secret: string }> {
    const secret = newSecret();
    await this.change(actor, id, 'rotate', async (tx) => {
      await tx.updateTable('consumer_app').set({ secret_sealed: seal(this.deps.platformKey, secret), rotated_at: this.deps.now?.() ?? new Date() })
        .where('id', '=', id).execute();
    });
    return { ...(await this.get(actor, id)), secret };
  }

  async disable(actor: UserActor, id: string): Promise<AppView> {
    await this.change(actor, id, 'disable', async (tx) => {
      await tx.updateTable('consumer_app').set({ disabled_at: this.deps.now?.() ?? new Date() }).where('id', '=', id).execute();
    });
    return this.get(actor, id);
  }

  /** For the signature check: the app behind an AppKey with its secret, if it may call at all. */
  async forSignature(db: Db, appKey: string) {
    const app = await db.selectFrom('consumer_app').selectAll().where('app_key', '=', appKey).executeTakeFirst();
    if (!app || app.disabled_at) return undefined;
    return { ...app, secret: open(this.deps.platformKey, app.secret_sealed) };
  }
}

export function assertAllowedIp(app: { ip_allowlist: string[] }, ip: string): void {
  if (app.ip_allowlist.length > 0 && !app.ip_allowlist.includes(ip)) {
    throw forbidden('IP_NOT_ALLOWED', `来源地址 ${ip} 不在该应用的访问白名单中`, `calls from ${ip} are not in the app's allow-list`);
  }
}
