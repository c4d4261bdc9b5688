/**
 * 数据销毁 (Sec §29 审批、记录和备案，确保全过程可审计). A department's data steward asks to destroy
 * data (its entry's 前置库 table, files), one of its approvers approves it — never the same person —
 * the steward executes it and the platform records what, how much, by whom, how and the check
 * afterwards; the record is filed with the authority, which acknowledges it. When a table grant
 * ends, the consumer gets a destruction task for its synced copy with a deadline (sweeps.ts).
 * Rules: src/domain/oversight/destruction-rules.ts.
 */
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { stepClock } from '../../domain/sharing/deadlines.ts';
import { destructionTransition, type DestructionAction, type DestructionStatus } from '../../domain/oversight/destruction-rules.ts';
import { actsForAuthority, isAuditor, isAuthoritySide, maySeeOversight } from '../../domain/oversight/permissions.ts';
import { DESTRUCTION_METHODS, STORED_FILES_METHOD, type DestructionTarget } from '../../domain/oversight/vocabulary.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/store.ts';
import { notify } from '../inbox/notify.ts';
import { currentAmong, selectStoredFiles, type FileSelection } from '../files/destroy.ts';
import { authoritySide } from './audience.ts';
import { attestFiles, destroyEntryFiles, destroyFrontTable, destroySyncedCopy, type DestructionOutcome, type DropSyncedCopy } from './destroy-execution.ts';
import type { OversightDeps } from './inspections.ts';

export interface DestructionInput {
  target: DestructionTarget;
  entryId?: string;
  grantId?: string;
  /**
   * Archived files (no entryId): each with its bytes and SHA-256, deleted by the executor who attests it.
   * Files the platform stores for `entryId`: by name, one version or all (none listed: every stored
   * version) — the platform fills in bytes and SHA-256 and deletes them itself.
   */
  files?: (FileSelection & { bytes?: number; sha256?: string })[];
  reason: string;
}

type ListedFile = { name: string; bytes: number; sha256: string; fileId?: string; version?: number };

const link = (id: string) => `/security/destructions/${id}`;
const LIVE = ['active', 'suspended'] as const;

export class DestructionService {
  constructor(private readonly deps: OversightDeps & { dropSyncedCopy?: DropSyncedCopy }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async request(actor: UserActor, input: DestructionInput) {
    if (!actor.roles.includes('data_steward') || actor.orgKind !== 'department') {
      throw forbidden('NOT_DATA_STEWARD', '数据销毁由本部门数据管理员提出（安全细则第二十九条）', 'the department\'s data steward asks for a destruction (Sec §29)');
    }
    if (!input.reason.trim()) throw badRequest('REASON_REQUIRED', '请说明销毁理由', 'give the reason', [{ field: 'body.reason', zh: '必填', en: 'required' }]);
    const id = await this.deps.db.transaction().execute(async (tx) => {
      if (input.target === 'front_table') {
        if (!input.entryId) throw badRequest('ENTRY_REQUIRED', '请选择目录资源', 'choose the entry', [{ field: 'body.entryId', zh: '必填', en: 'required' }]);
        await this.frontTable(tx, actor.orgId, input.entryId);
      } else if (input.target === 'synced_copy') {
        if (!input.grantId) throw badRequest('GRANT_REQUIRED', '请选择授权', 'choose the grant', [{ field: 'body.grantId', zh: '必填', en: 'required' }]);
        await this.endedTableGrant(tx, actor.orgId, input.grantId);
        const task = await tx.selectFrom('destruction_request').select('id').where('grant_id', '=', input.grantId).where('origin', '=', 'grant_end').executeTakeFirst();
        if (task) throw conflict('TASK_EXISTS', '该授权终止时已生成销毁任务，请执行该任务', 'a destruction task already exists for this grant', { taskId: task.id });
      }
      const stored = input.target === 'files' && input.entryId !== undefined;
      const files: ListedFile[] = input.target !== 'files' ? []
        : stored ? await this.storedFiles(tx, actor.orgId, input.entryId!, input.files ?? [])
        : archivedFiles(input.files ?? []);
      const row = await tx.insertInto('destruction_request').values({
        org_id: actor.orgId, region_code: actor.regionCode, target: input.target, method: stored ? STORED_FILES_METHOD : DESTRUCTION_METHODS[input.target], origin: 'request',
        entry_id: input.target === 'front_table' || stored ? input.entryId! : null, grant_id: input.target === 'synced_copy' ? input.grantId! : null,
        files: JSON.stringify(files), reason: input.reason, status: 'pending',
        requested_by: actor.userId, requested_at: this.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await notify(tx, { orgId: actor.orgId, role: 'approver' }, {
        kind: 'destruction.pending', title: '数据销毁待审批', body: input.reason, link: link(row.id),
      }, this.deps.outbound);
      await recordAudit(tx, actor, { action: 'destruction.request', targetType: 'destruction', targetId: row.id, detail: { target: input.target, entryId: input.entryId, grantId: input.grantId, files: files.length } });
      return row.id;
    });
    return this.get(actor, id);
  }

  async act(actor: UserActor, id: string, action: Exclude<DestructionAction, 'execute'>, comment?: string) {
    await this.deps.db.transaction().execute(async (tx) => {
      const d = await this.load(tx, actor, id);
      this.assertParty(actor, d, action);
      const to = this.step(d.status, action, comment);
      const now = this.now();
      const set = action === 'file'
        ? { status: to, filed_by: actor.userId, filed_at: now, filing_comment: comment ?? null }
        : action === 'cancel' ? { status: to } : { status: to, decided_by: actor.userId, decided_at: now, decision_comment: comment ?? null };
      await tx.updateTable('destruction_request').set(set).where('id', '=', id).execute();
      if (action === 'approve' || action === 'reject') {
        await notify(tx, { userId: d.requested_by! }, {
          kind: `destruction.${action}`, title: action === 'approve' ? '数据销毁已批准，请执行' : '数据销毁未获批准', body: comment ?? '', link: link(id),
        }, this.deps.outbound);
      }
      await recordAudit(tx, actor, { action: `destruction.${action}`, targetType: 'destruction', targetId: id, detail: { comment } });
    });
    return this.get(actor, id);
  }

  async execute(actor: UserActor, id: string, input: { note?: string }) {
    const { db } = this.deps;
    const first = await this.load(db, actor, id, false);
    this.assertParty(actor, first, 'execute');
    this.step(first.status, 'execute');
    // The exchange module drops the copy in the consumer's own database, with transactions of its
    // own; it runs first and is idempotent (a second call finds no copy), so the record below is
    // written only once the copy is gone.
    let dropped: DestructionOutcome | undefined;
    if (first.target === 'synced_copy') {
      await this.endedTableGrant(db, first.org_id, first.grant_id!);
      dropped = await destroySyncedCopy(db, first.grant_id!, this.deps.dropSyncedCopy);
    }
    await db.transaction().execute(async (tx) => {
      const d = await this.load(tx, actor, id);
      const to = this.step(d.status, 'execute');
      const now = this.now();
      const files = d.files as unknown as ListedFile[];
      let outcome: DestructionOutcome;
      if (dropped) outcome = dropped;
      else if (d.target === 'front_table') outcome = await destroyFrontTable(tx, await this.frontTable(tx, d.org_id, d.entry_id!));
      else if (d.method === STORED_FILES_METHOD) {
        // Grants made since the approval count too: nothing a live grant delivers is destroyed under it.
        await this.noLiveFileGrants(tx, d.entry_id!, files.map((f) => f.fileId!));
        outcome = await destroyEntryFiles(tx, { id, entryId: d.entry_id!, files }, { actorId: actor.userId, at: now });
      } else outcome = attestFiles(files, input.note ?? '');
      await tx.updateTable('destruction_request').set({
        status: to, executed_by: actor.userId, executed_at: now, rows_destroyed: outcome.rows, bytes_destroyed: outcome.bytes,
        checksum: outcome.checksum, verification: JSON.stringify({ ...outcome.verification, ...(input.note ? { note: input.note } : {}) }),
      }).where('id', '=', id).execute();
      // Sec §29 备案: the record goes to the authority of the department's region.
      await notify(tx, await authoritySide(tx, d.region_code), {
        kind: 'destruction.executed', title: '数据销毁记录待备案', body: `${outcome.rows ?? '—'} 条 / ${outcome.bytes ?? '—'} 字节`, link: link(id),
      }, this.deps.outbound);
      await recordAudit(tx, actor, {
        action: 'destruction.execute', targetType: 'destruction', targetId: id,
        detail: { target: d.target, method: d.method, rows: outcome.rows, bytes: outcome.bytes, checksum: outcome.checksum, verification: outcome.verification, late: d.due_at ? now >= d.due_at : false },
      });
    });
    return this.get(actor, id);
  }

  async get(actor: UserActor, id: string) {
    const [view] = await this.views(actor, (q) => q.where('d.id', '=', id));
    if (!view) throw notFound('销毁申请', 'destruction request');
    return view;
  }

  async list(actor: UserActor, q: { view?: 'mine' | 'all'; origin?: 'request' | 'grant_end'; status?: DestructionStatus; overdue?: boolean } = {}) {
    const view = q.view ?? 'mine';
    if (view === 'all' && !isAuditor(actor) && !isAuthoritySide(actor)) {
      throw forbidden('ROLE_REQUIRED', '只有主管部门和审计员可以查看全部销毁记录', 'only the authority and auditors see every destruction');
    }
    let items = await this.views(actor, (b) => {
      let w = b.orderBy('d.requested_at', 'desc');
      if (view === 'mine') w = w.where('d.org_id', '=', actor.orgId);
      else if (!isAuditor(actor) && actor.regionLevel !== 'city') w = w.where('d.region_code', '=', actor.regionCode);
      if (q.origin) w = w.where('d.origin', '=', q.origin);
      if (q.status) w = w.where('d.status', '=', q.status);
      return w;
    });
    if (q.overdue !== undefined) items = items.filter((d) => d.overdue === q.overdue);
    return { items, total: items.length };
  }

  private query() {
    return this.deps.db.selectFrom('destruction_request as d').innerJoin('org as o', 'o.id', 'd.org_id')
      .leftJoin('catalog_entry as e', 'e.id', 'd.entry_id')
      .leftJoin('share_grant as g', 'g.id', 'd.grant_id').leftJoin('catalog_entry as ge', 'ge.id', 'g.entry_id')
      .leftJoin('app_user as rq', 'rq.id', 'd.requested_by').leftJoin('app_user as dc', 'dc.id', 'd.decided_by')
      .leftJoin('app_user as ex', 'ex.id', 'd.executed_by').leftJoin('app_user as fl', 'fl.id', 'd.filed_by')
      .selectAll('d')
      .select(['o.name as org_name', 'e.name as entry_name', 'ge.name as grant_entry_name', 'g.status as grant_status',
        'rq.display_name as requester_name', 'dc.display_name as decider_name', 'ex.display_name as executor_name', 'fl.display_name as filer_name']);
  }

  private async views(actor: UserActor, where: (q: ReturnType<DestructionService['query']>) => ReturnType<DestructionService['query']>) {
    const rows = (await where(this.query()).execute()).filter((d) => maySeeOversight(actor, d.org_id, d.region_code));
    const calendar = await this.deps.calendars.calendar();
    const now = this.now();
    return rows.map((d) => {
      const clock = d.due_at && d.status === 'approved' ? stepClock(calendar, now, d.due_at) : undefined;
      const can = (a: DestructionAction) => destructionTransition(d.status, a, 'x').ok && this.party(actor, d, a);
      return {
        id: d.id, orgId: d.org_id, orgName: d.org_name, regionCode: d.region_code, target: d.target, method: d.method, origin: d.origin,
        entryId: d.entry_id, entryName: d.entry_name ?? d.grant_entry_name, grantId: d.grant_id, grantStatus: d.grant_status,
        files: d.files as unknown as { name: string; bytes: number; sha256: string }[], reason: d.reason, status: d.status,
        requestedBy: d.requester_name, requestedAt: d.requested_at.toISOString(),
        dueAt: d.due_at ? d.due_at.toISOString() : null, dueOn: d.due_on, provisional: d.provisional,
        remainingWorkdays: clock?.remainingWorkdays ?? null, dueSoon: clock?.dueSoon ?? false, overdue: clock?.overdue ?? false,
        decidedBy: d.decider_name, decidedAt: d.decided_at ? d.decided_at.toISOString() : null, decisionComment: d.decision_comment,
        executedBy: d.executor_name, executedAt: d.executed_at ? d.executed_at.toISOString() : null,
        rows: d.rows_destroyed, bytes: d.bytes_destroyed, checksum: d.checksum, verification: d.verification as unknown as Record<string, unknown> | null,
        filedBy: d.filer_name, filedAt: d.filed_at ? d.filed_at.toISOString() : null, filingComment: d.filing_comment,
        permissions: { approve: can('approve'), reject: can('reject'), cancel: can('cancel'), execute: can('execute'), file: can('file') },
      };
    });
  }

  /** Who takes each action (Sec §29, §5, §7): see the module comment. */
  private party(actor: UserActor, d: { org_id: string; region_code: string; requested_by: string | null }, action: DestructionAction): boolean {
    const own = actor.orgId === d.org_id;
    switch (action) {
      case 'approve':
      case 'reject': return own && actor.roles.includes('approver') && actor.userId !== d.requested_by;
      case 'cancel':
      case 'execute': return own && actor.roles.includes('data_steward');
      case 'file': return actsForAuthority(actor, d.region_code);
    }
  }

  private assertParty(actor: UserActor, d: { org_id: string; region_code: string; requested_by: string | null }, action: DestructionAction): void {
    if (this.party(actor, d, action)) return;
    if ((action === 'approve' || action === 'reject') && actor.userId === d.requested_by) {
      throw forbidden('SELF_APPROVAL', '销毁申请须由申请人以外的授权审批人审批', 'a destruction must be approved by an approver other than the requester');
    }
    const who = {
      approve: ['由本部门授权审批人审批（安全细则第二十九条）', 'the department\'s approver decides (Sec §29)'],
      reject: ['由本部门授权审批人审批（安全细则第二十九条）', 'the department\'s approver decides (Sec §29)'],
      cancel: ['由本部门数据管理员撤回', 'the department\'s data steward cancels'],
      execute: ['由本部门数据管理员执行销毁（安全细则第二十九条）', 'the department\'s data steward executes (Sec §29)'],
      file: ['由政务数据管理部门备案（安全细则第二十九条）', 'the data authority acknowledges the filing (Sec §29)'],
    }[action];
    throw forbidden('NOT_PERMITTED', who[0]!, who[1]!);
  }

  private step(from: DestructionStatus, action: DestructionAction, text?: string): DestructionStatus {
    const r = destructionTransition(from, action, text);
    if (!r.ok) throw r.error.code === 'TEXT_REQUIRED' ? badRequest(r.error.code, r.error.zh, r.error.en) : conflict(r.error.code, r.error.zh, r.error.en);
    return r.to;
  }

  private async load(db: Db, actor: UserActor, id: string, lock = true) {
    let q = db.selectFrom('destruction_request').selectAll().where('id', '=', id);
    if (lock) q = q.forUpdate();
    const d = await q.executeTakeFirst();
    if (!d || !maySeeOversight(actor, d.org_id, d.region_code)) throw notFound('销毁申请', 'destruction request');
    return d;
  }

  /** The department's own entry, mounted from a 前置库 table, with no grant still relying on it. */
  private async frontTable(tx: Db, orgId: string, entryId: string): Promise<Record<string, unknown>> {
    const e = await tx.selectFrom('catalog_entry as e').leftJoin('catalog_mount as m', 'm.entry_id', 'e.id')
      .select(['e.provider_id', 'm.kind', 'm.config']).where('e.id', '=', entryId).executeTakeFirst();
    if (!e || e.provider_id !== orgId) throw notFound('本部门目录', 'entry of your department');
    if (e.kind !== 'table') throw conflict('NOT_TABLE_MOUNT', '该目录未挂接前置库表', 'the entry is not mounted from a front-end table');
    const live = await tx.selectFrom('share_grant').select('id').where('entry_id', '=', entryId).where('status', 'in', LIVE).execute();
    if (live.length) {
      throw conflict('LIVE_GRANTS', `仍有 ${live.length} 项有效授权依赖该数据，须先终止授权再销毁`, `${live.length} live grant(s) still rely on this data; end them first`, { grantIds: live.map((g) => g.id) });
    }
    return e.config as unknown as Record<string, unknown>;
  }

  /** The stored versions a steward asks to destroy: of an entry of the department, named as stored, never claimed. */
  private async storedFiles(tx: Db, orgId: string, entryId: string, selection: NonNullable<DestructionInput['files']>): Promise<ListedFile[]> {
    const entry = await tx.selectFrom('catalog_entry').select('provider_id').where('id', '=', entryId).executeTakeFirst();
    if (!entry || entry.provider_id !== orgId) throw notFound('本部门目录', 'entry of your department');
    const files = await selectStoredFiles(tx, entryId, selection.map((f) => ({ name: f.name, ...(f.version !== undefined ? { version: f.version } : {}) })));
    if (files.length === 0) throw badRequest('FILES_REQUIRED', '该目录没有平台存储的文件', 'the entry has no files stored on the platform', [{ field: 'body.files', zh: '无文件', en: 'no files' }]);
    const claimed = selection.filter((s) => (s.sha256 !== undefined || s.bytes !== undefined)
      && !files.some((f) => f.name === s.name && (s.version === undefined || f.version === s.version) && (s.sha256 === undefined || f.sha256 === s.sha256) && (s.bytes === undefined || f.bytes === s.bytes)));
    if (claimed.length) {
      throw badRequest('FILES_MISMATCH', `所列文件与平台存储的不一致：${claimed.map((f) => f.name).join('、')}`, `not what the platform stores: ${claimed.map((f) => f.name).join(', ')}`,
        claimed.map((f) => ({ field: 'body.files', zh: `${f.name} 的大小或校验值不符`, en: `${f.name}: size or checksum differs` })));
    }
    await this.noLiveFileGrants(tx, entryId, files.map((f) => f.fileId));
    return files.map((f) => ({ name: f.name, version: f.version, fileId: f.fileId, bytes: f.bytes, sha256: f.sha256 }));
  }

  /** A current version that live 文件 grants deliver is not destroyed while they live (as for a front-end table). */
  private async noLiveFileGrants(tx: Db, entryId: string, fileIds: readonly string[]): Promise<void> {
    if ((await currentAmong(tx, entryId, fileIds)).length === 0) return;
    const live = await tx.selectFrom('share_grant').select('id').where('entry_id', '=', entryId).where('method', '=', 'file').where('status', 'in', LIVE).execute();
    if (live.length) {
      throw conflict('LIVE_GRANTS', `仍有 ${live.length} 项有效的文件授权使用这些文件的当前版本，须先终止授权或停用文件再销毁`,
        `${live.length} live file grant(s) deliver the current version of these files; end them or retire the files first`, { grantIds: live.map((g) => g.id) });
    }
  }

  /** The consumer's table grant, no longer live (expired or revoked). */
  private async endedTableGrant(tx: Db, orgId: string, grantId: string): Promise<void> {
    const g = await tx.selectFrom('share_grant').select(['consumer_id', 'method', 'status']).where('id', '=', grantId).executeTakeFirst();
    if (!g || g.consumer_id !== orgId) throw notFound('本部门的授权', 'grant of your department');
    if (g.method !== 'table') throw conflict('NOT_TABLE_GRANT', '只有库表方式的授权有同步副本', 'only a table grant has a synced copy');
    if (g.status === 'active' || g.status === 'suspended') throw conflict('GRANT_LIVE', '授权仍有效，不能销毁其同步副本', 'the grant is still live; its copy is not to be destroyed');
  }
}

/** Files kept outside the platform: the steward lists each with its size and SHA-256, for the executor to attest. */
function archivedFiles(files: NonNullable<DestructionInput['files']>): ListedFile[] {
  if (files.length === 0) throw badRequest('FILES_REQUIRED', '请列出要销毁的文件', 'list the files to destroy', [{ field: 'body.files', zh: '必填', en: 'required' }]);
  const incomplete = files.filter((f) => f.bytes === undefined || f.sha256 === undefined);
  if (incomplete.length) {
    throw badRequest('FILES_REQUIRED', '平台外归档文件须逐一列明字节数和 SHA-256', 'list each archived file with its bytes and SHA-256',
      incomplete.map((f) => ({ field: 'body.files', zh: `${f.name} 缺少字节数或校验值`, en: `${f.name} lacks bytes or SHA-256` })));
  }
  return files.map((f) => ({ name: f.name, bytes: f.bytes!, sha256: f.sha256! }));
}
