import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  IDLE_MONTHS, MAX_GRANT_YEARS, addMonthsShanghai, checkGrantNarrowing, grantDaysLeft, grantEndsAt, grantRevocation, grantScope,
  grantStatusAt, grantStatusAtInstant, isGrantLive, isIdle, mayRevokeGrant, narrowedGrant, wholeAuthorizationCovers,
  wholeGrantValidUntil, type WholeAuthorization,
} from './grant-rules.ts';
import { GRANT_STATUSES, type GrantStatus } from './types.ts';
import type { Issue } from '../catalog/issue.ts';

const at = (shanghai: string): Date => new Date(`${shanghai}+08:00`);
const key = (i: Issue): string => `${i.level} ${i.code} ${i.field} ${i.article}`;

test('§31 数据最长授权期为三年; 超过三个月不使用', () => {
  assert.equal(MAX_GRANT_YEARS, 3);
  assert.equal(IDLE_MONTHS, 3);
});

const idle: Array<[title: string, lastUsedAt: string | null, validFrom: string, now: string, idle: boolean, since: string]> = [
  ['§31 used 2024-03-10 09:00: not idle on 2024-06-10 09:00 (exactly three months)', '2024-03-10T09:00:00', '2024-01-02', '2024-06-10T09:00:00', false, '2024-03-10T09:00:00'],
  ['§31 used 2024-03-10 09:00: idle a moment after three months', '2024-03-10T09:00:00', '2024-01-02', '2024-06-10T09:00:01', true, '2024-03-10T09:00:00'],
  ['§31 used 2024-03-10: not idle on 2024-05-31', '2024-03-10T09:00:00', '2024-01-02', '2024-05-31T23:00:00', false, '2024-03-10T09:00:00'],
  ['§31 never used: counted from validFrom 2024-02-01 — not idle on 2024-05-01 00:00', null, '2024-02-01', '2024-05-01T00:00:00', false, '2024-02-01T00:00:00'],
  ['§31 never used: idle on 2024-05-01 during the day', null, '2024-02-01', '2024-05-01T08:00:00', true, '2024-02-01T00:00:00'],
  ['§31 used on 11-30: three calendar months end on 02-28 (2025 is no leap year)', '2024-11-30T10:00:00', '2024-06-01', '2025-02-28T10:00:01', true, '2024-11-30T10:00:00'],
  ['§31 used on 11-30: not idle on 02-28 morning', '2024-11-30T10:00:00', '2024-06-01', '2025-02-28T09:00:00', false, '2024-11-30T10:00:00'],
  ['§31 months are Shanghai months: used 03-31 00:30 (03-30 in UTC) → idle by 06-30 noon', '2024-03-31T00:30:00', '2024-01-02', '2024-06-30T12:00:00', true, '2024-03-31T00:30:00'],
  ['§31 … and not yet at 06-30 00:00', '2024-03-31T00:30:00', '2024-01-02', '2024-06-30T00:00:00', false, '2024-03-31T00:30:00'],
];

for (const [title, lastUsedAt, validFrom, now, expected, since] of idle) {
  test(title, () => {
    const r = isIdle(lastUsedAt === null ? null : at(lastUsedAt), validFrom, at(now));
    assert.equal(r.idle, expected);
    assert.equal(r.since.toISOString(), at(since).toISOString());
    assert.ok(r.idleAt > r.since);
  });
}

test('calendar months in Shanghai time', () => {
  assert.equal(addMonthsShanghai(at('2024-01-31T12:00:00'), 1).toISOString(), at('2024-02-29T12:00:00').toISOString());
  assert.equal(addMonthsShanghai(at('2024-11-30T00:30:00'), 3).toISOString(), at('2025-02-28T00:30:00').toISOString());
  assert.equal(addMonthsShanghai(at('2024-10-15T07:00:00'), 3).toISOString(), at('2025-01-15T07:00:00').toISOString());
});

const statuses: Array<[title: string, status: GrantStatus, validUntil: string, today: string, expected: GrantStatus]> = [
  ['§31 active on its last day', 'active', '2025-06-30', '2025-06-30', 'active'],
  ['§31 active the day after its last day → expired', 'active', '2025-06-30', '2025-07-01', 'expired'],
  ['§31 suspended past its end → expired', 'suspended', '2025-06-30', '2025-07-01', 'expired'],
  ['§31 suspended before its end stays suspended', 'suspended', '2025-06-30', '2025-06-01', 'suspended'],
  ['§40 revoked stays revoked after its end', 'revoked', '2025-06-30', '2026-01-01', 'revoked'],
  ['§31 expired stays expired', 'expired', '2025-06-30', '2025-07-05', 'expired'],
];

for (const [title, status, validUntil, today, expected] of statuses) {
  test(title, () => assert.equal(grantStatusAt({ status, validUntil }, today), expected));
}

test('§31 a grant ends at 24:00 Shanghai of validUntil', () => {
  const g = { status: 'active' as const, validUntil: '2025-06-30' };
  assert.equal(grantEndsAt('2025-06-30').toISOString(), '2025-06-30T16:00:00.000Z');
  assert.equal(grantStatusAtInstant(g, at('2025-06-30T23:59:59')), 'active');
  assert.equal(grantStatusAtInstant(g, at('2025-07-01T00:00:00')), 'expired');
  assert.equal(isGrantLive(g, at('2025-06-30T23:59:59')), true);
  assert.equal(isGrantLive(g, new Date('2025-06-30T16:00:00Z')), false);
  assert.equal(isGrantLive({ status: 'suspended', validUntil: '2025-06-30' }, at('2025-06-01T10:00:00')), false);
  assert.equal(grantDaysLeft('2025-06-30', '2025-06-30'), 0);
  assert.equal(grantDaysLeft('2025-06-30', '2025-06-01'), 29);
});

const requested = { items: ['person_name', 'mobile', 'speciality'], validUntil: '2026-06-30' };
const narrowing: Array<[title: string, reply: { items?: unknown; validUntil?: unknown }, today: string, expected: string[]]> = [
  ['§29 granting what was asked', {}, '2024-07-01', []],
  ['§39 fewer items', { items: ['speciality'] }, '2024-07-01', []],
  ['§31 a shorter period', { validUntil: '2025-06-30' }, '2024-07-01', []],
  ['§31 tomorrow is the shortest period', { validUntil: '2024-07-02' }, '2024-07-01', []],
  ['§29 no items at all is a refusal, not a grant', { items: [] }, '2024-07-01', ['error ITEMS_EMPTY items §29']],
  ['§39 an item not requested widens the grant', { items: ['speciality', 'id_number'] }, '2024-07-01', ['error NOT_REQUESTED items[1] §39']],
  ['§29 an item listed twice', { items: ['mobile', 'mobile'] }, '2024-07-01', ['error DUPLICATE_ITEM items[1] §29']],
  ['§31 a longer period widens the grant', { validUntil: '2026-07-01' }, '2024-07-01', ['error WIDENS_PERIOD validUntil §31']],
  ['§31 an end today', { validUntil: '2024-07-01' }, '2024-07-01', ['error NOT_AFTER_TODAY validUntil §31']],
  ['§31 not a date', { validUntil: '2025-13-01' }, '2024-07-01', ['error INVALID_DATE validUntil §31']],
  ['§31 the requested period has passed by the time of the reply', {}, '2026-07-01', ['error NOT_AFTER_TODAY validUntil §31']],
];

for (const [title, reply, today, expected] of narrowing) {
  test(title, () => assert.deepEqual(checkGrantNarrowing(requested, reply, today).map(key), expected));
}

test('§39 the narrowed grant', () => {
  assert.deepEqual(narrowedGrant(requested, {}), requested);
  assert.deepEqual(narrowedGrant(requested, { items: ['mobile'], validUntil: '2025-01-31' }), { items: ['mobile'], validUntil: '2025-01-31' });
});

const wa: WholeAuthorization = { items: ['person_name', 'speciality', 'employer'], methods: ['api', 'verify'], validUntil: '2025-12-31', revoked: false };
const coverage: Array<[title: string, w: WholeAuthorization, req: { items: string[]; method: string; validUntil: string }, today: string, expected: boolean]> = [
  ['§29 整体授权 covers items and method inside it', wa, { items: ['person_name', 'speciality'], method: 'api', validUntil: '2025-06-30' }, '2024-07-01', true],
  ['§29 it covers a request running past its own end (the grant is then cut to it)', wa, { items: ['employer'], method: 'verify', validUntil: '2026-06-30' }, '2024-07-01', true],
  ['§29 an item outside it', wa, { items: ['person_name', 'mobile'], method: 'api', validUntil: '2025-06-30' }, '2024-07-01', false],
  ['§29 a method outside it', wa, { items: ['person_name'], method: 'table', validUntil: '2025-06-30' }, '2024-07-01', false],
  ['§29 on its last day', wa, { items: ['person_name'], method: 'api', validUntil: '2026-06-30' }, '2025-12-31', true],
  ['§29 after its end', wa, { items: ['person_name'], method: 'api', validUntil: '2026-06-30' }, '2026-01-01', false],
  ['§29 revoked', { ...wa, revoked: true }, { items: ['person_name'], method: 'api', validUntil: '2025-06-30' }, '2024-07-01', false],
  ['§29 a request for no items is not covered', wa, { items: [], method: 'api', validUntil: '2025-06-30' }, '2024-07-01', false],
];

for (const [title, w, req, today, expected] of coverage) {
  test(title, () => assert.equal(wholeAuthorizationCovers(w, req, today), expected));
}

test('§29 a grant under a whole authorisation ends no later than it', () => {
  assert.equal(wholeGrantValidUntil(wa, { validUntil: '2026-06-30' }), '2025-12-31');
  assert.equal(wholeGrantValidUntil(wa, { validUntil: '2025-06-30' }), '2025-06-30');
});

test('§31 §40 收回授权: a live grant, with a reason', () => {
  for (const status of GRANT_STATUSES) {
    const r = grantRevocation(status, '超过三个月未使用');
    assert.equal(r.ok, status === 'active' || status === 'suspended', status);
  }
  const noReason = grantRevocation('active', ' ');
  assert.ok(!noReason.ok && noReason.error.code === 'REASON_REQUIRED');
  const done = grantRevocation('revoked', 'x');
  assert.ok(!done.ok && done.error.code === 'ILLEGAL_TRANSITION');
});

test('§31 提供部门或政务数据主管部门可视情收回授权', () => {
  const grant = { providerId: 'd-zezhou-water', providerRegionCode: '140525' };
  const u = (roles: string[], orgId: string, regionCode: string, orgKind: 'authority' | 'department' = 'department') =>
    ({ roles, orgId, orgKind, regionCode, regionLevel: regionCode === '140500' ? 'city' as const : 'county' as const });
  assert.deepEqual(mayRevokeGrant(u(['approver'], 'd-zezhou-water', '140525'), grant), { allowed: true });
  assert.deepEqual(mayRevokeGrant(u(['authority'], 'a-zezhou', '140525', 'authority'), grant), { allowed: true });
  assert.deepEqual(mayRevokeGrant(u(['authority'], 'a-city', '140500', 'authority'), grant), { allowed: true });
  assert.equal(mayRevokeGrant(u(['authority'], 'a-gaoping', '140581', 'authority'), grant).allowed, false);
  assert.equal(mayRevokeGrant(u(['approver'], 'd-transport', '140500'), grant).allowed, false);
  assert.equal(mayRevokeGrant(u(['requester'], 'd-zezhou-water', '140525'), grant).allowed, false);
});

// ---------------------------------------------------------------------------------------------
// 共享范围 of a grant (§29 the provider sets or narrows it, §39 never wider than asked)

const SCOPE_ITEMS = [
  { name: 'region_code', type: 'string' as const },
  { name: 'staff', type: 'integer' as const },
  { name: 'approved_on', type: 'date' as const },
];
const cond = (item: string, op: 'eq' | 'in' | 'prefix' | 'gte' | 'lte', ...values: string[]) => ({ item, op, values });

/** [title, requested scope, reply's rowScope, whole authorisation's, granted scope, issue codes] */
const scopes: Array<[string, ReturnType<typeof cond>[], unknown, ReturnType<typeof cond>[], ReturnType<typeof cond>[], string[]]> = [
  ['§29 the reply says nothing: the request\'s scope is granted', [cond('region_code', 'prefix', '1405')], undefined, [], [cond('region_code', 'prefix', '1405')], []],
  ['§29 the provider sets a scope on a request without one', [], [cond('staff', 'gte', '100')], [], [cond('staff', 'gte', '100')], []],
  ['§29 the provider narrows the request\'s scope', [cond('region_code', 'prefix', '1405')], [cond('region_code', 'eq', '140525'), cond('staff', 'gte', '10')], [],
    [cond('region_code', 'eq', '140525'), cond('staff', 'gte', '10')], []],
  ['§39 the provider cannot drop the request\'s scope', [cond('region_code', 'prefix', '1405')], [], [], [], ['WIDENS_SCOPE']],
  ['§39 nor widen it', [cond('staff', 'gte', '100')], [cond('staff', 'gte', '50')], [], [cond('staff', 'gte', '50')], ['WIDENS_SCOPE']],
  ['§29 a scope the entry cannot take is refused', [], [cond('staff', 'prefix', '1')], [], [], ['SCOPE_OP_NOT_FOR_TYPE']],
  ['§29 a whole authorisation\'s scope holds too', [cond('staff', 'gte', '100')], undefined, [cond('region_code', 'prefix', '1405')],
    [cond('staff', 'gte', '100'), cond('region_code', 'prefix', '1405')], []],
];
for (const [title, requested, reply, whole, granted, codes] of scopes) {
  test(title, () => {
    const r = grantScope(requested, reply, SCOPE_ITEMS, whole);
    assert.deepEqual(r.issues.map((i) => i.code), codes);
    if (!codes.length) assert.deepEqual(r.scope, granted);
    for (const i of r.issues) assert.match(i.field, /^conditions\.rowScope/);
  });
}
