/**
 * 法规修订/职能变化 (§12): when a law is revised or a department's functions change, the affected
 * entry must be updated within 15 working days of the announcement. Recorded by the provider or the
 * authority; resolved when an updated version of the entry is published; flagged when late.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import { CHANGE_UPDATE_WORKDAYS, changeEventState, type ChangeEventState } from '../../domain/catalog/change-deadline.ts';
import { badRequest, notFound, forbidden } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import type { CalendarService } from '../calendar/service.ts';
import { permissionsFor, visibleVersion } from './access.ts';
import * as store from './store.ts';

export interface ChangeEventView {
  id: string;
  entryId: string;
  entryName: string;
  entryCode: string | null;
  providerId: string;
  providerName: string;
  kind: 'law' | 'function';
  title: string;
  description: string;
  announcedOn: string;
  dueOn: string;
  dueAt: string;
  provisional: boolean;
  state: ChangeEventState;
  remainingWorkdays: number;
  recordedAt: string;
  resolvedAt: string | null;
  resolvedVersion: number | null;
}

/** Marks the open change events of an entry resolved by the version just published. */
export async function resolveChangeEvents(db: Db, entryId: string, version: number, at: Date): Promise<void> {
  await db.updateTable('catalog_change_event').set({ resolved_at: at, resolved_version: version })
    .where('entry_id', '=', entryId).where('resolved_at', 'is', null).execute();
}

/** After a new holiday schedule: re-time the open provisional §12 deadlines (calendar ScheduleChangeHandler). */
export async function recomputeProvisionalChangeDeadlines(db: Db, calendar: WorkCalendar): Promise<number> {
  const open = await db.selectFrom('catalog_change_event').select(['id', 'announced_on'])
    .where('provisional', '=', true).where('resolved_at', 'is', null).execute();
  for (const e of open) {
    const due = calendar.deadlineAt(e.announced_on, CHANGE_UPDATE_WORKDAYS);
    await db.updateTable('catalog_change_event').set({ due_on: due.date, due_at: due.dueAt, provisional: due.provisional })
      .where('id', '=', e.id).execute();
  }
  return open.length;
}

export type ChangeEventFilter = { entryId?: string; providerId?: string; regionCode?: string; state?: 'open' | 'overdue' | 'resolved' | 'all' };

export async function changeEventsOf(db: Db, calendar: WorkCalendar, now: Date, filter: ChangeEventFilter): Promise<ChangeEventView[]> {
  let q = db.selectFrom('catalog_change_event as c')
    .innerJoin('catalog_entry as e', 'e.id', 'c.entry_id')
    .innerJoin('org as o', 'o.id', 'e.provider_id')
    .select(['c.id', 'c.entry_id', 'e.name as entry_name', 'e.code as entry_code', 'e.provider_id', 'o.name as provider_name',
      'c.kind', 'c.title', 'c.description', 'c.announced_on', 'c.due_on', 'c.due_at', 'c.provisional', 'c.recorded_at',
      'c.resolved_at', 'c.resolved_version'])
    .orderBy('c.due_at');
  if (filter.entryId) q = q.where('c.entry_id', '=', filter.entryId);
  if (filter.providerId) q = q.where('e.provider_id', '=', filter.providerId);
  if (filter.regionCode) q = q.where('e.region_code', '=', filter.regionCode);
  if (filter.state === 'resolved') q = q.where('c.resolved_at', 'is not', null);
  if (filter.state === 'open' || filter.state === 'overdue') q = q.where('c.resolved_at', 'is', null);
  if (filter.state === 'overdue') q = q.where('c.due_at', '<=', now);
  const rows = await q.execute();
  return rows.map((r) => {
    const remaining = calendar.remainingWorkdays(r.resolved_at ?? now, r.due_at);
    return {
      id: r.id, entryId: r.entry_id, entryName: r.entry_name, entryCode: r.entry_code, providerId: r.provider_id,
      providerName: r.provider_name, kind: r.kind, title: r.title, description: r.description,
      announcedOn: r.announced_on, dueOn: r.due_on, dueAt: r.due_at.toISOString(), provisional: r.provisional,
      state: changeEventState({ dueAt: r.due_at, resolvedAt: r.resolved_at, now, remainingWorkdays: remaining.workdays }),
      remainingWorkdays: remaining.workdays,
      recordedAt: r.recorded_at.toISOString(),
      resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
      resolvedVersion: r.resolved_version,
    };
  });
}

export class ChangeEventService {
  constructor(private readonly deps: { db: Db; calendars: CalendarService; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async record(actor: UserActor, entryId: string, input: { kind: 'law' | 'function'; title: string; description?: string; announcedOn: string }): Promise<ChangeEventView> {
    const { db } = this.deps;
    const calendar = await this.deps.calendars.calendar();
    const today = this.now();
    const id = await db.transaction().execute(async (tx) => {
      const entry = await store.findEntry(tx, entryId, { forUpdate: true });
      if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
      if (!permissionsFor(actor, entry).recordChange) {
        throw forbidden('NOT_PERMITTED', '只有提供部门的目录编制员或主管部门可以登记已发布目录的变更事件',
          'only the provider\'s catalog editor or the authority may record a change of a published entry');
      }
      const announced = new Date(`${input.announcedOn}T00:00:00+08:00`);
      if (Number.isNaN(announced.getTime()) || announced > today) {
        throw badRequest('INVALID_DATE', '公布日期须为不晚于今天的有效日期', 'announcedOn must be a valid date not after today',
          [{ field: 'body.announcedOn', zh: '公布日期无效', en: 'invalid date' }]);
      }
      const due = calendar.deadlineAt(input.announcedOn, CHANGE_UPDATE_WORKDAYS);
      const row = await tx.insertInto('catalog_change_event').values({
        entry_id: entryId, kind: input.kind, title: input.title, description: input.description ?? '',
        announced_on: input.announcedOn, due_on: due.date, due_at: due.dueAt, provisional: due.provisional, recorded_by: actor.userId,
      }).returning('id').executeTakeFirstOrThrow();
      await store.addEvent(tx, { entryId, version: entry.working_version, action: 'change_recorded', actorId: actor.userId, orgId: actor.orgId, comment: input.title });
      await recordAudit(tx, actor, { action: 'catalog.change_event', targetType: 'catalog_entry', targetId: entryId, detail: { changeEventId: row.id, dueOn: due.date } });
      return row.id;
    });
    const views = await changeEventsOf(db, calendar, this.now(), { entryId });
    return views.find((v) => v.id === id)!;
  }

  /** Change events the actor follows: its department's, or those of the regions an authority covers. */
  async list(actor: UserActor, state: ChangeEventFilter['state'] = 'all'): Promise<ChangeEventView[]> {
    const calendar = await this.deps.calendars.calendar();
    const isAuthority = actor.orgKind === 'authority' && actor.roles.includes('authority');
    const filter: ChangeEventFilter = isAuthority
      ? { state, ...(actor.regionLevel === 'city' ? {} : { regionCode: actor.regionCode }) }
      : { state, providerId: actor.orgId };
    return changeEventsOf(this.deps.db, calendar, this.now(), filter);
  }
}
