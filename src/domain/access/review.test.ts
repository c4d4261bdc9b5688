/** Access review rules (security rules §13–§14): scope, inactive accounts, the next review. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from './roles.ts';
import { INACTIVE_DAYS, isInactive, nextReviewDue, REVIEW_INTERVAL_DAYS, reviewScope } from './review.ts';

const DAY = 86_400_000;
const now = new Date('2026-06-30T04:00:00Z');
const actor = (roles: Role[], orgKind: 'authority' | 'department', regionLevel: 'city' | 'county') =>
  ({ roles, orgKind, regionLevel, regionCode: regionLevel === 'city' ? '140500' : '140525', orgId: 'org-1' });

describe('who reviews whose accounts', () => {
  const cases: [string, ReturnType<typeof actor>, ReturnType<typeof reviewScope>][] = [
    ['an auditor: everyone', actor(['auditor'], 'authority', 'city'), { kind: 'all' }],
    ['the city authority\'s security officer: everyone', actor(['security_officer'], 'authority', 'city'), { kind: 'all' }],
    ['a county authority\'s security officer: the county', actor(['security_officer'], 'authority', 'county'), { kind: 'region', regionCode: '140525' }],
    ['a department\'s security officer: the department', actor(['security_officer', 'requester'], 'department', 'city'), { kind: 'org', orgId: 'org-1' }],
    ['the super admin: nobody (§13 the operator does not review itself)', actor(['super_admin'], 'authority', 'city'), undefined],
    ['the authority reviewer: nobody', actor(['authority'], 'authority', 'city'), undefined],
  ];
  for (const [why, a, want] of cases) it(why, () => assert.deepEqual(reviewScope(a), want));
});

describe('inactive accounts', () => {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const cases: [string, Parameters<typeof isInactive>[0], boolean][] = [
    ['logged in yesterday', { disabled: false, lastLoginAt: ago(1), createdAt: ago(400) }, false],
    [`last login ${INACTIVE_DAYS} days ago`, { disabled: false, lastLoginAt: ago(INACTIVE_DAYS), createdAt: ago(400) }, true],
    [`last login ${INACTIVE_DAYS - 1} days ago`, { disabled: false, lastLoginAt: ago(INACTIVE_DAYS - 1), createdAt: ago(400) }, false],
    ['never logged in, created long ago', { disabled: false, lastLoginAt: null, createdAt: ago(200) }, true],
    ['never logged in, created last week', { disabled: false, lastLoginAt: null, createdAt: ago(7) }, false],
    ['disabled: already handled', { disabled: true, lastLoginAt: null, createdAt: ago(200) }, false],
  ];
  for (const [why, u, want] of cases) it(why, () => assert.equal(isInactive(u, now), want));
});

describe('the next review', () => {
  it('is due at once when none was recorded', () => assert.deepEqual(nextReviewDue(null, now), { dueAt: now, overdue: true }));
  it(`is due ${REVIEW_INTERVAL_DAYS} days after the last`, () => {
    const last = new Date(now.getTime() - 10 * DAY);
    assert.deepEqual(nextReviewDue(last, now), { dueAt: new Date(last.getTime() + REVIEW_INTERVAL_DAYS * DAY), overdue: false });
  });
  it('is overdue once that passed', () => assert.equal(nextReviewDue(new Date(now.getTime() - 91 * DAY), now).overdue, true));
});
