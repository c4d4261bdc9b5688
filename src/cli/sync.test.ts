/**
 * `gdx sync run` refuses a mistyped grant id or batch size with a bilingual message before it records
 * a run — not a PostgreSQL stack trace, not a run that reads the whole table as one batch.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { AppError } from '../http/errors.ts';
import { exchangeWorld, type ExchangeWorld } from '../modules/exchange/test-kit.ts';
import { forEachDatabase } from '../testing/databases.ts';
import { syncRunCommand } from './sync.ts';

forEachDatabase('gdx sync run arguments', (t) => {
  let w: ExchangeWorld;
  const runs = async () => (await t().db.selectFrom('sync_run').select('id').execute()).length;
  const refusal = (code: string) => (err: unknown) => {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code);
    assert.ok(err.zh && err.en && err.zh !== err.en);
    return true;
  };

  before(async () => {
    w = await exchangeWorld(t().db, { rows: 20 });
    const created = await w.server.call('POST', '/api/v1/sync/targets', { token: w.tok.fgw, body: { grantId: w.grantId, schema: 'sync_fgw' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  });
  after(() => w.server.close());

  const command = (grantId: string, batchRows?: number) => syncRunCommand(t().db, {
    grantId, platformKey: w.platformKey, databaseUrl: t().url, full: false, reconcile: false, ...(batchRows !== undefined ? { batchRows } : {}),
  });

  it('refuses a grant id that is not one, without touching the database', async () => {
    await assert.rejects(command('not-a-uuid'), refusal('GRANT_ID_INVALID'));
    await assert.rejects(command(`${w.grantId} `.repeat(2)), refusal('GRANT_ID_INVALID'));
    assert.equal(await runs(), 0);
  });

  it('refuses a batch size that is not a positive whole number up to 100,000', async () => {
    for (const n of [Number.NaN, Number('abc'), -5, 0, 2.5, 100_001]) await assert.rejects(command(w.grantId, n), refusal('BATCH_INVALID'), String(n));
    assert.equal(await runs(), 0, 'no run was recorded as failed for a typo');
  });
});
