/**
 * §12: after a law is revised or a function changes, the entry must be updated within 15 working
 * days of the announcement — deadline shown, flagged when overdue, resolved by publishing an update,
 * provisional when it reaches a year without an official schedule and re-timed when one arrives.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildServices } from '../../services.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld, entryBody } from '../../testing/make.ts';

forEachDatabase('catalog change events (§12)', (t) => {
  let server: TestServer;
  let now = new Date('2026-12-21T02:00:00Z');
  const tok: Record<string, string> = {};
  const call = (user: string, method: string, path: string, body?: unknown) => server.call(method, `/api/v1${path}`, { token: tok[user], body });
  let entryId = '';

  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db, { now: () => now });
    for (const u of ['fgw', 'gaj', 'sjj']) tok[u] = await server.login(u);
    const e = await call('fgw', 'POST', '/catalog', entryBody());
    entryId = e.body.id;
    await call('fgw', 'POST', `/catalog/${entryId}/submit`);
    await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' });
  });
  after(() => server.close());

  it('§12 counts 15 working days across 春节 2024 and is overdue after', async () => {
    const res = await call('sjj', 'POST', `/catalog/${entryId}/change-events`, {
      kind: 'law', title: '《特种设备安全法》修订', announcedOn: '2024-02-08',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    // 2024-02-09 is day 1, 02-10..17 are 春节 holidays, 02-18 (a 调休 Sunday) is day 2 … 03-06 is day 15.
    assert.equal(res.body.dueOn, '2024-03-06');
    assert.equal(res.body.dueAt, '2024-03-06T16:00:00.000Z');
    assert.equal(res.body.provisional, false);
    assert.equal(res.body.state, 'overdue');
    assert.ok(res.body.remainingWorkdays < 0);
  });

  it('§12 a deadline reaching 2027 is provisional until the 2027 schedule is imported, then re-timed', async () => {
    const res = await call('fgw', 'POST', `/catalog/${entryId}/change-events`, {
      kind: 'function', title: '职能调整：特种设备登记移交', announcedOn: '2026-12-18',
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.provisional, true);
    assert.equal(res.body.state, 'open');
    const before2027 = res.body.dueOn;
    // An administrator imports 2027 with an extra (invented, for the test) holiday on 2027-01-04.
    const { calendars } = buildServices({ db: t().db, sessionHours: 8 });
    const file = JSON.stringify({ years: [{ year: 2027, holidays: ['2027-01-01', '2027-01-04'], workdays: [], source: 'test' }] });
    const { retimed } = await calendars.importFile({ type: 'system', name: 'test' }, file);
    assert.equal(retimed, 1);
    const list = await call('fgw', 'GET', '/change-events?state=open');
    const ev = list.body.items.find((e: any) => e.id === res.body.id);
    assert.equal(ev.provisional, false);
    assert.notEqual(ev.dueOn, before2027, 'the extra holiday moves the deadline');
  });

  it('refuses a future announcement date and callers outside the provider/authority', async () => {
    const future = await call('fgw', 'POST', `/catalog/${entryId}/change-events`, { kind: 'law', title: 'x', announcedOn: '2027-06-01' });
    assert.equal(future.status, 400);
    const outsider = await call('gaj', 'POST', `/catalog/${entryId}/change-events`, { kind: 'law', title: 'x', announcedOn: '2026-12-01' });
    assert.equal(outsider.status, 403);
  });

  it('§12 publishing an updated version resolves the open events', async () => {
    now = new Date('2026-12-22T02:00:00Z');
    for (const u of ['fgw', 'sjj']) tok[u] = await server.login(u); // yesterday's sessions have expired
    await call('fgw', 'PUT', `/catalog/${entryId}`, entryBody({ summary: '按职能调整更新' }));
    await call('fgw', 'POST', `/catalog/${entryId}/submit`);
    await call('sjj', 'POST', `/catalog/${entryId}/review`, { decision: 'approve' });
    const list = await call('sjj', 'GET', '/change-events?state=all');
    const states = list.body.items.map((e: any) => [e.title, e.state, e.resolvedVersion]);
    assert.deepEqual(states.sort(), [
      ['《特种设备安全法》修订', 'resolved_late', 2],
      ['职能调整：特种设备登记移交', 'resolved', 2],
    ]);
    assert.equal((await call('sjj', 'GET', '/change-events?state=open')).body.total, 0);
  });
});
