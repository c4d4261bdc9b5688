/**
 * 共享申请校验 — what a share request must say before the authority's compliance review (§28
 * 符合性审核 checks exactly this): the items asked for exist in the entry (§27), the method is one the
 * entry offers (§17, §39 按照授权的方式和范围使用), purpose, scenario and basis are stated (§20 明确的共享
 * 需求和数据使用用途, §30 使用用途、应用场景), the period is at most three years (§31), and 不予共享 data
 * is asked for only after 脱密/脱敏 (§23). Never throws; accepts any JSON.
 */
import { addDays, isIsoDate, type IsoDate } from '../calendar/index.ts';
import type { Issue } from '../catalog/issue.ts';
import { SHARE_METHOD_LABELS } from '../catalog/labels.ts';
import type { ItemType, SensitiveType } from '../catalog/types.ts';
import { validateRowScope } from '../policy/row-scope-rules.ts';
import { REQUEST_FIELD_LABELS } from './labels.ts';
import { SHARE_ROUTES, type EntryShareMethod, type EntryShareType, type ShareRoute } from './types.ts';

export { hasErrors, type Issue } from '../catalog/issue.ts';

/** §31 数据最长授权期为三年. */
export const MAX_REQUEST_YEARS = 3;

export interface ShareRequestInput {
  items?: unknown;
  purpose?: unknown;
  scenario?: unknown;
  basis?: unknown;
  method?: unknown;
  validUntil?: unknown;
  route?: unknown;
  desensitization?: unknown;
  /** `{ rowScope?, rowFilter? }`: the rows asked for (§27), structured, with a description. */
  conditions?: unknown;
}

/** The published entry as these rules need it. */
export interface RequestedEntry {
  shareType: EntryShareType;
  shareMethod: EntryShareMethod;
  items: readonly { name: string; key?: boolean; type?: ItemType; label?: string; sensitiveType?: SensitiveType }[];
  notShareBasis?: string;
}

/**
 * Methods a request may ask for: the entry's own; a 库表 entry is also served by API (the platform
 * reads the table); an API or 库表 entry with key items can also be verified (数据比对, §22).
 */
export function allowedMethods(entry: Pick<RequestedEntry, 'shareMethod' | 'items'>): EntryShareMethod[] {
  const methods: EntryShareMethod[] = [entry.shareMethod];
  if (entry.shareMethod === 'table') methods.push('api');
  if ((entry.shareMethod === 'api' || entry.shareMethod === 'table') && entry.items.some((i) => i.key === true)) methods.push('verify');
  return methods;
}

/** The same month and day three years on; 02-29 becomes 02-28 (§31). */
export function maxValidUntil(today: IsoDate): IsoDate {
  const year = Number(today.slice(0, 4)) + MAX_REQUEST_YEARS;
  const candidate = `${String(year).padStart(4, '0')}${today.slice(4)}`;
  return isIsoDate(candidate) ? candidate : `${String(year).padStart(4, '0')}-02-28`;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function issue(level: Issue['level'], code: string, field: string, article: string, zh: string, en: string): Issue {
  return { level, code, field, zh, en, article };
}

function required(field: keyof typeof REQUEST_FIELD_LABELS, article: string, why: { zh: string; en: string }): Issue {
  const l = REQUEST_FIELD_LABELS[field];
  return issue('error', 'REQUIRED', field, article, `请填写${l.zh}：${why.zh}`, `${l.en} is required: ${why.en}`);
}

function checkItems(raw: unknown, entry: RequestedEntry): Issue[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    return [required('items', '§20', { zh: '应提出明确的共享需求（第二十条）', en: 'a request must state what it needs (§20)' })];
  }
  const names = new Set(entry.items.map((i) => i.name));
  const out: Issue[] = [];
  const seen = new Set<string>();
  raw.forEach((v, i) => {
    const field = `items[${i}]`;
    if (typeof v !== 'string' || v.trim() === '') {
      out.push(issue('error', 'INVALID_ITEM', field, '§20', '数据项应为数据项名称', 'a data item must be an item name'));
      return;
    }
    if (seen.has(v)) {
      out.push(issue('error', 'DUPLICATE_ITEM', field, '§20', `数据项 ${v} 重复`, `data item ${v} is listed twice`));
      return;
    }
    seen.add(v);
    if (!names.has(v)) {
      out.push(issue('error', 'UNKNOWN_ITEM', field, '§27', `目录中没有数据项 ${v}`, `the entry has no data item ${v}`));
    }
  });
  return out;
}

function checkMethod(raw: unknown, entry: RequestedEntry): Issue[] {
  const allowed = allowedMethods(entry);
  if (text(raw) === '') {
    return [required('method', '§17', { zh: `可选：${allowed.join('、')}`, en: `one of ${allowed.join(', ')}` })];
  }
  if (!(allowed as readonly unknown[]).includes(raw)) {
    const zh = (m: string) => SHARE_METHOD_LABELS[m as EntryShareMethod]?.zh ?? m;
    const en = (m: string) => SHARE_METHOD_LABELS[m as EntryShareMethod]?.en ?? m;
    return [issue('error', 'METHOD_NOT_ALLOWED', 'method', '§17',
      `该目录不提供「${zh(String(raw))}」方式共享，可选：${allowed.map(zh).join('、')}`,
      `the entry is not shared by ${en(String(raw))}; allowed: ${allowed.map(en).join(', ')}`)];
  }
  return [];
}

function checkValidUntil(raw: unknown, today: IsoDate): Issue[] {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return [required('validUntil', '§31', { zh: '授权须有期限，最长三年（第三十一条）', en: 'a grant has an end date, at most three years on (§31)' })];
  }
  if (!isIsoDate(raw)) {
    return [issue('error', 'INVALID_DATE', 'validUntil', '§31', `${String(raw)} 不是有效日期（YYYY-MM-DD）`, `${String(raw)} is not a valid date (YYYY-MM-DD)`)];
  }
  if (raw <= today) {
    return [issue('error', 'NOT_AFTER_TODAY', 'validUntil', '§31', `授权截止日期应晚于今天（${today}）`, `the end date must be after today (${today})`)];
  }
  const max = maxValidUntil(today);
  if (raw > max) {
    return [issue('error', 'TOO_LONG', 'validUntil', '§31',
      `数据最长授权期为三年，截止日期最晚为 ${max}（第三十一条）`,
      `a grant lasts at most three years: the end date can be ${max} at the latest (§31)`)];
  }
  return [];
}

function checkRoute(input: ShareRequestInput, entry: RequestedEntry): Issue[] {
  const route: ShareRoute | undefined = input.route === undefined || input.route === null ? 'standard'
    : (SHARE_ROUTES as readonly unknown[]).includes(input.route) ? (input.route as ShareRoute) : undefined;
  if (route === undefined) {
    return [issue('error', 'INVALID_VALUE', 'route', '§23', `申请路径应为 ${SHARE_ROUTES.join('、')}`, `route must be one of ${SHARE_ROUTES.join(', ')}`)];
  }
  const described = text(input.desensitization) !== '';
  if (entry.shareType === 'none') {
    if (route === 'desensitized' && described) return [];
    const basis = text(entry.notShareBasis);
    const quoted = basis === '' ? { zh: '', en: '' } : { zh: `，依据：${basis}`, en: ` (basis: ${basis})` };
    return route === 'desensitized'
      ? [issue('error', 'NOT_SHAREABLE', 'desensitization', '§23',
        `不予共享类数据须说明所需的脱密、脱敏处理，处理后达到共享条件的方可在一定范围共享（第二十三条）${quoted.zh}`,
        `Data not to be shared can only be asked for with a description of the desensitization it needs (§23)${quoted.en}`)]
      : [issue('error', 'NOT_SHAREABLE', 'entryId', '§23',
        `该数据属于不予共享类${quoted.zh}；经脱密、脱敏处理后达到共享条件的，可按脱敏路径申请（第二十三条）`,
        `This data is not to be shared${quoted.en}; it can be asked for after desensitization (§23)`)];
  }
  if (route === 'desensitized') {
    return [issue('warning', 'DESENSITIZATION_NOT_NEEDED', 'route', '§23',
      '该数据可共享，无需按脱密脱敏路径申请；有条件共享数据的脱敏由提供部门按共享范围处理',
      'This data is shareable: no desensitization route is needed; the provider applies the masking its share scope requires')];
  }
  return [];
}

/** The rows asked for (§27): a row scope on the entry's items (row-scope-rules.ts), described in words if wished. */
function checkConditions(raw: unknown, entry: RequestedEntry): Issue[] {
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return [issue('error', 'INVALID_VALUE', 'conditions', '§27', '申请条件应为 {rowScope, rowFilter}', 'conditions must be {rowScope, rowFilter}')];
  }
  const items = entry.items.map((i) => ({ ...i, type: i.type ?? 'string' }));
  return validateRowScope((raw as { rowScope?: unknown }).rowScope, items, { article: '§27', field: 'conditions.rowScope' });
}

/** Every issue of a share request against the published entry, on `today` (Shanghai day). */
export function validateShareRequest(input: ShareRequestInput, entry: RequestedEntry, today: IsoDate): Issue[] {
  const out: Issue[] = [];
  out.push(...checkRoute(input, entry));
  out.push(...checkItems(input.items, entry));
  out.push(...checkMethod(input.method, entry));
  out.push(...checkValidUntil(input.validUntil, today));
  out.push(...checkConditions(input.conditions, entry));
  if (text(input.purpose) === '') out.push(required('purpose', '§20', { zh: '应提出数据使用用途（第二十条）', en: 'state what the data is used for (§20)' }));
  if (text(input.scenario) === '') out.push(required('scenario', '§30', { zh: '应明确应用场景（第三十条）', en: 'state the scenario of use (§30)' }));
  if (text(input.basis) === '') out.push(required('basis', '§20', { zh: '应说明履行职责的依据（第二十条）', en: 'state the duty the data is needed for (§20)' }));
  return out;
}

/** The earliest end date a grant may have: tomorrow. */
export function minValidUntil(today: IsoDate): IsoDate {
  return addDays(today, 1);
}
