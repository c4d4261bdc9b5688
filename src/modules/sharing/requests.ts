/**
 * 共享申请 (§26–§30): a using department asks for items of a published entry. The service files
 * it with the authority of the provider's region (compliance review, 2 working days), and follows it
 * through the provider's reply, negotiation and coordination; decisions live in decisions.ts.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { toShanghaiDate } from '../../domain/calendar/index.ts';
import type { CatalogEntryBody } from '../../domain/catalog/types.ts';
import type { RowCondition } from '../../domain/policy/row-scope.ts';
import { STEP_WORKDAYS, resumeDue, stepDue } from '../../domain/sharing/deadlines.ts';
import { validateShareRequest } from '../../domain/sharing/request-rules.ts';
import { INITIAL, requestTransition } from '../../domain/sharing/workflow.ts';
import type { RequestStatus } from '../../domain/sharing/types.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import type { CalendarService } from '../calendar/service.ts';
import * as catalogStore from '../catalog/store.ts';
import { notify, type Outbound } from '../inbox/notify.ts';
import { assertMayAct, authorityAudience, maySee, requesterAudience } from './parties.ts';
import * as store from './store.ts';
import { buildRequestView, type RequestView } from './view.ts';

export interface RequestInput {
  entryId: string;
  items: string[];
  purpose: string;
  scenario: string;
  basis: string;
  method: 'table' | 'api' | 'file' | 'verify';
  validUntil: string;
  appId?: string;
  route?: 'standard' | 'desensitized';
  desensitization?: string;
  conditions?: RequestConditions;
}

/** The rows a request asks for (§27): structured, and in words; the grant decides (§29). */
export interface RequestConditions {
  rowScope?: RowCondition[];
  rowFilter?: string;
}

export interface SharingDeps {
  db: Db;
  calendars: CalendarService;
  outbound?: Outbound;
  now?: () => Date;
}

const OPEN_STATUSES: RequestStatus[] = ['reviewing', 'returned', 'forwarded', 'negotiation', 'coordination'];

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/**
 * A returned request leaves the review paused with the authority's decision and comment (§28). When
 * the requester resubmits or the request ends, that step is closed as the return it was — done at the
 * moment of the return, the request's last change while it was with the requester — and whatever
 * follows gets a step of its own, so the timeline keeps why the request was returned.
 */
async function closeReturnedReview(tx: Db, r: store.RequestRow) {
  if (r.status !== 'returned') return undefined;
  const paused = await store.openStep(tx, r.id, 'compliance_review');
  if (paused?.status !== 'paused') return undefined;
  await tx.updateTable('share_request_step').set({ status: 'done', done_at: r.updated_at }).where('id', '=', paused.id).execute();
  return paused;
}

/**
 * Ends an open request as `cancelled`: by the requester (撤回), or by the platform when its entry is
 * withdrawn (§19). The running step is closed with who ended it and why; a returned request keeps its
 * return and gets a closed review step carrying the reason.
 */
export async function endRequest(tx: Db, r: store.RequestRow, by: { now: Date; actorId: string; comment: string | null }): Promise<void> {
  await tx.updateTable('share_request').set({ status: 'cancelled', updated_at: by.now }).where('id', '=', r.id).execute();
  const ended = { status: 'cancelled' as const, done_at: by.now, actor_id: by.actorId, comment: by.comment };
  if (await closeReturnedReview(tx, r)) {
    await tx.insertInto('share_request_step').values({ request_id: r.id, kind: 'compliance_review', started_at: by.now, ...ended }).execute();
  }
  await tx.updateTable('share_request_step').set(ended).where('request_id', '=', r.id).where('status', 'in', ['open', 'paused']).execute();
}

/**
 * §19 撤销发布: once the authority approves an entry's withdrawal, the platform no longer shares it, so
 * no request still open for it can end in a grant (decisions.ts refuses one with ENTRY_WITHDRAWN). They
 * end with it, their clocks stopped, each requester told why; the authority that approved acts. A
 * refused request (no clock runs) is left as refused: its outcome stands. Returns the requests ended.
 */
export async function endRequestsOfWithdrawnEntry(tx: Db, actor: UserActor, entryId: string, reason: string, opts: { now: Date; outbound?: Outbound }): Promise<number> {
  // Locked like every action on a request (store.findRequest): one decided meanwhile is no longer open.
  await tx.selectFrom('share_request').select('id').where('entry_id', '=', entryId).where('status', 'in', OPEN_STATUSES).forUpdate().execute();
  const open = await store.requestQuery(tx).where('q.entry_id', '=', entryId).where('q.status', 'in', OPEN_STATUSES).execute();
  const comment = `目录已撤销发布，申请终止（第十九条）：${reason}`;
  for (const r of open) {
    await endRequest(tx, r, { now: opts.now, actorId: actor.userId, comment });
    await notify(tx, requesterAudience(r), {
      kind: 'request.entry_withdrawn', title: `共享申请已终止：${r.entry_name}`,
      body: `该目录已经主管部门同意撤销发布，不再共享（第十九条）。撤销理由：${reason}`, link: `/requests/${r.id}`,
    }, opts.outbound);
    await recordAudit(tx, actor, { action: 'request.entry_withdrawn', targetType: 'share_request', targetId: r.id, detail: { entryId, from: r.status, reason } });
  }
  return open.length;
}

export class RequestService {
  constructor(private readonly deps: SharingDeps) {}

  now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The published entry a request is about, with the rules' view of it; 404 when not published. */
  private async publishedEntry(db: Db, actor: UserActor, entryId: string) {
    const entry = await catalogStore.findEntry(db, entryId);
    if (!entry || entry.published_version === null || entry.status === 'withdrawn') throw notFound('已发布的目录', 'published catalog entry');
    const body = (await catalogStore.findVersion(db, entryId, entry.published_version))!.body as CatalogEntryBody;
    if (entry.provider_id === actor.orgId) {
      throw badRequest('OWN_ENTRY', '不能申请本部门自己的数据', 'a department does not request its own data');
    }
    return { entry, body };
  }

  private check(input: Partial<RequestInput>, body: CatalogEntryBody, today: string) {
    const issues = validateShareRequest(input, {
      shareType: body.shareType, shareMethod: body.shareMethod, items: body.items, notShareBasis: body.notShareBasis,
    }, today);
    const errors = issues.filter((i) => i.level === 'error');
    if (errors.length === 0) return;
    const notShareable = errors.find((e) => e.code === 'NOT_SHAREABLE');
    if (notShareable) throw conflict('NOT_SHAREABLE', notShareable.zh, notShareable.en, errors.map((e) => ({ ...e, field: `body.${e.field}` })));
    throw badRequest('REQUEST_INVALID', errors[0]!.zh, errors[0]!.en, errors.map((e) => ({ ...e, field: `body.${e.field}` })));
  }

  /**
   * The application system that is to receive the data must be one of the requesting department's
   * own, still in service: the provider and the authority judge the request by it.
   */
  private async checkApp(db: Db, actor: UserActor, appId: string | undefined) {
    if (appId === undefined) return;
    const app = await db.selectFrom('consumer_app').select(['org_id', 'disabled_at']).where('id', '=', appId).executeTakeFirst();
    if (app && app.org_id === actor.orgId && app.disabled_at === null) return;
    const zh = '接收数据的应用系统应为本部门已登记且未停用的应用系统';
    const en = 'the receiving application must be one of your department\'s registered apps, not disabled';
    throw badRequest('REQUEST_INVALID', zh, en, [{ level: 'error', code: 'APP_NOT_OWN', field: 'body.appId', zh, en, article: '§20' }]);
  }

  async create(actor: UserActor, input: RequestInput): Promise<RequestView> {
    const { db } = this.deps;
    const calendar = await this.deps.calendars.calendar();
    const now = this.now();
    let id: string;
    try {
      id = await db.transaction().execute(async (tx) => {
        const { entry, body } = await this.publishedEntry(tx, actor, input.entryId);
        this.check(input, body, toShanghaiDate(now));
        await this.checkApp(tx, actor, input.appId);
        const open = await tx.selectFrom('share_request').select('id')
          .where('consumer_id', '=', actor.orgId).where('entry_id', '=', input.entryId).where('status', 'in', OPEN_STATUSES).executeTakeFirst();
        if (open) throw conflict('DUPLICATE_REQUEST', '本部门对该目录已有办理中的申请', 'your department already has an open request for this entry', { requestId: open.id });
        const row = await tx.insertInto('share_request').values({
          entry_id: input.entryId, entry_version: entry.published_version!, provider_id: entry.provider_id, consumer_id: actor.orgId,
          requester_id: actor.userId, items: input.items, purpose: input.purpose, scenario: input.scenario, basis: input.basis,
          method: input.method, valid_until: input.validUntil, app_id: input.appId ?? null, route: input.route ?? 'standard',
          desensitization: input.desensitization ?? null, conditions: JSON.stringify(input.conditions ?? {}),
          status: INITIAL.status, created_at: now, updated_at: now,
        }).returning('id').executeTakeFirstOrThrow();
        const due = stepDue(calendar, now, STEP_WORKDAYS.compliance_review);
        await tx.insertInto('share_request_step').values({
          request_id: row.id, kind: INITIAL.open, status: 'open', started_at: now, due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional,
        }).execute();
        await notify(tx, await authorityAudience(tx, entry.region_code), {
          kind: 'request.review', title: `共享申请待符合性审查：${body.name}`,
          body: `${actor.orgName}申请使用，须于 ${due.dueOn} 前完成审查（第三十条）`, link: `/requests/${row.id}`,
        }, this.deps.outbound);
        await recordAudit(tx, actor, { action: 'request.create', targetType: 'share_request', targetId: row.id, detail: { entryId: input.entryId, items: input.items, ...(input.conditions?.rowScope ? { rowScope: input.conditions.rowScope } : {}) } });
        return row.id;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('DUPLICATE_REQUEST', '本部门对该目录已有办理中的申请', 'your department already has an open request for this entry');
      throw err;
    }
    return this.get(actor, id);
  }

  /** After a return for more information: the requester completes it and the review clock resumes. */
  async resubmit(actor: UserActor, id: string, changes: Partial<Omit<RequestInput, 'entryId'>>): Promise<RequestView> {
    const { db } = this.deps;
    const calendar = await this.deps.calendars.calendar();
    await db.transaction().execute(async (tx) => {
      const r = await this.load(tx, actor, id);
      assertMayAct(actor, r, 'resubmit');
      const step = this.transition(r, 'resubmit', {});
      const { body } = await this.publishedEntry(tx, actor, r.entry_id);
      const merged = { items: r.items, purpose: r.purpose, scenario: r.scenario, basis: r.basis, method: r.method, validUntil: r.valid_until,
        route: r.route, desensitization: r.desensitization ?? undefined, conditions: r.conditions as RequestConditions, ...changes };
      const now = this.now();
      this.check(merged, body, toShanghaiDate(now));
      await this.checkApp(tx, actor, changes.appId);
      await tx.updateTable('share_request').set({
        status: step.to, items: merged.items, purpose: merged.purpose, scenario: merged.scenario, basis: merged.basis,
        method: merged.method, valid_until: merged.validUntil, route: merged.route, desensitization: merged.desensitization ?? null,
        conditions: JSON.stringify(merged.conditions ?? {}), updated_at: now, ...(changes.appId !== undefined ? { app_id: changes.appId } : {}),
      }).where('id', '=', id).execute();
      const returned = await closeReturnedReview(tx, r);
      const due = resumeDue(calendar, now, returned?.remaining_workdays ?? STEP_WORKDAYS.compliance_review);
      await tx.insertInto('share_request_step').values({
        request_id: id, kind: 'compliance_review', status: 'open', started_at: now, due_at: due.dueAt, due_on: due.dueOn, provisional: due.provisional,
      }).execute();
      await notify(tx, await authorityAudience(tx, r.provider_region_code), {
        kind: 'request.review', title: `补充后的共享申请待审查：${r.entry_name}`, body: `须于 ${due.dueOn} 前完成审查`, link: `/requests/${id}`,
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'request.resubmit', targetType: 'share_request', targetId: id, detail: { changes: Object.keys(changes) } });
    });
    return this.get(actor, id);
  }

  async cancel(actor: UserActor, id: string, reason: string | undefined): Promise<RequestView> {
    await this.deps.db.transaction().execute(async (tx) => {
      const r = await this.load(tx, actor, id);
      assertMayAct(actor, r, 'cancel');
      this.transition(r, 'cancel', {});
      await endRequest(tx, r, { now: this.now(), actorId: actor.userId, comment: reason ?? null });
      await recordAudit(tx, actor, { action: 'request.cancel', targetType: 'share_request', targetId: id, detail: { reason } });
    });
    return this.get(actor, id);
  }

  /** Loads a request under a row lock; 404 for anyone who may not see it. */
  async load(tx: Db, actor: UserActor, id: string): Promise<store.RequestRow> {
    const r = await store.findRequest(tx, id, { forUpdate: true });
    if (!r || !maySee(actor, r)) throw notFound('共享申请', 'share request');
    return r;
  }

  /**
   * The workflow rule for this request; an illegal step is a 409 with the rule's named error, a
   * missing comment or reason a 400. `shareType` matters only to the compliance decision.
   */
  transition(r: store.RequestRow, action: Parameters<typeof requestTransition>[1],
    ctx: { comment?: string; reason?: string; shareType?: 'unconditional' | 'conditional' | 'none'; wholeAuthorizationCovers?: boolean }) {
    const { shareType = 'conditional', wholeAuthorizationCovers = false, ...texts } = ctx;
    const result = requestTransition(r.status, action, { shareType, route: r.route, wholeAuthorizationCovers, coordinated: r.coordinated, ...texts });
    if (!result.ok) {
      const status = result.error.code === 'ILLEGAL_TRANSITION' ? 409 : 400;
      if (status === 409) throw conflict(result.error.code, result.error.zh, result.error.en, { status: r.status, action });
      const field = result.error.code === 'REASON_REQUIRED' ? 'body.reason' : 'body.comment';
      throw badRequest(result.error.code, result.error.zh, result.error.en, [{ field, zh: result.error.zh, en: result.error.en }]);
    }
    return result;
  }

  async get(actor: UserActor, id: string): Promise<RequestView> {
    const r = await store.findRequest(this.deps.db, id);
    if (!r || !maySee(actor, r)) throw notFound('共享申请', 'share request');
    return buildRequestView(this.deps.db, await this.deps.calendars.calendar(), this.now(), actor, r);
  }

  async list(actor: UserActor, q: { view?: 'mine' | 'incoming' | 'review' | 'all'; status?: RequestStatus; overdue?: boolean; limit?: number; cursor?: string }) {
    const { db } = this.deps;
    let query = store.requestQuery(db).orderBy('q.created_at', 'desc').orderBy('q.id');
    const view = q.view ?? 'mine';
    const authority = actor.orgKind === 'authority' && actor.roles.includes('authority');
    if (view === 'mine') query = query.where('q.consumer_id', '=', actor.orgId);
    else if (view === 'incoming') query = query.where('q.provider_id', '=', actor.orgId);
    else if (view === 'review') {
      if (!authority) throw forbiddenView();
      if (actor.regionLevel === 'county') query = query.where('e.region_code', '=', actor.regionCode);
    } else if (!authority && !actor.roles.includes('auditor')) throw forbiddenView();
    else if (authority && actor.regionLevel === 'county') query = query.where('e.region_code', '=', actor.regionCode);
    if (q.status) query = query.where('q.status', '=', q.status);
    if (q.overdue) {
      query = query.where(({ exists, selectFrom }) => exists(selectFrom('share_request_step as s').select('s.id')
        .whereRef('s.request_id', '=', 'q.id').where('s.status', '=', 'open').where('s.due_at', '<', this.now())));
    }
    const rows = await query.execute();
    const calendar = await this.deps.calendars.calendar();
    const now = this.now();
    const limit = q.limit ?? 50;
    const offset = q.cursor ? Number(q.cursor) : 0;
    if (!Number.isInteger(offset) || offset < 0) throw badRequest('INVALID_CURSOR', 'cursor 无效', 'invalid cursor');
    const page = rows.slice(offset, offset + limit);
    const items = [];
    for (const r of page) items.push(await buildRequestView(db, calendar, now, actor, r, { summary: true }));
    return { items, total: rows.length, ...(offset + limit < rows.length ? { nextCursor: String(offset + limit) } : {}) };
  }
}

function forbiddenView() {
  return forbidden('ROLE_REQUIRED', '只有政务数据主管部门（及审计员）可以查看该列表', 'only the data authority (and auditors) see this list');
}
