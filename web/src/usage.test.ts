import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickUsageView, usageViews } from './usage.ts';

test('usage views: department roles see their calls and who used their data; authority and auditor see all', () => {
  const cases: [string[], string[]][] = [
    [['requester'], ['mine', 'provided']],
    [['catalog_editor', 'data_steward', 'approver', 'requester'], ['mine', 'provided']],
    [['authority'], ['all']],
    [['auditor'], ['all']],
    [['security_officer'], []],
    [['super_admin'], []],
  ];
  for (const [roles, views] of cases) assert.deepEqual(usageViews(roles), views, roles.join(','));
});

test('usage views: the address picks a view only when the user has it', () => {
  assert.equal(pickUsageView('provided', ['mine', 'provided']), 'provided');
  assert.equal(pickUsageView('all', ['mine', 'provided']), 'mine');
  assert.equal(pickUsageView(null, ['all']), 'all');
  assert.equal(pickUsageView('mine', []), undefined);
});
