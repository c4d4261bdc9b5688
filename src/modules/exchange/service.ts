/**
 * 库表交换 as the consumer's data steward drives it (§17; issue 4): configure where a table grant is
 * synced, start and cancel runs, watch their progress. Runs themselves are executed by the job
 * worker (jobs.ts) or the CLI (`gdx sync run`), never inside a request. Every action is audited in
 * the transaction that makes it.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { UserActor } from '../../domain/access/actor.ts';
import { targetPlaceProblems } from '../../domain/exchange/target-rules.ts';
import { isGrantLive } from '../../domain/sharing/grant-rules.ts';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.ts';
import { enqueueJob } from '../../db/jobs.ts';
import { recordAudit } from '../audit/store.ts';
import { PLATFORM_LABEL, probeConnection, type FrontDbs } from '../delivery/front-db.ts';
import { createRun, type SyncRun } from './runs.ts';
import { TargetTable } from './target.ts';
import { runView, targetView, type SyncRunView, type SyncTargetView, type TargetRow } from './views.ts';

export const SYNC_JOB = 'exchange.sync';

export interface TargetInput {
  grantId: string;
  /** The consumer database's PostgreSQL URL; absent = a sync_* schema of the platform's database. */
  connection?: string;
  schema: string;
  table?: string;
  batchRows?: number;
  reconcileHours?: number;
}

const targetNotFound = () => notFound('同步目标', 'sync target');

export class ExchangeService {
  constructor(private readonly deps: { db: Db; fronts: FrontDbs; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private targets(db: Db) {
    return db.selectFrom('sync_target as t')
      .innerJoin('share_grant as g', 'g.id', 't.grant_id')
      .innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
      .innerJoin('org as p', 'p.id', 'g.provider_id')
      .leftJoin('catalog_entry_version as v', (j) => j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.published_version'))
      .select(['t.id', 't.grant_id', 't.consumer_id', 't.connection_label', 't.target_schema', 't.target_table', 't.batch_rows', 't.reconcile_hours',
        't.created_at', 'g.status as grant_status', 'g.valid_until', 'g.items', 'e.id as entry_id', 'e.name as entry_name', 'e.code as entry_code',
        'p.name as provider_name'])
      .select(sql<TargetRow['update_cycle']>`v.body->>'updateCycle'`.as('update_cycle'))
      .select(sql<Date | null>`(SELECT max(r.created_at) FROM sync_run r WHERE r.target_id = t.id AND r.status = 'succeeded')`.as('last_success_at'))
      .where('t.deleted_at', 'is', null);
  }

  private async lastRuns(ids: string[]): Promise<Map<string, SyncRun>> {
    if (ids.length === 0) return new Map();
    const rows = await this.deps.db.selectFrom('sync_run').selectAll().distinctOn('target_id')
      .where('target_id', 'in', ids).orderBy('target_id').orderBy('created_at', 'desc').execute();
    return new Map(rows.map((r) => [r.target_id, r]));
  }

  /** The department's targets (an auditor: everyone's). */
  async listTargets(actor: UserActor): Promise<SyncTargetView[]> {
    let q = this.targets(this.deps.db).orderBy('t.created_at', 'desc');
    if (!actor.roles.includes('auditor')) q = q.where('t.consumer_id', '=', actor.orgId);
    const rows = await q.execute();
    const last = await this.lastRuns(rows.map((r) => r.id));
    return rows.map((r) => targetView(r, last.get(r.id), this.now()));
  }

  private async visibleTarget(actor: UserActor, id: string) {
    const row = await this.targets(this.deps.db).where('t.id', '=', id).executeTakeFirst();
    if (!row || (row.consumer_id !== actor.orgId && !actor.roles.includes('auditor'))) throw targetNotFound();
    return row;
  }

  async getTarget(actor: UserActor, id: string): Promise<SyncTargetView> {
    const row = await this.visibleTarget(actor, id);
    return targetView(row, (await this.lastRuns([id])).get(id), this.now());
  }

  async createTarget(actor: UserActor, input: TargetInput): Promise<SyncTargetView> {
    const { db, fronts } = this.deps;
    const grant = await db.selectFrom('share_grant as g').leftJoin('catalog_mount as m', 'm.entry_id', 'g.entry_id')
      .innerJoin('org as c', 'c.id', 'g.consumer_id')
      .select(['g.id', 'g.consumer_id', 'g.status', 'g.valid_until', 'g.method', 'm.kind', 'm.config', 'c.key as consumer_key'])
      .where('g.id', '=', input.grantId).executeTakeFirst();
    if (!grant || grant.consumer_id !== actor.orgId) throw notFound('授权', 'grant');
    if (grant.method !== 'table') throw badRequest('NOT_TABLE_GRANT', '只有共享方式为“库表”的授权可以配置同步', 'only a grant for table exchange can be synced');
    if (!isGrantLive({ status: grant.status, validUntil: grant.valid_until }, this.now())) {
      throw forbidden('GRANT_NOT_LIVE', '授权已撤销、暂停或过期', 'the grant is revoked, suspended or expired');
    }
    if (grant.kind !== 'table') throw conflict('MOUNT_NOT_TABLE', '提供部门尚未以前置库表方式挂接该目录的数据', 'the provider has not mounted this entry\'s data as a 前置库 table');
    const table = input.table ?? String((grant.config as { table?: string } | null)?.table ?? `grant_${grant.id.slice(0, 8)}`);
    const problems = targetPlaceProblems({ schema: input.schema, table, onPlatform: !input.connection, orgKey: grant.consumer_key });
    if (problems.length) throw badRequest('TARGET_INVALID', problems[0]!.zh, problems[0]!.en, problems);
    const label = input.connection ? await probeConnection(input.connection, 'body.connection') : PLATFORM_LABEL;
    const sealed = input.connection ? fronts.seal(input.connection) : null;
    const probe = await TargetTable.open(input.connection ? { db, url: input.connection, label } : fronts.platform(), input.schema, table, []);
    try {
      const found = await probe.inspect(grant.id);
      if (found === 'foreign') {
        throw conflict('TARGET_TABLE_EXISTS', `目标表 ${input.schema}.${table} 已存在且不是本平台为该授权创建的`, `the table ${input.schema}.${table} exists and is not the platform's copy of this grant`);
      }
      if (found === 'absent' && !(await probe.mayCreate())) {
        throw badRequest('TARGET_NOT_WRITABLE', `目标库的连接角色无权在模式 ${input.schema} 中建表：请为其授予该模式的 CREATE 权限（模式尚不存在时，授予数据库的 CREATE 权限）`,
          `the connection's role may not create the table in schema ${input.schema}: grant it CREATE on the schema (on the database, while the schema does not exist)`,
          [{ field: 'body.connection', zh: '无建表权限', en: 'no CREATE privilege' }]);
      }
    } finally {
      await probe.close();
    }
    const id = await db.transaction().execute(async (tx) => {
      const clash = await tx.selectFrom('sync_target').select(['id', 'grant_id']).where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('grant_id', '=', grant.id), eb.and([eb('connection_label', '=', label), eb('target_schema', '=', input.schema), eb('target_table', '=', table)])]))
        .executeTakeFirst();
      if (clash) {
        throw conflict('TARGET_EXISTS', clash.grant_id === grant.id ? '该授权已配置同步目标' : '该目标表已被其他同步使用',
          clash.grant_id === grant.id ? 'this grant already has a sync target' : 'another sync already uses this table', { targetId: clash.id });
      }
      const row = await tx.insertInto('sync_target').values({
        grant_id: grant.id, consumer_id: actor.orgId, connection_sealed: sealed, connection_label: label, target_schema: input.schema,
        target_table: table, created_by: actor.userId,
        ...(input.batchRows ? { batch_rows: input.batchRows } : {}), ...(input.reconcileHours ? { reconcile_hours: input.reconcileHours } : {}),
      }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(tx, actor, { action: 'sync.target.create', targetType: 'sync_target', targetId: row.id, detail: { grantId: grant.id, connection: label, schema: input.schema, table } });
      return row.id;
    });
    return this.getTarget(actor, id);
  }

  async deleteTarget(actor: UserActor, id: string): Promise<void> {
    await this.visibleOwn(actor, id);
    await this.deps.db.transaction().execute(async (tx) => {
      const active = await tx.selectFrom('sync_run').select('id').where('target_id', '=', id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
      if (active) throw conflict('SYNC_RUN_ACTIVE', '同步进行中，请先取消', 'a sync is queued or running: cancel it first', { runId: active.id });
      await tx.updateTable('sync_target').set({ deleted_at: this.now(), deleted_by: actor.userId }).where('id', '=', id).execute();
      await recordAudit(tx, actor, { action: 'sync.target.delete', targetType: 'sync_target', targetId: id });
    });
  }

  private async visibleOwn(actor: UserActor, id: string) {
    const row = await this.visibleTarget(actor, id);
    if (row.consumer_id !== actor.orgId) throw forbidden('NOT_CONSUMER', '只有使用部门的数据管理员可以操作同步', 'only the consumer\'s data steward runs syncs');
    return row;
  }

  /** Queues a run for the job worker (202): its progress is then read from GET /sync/runs. */
  async startRun(actor: UserActor, targetId: string, opts: { full?: boolean; reconcile?: boolean } = {}): Promise<SyncRunView> {
    const target = await this.visibleOwn(actor, targetId);
    if (!isGrantLive({ status: target.grant_status as 'active', validUntil: target.valid_until }, this.now())) {
      throw forbidden('GRANT_NOT_LIVE', '授权已撤销、暂停或过期', 'the grant is revoked, suspended or expired');
    }
    const run = await this.deps.db.transaction().execute(async (tx) => {
      const r = await createRun(tx, { id: targetId, grant_id: target.grant_id },
        { trigger: 'manual', requestedBy: actor.userId, forceFull: opts.full, reconcile: opts.reconcile }, this.now());
      await enqueueJob(tx, { kind: SYNC_JOB, payload: { runId: r.id }, uniqueKey: `${SYNC_JOB}:${r.id}` });
      await recordAudit(tx, actor, { action: 'sync.run.start', targetType: 'sync_run', targetId: r.id, detail: { targetId, full: !!opts.full, reconcile: !!opts.reconcile } });
      return r;
    });
    return runView(run, this.now());
  }

  async listRuns(actor: UserActor, q: { targetId?: string; limit?: number }): Promise<SyncRunView[]> {
    let query = this.deps.db.selectFrom('sync_run as r').innerJoin('sync_target as t', 't.id', 'r.target_id').selectAll('r')
      .orderBy('r.created_at', 'desc').limit(q.limit ?? 50);
    if (!actor.roles.includes('auditor')) query = query.where('t.consumer_id', '=', actor.orgId);
    if (q.targetId) query = query.where('r.target_id', '=', q.targetId);
    return (await query.execute()).map((r) => runView(r, this.now()));
  }

  async getRun(actor: UserActor, id: string): Promise<SyncRunView> {
    const row = await this.deps.db.selectFrom('sync_run as r').innerJoin('sync_target as t', 't.id', 'r.target_id').selectAll('r')
      .select('t.consumer_id').where('r.id', '=', id).executeTakeFirst();
    if (!row || (row.consumer_id !== actor.orgId && !actor.roles.includes('auditor'))) throw notFound('同步运行', 'sync run');
    return runView(row, this.now());
  }

  /** A queued run is cancelled at once; a running one stops before its next batch (the checkpoint stays). */
  async cancelRun(actor: UserActor, id: string): Promise<SyncRunView> {
    const run = await this.getRun(actor, id);
    if (run.status !== 'queued' && run.status !== 'running') throw conflict('SYNC_RUN_FINISHED', '该同步已结束', 'the run has already ended');
    await this.deps.db.transaction().execute(async (tx) => {
      await tx.updateTable('sync_run').set({ cancel_requested_at: this.now() }).where('id', '=', id).execute();
      await tx.updateTable('sync_run').set({ status: 'cancelled', finished_at: this.now() }).where('id', '=', id).where('status', '=', 'queued').execute();
      await recordAudit(tx, actor, { action: 'sync.run.cancel', targetType: 'sync_run', targetId: id });
    });
    return this.getRun(actor, id);
  }
}
