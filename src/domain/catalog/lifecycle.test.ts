import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENTRY_STATUSES, type EntryStatus } from './types.ts';
import {
  ACTION_PERMISSIONS, ENTRY_ACTIONS, availableActions, mayAct, transition,
  type ActorSummary, type EntryAction, type EntrySummary, type TransitionContext, type TransitionOk,
} from './lifecycle.ts';

const X = 'ILLEGAL' as const;
type Expect = typeof X | Omit<TransitionOk, 'ok'>;

/**
 * Every (working status, hasPublished) the entry can be in × every action. Comment and reason are
 * given here; their absence is tested separately.
 */
const table: Array<[status: EntryStatus, hasPublished: boolean, row: { readonly [A in EntryAction]: Expect }]> = [
  ['draft', false, {
    edit: { to: 'draft' }, submit: { to: 'pending' }, approve: X, reject: X, discard: X,
    request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['draft', true, {
    edit: { to: 'draft' }, submit: { to: 'pending' }, approve: X, reject: X,
    discard: { to: 'published', discardWorkingVersion: true },
    request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['pending', false, {
    edit: X, submit: X, approve: { to: 'published', assignCode: true }, reject: { to: 'returned' }, discard: X,
    request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['pending', true, {
    edit: X, submit: X, approve: { to: 'published', replacesPublished: true }, reject: { to: 'returned' }, discard: X,
    request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['returned', false, {
    edit: { to: 'draft' }, submit: { to: 'pending' }, approve: X, reject: X, discard: X,
    request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['returned', true, {
    edit: { to: 'draft' }, submit: { to: 'pending' }, approve: X, reject: X,
    discard: { to: 'published', discardWorkingVersion: true },
    request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['published', true, {
    edit: { to: 'draft', newVersion: true }, submit: X, approve: X, reject: X, discard: X,
    request_withdrawal: { to: 'withdrawing' }, approve_withdrawal: X, reject_withdrawal: X,
  }],
  ['withdrawing', true, {
    edit: X, submit: X, approve: X, reject: X, discard: X, request_withdrawal: X,
    approve_withdrawal: { to: 'withdrawn' }, reject_withdrawal: { to: 'published' },
  }],
  ['withdrawn', false, {
    edit: X, submit: X, approve: X, reject: X, discard: X, request_withdrawal: X, approve_withdrawal: X, reject_withdrawal: X,
  }],
];

const ctx = (hasPublished: boolean, extra: Partial<TransitionContext> = {}): TransitionContext => ({
  hasPublished, entryRegionLevel: 'city', comment: '共享范围描述不清，请补充', reason: '职能调整，数据已移交市审批服务管理局', ...extra,
});

test('§13 §19 the transition table covers every status and every action', () => {
  assert.deepEqual([...new Set(table.map(([s]) => s))].sort(), [...ENTRY_STATUSES].sort());
  for (const [, , row] of table) assert.deepEqual(Object.keys(row).sort(), [...ENTRY_ACTIONS].sort());
});

for (const [status, hasPublished, row] of table) {
  for (const action of ENTRY_ACTIONS) {
    const expected = row[action];
    const title = expected === X
      ? `§13 §19 ${status}${hasPublished ? ' (published version exists)' : ''} --${action}--> ILLEGAL_TRANSITION`
      : `§13 §19 ${status}${hasPublished ? ' (published version exists)' : ''} --${action}--> ${expected.to}`;
    test(title, () => {
      const r = transition(status, action, ctx(hasPublished));
      if (expected === X) {
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.equal(r.error.code, 'ILLEGAL_TRANSITION');
          assert.ok(r.error.zh.length > 0 && r.error.en.length > 0);
        }
      } else {
        assert.deepEqual(r, { ok: true, ...expected });
      }
    });
  }
}

test('§19 withdrawn is final: the message says so', () => {
  const r = transition('withdrawn', 'edit', ctx(false));
  assert.ok(!r.ok && r.error.zh.includes('终态') && r.error.en.includes('final'));
});

test('§13 returning an entry needs a review comment', () => {
  for (const comment of [undefined, '', '   ']) {
    const r = transition('pending', 'reject', ctx(false, { comment }));
    assert.ok(!r.ok && r.error.code === 'COMMENT_REQUIRED', JSON.stringify(comment));
  }
});

test('§19 不得随意撤销: a withdrawal request needs a reason', () => {
  for (const reason of [undefined, '', '\t']) {
    const r = transition('published', 'request_withdrawal', ctx(true, { reason }));
    assert.ok(!r.ok && r.error.code === 'REASON_REQUIRED', JSON.stringify(reason));
  }
});

test('§19 an illegal action is reported as illegal even without comment or reason', () => {
  const r = transition('draft', 'reject', { hasPublished: false, entryRegionLevel: 'city' });
  assert.ok(!r.ok && r.error.code === 'ILLEGAL_TRANSITION');
});

test('§19 a county authority approving a withdrawal must file it with the city authority', () => {
  assert.deepEqual(transition('withdrawing', 'approve_withdrawal', ctx(true, { entryRegionLevel: 'county' })), {
    ok: true, to: 'withdrawn', fileWithCity: true,
  });
  assert.deepEqual(transition('withdrawing', 'approve_withdrawal', ctx(true, { entryRegionLevel: 'city' })), {
    ok: true, to: 'withdrawn',
  });
  // a rejected withdrawal changes nothing published, so there is nothing to file
  assert.deepEqual(transition('withdrawing', 'reject_withdrawal', ctx(true, { entryRegionLevel: 'county' })), {
    ok: true, to: 'published',
  });
});

test('§13 a published working status implies a published version (approve of an update keeps the code)', () => {
  // Callers that forget hasPublished on a published entry still get a new version, not a new code.
  assert.deepEqual(transition('published', 'edit', ctx(false)), { ok: true, to: 'draft', newVersion: true });
});

test('§12 available actions: a published entry can be updated or withdrawn', () => {
  assert.deepEqual(availableActions('published', ctx(true)), ['edit', 'request_withdrawal']);
  assert.deepEqual(availableActions('draft', ctx(true)), ['edit', 'submit', 'discard']);
  assert.deepEqual(availableActions('withdrawn', ctx(false)), []);
});

// --- who may act -------------------------------------------------------------------------------

const CITY = 'r-140500';
const ZEZHOU = 'r-140525';
const GAOPING = 'r-140581';

const editorOf = (departmentId: string, regionId: string, regionLevel: 'city' | 'county' = 'city'): ActorSummary =>
  ({ roles: ['catalog_editor'], departmentId, regionId, regionLevel });
const authorityOf = (regionId: string, regionLevel: 'city' | 'county'): ActorSummary =>
  ({ roles: ['authority'], departmentId: `authority-${regionId}`, regionId, regionLevel });

const cityEntry: EntrySummary = { providerId: 'd-sasac', regionId: CITY, regionLevel: 'city' };
const zezhouEntry: EntrySummary = { providerId: 'd-zezhou-water', regionId: ZEZHOU, regionLevel: 'county' };

const cityAuthority = authorityOf(CITY, 'city');
const zezhouAuthority = authorityOf(ZEZHOU, 'county');
const gaopingAuthority = authorityOf(GAOPING, 'county');

const permissions: Array<[title: string, action: EntryAction, actor: ActorSummary, entry: EntrySummary, expected: true | string]> = [
  ['§6 the provider’s catalog editor edits', 'edit', editorOf('d-sasac', CITY), cityEntry, true],
  ['§6 the provider’s catalog editor submits', 'submit', editorOf('d-sasac', CITY), cityEntry, true],
  ['§6 the provider’s catalog editor discards a draft', 'discard', editorOf('d-sasac', CITY), cityEntry, true],
  ['§19 the provider’s catalog editor requests withdrawal', 'request_withdrawal', editorOf('d-sasac', CITY), cityEntry, true],
  ['§6 another department’s editor may not edit', 'edit', editorOf('d-transport', CITY), cityEntry, 'NOT_PROVIDER'],
  ['§19 another department’s editor may not request withdrawal', 'request_withdrawal', editorOf('d-transport', CITY), cityEntry, 'NOT_PROVIDER'],
  ['§6 a county editor edits their own department’s entry', 'edit', editorOf('d-zezhou-water', ZEZHOU, 'county'), zezhouEntry, true],
  ['§13 an editor cannot approve', 'approve', editorOf('d-sasac', CITY), cityEntry, 'ROLE_REQUIRED'],
  ['§6 the authority cannot edit a department’s entry', 'edit', cityAuthority, cityEntry, 'ROLE_REQUIRED'],
  ['§13 the city authority approves a city entry', 'approve', cityAuthority, cityEntry, true],
  ['§13 the city authority returns a city entry', 'reject', cityAuthority, cityEntry, true],
  ['§8 a county authority approves its county’s entry', 'approve', zezhouAuthority, zezhouEntry, true],
  ['§5 a county authority cannot approve another county’s entry', 'approve', gaopingAuthority, zezhouEntry, 'OUTSIDE_REGION'],
  ['§5 a county authority cannot approve a city entry', 'approve', zezhouAuthority, cityEntry, 'OUTSIDE_REGION'],
  ['§13 the city authority codes and reviews county entries too', 'approve', cityAuthority, zezhouEntry, true],
  ['§19 the city authority approves a city withdrawal', 'approve_withdrawal', cityAuthority, cityEntry, true],
  ['§19 the city authority rejects a city withdrawal', 'reject_withdrawal', cityAuthority, cityEntry, true],
  ['§19 a county authority approves its county’s withdrawal', 'approve_withdrawal', zezhouAuthority, zezhouEntry, true],
  ['§19 a county authority rejects its county’s withdrawal', 'reject_withdrawal', zezhouAuthority, zezhouEntry, true],
  ['§19 同级: the city authority does not decide a county’s withdrawal', 'approve_withdrawal', cityAuthority, zezhouEntry, 'OUTSIDE_REGION'],
  ['§19 a county authority cannot decide another county’s withdrawal', 'reject_withdrawal', gaopingAuthority, zezhouEntry, 'OUTSIDE_REGION'],
  ['§19 a county authority cannot decide a city withdrawal', 'approve_withdrawal', zezhouAuthority, cityEntry, 'OUTSIDE_REGION'],
  ['§19 an editor cannot approve a withdrawal', 'approve_withdrawal', editorOf('d-sasac', CITY), cityEntry, 'ROLE_REQUIRED'],
];

for (const [title, action, actor, entry, expected] of permissions) {
  test(title, () => {
    const r = mayAct(action, actor, entry);
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

test('§6 §13 every action names exactly one role', () => {
  assert.deepEqual(Object.keys(ACTION_PERMISSIONS).sort(), [...ENTRY_ACTIONS].sort());
  for (const a of ENTRY_ACTIONS) {
    const p = ACTION_PERMISSIONS[a];
    assert.ok(p.role === 'authority' ? p.scope !== undefined : p.scope === undefined, a);
  }
});

test('§6 a user holding both roles acts as editor for edits and as authority for reviews', () => {
  const both: ActorSummary = { roles: ['catalog_editor', 'authority'], departmentId: 'd-bigdata', regionId: CITY, regionLevel: 'city' };
  const own: EntrySummary = { providerId: 'd-bigdata', regionId: CITY, regionLevel: 'city' };
  assert.deepEqual(mayAct('edit', both, own), { allowed: true });
  assert.deepEqual(mayAct('approve', both, own), { allowed: true });
  assert.equal(mayAct('edit', both, cityEntry).allowed, false);
});
