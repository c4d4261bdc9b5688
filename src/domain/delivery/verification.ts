/**
 * 数据比对/核验 (§22: data "应进行数据比对" is shared conditionally; issue 4): the consumer sends key
 * values and the values it holds; the answer per record and field is match / mismatch, or the record
 * is not found — never the stored value. Pure: the service fetches the stored rows by key.
 */
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

/**
 * Values compare as trimmed text; letters upper-cased so a 身份证号's check character "x" matches
 * "X", and full-width digits and letters folded to half-width (how forms typed in Chinese IMEs differ).
 */
export function normalizeForCompare(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return text.normalize('NFKC').trim().toUpperCase();
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
      if (normalizeForCompare((r as Record<string, unknown>)[k]) === null) {
        problems.push({ index, field: `records[${index}].${k}`, zh: `缺少比对键 ${k}`, en: `key ${k} is missing` });
      }
    }
    for (const f of Object.keys(r)) {
      if (!keys.includes(f) && !checkable.includes(f)) {
        problems.push({ index, field: `records[${index}].${f}`, zh: `数据项 ${f} 不在核验授权范围内`, en: `item ${f} is not granted for verification` });
      }
    }
  });
  return problems;
}

/**
 * The values to look a key up by in the key column itself, so the column's index serves the lookup:
 * each record's key normalised (upper case) and in lower case — how keys are kept (a 身份证号's "X"
 * either way). The rows found are matched by normalised key (keyOf), so the lookup may find more
 * than it keeps; a key kept in mixed case (`Jc-0001`) is not found.
 */
export function keyProbes(records: readonly Record<string, unknown>[], key: string): string[] {
  const probes = new Set<string>();
  for (const r of records) {
    const value = normalizeForCompare(r[key]);
    if (value === null) continue;
    probes.add(value);
    probes.add(value.toLowerCase());
  }
  return [...probes];
}

export const keyOf = (record: Record<string, unknown>, keys: readonly string[]) => keys.map((k) => normalizeForCompare(record[k])).join('\u0000');

/** One verdict per record: for each non-key field sent, whether it equals the stored value. */
export function verdicts(records: Record<string, unknown>[], keys: readonly string[], stored: ReadonlyMap<string, Record<string, unknown>>): RecordVerdict[] {
  return records.map((r, index) => {
    const row = stored.get(keyOf(r, keys));
    if (!row) return { index, found: false, fields: {} };
    const fields: Record<string, FieldVerdict> = {};
    for (const [f, v] of Object.entries(r)) {
      if (keys.includes(f)) continue;
      fields[f] = normalizeForCompare(v) === normalizeForCompare(row[f]) ? 'match' : 'mismatch';
    }
    return { index, found: true, fields };
  });
}
