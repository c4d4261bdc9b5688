/**
 * Values by the catalog's item type (数据项类型, §10 数据字典): how a value given by a person or an
 * app (a filter, a row-scope condition) must be written, how two values of a type compare, and how a
 * value read from the 前置库 goes out in JSON. Pure and browser-safe: the web forms check scope
 * values with the same rules as the server.
 *
 * Written forms (what `parseTyped` accepts):
 *   string    any text
 *   integer   [+-]digits, within PostgreSQL bigint
 *   decimal   [+-]digits[.digits] (no exponent)
 *   date      YYYY-MM-DD, a real day
 *   datetime  YYYY-MM-DDTHH:MM[:SS[.ffffff]] with Z or ±HH:MM — an instant needs its offset
 *   boolean   true | false
 *   binary    nothing: binary items are never compared
 *
 * Delivered forms (`jsonValue`, docs/api-sharing.md): integer and decimal as JSON numbers when a JSON
 * number (an IEEE double in every client) carries the value exactly, otherwise as the exact decimal
 * string; boolean as true/false; date 'YYYY-MM-DD'; datetime ISO 8601 at +08:00 (China has kept UTC+8
 * without daylight saving since 1991); binary base64; string as is.
 */
import { isIsoDate } from '../calendar/iso-date.ts';
import type { ItemType } from '../catalog/types.ts';

const INTEGER = /^[+-]?\d{1,19}$/;
const DECIMAL = /^[+-]?\d{1,40}(?:\.\d{1,40})?$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/** What a value of the type must look like, for messages (zh, en). */
export const TYPED_FORMS: Record<ItemType, { zh: string; en: string }> = {
  string: { zh: '文本', en: 'text' },
  integer: { zh: '整数', en: 'a whole number' },
  decimal: { zh: '数字（如 12.5）', en: 'a number such as 12.5' },
  date: { zh: '日期 YYYY-MM-DD', en: 'a date YYYY-MM-DD' },
  datetime: { zh: '带时区的时间，如 2024-03-01T08:00:00+08:00', en: 'a time with its offset, e.g. 2024-03-01T08:00:00+08:00' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  binary: { zh: '（二进制数据项不能比较）', en: '(binary items cannot be compared)' },
};

/** Whether `text` is a value of the type as a person or an app writes it. */
export function parseTyped(type: ItemType, text: string): boolean {
  switch (type) {
    case 'string': return true;
    case 'integer': return INTEGER.test(text) && BigInt(text) >= INT8_MIN && BigInt(text) <= INT8_MAX;
    case 'decimal': return DECIMAL.test(text);
    case 'date': return isIsoDate(text);
    case 'datetime': return instantOf(text) !== undefined;
    case 'boolean': return text === 'true' || text === 'false';
    case 'binary': return false;
  }
}

/** Milliseconds since the epoch of a datetime with its offset; undefined when not one. */
function instantOf(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m || !isIsoDate(m[1])) return undefined;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return undefined;
  if (m[6] !== undefined && (Number(m[6]) > 14 || Number(m[7]) > 59)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * A value as the delivery layer may meet it in a row (an upstream API answers numbers, booleans,
 * or datetimes without an offset, which are Shanghai time), as the type's written form; undefined
 * when it is not a value of the type, which never matches a condition (fail closed).
 */
export function typedText(type: ItemType, value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint' || typeof value === 'boolean') text = String(value);
  else return undefined;
  if (type === 'datetime' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(text)) text = `${text.replace(' ', 'T')}+08:00`;
  return parseTyped(type, text) ? text : undefined;
}

/** A decimal's parts with no sign, no leading or trailing zeros: '-012.50' → { neg, int: '12', frac: '5' }. */
function decimalParts(text: string) {
  const neg = text.startsWith('-');
  const [i = '', f = ''] = text.replace(/^[+-]/, '').split('.');
  const int = i.replace(/^0+/, '');
  const frac = f.replace(/0+$/, '');
  return { neg: neg && (int !== '' || frac !== ''), int, frac };
}

function compareDecimal(a: string, b: string): number {
  const x = decimalParts(a);
  const y = decimalParts(b);
  if (x.neg !== y.neg) return x.neg ? -1 : 1;
  const sign = x.neg ? -1 : 1;
  if (x.int.length !== y.int.length) return sign * (x.int.length < y.int.length ? -1 : 1);
  if (x.int !== y.int) return sign * (x.int < y.int ? -1 : 1);
  const width = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(width, '0');
  const fy = y.frac.padEnd(width, '0');
  return fx === fy ? 0 : sign * (fx < fy ? -1 : 1);
}

/**
 * Orders two written values of the type (both must parse): numbers by value, dates and datetimes in
 * time, false before true, text by code point — the order PostgreSQL applies under COLLATE "C".
 */
export function compareTyped(type: ItemType, a: string, b: string): number {
  switch (type) {
    case 'integer':
    case 'decimal': return compareDecimal(a, b);
    case 'datetime': return Math.sign(instantOf(a)! - instantOf(b)!);
    case 'boolean': return a === b ? 0 : a === 'false' ? -1 : 1;
    default: return a === b ? 0 : a < b ? -1 : 1;
  }
}

/** Same number, written the canonical way: '12.50' and '12.5' are the same decimal. */
const sameDecimal = (a: string, b: string) => compareDecimal(a, b) === 0;

/** A number's text without an exponent, as JSON may write it: '1e-8' → '0.00000001'. */
function plainDecimal(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!m) return text;
  const digits = `${m[2]}${m[3] ?? ''}`;
  const point = m[2]!.length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${m[1]}${digits}${'0'.repeat(point - digits.length)}`;
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * The JSON value of an unmasked item read from the 前置库 (the SQL gives each type's canonical text,
 * see delivery/typed-sql.ts). Numbers a double cannot carry exactly stay exact decimal strings.
 */
export function jsonValue(type: ItemType, text: string | null): unknown {
  if (text === null) return null;
  switch (type) {
    case 'integer':
    case 'decimal': {
      const n = Number(text);
      const exact = Number.isFinite(n) && sameDecimal(plainDecimal(String(n)), text) && (type === 'decimal' || Number.isSafeInteger(n));
      return exact ? n : text;
    }
    case 'boolean': return text === 'true' ? true : text === 'false' ? false : text;
    default: return text;
  }
}

/**
 * 'YYYY-MM-DDTHH:MM:SS.ffffff' of UTC+8 wall-clock time (what the SQL gives) as ISO 8601 with the
 * offset, the fraction kept only when there is one: '2024-03-01T08:00:00+08:00'.
 */
export function shanghaiIso(local: string): string {
  const [whole, frac = ''] = local.split('.');
  const digits = frac.replace(/0+$/, '');
  return `${whole}${digits ? `.${digits}` : ''}+08:00`;
}

/** A CSV cell of a delivered value: numbers stay numbers (so a negative one is no formula), the rest text. */
export function csvCell(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : String(value);
}

/**
 * A delivered row with its unmasked values as JSON values of their items' types. Masked values are
 * left as the masking made them — text, or null under the `null` rule — since a masked 12345 is no
 * number any more.
 */
export function typedRow(row: Record<string, unknown>, types: ReadonlyMap<string, ItemType>, unmasked: (item: string) => boolean): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([item, v]) => {
    const type = types.get(item);
    return [item, type && unmasked(item) && (typeof v === 'string' || v === null) ? jsonValue(type, v) : v];
  }));
}
