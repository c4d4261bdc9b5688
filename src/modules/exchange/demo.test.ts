/**
 * The demo's table-exchange story works out of the box: fgw's 库表 grant on 地下水污染防治重点区 has a
 * target in sync_fgw, and a sync run copies every row of the 前置库 table with the granted items only.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import { sql } from 'kysely';
import { EXCHANGE_DEMO_SCHEMA } from '../../demo/seed-exchange.ts';
import { seedDemoIfEmpty } from '../../demo/seed.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { FrontDbs } from '../delivery/front-db.ts';
import { platformKeyFrom } from '../security/secret-box.ts';
import { SyncRunner } from './engine.ts';
import { createRun } from './runs.ts';

forEachDatabase('demo table exchange', (t) => {
  it('fgw\'s configured target syncs the 前置库 table', async () => {
    const platformKey = platformKeyFrom(randomBytes(32));
    await seedDemoIfEmpty(t().db, { password: 'Demo-passw0rd', platformKey, log: { info: () => undefined } });
    const target = await t().db.selectFrom('sync_target').selectAll().executeTakeFirstOrThrow();
    assert.equal(target.target_schema, EXCHANGE_DEMO_SCHEMA);
    const run = await t().db.transaction().execute((tx) => createRun(tx, target, { trigger: 'cli', requestedBy: null }, new Date()));
    const fronts = new FrontDbs({ db: t().db, platformKey, platformUrl: t().url });
    const ended = await new SyncRunner({ db: t().db, platformKey, fronts }).execute(run.id);
    await fronts.close();
    assert.equal(ended.status, 'succeeded', ended.error_en ?? '');
    const source = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM qzk_sthjj.groundwater_key_zones`.execute(t().db)).rows[0]!.n;
    const copied = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`${EXCHANGE_DEMO_SCHEMA}.${target.target_table}`)}`.execute(t().db)).rows[0]!.n;
    assert.ok(source > 0);
    assert.equal(copied, source);
    const cols = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_schema = ${EXCHANGE_DEMO_SCHEMA}
      AND table_name = ${target.target_table}`.execute(t().db);
    assert.ok(!cols.rows.some((c) => c.column_name === 'measures'), 'an item not asked for is not synced');
  });
});
