/**
 * The delivered sheets of a structured CSV or XLSX (§39; security rules §25): in each sheet the header
 * row naming the entry's items is found again among its leading rows, as at upload (findHeaderRow);
 * the rows above it — a title, a unit line — are not data and are dropped; the rows below are projected
 * onto the granted items, masked, inside the grant's row scope. A sheet without such a row (a 填报说明)
 * is not delivered: the data dictionary does not describe it.
 */
import type { Cell } from '../../domain/catalog/sheet-columns.ts';
import { findHeaderRow, HEADER_SEARCH_ROWS, projectedColumns, projectRows, type FoundHeader, type ItemRef } from '../../domain/files/header-projection.ts';
import type { Salt } from '../../domain/policy/masking-hash.ts';
import type { MaskingPlan } from '../../domain/policy/row-policy.ts';
import type { RowScope } from '../../domain/policy/row-scope.ts';
import type { OutSheet } from './render.ts';
import type { SheetRows } from './sources.ts';

export interface SheetPolicy {
  items: readonly ItemRef[];
  granted: readonly string[];
  scope: RowScope;
  masking: MaskingPlan;
  salt: Salt;
}

/**
 * Projected sheets, each with its own header's granted columns; `delivered` collects the items
 * delivered, for the access record. Always at least one sheet (without columns when no sheet names
 * an item any more — the entry's items renamed since the upload), so the output is a valid file.
 */
export async function* projectedSheets(sheets: AsyncIterable<SheetRows>, policy: SheetPolicy, delivered: Set<string>): AsyncGenerator<OutSheet> {
  let any = false;
  for await (const sheet of sheets) {
    const { found, rest } = await locateHeader(sheet.rows, policy.items);
    if (!found) continue;
    const columns = projectedColumns(found.plan, found.header, policy.granted);
    for (const c of columns) delivered.add(c.item);
    any = true;
    yield {
      name: sheet.name, header: columns.map((c) => c.header),
      rows: mapBatches(rest, (batch) => projectRows(batch, found.plan, columns, policy.scope, policy.masking, policy.salt)),
    };
  }
  if (!any) yield { name: 'Sheet1', header: [], rows: empty() };
}

/** Reads a sheet's leading rows, finds its header row there, and hands back the rows after it. */
async function locateHeader(batches: AsyncIterable<Cell[][]>, items: readonly ItemRef[]): Promise<{ found?: FoundHeader; rest: AsyncGenerator<Cell[][]> }> {
  const it = batches[Symbol.asyncIterator]();
  const lead: Cell[][] = [];
  let ended = false;
  while (lead.length < HEADER_SEARCH_ROWS) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    lead.push(...next.value);
  }
  const found = findHeaderRow(lead, items);
  async function* rest(): AsyncGenerator<Cell[][]> {
    const after = found ? lead.slice(found.index + 1) : [];
    if (after.length) yield after;
    if (ended) return;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  }
  return { ...(found ? { found } : {}), rest: rest() };
}

/** Each item of an async source, transformed as it is read. */
export async function* mapBatches<A, B>(source: AsyncIterable<A>, fn: (a: A) => B): AsyncGenerator<B> {
  for await (const a of source) yield fn(a);
}

async function* empty(): AsyncGenerator<Cell[][]> {
  // no rows
}
