import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUEST_ACTIONS, type RequestAction } from './types.ts';
import {
  ACTION_PARTY, PARTY_ROLE, mayActOnRequest, mayPostNegotiationMessage, requestActor,
  type RequestActorSummary, type RequestParties,
} from './workflow.ts';

const CITY = '140500';
const ZEZHOU = '140525';
const GAOPING = '140581';

const user = (roles: string[], orgId: string, regionCode = CITY, orgKind: 'authority' | 'department' = 'department'): RequestActorSummary =>
  ({ roles, orgId, orgKind, regionCode, regionLevel: regionCode === CITY ? 'city' : 'county' });
const authority = (regionCode: string): RequestActorSummary => user(['authority'], `auth-${regionCode}`, regionCode, 'authority');

/** 市交通局 asks 市国资委's 外部董事人才库; 市应急局 asks 泽州县水务局's data. */
const cityReq: RequestParties = { consumerId: 'd-transport', providerId: 'd-sasac', providerRegionCode: CITY };
const zezhouReq: RequestParties = { consumerId: 'd-emergency', providerId: 'd-zezhou-water', providerRegionCode: ZEZHOU };

const requester = user(['requester'], 'd-transport');
const approver = user(['approver'], 'd-sasac');

test('§26 every action has exactly one party, and each party one role', () => {
  assert.deepEqual(Object.keys(ACTION_PARTY).sort(), [...REQUEST_ACTIONS].sort());
  assert.deepEqual(PARTY_ROLE, { requester: 'requester', provider: 'approver', authority: 'authority' });
  const byParty = (p: string) => REQUEST_ACTIONS.filter((a) => requestActor(a) === p);
  assert.deepEqual(byParty('authority'), ['compliance_pass', 'compliance_return', 'compliance_reject', 'coordination_grant', 'coordination_uphold']);
  assert.deepEqual(byParty('provider'), ['provider_grant', 'provider_refuse']);
  assert.deepEqual(byParty('requester'), ['resubmit', 'open_negotiation', 'negotiation_fail', 'cancel']);
});

const cases: Array<[title: string, action: RequestAction, actor: RequestActorSummary, req: RequestParties, expected: true | string]> = [
  ['§20 the consumer’s requester resubmits', 'resubmit', requester, cityReq, true],
  ['§20 the consumer’s requester cancels', 'cancel', requester, cityReq, true],
  ['§30(三) the consumer’s requester opens negotiation', 'open_negotiation', requester, cityReq, true],
  ['§30(三) the consumer’s requester refers a failed negotiation to coordination', 'negotiation_fail', requester, cityReq, true],
  ['§20 another department’s requester may not cancel', 'cancel', user(['requester'], 'd-police'), cityReq, 'NOT_CONSUMER'],
  ['§20 the consumer’s approver is not its requester', 'resubmit', user(['approver'], 'd-transport'), cityReq, 'ROLE_REQUIRED'],
  ['§30(三) the provider may not open negotiation in the requester’s name', 'open_negotiation', approver, cityReq, 'ROLE_REQUIRED'],
  ['§29 the provider’s approver grants', 'provider_grant', approver, cityReq, true],
  ['§30(二) the provider’s approver refuses', 'provider_refuse', approver, cityReq, true],
  ['§29 another department’s approver may not grant', 'provider_grant', user(['approver'], 'd-transport'), cityReq, 'NOT_PROVIDER'],
  ['§29 the provider’s requester is not its approver', 'provider_grant', user(['requester'], 'd-sasac'), cityReq, 'ROLE_REQUIRED'],
  ['§29 the authority does not grant in the provider’s place', 'provider_grant', authority(CITY), cityReq, 'ROLE_REQUIRED'],
  ['§28 the city authority reviews a city provider’s request', 'compliance_pass', authority(CITY), cityReq, true],
  ['§28 the city authority returns a request', 'compliance_return', authority(CITY), cityReq, true],
  ['§28 the city authority rejects a request', 'compliance_reject', authority(CITY), cityReq, true],
  ['§30(三) the city authority coordinates', 'coordination_grant', authority(CITY), cityReq, true],
  ['§30(三) the city authority upholds a refusal', 'coordination_uphold', authority(CITY), cityReq, true],
  ['§28 a county authority reviews its county provider’s request', 'compliance_pass', authority(ZEZHOU), zezhouReq, true],
  ['§30(三) a county authority coordinates for its county provider', 'coordination_grant', authority(ZEZHOU), zezhouReq, true],
  ['§21 the city platform 统一受理: the city authority reviews a county provider’s request', 'compliance_pass', authority(CITY), zezhouReq, true],
  ['§5 the city authority coordinates across regions', 'coordination_uphold', authority(CITY), zezhouReq, true],
  ['§5 a county authority may not review another county’s request', 'compliance_pass', authority(GAOPING), zezhouReq, 'OUTSIDE_REGION'],
  ['§5 a county authority may not review a city provider’s request', 'compliance_return', authority(ZEZHOU), cityReq, 'OUTSIDE_REGION'],
  ['§5 a county authority may not coordinate for a city provider', 'coordination_grant', authority(ZEZHOU), cityReq, 'OUTSIDE_REGION'],
  ['§28 the authority role outside an authority org is not an authority', 'compliance_pass', user(['authority'], 'd-sasac'), cityReq, 'ROLE_REQUIRED'],
  ['§28 a requester cannot review', 'compliance_pass', requester, cityReq, 'ROLE_REQUIRED'],
  ['§28 the authority does not cancel in the requester’s place', 'cancel', authority(CITY), cityReq, 'ROLE_REQUIRED'],
];

for (const [title, action, actor, req, expected] of cases) {
  test(title, () => {
    const r = mayActOnRequest(action, actor, req);
    if (expected === true) assert.deepEqual(r, { allowed: true });
    else {
      assert.equal(r.allowed, false);
      if (!r.allowed) {
        assert.equal(r.code, expected);
        assert.ok(r.zh.length > 0 && r.en.length > 0);
      }
    }
  });
}

test('§26 a user with several roles acts as each in its own department', () => {
  const both = user(['requester', 'approver'], 'd-sasac');
  const ownAsProvider: RequestParties = { consumerId: 'd-transport', providerId: 'd-sasac', providerRegionCode: CITY };
  const ownAsConsumer: RequestParties = { consumerId: 'd-sasac', providerId: 'd-transport', providerRegionCode: CITY };
  assert.deepEqual(mayActOnRequest('provider_grant', both, ownAsProvider), { allowed: true });
  assert.equal(mayActOnRequest('cancel', both, ownAsProvider).allowed, false);
  assert.deepEqual(mayActOnRequest('cancel', both, ownAsConsumer), { allowed: true });
  assert.equal(mayActOnRequest('provider_refuse', both, ownAsConsumer).allowed, false);
});

const messages: Array<[title: string, actor: RequestActorSummary, req: RequestParties, expected: true | string]> = [
  ['§30(三) the requester posts in the negotiation', requester, { ...cityReq, status: 'negotiation' }, true],
  ['§30(三) the provider’s approver posts in the negotiation', approver, { ...cityReq, status: 'negotiation' }, true],
  ['§30(三) posting without a status given is judged on the parties alone', approver, cityReq, true],
  ['§30(三) 报同级政务数据主管部门备案: the authority reads the thread but does not post', authority(CITY), cityReq, 'ROLE_REQUIRED'],
  ['§30(三) a third department does not take part', user(['requester', 'approver'], 'd-police'), cityReq, 'NOT_PARTY'],
  ['§30(三) the consumer’s approver is not its negotiator', user(['approver'], 'd-transport'), cityReq, 'NOT_PARTY'],
  ['§30(三) no messages once the negotiation is over', requester, { ...cityReq, status: 'coordination' }, 'NOT_IN_NEGOTIATION'],
  ['§30(三) no messages before a refusal', approver, { ...cityReq, status: 'forwarded' }, 'NOT_IN_NEGOTIATION'],
];

for (const [title, actor, req, expected] of messages) {
  test(title, () => {
    const r = mayPostNegotiationMessage(actor, req);
    if (expected === true) assert.deepEqual(r, { allowed: true });
    else assert.ok(!r.allowed && r.code === expected && r.zh.length > 0 && r.en.length > 0, JSON.stringify(r));
  });
}
