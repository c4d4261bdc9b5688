/**
 * 整体授权 (§29): the provider authorises the platform to grant, by itself, later requests for the
 * items and methods it covers, until a date. Compliance review still runs for every request (§28);
 * only the provider's reply step is skipped.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { toShanghaiDate } from '../../domain/calendar/index.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { validateRowScope } from '../../domain/policy/row-scope-rules.ts';
import { maxValidUntil } from '../../domain/sharing/request-rules.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import * as catalogStore from '../catalog/store.ts';
import type { GrantConditions } from './grants.ts';

export interface WholeAuthorizationInput {
  entryId: string;
  items: string[];
  methods: string[];
  conditions?: GrantConditions;
  validUntil: string;
}

export class WholeAuthorizationService {
  constructor(private readonly deps: { db: Db; now?: () => Date }) {}

  private query() {
    return this.deps.db.selectFrom('whole_authorization as w').innerJoin('catalog_entry as e', 'e.id', 'w.entry_id')
      .select(['w.id', 'w.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'w.provider_id', 'w.items', 'w.methods',
        'w.conditions', 'w.valid_until', 'w.created_at', 'w.revoked_at', 'w.revoke_reason']);
  }

  private view(r: Awaited<ReturnType<ReturnType<WholeAuthorizationService['query']>['executeTakeFirstOrThrow']>>) {
    return {
      id: r.id, entryId: r.entry_id, entryName: r.entry_name, entryCode: r.entry_code, providerId: r.provider_id, items: r.items,
      methods: r.methods, conditions: r.conditions as unknown as GrantConditions, validUntil: r.valid_until,
      createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null, revokeReason: r.revoke_reason,
    };
  }

  async list(actor: UserActor) {
    const rows = await this.query().where('w.provider_id', '=', actor.orgId).orderBy('w.created_at', 'desc').execute();
    return { items: rows.map((r) => this.view(r)), total: rows.length };
  }

  async create(actor: UserActor, input: WholeAuthorizationInput) {
    const { db } = this.deps;
    const today = toShanghaiDate(this.deps.now?.() ?? new Date());
    const id = await db.transaction().execute(async (tx) => {
      const entry = await catalogStore.findEntry(tx, input.entryId);
      if (!entry || entry.published_version === null || entry.status === 'withdrawn') throw notFound('已发布的目录', 'published catalog entry');
      if (entry.provider_id !== actor.orgId) throw forbidden('NOT_PROVIDER', '只能整体授权本部门的数据（第二十九条）', 'only the provider authorises its own data (§29)');
      const body = (await catalogStore.findVersion(tx, entry.id, entry.published_version))!.body as CatalogEntryBody;
      const names = new Set(body.items.map((i) => i.name));
      const unknown = input.items.filter((i) => !names.has(i));
      const problems = [
        ...(input.items.length === 0 ? [{ field: 'body.items', zh: '至少包含一个数据项', en: 'at least one item' }] : []),
        ...(unknown.length ? [{ field: 'body.items', zh: `目录中没有数据项：${unknown.join('、')}`, en: `no such items: ${unknown.join(', ')}` }] : []),
        ...(input.validUntil <= today || input.validUntil > maxValidUntil(today)
          ? [{ field: 'body.validUntil', zh: '有效期须在今天之后且不超过三年（第三十一条）', en: 'validUntil must be after today and within 3 years (§31)' }] : []),
        // The rows the platform may grant (§29): checked now, since every grant made under it inherits them.
        ...validateRowScope(input.conditions?.rowScope, body.items, { article: '§29', field: 'conditions.rowScope' })
          .filter((i) => i.level === 'error').map((i) => ({ field: `body.${i.field}`, zh: i.zh, en: i.en })),
      ];
      if (problems.length) throw badRequest('WHOLE_AUTHORIZATION_INVALID', problems[0]!.zh, problems[0]!.en, problems);
      const row = await tx.insertInto('whole_authorization').values({
        entry_id: entry.id, provider_id: actor.orgId, items: input.items, methods: input.methods,
        conditions: JSON.stringify(input.conditions ?? {}), valid_until: input.validUntil, created_by: actor.userId,
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, actor, { action: 'whole_authorization.create', targetType: 'catalog_entry', targetId: entry.id, detail: { id: row.id, items: input.items, methods: input.methods } });
      return row.id;
    });
    return this.view((await this.query().where('w.id', '=', id).executeTakeFirst())!);
  }

  async revoke(actor: UserActor, id: string, reason: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const w = await tx.selectFrom('whole_authorization').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!w || w.provider_id !== actor.orgId) throw notFound('整体授权', 'whole authorization');
      if (w.revoked_at) throw conflict('ALREADY_REVOKED', '该整体授权已撤回', 'already revoked');
      await tx.updateTable('whole_authorization').set({ revoked_at: this.deps.now?.() ?? new Date(), revoked_by: actor.userId, revoke_reason: reason })
        .where('id', '=', id).execute();
      await recordAudit(tx, actor, { action: 'whole_authorization.revoke', targetType: 'catalog_entry', targetId: w.entry_id, detail: { id, reason } });
    });
    return this.view((await this.query().where('w.id', '=', id).executeTakeFirst())!);
  }
}
