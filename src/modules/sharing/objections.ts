/**
 * 数据异议 (§32): a department using shared data reports data it doubts or finds wrong; the
 * provider must verify and correct it within 5 working days of receiving the report, and records
 * the outcome — corrected, or confirmed correct with an explanation.
 */
import type { Db } from '../../db/connect.ts';
import { authorityCovers, type UserActor } from '../../domain/access/actor.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import { STEP_WORKDAYS, stepClock, stepDue } from '../../domain/sharing/deadlines.ts';
import { validateObjection } from '../../domain/sharing/objection-rules.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import type { CalendarService } from '../calendar/service.ts';
import * as catalogStore from '../catalog/store.ts';
import { notify, type Outbound } from '../inbox/notify.ts';

export class ObjectionService {
  constructor(private readonly deps: { db: Db; calendars: CalendarService; outbound?: Outbound; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private query(db: Db = this.deps.db) {
    return db.selectFrom('objection as x').innerJoin('catalog_entry as e', 'e.id', 'x.entry_id')
      .innerJoin('org as p', 'p.id', 'x.provider_id').innerJoin('org as c', 'c.id', 'x.consumer_id')
      .leftJoin('app_user as r', 'r.id', 'x.resolver_id')
      .select(['x.id', 'x.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'e.region_code', 'x.provider_id', 'p.name as provider_name',
        'x.consumer_id', 'c.name as consumer_name', 'x.items', 'x.sample_keys', 'x.description', 'x.status', 'x.created_at',
        'x.due_at', 'x.due_on', 'x.provisional', 'x.resolved_at', 'r.display_name as resolver_name', 'x.outcome_comment']);
  }

  private async views(rows: Awaited<ReturnType<ReturnType<ObjectionService['query']>['execute']>>) {
    const calendar = await this.deps.calendars.calendar();
    const now = this.now();
    return rows.map((x) => {
      const clock = x.status === 'open' ? stepClock(calendar, now, x.due_at) : undefined;
      return {
        id: x.id, entryId: x.entry_id, entryName: x.entry_name, entryCode: x.entry_code, providerId: x.provider_id, providerName: x.provider_name,
        consumerId: x.consumer_id, consumerName: x.consumer_name, items: x.items, sampleKeys: x.sample_keys, description: x.description,
        status: x.status, createdAt: x.created_at.toISOString(), dueAt: x.due_at.toISOString(), dueOn: x.due_on, provisional: x.provisional,
        remainingWorkdays: clock?.remainingWorkdays ?? null, dueSoon: clock?.dueSoon ?? false, overdue: clock?.overdue ?? false,
        resolvedAt: x.resolved_at ? x.resolved_at.toISOString() : null, resolverName: x.resolver_name, outcomeComment: x.outcome_comment,
      };
    });
  }

  async create(actor: UserActor, input: { entryId: string; items?: string[]; sampleKeys?: string[]; description: string }) {
    const { db } = this.deps;
    const calendar = await this.deps.calendars.calendar();
    const id = await db.transaction().execute(async (tx) => {
      const entry = await catalogStore.findEntry(tx, input.entryId);
      if (!entry || entry.published_version === null || entry.status === 'withdrawn') throw notFound('已发布的目录', 'published catalog entry');
      if (entry.provider_id === actor.orgId) throw badRequest('OWN_ENTRY', '本部门数据的问题请直接更正', 'correct your own data directly');
      const body = (await catalogStore.findVersion(tx, entry.id, entry.published_version))!.body as CatalogEntryBody;
      // Who used the data may object: a department with a grant on it, or anyone for 无条件共享 data.
      const grant = await tx.selectFrom('share_grant').select('id').where('entry_id', '=', entry.id).where('consumer_id', '=', actor.orgId).executeTakeFirst();
      if (!grant && body.shareType !== 'unconditional') {
        throw forbidden('NO_GRANT', '只有获得授权使用该数据的部门可以提出异议（第三十二条）', 'only a department granted this data may object to it (§32)');
      }
      const issues = validateObjection(input, body.items).filter((i) => i.level === 'error');
      if (issues.length) throw badRequest('OBJECTION_INVALID', issues[0]!.zh, issues[0]!.en, issues.map((i) => ({ ...i, field: `body.${i.field}` })));
      const now = this.now();
      const due = stepDue(calendar, now, STEP_WORKDAYS.correction);
      const row = await tx.insertInto('objection').values({
        entry_id: entry.id, provider_id: entry.provider_id, consumer_id: actor.orgId, reporter_id: actor.userId,
        items: input.items ?? [], sample_keys: input.sampleKeys ?? [], description: input.description, status: 'open',
        due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional, created_at: now, // the clock's start (§32 收到反馈之日)
      }).returning('id').executeTakeFirstOrThrow();
      await notify(tx, [{ orgId: entry.provider_id, role: 'data_steward' }, { orgId: entry.provider_id, role: 'approver' }], {
        kind: 'objection.open', title: `数据异议待校核更正：${body.name}`, body: `${actor.orgName}：${input.description}（须于 ${due.dueOn} 前处理，第三十二条）`,
        link: `/objections/${row.id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'objection.create', targetType: 'objection', targetId: row.id, detail: { entryId: entry.id, items: input.items } });
      return row.id;
    });
    return this.get(actor, id);
  }

  async resolve(actor: UserActor, id: string, input: { outcome: 'corrected' | 'confirmed'; comment: string }) {
    if (!input.comment.trim()) throw badRequest('COMMENT_REQUIRED', '请说明校核结果', 'explain the outcome', [{ field: 'body.comment', zh: '请说明校核结果', en: 'comment is required' }]);
    await this.deps.db.transaction().execute(async (tx) => {
      const x = await tx.selectFrom('objection').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!x || !(x.provider_id === actor.orgId || x.consumer_id === actor.orgId)) throw notFound('数据异议', 'objection');
      if (x.provider_id !== actor.orgId || !(actor.roles.includes('data_steward') || actor.roles.includes('approver'))) {
        throw forbidden('NOT_PROVIDER', '由提供部门校核更正（第三十二条）', 'the provider verifies and corrects (§32)');
      }
      if (x.status !== 'open') throw conflict('OBJECTION_RESOLVED', '该异议已处理', 'this objection has been resolved');
      await tx.updateTable('objection').set({ status: input.outcome, resolved_at: this.now(), resolver_id: actor.userId, outcome_comment: input.comment })
        .where('id', '=', id).execute();
      await notify(tx, { userId: x.reporter_id }, {
        kind: 'objection.resolved', title: input.outcome === 'corrected' ? '数据异议已更正' : '数据经校核无误',
        body: input.comment, link: `/objections/${id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: `objection.${input.outcome}`, targetType: 'objection', targetId: id, detail: { comment: input.comment } });
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string) {
    const row = await this.query().where('x.id', '=', id).executeTakeFirst();
    if (!row || !(row.provider_id === actor.orgId || row.consumer_id === actor.orgId || authorityCovers(actor, row.region_code) || actor.roles.includes('auditor'))) {
      throw notFound('数据异议', 'objection');
    }
    return (await this.views([row]))[0]!;
  }

  async list(actor: UserActor, view: 'mine' | 'incoming' | 'all' = 'mine') {
    let q = this.query().orderBy('x.created_at', 'desc');
    if (view === 'mine') q = q.where('x.consumer_id', '=', actor.orgId);
    else if (view === 'incoming') q = q.where('x.provider_id', '=', actor.orgId);
    else {
      const authority = actor.orgKind === 'authority' && actor.roles.includes('authority');
      if (!authority && !actor.roles.includes('auditor')) throw forbidden('ROLE_REQUIRED', '只有主管部门和审计员可以查看全部异议', 'only the authority and auditors see all objections');
      if (authority && actor.regionLevel === 'county') q = q.where('e.region_code', '=', actor.regionCode);
    }
    const items = await this.views(await q.execute());
    return { items, total: items.length };
  }
}
