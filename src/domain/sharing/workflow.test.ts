import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUEST_ACTIONS, REQUEST_STATUSES, type RequestAction, type RequestStatus } from './types.ts';
import {
  INITIAL, REQUEST_TRANSITIONS, REQUIRED_TEXT, STATUS_STEP, availableRequestActions, isFinalStatus, requestTransition,
  type RequestContext, type RequestTransitionOk,
} from './workflow.ts';

const X = 'ILLEGAL' as const;
type Expect = typeof X | Omit<RequestTransitionOk, 'ok'>;

/** A 有条件共享 entry without a whole authorisation; texts given (their absence is tested below). */
const ctx = (extra: Partial<RequestContext> = {}): RequestContext => ({
  shareType: 'conditional', route: 'standard', wholeAuthorizationCovers: false, coordinated: false,
  comment: '请补充履职依据文件', reason: '涉及个人隐私，超出共享范围', ...extra,
});

const none = (): { readonly [A in RequestAction]: Expect } => ({
  compliance_pass: X, compliance_return: X, compliance_reject: X, resubmit: X, provider_grant: X, provider_refuse: X,
  open_negotiation: X, negotiation_fail: X, coordination_grant: X, coordination_uphold: X, cancel: X,
});

/** Every status (refused twice: before and after coordination) × every action. */
const table: Array<[status: RequestStatus, coordinated: boolean, row: { readonly [A in RequestAction]: Expect }]> = [
  ['reviewing', false, {
    ...none(),
    compliance_pass: { to: 'forwarded', close: 'compliance_review', open: 'provider_reply' },
    compliance_return: { to: 'returned', pause: 'compliance_review' },
    compliance_reject: { to: 'rejected', close: 'compliance_review' },
    cancel: { to: 'cancelled', close: 'compliance_review' },
  }],
  ['returned', false, {
    ...none(),
    resubmit: { to: 'reviewing', resume: 'compliance_review' },
    cancel: { to: 'cancelled', close: 'compliance_review' },
  }],
  ['rejected', false, none()],
  ['forwarded', false, {
    ...none(),
    provider_grant: { to: 'granted', close: 'provider_reply', grantBy: 'provider' },
    provider_refuse: { to: 'refused', close: 'provider_reply' },
    cancel: { to: 'cancelled', close: 'provider_reply' },
  }],
  ['granted', false, none()],
  ['refused', false, { ...none(), open_negotiation: { to: 'negotiation', open: 'negotiation' } }],
  ['refused', true, none()],
  ['negotiation', false, {
    ...none(),
    provider_grant: { to: 'granted', close: 'negotiation', grantBy: 'provider' },
    negotiation_fail: { to: 'coordination', close: 'negotiation', open: 'coordination' },
    cancel: { to: 'cancelled', close: 'negotiation' },
  }],
  ['coordination', false, {
    ...none(),
    coordination_grant: { to: 'granted', close: 'coordination', grantBy: 'coordination', notifyProvider: true },
    coordination_uphold: { to: 'refused', close: 'coordination' },
  }],
  ['cancelled', false, none()],
];

const ARTICLE: { readonly [A in RequestAction]: string } = {
  compliance_pass: '§28 §30(二)', compliance_return: '§28', compliance_reject: '§28', resubmit: '§28',
  provider_grant: '§29', provider_refuse: '§30(二)', open_negotiation: '§30(三)', negotiation_fail: '§30(三)',
  coordination_grant: '§30(三)', coordination_uphold: '§30(三)', cancel: '§20',
};

test('§28–§30 the transition table covers every status and every action', () => {
  assert.deepEqual([...new Set(table.map(([s]) => s))].sort(), [...REQUEST_STATUSES].sort());
  for (const [, , row] of table) assert.deepEqual(Object.keys(row).sort(), [...REQUEST_ACTIONS].sort());
});

for (const [status, coordinated, row] of table) {
  for (const action of REQUEST_ACTIONS) {
    const expected = row[action];
    const where = `${status}${coordinated ? ' (after coordination)' : ''}`;
    test(`${ARTICLE[action]} ${where} --${action}--> ${expected === X ? 'ILLEGAL_TRANSITION' : expected.to}`, () => {
      const r = requestTransition(status, action, ctx({ coordinated }));
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

/** compliance_pass by share type, route and whole authorisation. */
const passes: Array<[title: string, extra: Partial<RequestContext>, expected: Expect]> = [
  ['§29 §30(一) 无条件共享: the platform grants directly and pushes the result to the provider',
    { shareType: 'unconditional' }, { to: 'granted', close: 'compliance_review', grantBy: 'platform', notifyProvider: true }],
  ['§29 无条件共享 is granted by the platform even where a whole authorisation exists',
    { shareType: 'unconditional', wholeAuthorizationCovers: true }, { to: 'granted', close: 'compliance_review', grantBy: 'platform', notifyProvider: true }],
  ['§23 a desensitized route on 无条件 data changes nothing: the platform grants',
    { shareType: 'unconditional', route: 'desensitized' }, { to: 'granted', close: 'compliance_review', grantBy: 'platform', notifyProvider: true }],
  ['§30(二) 有条件共享: 将申请转至提供部门',
    { shareType: 'conditional' }, { to: 'forwarded', close: 'compliance_review', open: 'provider_reply' }],
  ['§29 整体授权给市数据共享交换平台: the platform grants within it and notifies the provider',
    { shareType: 'conditional', wholeAuthorizationCovers: true }, { to: 'granted', close: 'compliance_review', grantBy: 'whole', notifyProvider: true }],
  ['§23 a desensitized request goes to the provider even under a whole authorisation',
    { shareType: 'conditional', route: 'desensitized', wholeAuthorizationCovers: true }, { to: 'forwarded', close: 'compliance_review', open: 'provider_reply' }],
  ['§23 不予共享类 经脱密、脱敏处理后: forwarded to the provider like 有条件',
    { shareType: 'none', route: 'desensitized' }, { to: 'forwarded', close: 'compliance_review', open: 'provider_reply' }],
  ['§23 不予共享类 desensitized: a whole authorisation does not cover it',
    { shareType: 'none', route: 'desensitized', wholeAuthorizationCovers: true }, { to: 'forwarded', close: 'compliance_review', open: 'provider_reply' }],
  ['§23 不予共享类 without 脱密脱敏 cannot pass review', { shareType: 'none', route: 'standard' }, X],
  ['§23 不予共享类 without 脱密脱敏 cannot pass review, whole authorisation or not',
    { shareType: 'none', route: 'standard', wholeAuthorizationCovers: true }, X],
];

for (const [title, extra, expected] of passes) {
  test(title, () => {
    const r = requestTransition('reviewing', 'compliance_pass', ctx(extra));
    if (expected === X) assert.ok(!r.ok && r.error.code === 'ILLEGAL_TRANSITION' && r.error.zh.includes('第二十三条'));
    else assert.deepEqual(r, { ok: true, ...expected });
  });
}

test('§28 a new request starts under compliance review', () => {
  assert.deepEqual(INITIAL, { status: 'reviewing', open: 'compliance_review' });
  assert.equal(STATUS_STEP[INITIAL.status], INITIAL.open);
});

const texts: Array<[title: string, status: RequestStatus, action: RequestAction, code: 'COMMENT_REQUIRED' | 'REASON_REQUIRED']> = [
  ['§28 退回补充 needs a review comment', 'reviewing', 'compliance_return', 'COMMENT_REQUIRED'],
  ['§28 审查不通过 needs a review comment', 'reviewing', 'compliance_reject', 'COMMENT_REQUIRED'],
  ['§30(二) 对不予提供的，提供部门应说明理由', 'forwarded', 'provider_refuse', 'REASON_REQUIRED'],
  ['§30(三) 因履职尽责确需使用: opening negotiation needs a statement', 'refused', 'open_negotiation', 'REASON_REQUIRED'],
  ['§30(三) upholding a refusal in coordination needs a comment', 'coordination', 'coordination_uphold', 'COMMENT_REQUIRED'],
];

for (const [title, status, action, code] of texts) {
  test(title, () => {
    for (const blank of [undefined, '', '  \n']) {
      const r = requestTransition(status, action, ctx({ comment: blank, reason: blank }));
      assert.ok(!r.ok && r.error.code === code, `${JSON.stringify(blank)}`);
      assert.ok(!r.ok && r.error.zh.length > 0 && r.error.en.length > 0);
    }
  });
}

test('§28 §30 exactly the actions of REQUIRED_TEXT need a text; the others go through without one', () => {
  for (const [status, coordinated, row] of table) {
    for (const action of REQUEST_ACTIONS) {
      if (row[action] === X || action in REQUIRED_TEXT) continue;
      const r = requestTransition(status, action, ctx({ coordinated, comment: undefined, reason: undefined }));
      assert.ok(r.ok, `${status} ${action}`);
    }
  }
});

test('§30(二) a comment does not stand in for a refusal reason (nor the other way round)', () => {
  const refuse = requestTransition('forwarded', 'provider_refuse', ctx({ reason: undefined }));
  assert.ok(!refuse.ok && refuse.error.code === 'REASON_REQUIRED');
  const ret = requestTransition('reviewing', 'compliance_return', ctx({ comment: undefined }));
  assert.ok(!ret.ok && ret.error.code === 'COMMENT_REQUIRED');
});

test('an illegal action is reported as illegal even without its text', () => {
  const r = requestTransition('granted', 'provider_refuse', ctx({ reason: undefined }));
  assert.ok(!r.ok && r.error.code === 'ILLEGAL_TRANSITION');
});

test('§30(三) 协商未果的由同级政务数据主管部门协调解决: a refusal upheld by coordination is final', () => {
  const upheld = requestTransition('coordination', 'coordination_uphold', ctx());
  assert.ok(upheld.ok && upheld.to === 'refused');
  const again = requestTransition('refused', 'open_negotiation', ctx({ coordinated: true }));
  assert.ok(!again.ok && again.error.code === 'ILLEGAL_TRANSITION');
  assert.ok(!again.ok && again.error.zh.includes('终态') && again.error.en.includes('final'));
  assert.deepEqual(availableRequestActions('refused', ctx({ coordinated: true })), []);
  assert.equal(isFinalStatus('refused', true), true);
  assert.equal(isFinalStatus('refused', false), false);
});

test('rejected, granted and cancelled are final: the message says so', () => {
  for (const status of ['rejected', 'granted', 'cancelled'] as const) {
    assert.equal(isFinalStatus(status, false), true);
    for (const action of REQUEST_ACTIONS) {
      const r = requestTransition(status, action, ctx());
      assert.ok(!r.ok && r.error.zh.includes('终态') && r.error.en.includes('final'), `${status} ${action}`);
    }
  }
  for (const status of ['reviewing', 'returned', 'forwarded', 'negotiation', 'coordination'] as const) {
    assert.equal(isFinalStatus(status, false), false, status);
  }
});

test('§28 the step of each status is the one its transitions close, pause and resume', () => {
  for (const rule of REQUEST_TRANSITIONS) {
    for (const from of rule.from) {
      const r = requestTransition(from, rule.action, ctx({ shareType: 'conditional' }));
      assert.ok(r.ok, `${from} ${rule.action}`);
      if (!r.ok) continue;
      for (const k of ['close', 'pause', 'resume'] as const) {
        if (r[k] !== undefined) assert.equal(r[k], STATUS_STEP[from], `${from} ${rule.action} ${k}`);
      }
      if (r.open !== undefined) assert.equal(r.open, STATUS_STEP[r.to], `${from} ${rule.action} open`);
    }
  }
});

test('§29 §30(一) every grant names who granted; only grants made without the provider notify it', () => {
  for (const [status, coordinated, row] of table) {
    for (const action of REQUEST_ACTIONS) {
      const e = row[action];
      if (e === X) continue;
      assert.equal(e.to === 'granted', e.grantBy !== undefined, `${status} ${action}`);
      assert.equal(e.notifyProvider === true, e.grantBy !== undefined && e.grantBy !== 'provider', `${status} ${action} ${coordinated}`);
    }
  }
});

test('available actions (UI buttons) per status', () => {
  assert.deepEqual(availableRequestActions('reviewing', ctx()), ['compliance_pass', 'compliance_return', 'compliance_reject', 'cancel']);
  assert.deepEqual(availableRequestActions('reviewing', ctx({ shareType: 'none' })), ['compliance_return', 'compliance_reject', 'cancel']);
  assert.deepEqual(availableRequestActions('returned', ctx()), ['resubmit', 'cancel']);
  assert.deepEqual(availableRequestActions('forwarded', ctx()), ['provider_grant', 'provider_refuse', 'cancel']);
  assert.deepEqual(availableRequestActions('refused', ctx()), ['open_negotiation']);
  assert.deepEqual(availableRequestActions('negotiation', ctx()), ['provider_grant', 'negotiation_fail', 'cancel']);
  assert.deepEqual(availableRequestActions('coordination', ctx()), ['coordination_grant', 'coordination_uphold']);
  for (const s of ['rejected', 'granted', 'cancelled'] as const) assert.deepEqual(availableRequestActions(s, ctx()), []);
  // without texts, the buttons are still shown: the text is asked for when the button is pressed
  assert.deepEqual(availableRequestActions('forwarded', ctx({ reason: undefined })), ['provider_grant', 'provider_refuse', 'cancel']);
});
