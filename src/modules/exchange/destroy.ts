/**
 * 数据销毁 of a grant's synced copy (security rules §29; the destruction work calls this): drops the
 * table a table sync filled in the consumer's database, with its resumption state, and retires the
 * target so no scheduled run recreates it. Answers how many rows the copy held, for the record.
 *
 * dropSyncedCopy is called by the destruction of a synced copy (src/modules/oversight).
 */
import type { Db } from '../../db/connect.ts';
import { FrontDbs } from '../delivery/front-db.ts';
import type { PlatformKey } from '../security/secret-box.ts';
import { TargetTable } from './target.ts';

export async function dropSyncedCopy(db: Db, grantId: string, opts: { platformKey?: PlatformKey; platformUrl?: string } = {}): Promise<{ rows: number }> {
  const targets = await db.selectFrom('sync_target').selectAll().where('grant_id', '=', grantId).where('deleted_at', 'is', null).execute();
  const fronts = new FrontDbs({ db, ...opts });
  let rows = 0;
  try {
    for (const t of targets) {
      const table = await TargetTable.open(await fronts.endpoint(`target:${t.id}`, t.connection_sealed), t.target_schema, t.target_table, []);
      try {
        rows += await table.drop();
      } finally {
        await table.close();
      }
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('sync_run').set({ status: 'cancelled', finished_at: new Date(), error_code: 'DESTROYED',
          error_zh: '同步副本已销毁', error_en: 'the synced copy was destroyed' })
          .where('target_id', '=', t.id).where('status', '=', 'queued').execute();
        await tx.updateTable('sync_target').set({ deleted_at: new Date() }).where('id', '=', t.id).execute();
      });
    }
  } finally {
    await fronts.close();
  }
  return { rows };
}
