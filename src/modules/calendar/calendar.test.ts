/** GET /calendar/deadline and /calendar/years over HTTP (DESIGN.md → Calendar). */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { startTestServer, type TestServer } from '../../testing/http.ts';
import { basicWorld } from '../../testing/make.ts';

forEachDatabase('calendar API', (t) => {
  let server: TestServer;
  let token = '';
  before(async () => {
    await basicWorld(t().db);
    server = await startTestServer(t().db);
    token = await server.login('fgw');
  });
  after(() => server.close());
  const get = (q: string) => server.call('GET', `/api/v1/calendar/deadline?${q}`, { token });

  it('§30(一) 2 working days from 2024-02-08 end on the 调休 Sunday 2024-02-18', async () => {
    const res = await get('from=2024-02-08&workdays=2');
    assert.deepEqual(res.body, { deadline: '2024-02-18', dueAt: '2024-02-18T16:00:00.000Z', provisional: false });
  });

  it('marks a deadline reaching a year without an official schedule provisional', async () => {
    const res = await get('from=2026-12-20&workdays=15');
    assert.equal(res.body.provisional, true);
    assert.equal(res.body.deadline, '2027-01-11');
  });

  it('refuses bad input with the field named', async () => {
    assert.equal((await get('from=2024-02-30&workdays=2')).body.error.code, 'INVALID_DATE');
    const zero = await get('from=2024-02-08&workdays=0');
    assert.equal(zero.status, 400);
    assert.equal(zero.body.error.details[0].field, 'querystring.workdays');
    assert.equal((await get('from=2024-02-08')).status, 400);
    const beyond = await get('from=2100-12-30&workdays=5');
    assert.equal(beyond.status, 400, 'a year the calendar cannot count is refused, not a 500 or a guessed date');
    assert.equal(beyond.body.error.code, 'YEAR_NOT_COVERED');
    assert.match(beyond.body.error.zh, /2101 年没有放假安排/);
    assert.match(beyond.body.error.en, /2101 has no holiday schedule/);
    assert.equal((await server.call('GET', '/api/v1/calendar/deadline?from=2024-02-08&workdays=2')).status, 401);
  });

  it('lists the official years', async () => {
    const res = await server.call('GET', '/api/v1/calendar/years', { token });
    assert.deepEqual(res.body.items.map((y: any) => [y.year, y.origin]), [[2024, 'official'], [2025, 'official'], [2026, 'official']]);
  });
});
