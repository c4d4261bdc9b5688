import assert from 'node:assert/strict';
import { test } from 'node:test';
import { platformSchemaOf, targetPlaceProblems } from './target-rules.ts';

type Place = Omit<Parameters<typeof targetPlaceProblems>[0], 'orgKey'> & { orgKey?: string };
const cases: Array<[title: string, input: Place, fields: string[]]> = [
  ['the consumer\'s own sync_ schema of the platform database', { schema: 'sync_fgw', table: 'relief_reserves', onPlatform: true }, []],
  ['another department\'s sync_ schema of the platform database', { schema: 'sync_fgw', table: 'relief_reserves', onPlatform: true, orgKey: 'wlj' }, ['body.schema']],
  ['a sync_ schema of no department', { schema: 'sync_x', table: 'relief_reserves', onPlatform: true }, ['body.schema']],
  ['a county department\'s own schema: its key\'s dot as an underscore', { schema: 'sync_zzx_zrzyj', table: 't', onPlatform: true, orgKey: 'zzx.zrzyj' }, []],
  ['the same name in the consumer\'s own database belongs to nobody else', { schema: 'sync_wlj', table: 't', onPlatform: false }, []],
  ['any schema of the consumer\'s own database', { schema: 'ods', table: 'relief_reserves', onPlatform: false }, []],
  ['the platform\'s public schema', { schema: 'public', table: 'share_grant', onPlatform: true }, ['body.schema']],
  ['a provider\'s 前置库 schema', { schema: 'qzk_gaj', table: 'permits', onPlatform: true }, ['body.schema']],
  ['a system schema, even in the consumer\'s database', { schema: 'pg_catalog', table: 't', onPlatform: false }, ['body.schema']],
  ['information_schema', { schema: 'information_schema', table: 't', onPlatform: false }, ['body.schema']],
  ['upper case and quotes are not identifiers', { schema: 'Sync_X', table: 'a"b', onPlatform: false }, ['body.schema', 'body.table']],
  ['the platform\'s bookkeeping names', { schema: 'sync_fgw', table: 'gdx_sync_state', onPlatform: true }, ['body.table']],
];
for (const [title, input, fields] of cases) {
  test(`sync target place: ${title}`, () => {
    const problems = targetPlaceProblems({ orgKey: 'fgw', ...input });
    assert.deepEqual(problems.map((p) => p.field), fields);
    for (const p of problems) assert.ok(p.zh && p.en);
  });
}

test('each department has its own platform schema', () => {
  assert.equal(platformSchemaOf('fgw'), 'sync_fgw');
  assert.equal(platformSchemaOf('zzx.zrzyj'), 'sync_zzx_zrzyj');
});
