/**
 * Starts of the same sync at once — a double click, the CLI and the page — end with one run queued
 * and the others told why (409), never a 500: on a PostgreSQL server the transactions really run
 * side by side and the one-active-run index decides.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase } from '../../testing/databases.ts';
import { exchangeWorld, type ExchangeWorld } from './test-kit.ts';

forEachDatabase('table exchange: simultaneous starts', (t) => {
  let w: ExchangeWorld;
  const call = (method: string, path: string, body?: unknown) => w.server.call(method, `/api/v1${path}`, { token: w.tok.fgw, body });
  const outcomes = (res: { status: number; body: { error?: { code: string } } }[]) => res.map((r) => `${r.status} ${r.body.error?.code ?? ''}`.trim()).sort();

  before(async () => {
    w = await exchangeWorld(t().db, { rows: 10 });
  });
  after(() => w.server.close());

  it('starting a sync several times at once queues one run', async () => {
    const target = (await call('POST', '/sync/targets', { grantId: w.grantId, schema: 'sync_fgw' })).body;
    const res = await Promise.all([1, 2, 3, 4, 5].map(() => call('POST', `/sync/targets/${target.id}/runs`, {})));
    assert.deepEqual(outcomes(res), ['202', ...Array(4).fill('409 SYNC_RUN_ACTIVE')]);
    assert.equal((await call('GET', `/sync/runs?targetId=${target.id}`)).body.total, 1);
  });
});
