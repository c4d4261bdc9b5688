import assert from 'node:assert/strict';
import { test } from 'node:test';
import { targetPlaceProblems } from './target-rules.ts';

const cases: Array<[title: string, input: Parameters<typeof targetPlaceProblems>[0], fields: string[]]> = [
  ['a sync_ schema of the platform database', { schema: 'sync_fgw', table: 'relief_reserves', onPlatform: true }, []],
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
    const problems = targetPlaceProblems(input);
    assert.deepEqual(problems.map((p) => p.field), fields);
    for (const p of problems) assert.ok(p.zh && p.en);
  });
}
