import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideMountChange, mountStatus, proposalOutcome, type ProposalFacts, type ProposalOutcome } from './mount-change.ts';

describe('a mount change applies at once or waits for the authority (§16, §17, §18, §30(二))', () => {
  const table = { kind: 'table' as const };
  const cases: [string, ProposalFacts, ProposalOutcome['outcome'], string?][] = [
    ['the first mount applies at once', { current: null, proposedKind: 'table', liveGrants: 0, sameAsCurrent: false }, 'apply', 'first_mount'],
    ['the first mount applies at once even with grants waiting for it (§30(二) 10 working days)',
      { current: null, proposedKind: 'api', liveGrants: 2, sameAsCurrent: false }, 'apply', 'first_mount'],
    ['a change with no live grant applies at once', { current: table, proposedKind: 'api', liveGrants: 0, sameAsCurrent: false }, 'apply', 'no_live_grants'],
    ['re-saving the same mount with no live grant is applied as before', { current: table, proposedKind: 'table', liveGrants: 0, sameAsCurrent: true }, 'apply', 'no_live_grants'],
    ['a change of table while grants are live is reviewed', { current: table, proposedKind: 'table', liveGrants: 1, sameAsCurrent: false }, 'review'],
    ['a change of kind while grants are live is reviewed', { current: table, proposedKind: 'file', liveGrants: 3, sameAsCurrent: false }, 'review'],
    ['leaving a file mount for a table while grants are live is reviewed', { current: { kind: 'file' }, proposedKind: 'table', liveGrants: 1, sameAsCurrent: false }, 'review'],
    ['new file versions of a file mount are a data update (§18), never reviewed',
      { current: { kind: 'file' }, proposedKind: 'file', liveGrants: 5, sameAsCurrent: false }, 'apply', 'data_update'],
    ['the same mount while grants are live is refused: nothing to review', { current: table, proposedKind: 'table', liveGrants: 1, sameAsCurrent: true }, 'refuse'],
  ];
  for (const [name, facts, outcome, why] of cases) {
    it(name, () => {
      const r = proposalOutcome(facts);
      assert.equal(r.outcome, outcome);
      if (why) assert.equal((r as { why: string }).why, why);
      if (r.outcome === 'refuse') {
        assert.equal(r.code, 'MOUNT_UNCHANGED');
        assert.match(r.zh, /撤回/);
        assert.match(r.en, /withdraw/);
      }
    });
  }
});

describe('deciding a pending mount change', () => {
  const cases: [string, Parameters<typeof decideMountChange>, string][] = [
    ['approve a pending change', ['pending', 'approve'], 'approved'],
    ['reject a pending change with a reason', ['pending', 'reject', '新表缺少近三年数据'], 'rejected'],
    ['withdraw a pending change', ['pending', 'withdraw'], 'withdrawn'],
    ['reject without a reason', ['pending', 'reject'], 'REASON_REQUIRED'],
    ['reject with a blank reason', ['pending', 'reject', '  '], 'REASON_REQUIRED'],
    ['approve an approved change', ['approved', 'approve'], 'CHANGE_NOT_PENDING'],
    ['withdraw a rejected change', ['rejected', 'withdraw'], 'CHANGE_NOT_PENDING'],
    ['reject a withdrawn change', ['withdrawn', 'reject', '理由'], 'CHANGE_NOT_PENDING'],
  ];
  for (const [name, args, expected] of cases) {
    it(name, () => {
      const r = decideMountChange(...args);
      assert.equal(r.ok ? r.to : r.code, expected);
      if (!r.ok) assert.ok(r.zh && r.en);
    });
  }
});

describe('the mount status an entry shows', () => {
  const cases: [boolean, boolean, boolean, string][] = [
    [false, false, true, 'unmounted'],
    [true, false, true, 'mounted'],
    [true, true, true, 'change_pending'],
    [true, true, false, 'mounted'], // a consumer sees the mount that serves it, not the provider's pending work
    [false, true, true, 'unmounted'],
  ];
  for (const [mounted, pending, insider, expected] of cases) {
    it(`mounted=${mounted} pending=${pending} insider=${insider} → ${expected}`, () => assert.equal(mountStatus(mounted, pending, insider), expected));
  }
});
