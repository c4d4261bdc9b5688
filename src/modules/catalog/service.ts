/**
 * The catalog's use cases (§9–§15, §19): create and update entries, submit them for the
 * authority's normative review, publish with a unified code, and read them as each caller may.
 * Every change and its audit record share one transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { formatCode, classificationPrefix, type CodingRule } from '../../domain/catalog/code.ts';
import { hasErrors, type Issue } from '../../domain/catalog/issue.ts';
import { ENTRY_STATUS_LABELS } from '../../domain/catalog/labels.ts';
import { transition, type EntryAction } from '../../domain/catalog/lifecycle.ts';
import { findDuplicateSources } from '../../domain/catalog/one-source.ts';
import { nameKey } from '../../domain/catalog/sheet.ts';
import type { CatalogEntryBody, EntryDraft } from '../../domain/catalog/types.ts';
import { validateEntry } from '../../domain/catalog/validation.ts';
import { CORE_DATA_REFUSAL } from '../../domain/grading/index.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { currentGradingRules } from '../security/grading-store.ts';
import type { SettingsService } from '../settings/service.ts';
import { mayTake, permissionsFor, visibleVersion } from './access.ts';
import type { CalendarService } from '../calendar/service.ts';
import { changeEventsOf, resolveChangeEvents } from './change-events.ts';
import * as store from './store.ts';
import { buildEntryView, type EntryView } from './view.ts';

/** 核心数据 is not even saved as a draft (security rules §2; 数据安全法 §21). */
function refuseCoreData(body: EntryDraft): void {
  if (body.core === true) {
    throw badRequest(CORE_DATA_REFUSAL.code, CORE_DATA_REFUSAL.zh, CORE_DATA_REFUSAL.en, [{ field: 'body.core', zh: CORE_DATA_REFUSAL.zh, en: CORE_DATA_REFUSAL.en }]);
  }
}

/** Serialises the name check of one department's saves (two ints: apart from the single-key locks elsewhere). */
const NAME_LOCK = 7_470_311;

/**
 * §11 命名的准确性: a department files one entry per name — the import refuses a second one too. Two
 * entries named alike split the requests and grants for one data set, and a never-published draft
 * cannot be deleted again. Other departments may use the name; a withdrawn entry frees it. The
 * department's saves wait for each other here, so two at once cannot both pass.
 */
async function refuseNamesake(tx: Db, orgId: string, name: string, exceptId?: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${NAME_LOCK}, hashtext(${orgId}))`.execute(tx);
  const key = nameKey(name);
  const found = (await store.departmentEntries(tx, orgId, exceptId)).find((e) => nameKey(e.name) === key);
  if (!found) return;
  const status = ENTRY_STATUS_LABELS[found.status];
  const code = found.code ? { zh: `，统一编码 ${found.code}`, en: `, code ${found.code}` } : { zh: '', en: '' };
  const zh = `本部门已有同名目录「${found.name}」（${status.zh}${code.zh}），不能重名；请更改名称，或编辑该目录（第十一条）`;
  const en = `your department already has an entry named "${found.name}" (${status.en.toLowerCase()}${code.en}); choose another name, or edit that entry (§11)`;
  throw conflict('ENTRY_NAME_TAKEN', zh, en, [{
    level: 'error', code: 'ENTRY_NAME_TAKEN', field: 'name', article: '§11', zh, en,
    entry: { id: found.id, code: found.code, status: found.status },
  }]);
}

const providerOf = (entry: store.EntryRow): store.Provider => ({ name: entry.provider_name, shortName: entry.provider_short_name });

export class CatalogService {
  constructor(private readonly deps: { db: Db; settings: SettingsService; calendars: CalendarService; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Consistency (§11) and 一数一源 (§15) findings for a body as the actor's department would file it. */
  async check(actor: UserActor, body: EntryDraft, db: Db = this.deps.db): Promise<Issue[]> {
    const issues = validateEntry(body, { codingRule: await this.deps.settings.codingRule(db), grading: await currentGradingRules(db) });
    issues.push(...(await this.contextIssues(actor, [body], db))[0]!);
    return issues;
  }

  /**
   * The findings that need the database — §14 lead department, §15 一数一源 — for many bodies at
   * once: the Excel import checks a whole file and loads the others' published items only once.
   */
  async contextIssues(actor: UserActor, bodies: readonly EntryDraft[], db: Db = this.deps.db): Promise<Issue[][]> {
    const published = await store.publishedItemsOfOthers(db, actor.orgId);
    const out: Issue[][] = [];
    for (const body of bodies) {
      out.push([...(await this.subjectDatabaseIssues(db, actor.orgId, body)), ...findDuplicateSources(body.items ?? [], published, actor.orgId)]);
    }
    return out;
  }

  /** §14: an entry of a basic or theme database is compiled and maintained only by its lead department. */
  private async subjectDatabaseIssues(db: Db, providerId: string, body: EntryDraft): Promise<Issue[]> {
    const issues: Issue[] = [];
    for (const [field, kind] of [['basicDb', 'basic'], ['themeDb', 'theme']] as const) {
      const id = body[field];
      if (!id) continue;
      const sdb = await db.selectFrom('subject_database').selectAll().where('id', '=', id).executeTakeFirst();
      const label = kind === 'basic' ? '基础数据库' : '主题数据库';
      if (!sdb || sdb.kind !== kind) {
        issues.push({ level: 'error', code: 'SUBJECT_DB_UNKNOWN', field, article: '§14',
          zh: `${label}不存在`, en: `no such ${kind} database` });
      } else if (sdb.lead_org_id !== providerId) {
        issues.push({ level: 'error', code: 'SUBJECT_DB_NOT_LEAD', field, article: '§14',
          zh: `${label}「${sdb.name}」的目录只能由其牵头建设部门编制、维护`,
          en: `entries of the ${kind} database "${sdb.name}" are maintained only by its lead department` });
      }
    }
    return issues;
  }

  async create(actor: UserActor, body: EntryDraft): Promise<EntryView> {
    const id = await this.deps.db.transaction().execute((tx) => this.createIn(tx, actor, body));
    return this.get(actor, id);
  }

  /**
   * Creates a draft of the actor's department inside the caller's transaction, with its audit
   * record; answers the new id. The Excel import creates a whole file this way, all or nothing.
   */
  async createIn(tx: Db, actor: UserActor, body: EntryDraft): Promise<string> {
    refuseCoreData(body);
    await refuseNamesake(tx, actor.orgId, body.name);
    const org = await tx.selectFrom('org').select(['region_code', 'name', 'short_name']).where('id', '=', actor.orgId).executeTakeFirstOrThrow();
    const row = await tx.insertInto('catalog_entry').values({
      provider_id: actor.orgId, region_code: org.region_code, status: 'draft', working_version: 1, name: body.name,
    }).returning('id').executeTakeFirstOrThrow();
    await store.insertVersion(tx, { entryId: row.id, version: 1, body, userId: actor.userId, provider: { name: org.name, shortName: org.short_name } });
    await store.addEvent(tx, { entryId: row.id, version: 1, action: 'created', actorId: actor.userId, orgId: actor.orgId });
    await recordAudit(tx, actor, { action: 'catalog.create', targetType: 'catalog_entry', targetId: row.id, detail: { name: body.name } });
    return row.id;
  }

  /**
   * Saves the working version; editing a published entry starts a new version (history kept, §12).
   * `ifMatch` is the entry's `updatedAt` as the editor read it: when the entry changed since (another
   * editor saved, the authority returned it), the save is refused rather than silently overwriting
   * what the other wrote.
   */
  async update(actor: UserActor, id: string, body: EntryDraft, ifMatch?: string): Promise<EntryView> {
    refuseCoreData(body);
    await this.deps.db.transaction().execute(async (tx) => {
      const entry = await this.loadForAction(tx, actor, id, 'edit');
      if (ifMatch !== undefined && ifMatch !== entry.updated_at.toISOString()) {
        throw conflict('ENTRY_CHANGED', '该目录在您打开后已被他人修改或处理，请刷新后在最新内容上重新修改',
          'the entry was changed since you opened it: reload it and make your changes again',
          { updatedAt: entry.updated_at.toISOString(), workingVersion: entry.working_version, status: entry.status });
      }
      const step = this.step(entry, 'edit');
      const working = (await store.findVersion(tx, id, entry.working_version))!;
      // Only a rename is checked: an entry keeps a name it already has (even one filed twice before this check).
      if (nameKey(body.name) !== nameKey(working.body.name)) await refuseNamesake(tx, entry.provider_id, body.name, id);
      if (step.newVersion) {
        const version = entry.working_version + 1;
        await store.insertVersion(tx, { entryId: id, version, body, userId: actor.userId, provider: providerOf(entry) });
        await tx.updateTable('catalog_entry').set({ working_version: version, status: 'draft', updated_at: this.now() })
          .where('id', '=', id).execute();
        await store.addEvent(tx, { entryId: id, version, action: 'new_version', actorId: actor.userId, orgId: actor.orgId });
      } else {
        await store.updateVersionBody(tx, { entryId: id, version: entry.working_version, body, provider: providerOf(entry) });
        await tx.updateTable('catalog_entry').set({ status: 'draft', updated_at: this.now(), ...(entry.published_version ? {} : { name: body.name }) })
          .where('id', '=', id).execute();
      }
      await recordAudit(tx, actor, { action: 'catalog.update', targetType: 'catalog_entry', targetId: id, detail: { newVersion: !!step.newVersion } });
    });
    return this.get(actor, id);
  }

  /** Submits the working version for the authority's normative review (§13); errors block it. */
  async submit(actor: UserActor, id: string): Promise<EntryView> {
    await this.deps.db.transaction().execute(async (tx) => {
      const entry = await this.loadForAction(tx, actor, id, 'submit');
      this.step(entry, 'submit');
      const version = (await store.findVersion(tx, id, entry.working_version))!;
      const issues = await this.check(actor, version.body, tx);
      if (hasErrors(issues)) {
        const errors = issues.filter((i) => i.level === 'error');
        throw badRequest('CATALOG_INVALID', `目录不完整或不一致，不能提交：${errors[0]!.zh}`,
          `the entry is incomplete or inconsistent and cannot be submitted: ${errors[0]!.en}`, errors);
      }
      const now = this.now();
      await tx.updateTable('catalog_entry_version').set({ state: 'pending', submitted_at: now })
        .where('entry_id', '=', id).where('version', '=', entry.working_version).execute();
      await tx.updateTable('catalog_entry').set({ status: 'pending', updated_at: now }).where('id', '=', id).execute();
      await store.addEvent(tx, { entryId: id, version: entry.working_version, action: 'submitted', actorId: actor.userId, orgId: actor.orgId });
      await recordAudit(tx, actor, { action: 'catalog.submit', targetType: 'catalog_entry', targetId: id, detail: { version: entry.working_version } });
    });
    return this.get(actor, id);
  }

  /**
   * The authority's normative review (§13). Approval publishes the version and, at the first
   * publication, assigns the unified code by the authority's coding rule; the code never changes.
   */
  async review(actor: UserActor, id: string, decision: 'approve' | 'reject', comment: string | undefined): Promise<EntryView> {
    if (decision === 'reject' && !comment?.trim()) {
      throw badRequest('COMMENT_REQUIRED', '退回须说明理由', 'a return needs a comment', [{ field: 'body.comment', zh: '退回须说明理由', en: 'a return needs a comment' }]);
    }
    await this.deps.db.transaction().execute(async (tx) => {
      const entry = await this.loadForAction(tx, actor, id, decision);
      this.step(entry, decision, { comment });
      const now = this.now();
      const v = entry.working_version;
      if (decision === 'reject') {
        await tx.updateTable('catalog_entry_version').set({ state: 'returned' }).where('entry_id', '=', id).where('version', '=', v).execute();
        await tx.updateTable('catalog_entry').set({ status: 'returned', updated_at: now }).where('id', '=', id).execute();
      } else {
        // Submission refused any incomplete body, so a pending version is a whole CatalogEntryBody.
        const body = (await store.findVersion(tx, id, v))!.body as CatalogEntryBody;
        let code = entry.code;
        if (!code) {
          const rule: CodingRule = await this.deps.settings.codingRule(tx);
          const prefix = classificationPrefix(rule, body.category, { region: entry.region_code });
          code = formatCode(rule, body.category, await store.nextSequence(tx, prefix), { region: entry.region_code });
        }
        if (entry.published_version) {
          await tx.updateTable('catalog_entry_version').set({ state: 'superseded' })
            .where('entry_id', '=', id).where('version', '=', entry.published_version).execute();
        }
        await tx.updateTable('catalog_entry_version').set({ state: 'published', published_at: now })
          .where('entry_id', '=', id).where('version', '=', v).execute();
        await tx.updateTable('catalog_entry').set({
          status: 'published', published_version: v, code, name: body.name, updated_at: now,
          ...(entry.first_published_at ? {} : { first_published_at: now }),
        }).where('id', '=', id).execute();
        await resolveChangeEvents(tx, id, v, now);
      }
      await store.addEvent(tx, { entryId: id, version: v, action: decision === 'approve' ? 'published' : 'returned', actorId: actor.userId, orgId: actor.orgId, comment: comment ?? null });
      await recordAudit(tx, actor, { action: `catalog.review.${decision}`, targetType: 'catalog_entry', targetId: id, detail: { version: v, comment } });
    });
    return this.get(actor, id);
  }

  /** Drops an unpublished working version of a published entry; the published version is current again. */
  async discard(actor: UserActor, id: string): Promise<EntryView> {
    await this.deps.db.transaction().execute(async (tx) => {
      const entry = await this.loadForAction(tx, actor, id, 'discard');
      this.step(entry, 'discard');
      await tx.deleteFrom('catalog_entry_version').where('entry_id', '=', id).where('version', '=', entry.working_version).execute();
      await tx.updateTable('catalog_entry').set({ status: 'published', working_version: entry.published_version!, updated_at: this.now() })
        .where('id', '=', id).execute();
      await store.addEvent(tx, { entryId: id, version: entry.working_version, action: 'discarded', actorId: actor.userId, orgId: actor.orgId });
      await recordAudit(tx, actor, { action: 'catalog.discard', targetType: 'catalog_entry', targetId: id, detail: { version: entry.working_version } });
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string, version?: number): Promise<EntryView> {
    const db = this.deps.db;
    const entry = await store.findEntry(db, id);
    if (!entry) throw notFound('目录', 'catalog entry');
    const shown = visibleVersion(actor, entry, version);
    if (shown === undefined) throw notFound('目录', 'catalog entry');
    const v = await store.findVersion(db, id, shown);
    if (!v) throw notFound('目录版本', 'catalog entry version');
    const permissions = permissionsFor(actor, entry);
    const issues = permissions.edit || permissions.review ? await this.check({ ...actor, orgId: entry.provider_id }, v.body) : [];
    return buildEntryView(db, actor, entry, v, permissions, issues,
      async () => changeEventsOf(db, await this.deps.calendars.calendar(), this.now(), { entryId: id }));
  }

  /** Loads the entry under a row lock and checks the actor may take the action at all (else 404/403). */
  async loadForAction(tx: Db, actor: UserActor, id: string, action: EntryAction): Promise<store.EntryRow> {
    const entry = await store.findEntry(tx, id, { forUpdate: true });
    if (!entry || visibleVersion(actor, entry) === undefined) throw notFound('目录', 'catalog entry');
    if (!mayTake(actor, entry, action)) {
      throw forbidden('NOT_PERMITTED', '无权对该目录执行此操作', 'you may not do this to this catalog entry');
    }
    return entry;
  }

  /** Applies the lifecycle rule; an illegal transition is a 409 with the rule's named error. */
  step(entry: store.EntryRow, action: EntryAction, texts: { comment?: string; reason?: string } = {}) {
    const r = transition(entry.status, action, { hasPublished: entry.published_version !== null, entryRegionLevel: entry.region_level, ...texts });
    if (!r.ok) throw conflict(r.error.code, r.error.zh, r.error.en, { status: entry.status, action });
    return r;
  }
}
