import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { UserActor } from '../access/actor.ts';
import type { Role } from '../access/roles.ts';
import { actsForAuthority, isSecurityOfficerOf, maySeeOversight } from './permissions.ts';

const CITY = '140500';
const ZEZHOU = '140525';
const user = (orgId: string, orgKind: 'authority' | 'department', regionCode: string, roles: Role[]): UserActor => ({
  type: 'user', userId: 'u', username: 'u', displayName: 'u', orgId, orgName: orgId, orgKind, regionCode,
  regionLevel: regionCode === CITY ? 'city' : 'county', roles,
});

const cases: Array<[who: string, actor: UserActor, region: string, acts: boolean]> = [
  ['city authority reviewer, city department', user('sjj', 'authority', CITY, ['authority']), CITY, true],
  ['city authority reviewer, county department (Sec §7)', user('sjj', 'authority', CITY, ['authority']), ZEZHOU, true],
  ['city authority security officer', user('sjj', 'authority', CITY, ['security_officer']), ZEZHOU, true],
  ['county authority, its county (Sec §8)', user('zzx', 'authority', ZEZHOU, ['authority']), ZEZHOU, true],
  ['county authority, the city', user('zzx', 'authority', ZEZHOU, ['authority']), CITY, false],
  ['county security officer, the city', user('zzx', 'authority', ZEZHOU, ['security_officer']), CITY, false],
  ['a department\'s security officer', user('gaj', 'department', CITY, ['security_officer']), CITY, false],
  ['an auditor of the authority (read-only, Sec §6)', user('sjj', 'authority', CITY, ['auditor']), CITY, false],
  ['the super admin (Sec §13–§14)', user('sjj', 'authority', CITY, ['super_admin']), CITY, false],
];
for (const [who, actor, region, acts] of cases) {
  test(`Sec §30 §32 ${who}: ${acts ? 'acts' : 'does not act'} for the authority`, () => {
    assert.equal(actsForAuthority(actor, region), acts);
  });
}

test('Sec §9(一) §32(二) only the department\'s own security officer files for it', () => {
  assert.equal(isSecurityOfficerOf(user('gaj', 'department', CITY, ['security_officer']), 'gaj'), true);
  assert.equal(isSecurityOfficerOf(user('gaj', 'department', CITY, ['approver']), 'gaj'), false);
  assert.equal(isSecurityOfficerOf(user('fgw', 'department', CITY, ['security_officer']), 'gaj'), false);
});

test('oversight records are seen by the department, its authority and auditors', () => {
  assert.equal(maySeeOversight(user('gaj', 'department', CITY, ['requester']), 'gaj', CITY), true);
  assert.equal(maySeeOversight(user('fgw', 'department', CITY, ['security_officer']), 'gaj', CITY), false);
  assert.equal(maySeeOversight(user('x', 'authority', CITY, ['auditor']), 'gaj', ZEZHOU), true);
  assert.equal(maySeeOversight(user('zzx', 'authority', ZEZHOU, ['authority']), 'gaj', CITY), false);
});
