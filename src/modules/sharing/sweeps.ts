/**
 * Deadlines that run themselves (§28–§32, §31): periodic sweeps run by the job queue. Each sweep
 * makes its changes, their notifications and audit records, and marks its job done in ONE
 * transaction (`complete`), so with several server processes each slot's sweep takes effect once,
 * and a process killed half-way leaves nothing applied for the next one to redo.
 *
 * - grants.expire   — a grant past its validUntil stops being active (§31 最长三年, 期满重新申请).
 * - grants.idle     — a grant unused for more than 3 months is flagged to the provider and the
 *                     authority, who may revoke it (§31).
 * - deadlines.scan  — one working day before a step's deadline, remind whoever must act; past it,
 *                     mark it overdue and tell the authority too (§28, §30, §32).
 */
import type { Db } from '../../db/connect.ts';
import type { Job } from '../../db/jobs.ts';
import type { SystemActor } from '../../domain/access/actor.ts';
import { toShanghaiDate } from '../../domain/calendar/index.ts';
import { stepClock } from '../../domain/sharing/deadlines.ts';
import { isIdle } from '../../domain/sharing/grant-rules.ts';
import { recordAudit } from '../audit/store.ts';
import type { CalendarService } from '../calendar/service.ts';
import { notify, type Audience, type Outbound } from '../inbox/notify.ts';
import { authorityAudience } from './parties.ts';

export interface SweepDeps {
  calendars: CalendarService;
  outbound?: Outbound;
  now?: () => Date;
  /** Marks the job done inside the sweep's transaction (JobQueue.complete). */
  complete: (tx: Db, job: Job) => Promise<void>;
}

const system: SystemActor = { type: 'system', name: 'deadline-sweep' };

export async function expireGrants(db: Db, job: Job, deps: SweepDeps): Promise<number> {
  const today = toShanghaiDate(deps.now?.() ?? new Date());
  return db.transaction().execute(async (tx) => {
    const expired = await tx.updateTable('share_grant').set({ status: 'expired' })
      .where('status', 'in', ['active', 'suspended']).where('valid_until', '<', today)
      .returning(['id', 'consumer_id', 'provider_id']).execute();
    for (const g of expired) {
      await notify(tx, [{ orgId: g.consumer_id, role: 'requester' }, { orgId: g.consumer_id, role: 'data_steward' }], {
        kind: 'grant.expired', title: '授权已到期', body: '授权期满，如需继续使用请重新申请（第三十一条）', link: `/grants/${g.id}`,
      }, deps.outbound);
      await recordAudit(tx, system, { action: 'grant.expire', targetType: 'grant', targetId: g.id });
    }
    await deps.complete(tx, job);
    return expired.length;
  });
}

export async function flagIdleGrants(db: Db, job: Job, deps: SweepDeps): Promise<number> {
  const now = deps.now?.() ?? new Date();
  return db.transaction().execute(async (tx) => {
    const candidates = await tx.selectFrom('share_grant as g').innerJoin('catalog_entry as e', 'e.id', 'g.entry_id')
      .select(['g.id', 'g.provider_id', 'g.last_used_at', 'g.valid_from', 'e.name', 'e.region_code'])
      .where('g.status', '=', 'active').where('g.idle_flagged_at', 'is', null).execute();
    let flagged = 0;
    for (const g of candidates) {
      if (!isIdle(g.last_used_at, g.valid_from, now).idle) continue;
      await tx.updateTable('share_grant').set({ idle_flagged_at: now }).where('id', '=', g.id).execute();
      await notify(tx, [{ orgId: g.provider_id, role: 'approver' }, ...(await authorityAudience(tx, g.region_code))], {
        kind: 'grant.idle', title: `授权超过三个月未使用：${g.name}`, body: '提供部门或政务数据主管部门可视情收回授权（第三十一条）', link: `/grants/${g.id}`,
      }, deps.outbound);
      await recordAudit(tx, system, { action: 'grant.idle_flag', targetType: 'grant', targetId: g.id });
      flagged += 1;
    }
    await deps.complete(tx, job);
    return flagged;
  });
}

/** Reminders one working day before a deadline, and overdue marks after it. */
export async function scanDeadlines(db: Db, job: Job, deps: SweepDeps): Promise<{ warned: number; overdue: number }> {
  const now = deps.now?.() ?? new Date();
  return db.transaction().execute(async (tx) => {
    const calendar = await deps.calendars.calendar(tx);
    let warned = 0;
    let overdue = 0;
    const steps = await tx.selectFrom('share_request_step as s').innerJoin('share_request as q', 'q.id', 's.request_id')
      .innerJoin('catalog_entry as e', 'e.id', 'q.entry_id')
      .select(['s.id', 's.kind', 's.due_at', 's.due_on', 's.warned_at', 's.overdue_at', 'q.id as request_id', 'q.provider_id', 'e.name', 'e.region_code'])
      .where('s.status', '=', 'open').where('s.due_at', 'is not', null)
      .where((eb) => eb.or([eb('s.warned_at', 'is', null), eb('s.overdue_at', 'is', null)])).execute();
    for (const s of steps) {
      const clock = stepClock(calendar, now, s.due_at!);
      const acting: Audience[] = s.kind === 'provider_reply' ? [{ orgId: s.provider_id, role: 'approver' }] : await authorityAudience(tx, s.region_code);
      const link = `/requests/${s.request_id}`;
      if (clock.overdue && !s.overdue_at) {
        await tx.updateTable('share_request_step').set({ overdue_at: now, warned_at: s.warned_at ?? now }).where('id', '=', s.id).execute();
        const extra = s.kind === 'provider_reply' ? await authorityAudience(tx, s.region_code) : [];
        await notify(tx, [...acting, ...extra], { kind: 'deadline.overdue', title: `已逾期：${s.name}`, body: `期限 ${s.due_on}`, link }, deps.outbound);
        await recordAudit(tx, system, { action: 'deadline.overdue', targetType: 'share_request', targetId: s.request_id, detail: { step: s.kind, dueOn: s.due_on } });
        overdue += 1;
      } else if (clock.dueSoon && !s.warned_at) {
        await tx.updateTable('share_request_step').set({ warned_at: now }).where('id', '=', s.id).execute();
        await notify(tx, acting, { kind: 'deadline.due_soon', title: `即将到期：${s.name}`, body: `请于 ${s.due_on} 24:00 前办理`, link }, deps.outbound);
        warned += 1;
      }
    }
    const objections = await tx.selectFrom('objection as x').innerJoin('catalog_entry as e', 'e.id', 'x.entry_id')
      .select(['x.id', 'x.provider_id', 'x.due_at', 'x.due_on', 'x.warned_at', 'x.overdue_at', 'e.name', 'e.region_code'])
      .where('x.status', '=', 'open').where((eb) => eb.or([eb('x.warned_at', 'is', null), eb('x.overdue_at', 'is', null)])).execute();
    for (const x of objections) {
      const clock = stepClock(calendar, now, x.due_at);
      const acting: Audience[] = [{ orgId: x.provider_id, role: 'data_steward' }];
      if (clock.overdue && !x.overdue_at) {
        await tx.updateTable('objection').set({ overdue_at: now, warned_at: x.warned_at ?? now }).where('id', '=', x.id).execute();
        await notify(tx, [...acting, ...(await authorityAudience(tx, x.region_code))], {
          kind: 'deadline.overdue', title: `数据异议逾期未更正：${x.name}`, body: `期限 ${x.due_on}（第三十二条）`, link: `/objections/${x.id}`,
        }, deps.outbound);
        await recordAudit(tx, system, { action: 'deadline.overdue', targetType: 'objection', targetId: x.id, detail: { dueOn: x.due_on } });
        overdue += 1;
      } else if (clock.dueSoon && !x.warned_at) {
        await tx.updateTable('objection').set({ warned_at: now }).where('id', '=', x.id).execute();
        await notify(tx, acting, { kind: 'deadline.due_soon', title: `数据异议即将到期：${x.name}`, body: `请于 ${x.due_on} 24:00 前校核更正`, link: `/objections/${x.id}` }, deps.outbound);
        warned += 1;
      }
    }
    await deps.complete(tx, job);
    return { warned, overdue };
  });
}
