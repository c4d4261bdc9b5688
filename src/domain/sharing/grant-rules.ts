/**
 * 授权 — the rules of a grant (§29, §31, §39, §40):
 * - it lasts at most three years and ends at 24:00 Shanghai of `validUntil` (§31 数据最长授权期为三年);
 * - unused for more than three calendar months it is idle and may be revoked by the provider or the
 *   authority (§31 获得授权后超过三个月不使用的…可视情收回授权), as on misuse (§40);
 * - the provider's answer may narrow what was asked (fewer items, a shorter period), never widen it
 *   (§39 按照授权的方式和范围使用);
 * - a provider's 整体授权 to the platform (§29) lets the platform grant requests inside it.
 */
import { addDays, isIsoDate, startOfShanghaiDay, toShanghaiDate, type IsoDate } from '../calendar/index.ts';
import type { Issue } from '../catalog/issue.ts';
import type { RowCondition } from '../policy/row-scope.ts';
import { notImplied, validateRowScope, type ScopeItem } from '../policy/row-scope-rules.ts';
import type { RequestActorSummary } from './permissions.ts';
import type { GrantStatus } from './types.ts';

export const MAX_GRANT_YEARS = 3;
export const IDLE_MONTHS = 3;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The same Shanghai wall-clock time `months` calendar months later (31 Jan + 1 → 28/29 Feb). */
export function addMonthsShanghai(instant: Date, months: number): Date {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const timeOfDay = local.getTime() - Date.UTC(y, local.getUTCMonth(), local.getUTCDate());
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day) + timeOfDay - SHANGHAI_OFFSET_MS);
}

export interface IdleAnswer {
  idle: boolean;
  /** The last use, or 00:00 Shanghai of `validFrom` when never used. */
  since: Date;
  /** When the grant becomes (became) idle: `since` + 3 months; idle strictly after it. */
  idleAt: Date;
}

/** §31 超过三个月不使用: more than three calendar months since the last use (or since validFrom). */
export function isIdle(lastUsedAt: Date | null, validFrom: IsoDate, now: Date): IdleAnswer {
  const since = lastUsedAt ?? startOfShanghaiDay(validFrom);
  const idleAt = addMonthsShanghai(since, IDLE_MONTHS);
  return { idle: now.getTime() > idleAt.getTime(), since, idleAt };
}

/** 24:00 Asia/Shanghai of `validUntil`: the grant stops working at this instant. */
export function grantEndsAt(validUntil: IsoDate): Date {
  return startOfShanghaiDay(addDays(validUntil, 1));
}

/**
 * The status on `today` (a Shanghai day): a live grant (active, or suspended) past `validUntil` is
 * expired — `validUntil` itself is still inside (through 24:00). Revoked stays revoked.
 */
export function grantStatusAt(grant: { status: GrantStatus; validUntil: IsoDate }, today: IsoDate): GrantStatus {
  if ((grant.status === 'active' || grant.status === 'suspended') && today > grant.validUntil) return 'expired';
  return grant.status;
}

/** The status at an instant. */
export function grantStatusAtInstant(grant: { status: GrantStatus; validUntil: IsoDate }, now: Date): GrantStatus {
  return grantStatusAt(grant, toShanghaiDate(now));
}

/** Data may be delivered under the grant now (§39: only under a live grant). */
export function isGrantLive(grant: { status: GrantStatus; validUntil: IsoDate }, now: Date): boolean {
  return grantStatusAtInstant(grant, now) === 'active';
}

function issue(code: string, field: string, article: string, zh: string, en: string): Issue {
  return { level: 'error', code, field, zh, en, article };
}

/** What the provider's reply grants: the narrowed values, or the requested ones where it says nothing. */
export function narrowedGrant(
  requested: { items: readonly string[]; validUntil: IsoDate },
  reply: { items?: readonly string[]; validUntil?: string },
): { items: string[]; validUntil: IsoDate } {
  return { items: [...(reply.items ?? requested.items)], validUntil: reply.validUntil ?? requested.validUntil };
}

/**
 * Issues of a provider's grant that narrows the request (§29, §31, §39): items ⊆ requested and not
 * empty; validUntil a real day after today and not after the requested one.
 */
export function checkGrantNarrowing(
  requested: { items: readonly string[]; validUntil: IsoDate },
  reply: { items?: unknown; validUntil?: unknown },
  today: IsoDate,
): Issue[] {
  const out: Issue[] = [];
  if (reply.items !== undefined) {
    if (!Array.isArray(reply.items) || reply.items.length === 0) {
      out.push(issue('ITEMS_EMPTY', 'items', '§29', '授权的数据项不能为空；不予提供的请选择不予提供并说明理由',
        'A grant needs at least one data item; to refuse, refuse with a reason'));
    } else {
      const asked = new Set(requested.items);
      const seen = new Set<unknown>();
      reply.items.forEach((v, i) => {
        if (seen.has(v)) out.push(issue('DUPLICATE_ITEM', `items[${i}]`, '§29', `数据项 ${String(v)} 重复`, `data item ${String(v)} is listed twice`));
        else if (typeof v !== 'string' || !asked.has(v)) {
          out.push(issue('NOT_REQUESTED', `items[${i}]`, '§39', `数据项 ${String(v)} 不在申请范围内，授权只能缩小不能扩大`,
            `data item ${String(v)} was not requested: a grant may narrow the request, never widen it`));
        }
        seen.add(v);
      });
    }
  }
  const validUntil = reply.validUntil === undefined ? requested.validUntil : reply.validUntil;
  if (!isIsoDate(validUntil)) {
    out.push(issue('INVALID_DATE', 'validUntil', '§31', `${String(validUntil)} 不是有效日期（YYYY-MM-DD）`, `${String(validUntil)} is not a valid date (YYYY-MM-DD)`));
  } else if (validUntil <= today) {
    out.push(issue('NOT_AFTER_TODAY', 'validUntil', '§31', `授权截止日期应晚于今天（${today}）`, `the grant must end after today (${today})`));
  } else if (validUntil > requested.validUntil) {
    out.push(issue('WIDENS_PERIOD', 'validUntil', '§31', `授权截止日期不能晚于申请的 ${requested.validUntil}`,
      `the grant cannot end after the requested ${requested.validUntil}`));
  }
  return out;
}

/**
 * The rows a grant covers (§29, §39): the provider's scope when its reply gives one — valid for the
 * entry, and inside the scope the request asked for (a grant narrows, never widens) — else the
 * request's own. A whole authorisation's scope (§29) is added to it: both hold.
 */
export function grantScope(
  requested: readonly RowCondition[],
  reply: unknown,
  items: readonly ScopeItem[],
  whole: readonly RowCondition[] = [],
): { scope: RowCondition[]; issues: Issue[] } {
  const field = 'conditions.rowScope';
  if (reply === undefined) return { scope: [...requested, ...whole], issues: [] };
  const issues = validateRowScope(reply, items, { article: '§29', field });
  if (issues.some((i) => i.level === 'error')) return { scope: [], issues };
  const given = reply as RowCondition[];
  const types = new Map(items.map((i) => [i.name, i.type]));
  for (const w of notImplied(given, requested, types)) {
    issues.push(issue('WIDENS_SCOPE', field, '§39', `授权的共享范围不能超出申请范围：须保留申请的条件 ${w.item} ${w.op} ${w.values.join(',')}（可再加条件缩小）`,
      `the grant's row scope cannot be wider than requested: keep the requested condition ${w.item} ${w.op} ${w.values.join(',')} (add more to narrow it)`));
  }
  return { scope: [...given.map((c) => ({ item: c.item, op: c.op, values: [...c.values] })), ...whole], issues };
}

export interface WholeAuthorization {
  items: readonly string[];
  methods: readonly string[];
  validUntil: IsoDate;
  revoked: boolean;
}

/** §29 整体授权: the platform may grant when the request lies inside a whole authorisation valid today. */
export function wholeAuthorizationCovers(
  wa: WholeAuthorization,
  req: { items: readonly string[]; method: string; validUntil: IsoDate },
  today: IsoDate,
): boolean {
  if (wa.revoked || !isIsoDate(wa.validUntil) || wa.validUntil < today) return false;
  if (req.items.length === 0 || !wa.methods.includes(req.method)) return false;
  const items = new Set(wa.items);
  return req.items.every((i) => items.has(i));
}

/** The end of a grant made under a whole authorisation: never past the authorisation's own end. */
export function wholeGrantValidUntil(wa: { validUntil: IsoDate }, req: { validUntil: IsoDate }): IsoDate {
  return wa.validUntil < req.validUntil ? wa.validUntil : req.validUntil;
}

// ---------------------------------------------------------------------------------------------
// 收回授权 (§31, §40)

export type RevokeResult =
  | { ok: true }
  | { ok: false; error: { code: 'ILLEGAL_TRANSITION' | 'REASON_REQUIRED'; zh: string; en: string } };

/** A live (active or suspended) grant may be revoked, with a reason (§31 视情收回, §40 使用不当). */
export function grantRevocation(status: GrantStatus, reason: string | undefined): RevokeResult {
  if (status !== 'active' && status !== 'suspended') {
    return { ok: false, error: { code: 'ILLEGAL_TRANSITION', zh: '授权已到期或已收回，不能再收回', en: 'The grant has expired or was revoked already' } };
  }
  if (reason === undefined || reason.trim() === '') {
    return { ok: false, error: { code: 'REASON_REQUIRED', zh: '收回授权须说明理由（第三十一条、第四十条）', en: 'Revoking a grant needs a reason (§31, §40)' } };
  }
  return { ok: true };
}

/**
 * §31: the provider (an `approver` of it) or the authority (of the provider's region, or the city)
 * may revoke. §40 names the same two.
 */
export function mayRevokeGrant(
  actor: RequestActorSummary,
  grant: { providerId: string; providerRegionCode: string },
): { allowed: true } | { allowed: false; code: 'ROLE_REQUIRED' | 'NOT_PROVIDER' | 'OUTSIDE_REGION'; zh: string; en: string } {
  if (actor.roles.includes('approver') && actor.orgId === grant.providerId) return { allowed: true };
  if (actor.roles.includes('authority') && actor.orgKind === 'authority') {
    if (actor.regionLevel === 'city' || actor.regionCode === grant.providerRegionCode) return { allowed: true };
    return { allowed: false, code: 'OUTSIDE_REGION', zh: '只能收回本区域提供部门的授权', en: 'You may only revoke grants of providers in your region' };
  }
  if (actor.roles.includes('approver')) {
    return { allowed: false, code: 'NOT_PROVIDER', zh: '只有提供部门可以收回本部门数据的授权', en: 'Only the providing department may revoke its grants' };
  }
  return { allowed: false, code: 'ROLE_REQUIRED', zh: '只有提供部门或政务数据主管部门可以收回授权（第三十一条）', en: 'Only the provider or the data authority may revoke a grant (§31)' };
}

/** Whole days a grant has left (for display), 0 on its last day. */
export function grantDaysLeft(validUntil: IsoDate, today: IsoDate): number {
  return Math.round((startOfShanghaiDay(validUntil).getTime() - startOfShanghaiDay(today).getTime()) / DAY_MS);
}
