/**
 * 数据比对/核验 (§22: data "应进行数据比对" is shared conditionally; issue 4): the consumer sends key
 * values and the values it holds; the answer per record and field is match / mismatch, or the record
 * is not found — never the stored value. Pure: the service fetches the stored rows by key.
 */
import type { DataItem, SensitiveType } from '../catalog/types.ts';

export type FieldVerdict = 'match' | 'mismatch';

export interface RecordVerdict {
  index: number;
  found: boolean;
  fields: Record<string, FieldVerdict>;
}

export interface VerifyProblem {
  index: number;
  field: string;
  zh: string;
  en: string;
}

export const MAX_VERIFY_BATCH = 1000;

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
}

/**
 * Checked fields (and folded keys, below) compare as trimmed text; letters upper-cased so a 身份证号's
 * check character "x" matches "X", and full-width digits and letters folded to half-width (how forms
 * typed in Chinese IMEs differ).
 */
export function normalizeForCompare(value: unknown): string | null {
  return asText(value)?.normalize('NFKC').trim().toUpperCase() ?? null;
}

/**
 * Why a value sent cannot be compared, if it cannot: only text, numbers, booleans and null compare.
 * An array or object would be compared as its JS text (`["张三"]` as 张三, a match it never stated);
 * an integer beyond 2^53 was already rounded by JSON parsing (a 身份证号 sent as a number), so it
 * would be looked up wrong and answered "not found".
 */
function valueProblem(value: unknown): { zh: string; en: string } | undefined {
  if (typeof value === 'object' && value !== null) {
    return { zh: '值须为字符串、数字、布尔值或 null，不能是数组或对象', en: 'a value must be a string, number, boolean or null, not an array or object' };
  }
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return {
      zh: '数字超出 JSON 能精确表示的范围（±2^53），已被舍入；请以字符串发送（如身份证号）',
      en: 'the number is beyond what JSON carries exactly (±2^53) and was rounded: send it as a string (e.g. an ID number)',
    };
  }
  return undefined;
}

/** Checks a batch against what the grant allows: keys present, only granted items, a sane size. */
export function checkBatch(records: unknown, keys: readonly string[], checkable: readonly string[]): VerifyProblem[] {
  if (!Array.isArray(records) || records.length === 0) {
    return [{ index: -1, field: 'records', zh: 'records 须为非空数组', en: 'records must be a non-empty array' }];
  }
  if (records.length > MAX_VERIFY_BATCH) {
    return [{ index: -1, field: 'records', zh: `每批最多 ${MAX_VERIFY_BATCH} 条`, en: `at most ${MAX_VERIFY_BATCH} records per batch` }];
  }
  const problems: VerifyProblem[] = [];
  records.forEach((r, index) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) {
      problems.push({ index, field: `records[${index}]`, zh: '每条记录须为对象', en: 'each record must be an object' });
      return;
    }
    for (const k of keys) {
      if (!normalizeForCompare((r as Record<string, unknown>)[k])) {
        problems.push({ index, field: `records[${index}].${k}`, zh: `缺少比对键 ${k}`, en: `key ${k} is missing` });
      }
    }
    for (const [f, value] of Object.entries(r)) {
      if (!keys.includes(f) && !checkable.includes(f)) {
        problems.push({ index, field: `records[${index}].${f}`, zh: `数据项 ${f} 不在核验授权范围内`, en: `item ${f} is not granted for verification` });
      } else {
        const wrong = valueProblem(value);
        if (wrong) problems.push({ index, field: `records[${index}].${f}`, ...wrong });
      }
    }
  });
  return problems;
}

/**
 * How a key item is matched. 'folded' — the value sent NFKC-folded, trimmed and upper-cased, the
 * stored one upper-cased — only for identifiers whose standard makes letter case meaningless:
 * 公民身份号码 (GB 11643: the check character is X, often kept or typed as x) and 统一社会信用代码
 * (GB 32100: upper-case letters, kept in lower case by some systems). Every other key is matched
 * exactly, as text: a 登记证编号 `Jc-0001` and `JC-0001` may be two records, and folding them could
 * answer for the wrong one.
 */
export type KeyMatching = 'folded' | 'exact';

export const CASE_INSENSITIVE_KEY_TYPES: readonly SensitiveType[] = ['id_card', 'uscc'];

export interface VerificationKey {
  name: string;
  matching: KeyMatching;
}

/** The entry's key items, each with how it is matched (by its sensitive type). */
export function verificationKeys(items: readonly Pick<DataItem, 'name' | 'key' | 'sensitiveType'>[]): VerificationKey[] {
  return items.filter((i) => i.key).map((i) => ({
    name: i.name,
    matching: i.sensitiveType !== undefined && CASE_INSENSITIVE_KEY_TYPES.includes(i.sensitiveType) ? 'folded' : 'exact',
  }));
}

/** A key value as it is compared: folded, or the text as sent / as stored. */
export function keyValue(value: unknown, matching: KeyMatching): string | null {
  return matching === 'folded' ? normalizeForCompare(value) : asText(value);
}

/**
 * The distinct values to look a key up by, compared in SQL with the key column as it is matched: a
 * folded key with the column upper-cased (an index on upper(column) serves it), an exact key with the
 * column itself (its plain index serves it).
 */
export function keyLookupValues(records: readonly Record<string, unknown>[], key: VerificationKey): string[] {
  const values = new Set<string>();
  for (const r of records) {
    const value = keyValue(r[key.name], key.matching);
    if (value !== null) values.add(value);
  }
  return [...values];
}

export const keyOf = (record: Record<string, unknown>, keys: readonly VerificationKey[]) =>
  keys.map((k) => keyValue(record[k.name], k.matching)).join('\u0000');

/** One verdict per record: for each non-key field sent, whether it equals the stored value. */
export function verdicts(records: Record<string, unknown>[], keys: readonly VerificationKey[], stored: ReadonlyMap<string, Record<string, unknown>>): RecordVerdict[] {
  return records.map((r, index) => {
    const row = stored.get(keyOf(r, keys));
    if (!row) return { index, found: false, fields: {} };
    const fields: Record<string, FieldVerdict> = {};
    for (const [f, v] of Object.entries(r)) {
      if (keys.some((k) => k.name === f)) continue;
      fields[f] = normalizeForCompare(v) === normalizeForCompare(row[f]) ? 'match' : 'mismatch';
    }
    return { index, found: true, fields };
  });
}
