/**
 * The data API's page cursor (`cursor` / `nextCursor`). A table page continues after the last row
 * delivered (keyset: its sort value and key), so a deep page costs what the first one does; an
 * upstream-API page, and a table with no key to order by, continue at a position (offset).
 *
 * The cursor is SEALED under the platform key (secret-box.ts: encrypted and authenticated): the key
 * columns it carries may be masked or not even granted (a 公民身份号码 as the table's key), so a
 * readable cursor would leak them, and a forged one must not steer the SQL. It is bound to the
 * grant and the query that made it — grant, entry version, table and order, filters — so a cursor
 * of another grant or query, a changed or a foreign one is refused: 400 INVALID_CURSOR.
 */
import { createHash } from 'node:crypto';
import { badRequest } from '../../http/errors.ts';
import { open, seal, type PlatformKey } from '../security/secret-box.ts';

/** Where the next page starts: after these order values (sort value, then key columns), or at a position. */
export type PageCursor = { after: (string | null)[] } | { offset: number };

/** What a cursor is bound to: anything that changes the rows or their order makes it another query. */
export function cursorBinding(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

export function sealCursor(key: PlatformKey, binding: string, cursor: PageCursor): string {
  return seal(key, JSON.stringify({ b: binding, ...('after' in cursor ? { a: cursor.after } : { o: cursor.offset }) }));
}

const invalidCursor = () => badRequest('INVALID_CURSOR', 'cursor 无效：须原样使用同一查询上一页返回的 nextCursor',
  'invalid cursor: pass the nextCursor of the previous page of the same query, unchanged');

/** The cursor of a page of this query; 400 INVALID_CURSOR for anything else. */
export function openCursor(key: PlatformKey, binding: string, text: string): PageCursor {
  let payload: { b?: unknown; a?: unknown; o?: unknown };
  try {
    payload = JSON.parse(open(key, text)) as typeof payload;
  } catch {
    throw invalidCursor();
  }
  if (payload?.b !== binding) throw invalidCursor();
  if (Array.isArray(payload.a) && payload.a.every((v) => v === null || typeof v === 'string')) return { after: payload.a as (string | null)[] };
  if (Number.isInteger(payload.o) && (payload.o as number) >= 0) return { offset: payload.o as number };
  throw invalidCursor();
}
