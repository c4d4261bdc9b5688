/**
 * rowScopeSql and the typed SQL under it, on both databases, against a 前置库-like table whose column
 * types do not all match the catalog (text holding numbers and times, a naive timestamp): the SQL
 * must agree with rowInScope (the same scope evaluated in JS) row by row, and deliver each type's
 * canonical text.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { sql } from 'kysely';
import type { ItemType } from '../../domain/catalog/types.ts';
import { rowInScope, rowScopeOf, type RowCondition } from '../../domain/policy/row-scope.ts';
import { shanghaiIso } from '../../domain/policy/typed-values.ts';
import { forEachDatabase } from '../../testing/databases.ts';
import { rowScopeSql } from './row-scope-sql.ts';
import { deliveredText } from './typed-sql.ts';

const ITEMS: { name: string; type: ItemType }[] = [
  { name: 'code', type: 'string' },
  { name: 'amount', type: 'integer' },
  { name: 'price', type: 'decimal' },
  { name: 'day', type: 'date' },
  { name: 'at_tz', type: 'datetime' },
  { name: 'at_naive', type: 'datetime' },
  { name: 'at_text', type: 'datetime' },
  { name: 'ok', type: 'boolean' },
  { name: 'blob', type: 'binary' },
];

/** As the rows are in JS (what an upstream API would answer), for rowInScope. */
const ROWS = [
  { code: '140525001', amount: '9', price: '2.50', day: '2024-01-31', at_tz: '2024-03-01T08:00:00+08:00', at_naive: '2024-03-01 08:00:00', at_text: '2024-03-01T00:00:00Z', ok: true },
  { code: '140525002', amount: '10', price: '10.00', day: '2024-02-01', at_tz: '2024-03-01T09:00:00+08:00', at_naive: '2024-03-01 09:00:00', at_text: '2024-03-01 09:00:00', ok: false },
  { code: '140502001', amount: '100', price: '-1.25', day: '2024-02-29', at_tz: '2024-02-29T23:59:59+08:00', at_naive: '2024-02-29 23:59:59', at_text: '2024-02-29T23:59:59+08:00', ok: true },
  { code: 'B', amount: '-5', price: '0', day: '2023-12-31', at_tz: '2024-03-02T00:00:00+08:00', at_naive: '2024-03-02 00:00:00', at_text: '2024-03-02T00:00:00+08:00', ok: false },
  { code: 'a', amount: null, price: null, day: null, at_tz: null, at_naive: null, at_text: null, ok: null },
];

const c = (item: string, op: RowCondition['op'], ...values: string[]): RowCondition => ({ item, op, values });
/** Scopes whose SQL and JS answers must agree; several would differ if compared as text. */
const SCOPES: RowCondition[][] = [
  [],
  [c('amount', 'gte', '10')],
  [c('amount', 'lte', '9')],
  [c('amount', 'in', '9', '100')],
  [c('price', 'gte', '2.5')],
  [c('price', 'eq', '10')],
  [c('day', 'gte', '2024-02-01'), c('day', 'lte', '2024-02-29')],
  [c('at_tz', 'gte', '2024-03-01T01:00:00Z')],
  [c('at_naive', 'gte', '2024-03-01T01:00:00Z')],
  [c('at_text', 'lte', '2024-03-01T09:00:00+08:00')],
  [c('at_naive', 'eq', '2024-03-01T00:00:00Z')],
  [c('ok', 'eq', 'true')],
  [c('ok', 'in', 'false')],
  [c('code', 'prefix', '140525')],
  [c('code', 'gte', 'B')],
  [c('code', 'lte', 'a')],
  [c('code', 'in', '140525001', 'B'), c('amount', 'gte', '0')],
];

forEachDatabase('row scope SQL', (t) => {
  const col = (item: string) => sql.ref(item);
  before(async () => {
    await sql.raw(`CREATE TABLE scope_probe (code text, amount text, price numeric(8,2), day date, at_tz timestamptz,
      at_naive timestamp, at_text text, ok boolean, blob bytea)`).execute(t().db);
    for (const r of ROWS) {
      await sql`INSERT INTO scope_probe VALUES (${r.code}, ${r.amount}, ${r.price}, ${r.day}, ${r.at_tz}, ${r.at_naive}, ${r.at_text}, ${r.ok},
        ${r.code === 'B' ? Buffer.alloc(100, 7) : null})`.execute(t().db);
    }
  });

  for (const [i, raw] of SCOPES.entries()) {
    it(`scope ${i}: ${JSON.stringify(raw)} — the SQL keeps exactly the rows rowInScope keeps`, async () => {
      const scope = rowScopeOf({ rowScope: raw }, ITEMS);
      const { rows } = await sql<{ code: string }>`SELECT code FROM scope_probe WHERE ${rowScopeSql(scope, col)} ORDER BY code COLLATE "C"`.execute(t().db);
      const expected = ROWS.filter((r) => rowInScope(scope, r)).map((r) => r.code).sort();
      assert.deepEqual(rows.map((r) => r.code), expected);
    });
  }

  it('a condition without values admits no row, never every row', async () => {
    const { rows } = await sql`SELECT 1 FROM scope_probe WHERE ${rowScopeSql([{ item: 'code', op: 'prefix', values: [] }], col)}`.execute(t().db);
    assert.equal(rows.length, 0);
  });

  it('values are bound: a quote in a value is a value', async () => {
    const { rows } = await sql`SELECT 1 FROM scope_probe WHERE ${rowScopeSql([c('code', 'eq', "x' OR '1'='1")], col)}`.execute(t().db);
    assert.equal(rows.length, 0);
  });

  it('delivers each type\'s canonical text: times at +08:00 whatever the column, base64 on one line', async () => {
    const selected = sql.join(ITEMS.map((i) => sql`${deliveredText(col(i.name), i.type)} AS ${sql.ref(i.name)}`));
    const { rows } = await sql<Record<string, string | null>>`SELECT ${selected} FROM scope_probe ORDER BY code COLLATE "C"`.execute(t().db);
    const b = rows.find((r) => r.code === 'B')!;
    assert.deepEqual({ ...b, at_tz: shanghaiIso(b.at_tz!), at_naive: shanghaiIso(b.at_naive!), at_text: shanghaiIso(b.at_text!) }, {
      code: 'B', amount: '-5', price: '0.00', day: '2023-12-31', at_tz: '2024-03-02T00:00:00+08:00', at_naive: '2024-03-02T00:00:00+08:00',
      at_text: '2024-03-02T00:00:00+08:00', ok: 'false', blob: Buffer.alloc(100, 7).toString('base64'),
    });
    const first = rows.find((r) => r.code === '140525001')!;
    assert.equal(shanghaiIso(first.at_text!), '2024-03-01T08:00:00+08:00', 'Z converted to +08:00');
    assert.equal(first.ok, 'true');
    const empty = rows.find((r) => r.code === 'a')!;
    assert.ok(Object.entries(empty).every(([k, v]) => k === 'code' || v === null));
  });
});
