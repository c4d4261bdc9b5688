import { officialSchedules } from './official.ts';
import { checkYearSchedules, hasScheduleErrors, scheduleIssue, type ScheduleIssue, type YearSchedule } from './schedule.ts';

/**
 * The holiday file an administrator maintains for years after the shipped ones, e.g.
 * `{ "years": [ { "year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-02-07"],
 *     "source": "国办发明电〔2026〕x号" } ] }`.
 * Every problem is reported at once, with its JSON path, so one round of fixes is enough.
 */
export type ScheduleFileResult =
  | { ok: true; schedules: YearSchedule[]; warnings: ScheduleIssue[] }
  | { ok: false; errors: ScheduleIssue[]; warnings: ScheduleIssue[] };

const YEAR_FIELDS = new Set(['year', 'holidays', 'workdays', 'source']);

const error = (code: ScheduleIssue['code'], field: string, zh: string, en: string) =>
  scheduleIssue('error', code, field, zh, en);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseScheduleFile(text: string): ScheduleFileResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [error('invalid_json', '', `不是有效的 JSON：${detail}`, `not valid JSON: ${detail}`)], warnings: [] };
  }
  if (!isRecord(doc) || !Array.isArray(doc.years)) {
    const msg = ['文件应为 { "years": [ … ] }', 'the file must be { "years": [ … ] }'] as const;
    return { ok: false, errors: [error('invalid_document', 'years', ...msg)], warnings: [] };
  }
  const issues: ScheduleIssue[] = Object.keys(doc)
    .filter((k) => k !== 'years')
    .map((k) => error('unknown_field', k, `未知字段 "${k}"`, `unknown field "${k}"`));
  const entries: Array<{ schedule: YearSchedule; field: string }> = [];
  doc.years.forEach((entry: unknown, i: number) => {
    const shaped = shapeYear(entry, `years[${i}]`);
    issues.push(...shaped.issues);
    if (shaped.schedule) entries.push({ schedule: shaped.schedule, field: `years[${i}]` });
  });
  issues.push(...checkYearSchedules(entries));
  issues.push(...replacedOfficialYears(entries));
  const errors = issues.filter((i) => i.level === 'error');
  const warnings = issues.filter((i) => i.level === 'warning');
  if (hasScheduleErrors(issues)) return { ok: false, errors, warnings };
  const schedules = entries
    .map(({ schedule }) => ({ ...schedule, holidays: [...schedule.holidays].sort(), workdays: [...schedule.workdays].sort() }))
    .sort((a, b) => a.year - b.year);
  return { ok: true, schedules, warnings };
}

/** Structure only; an entry without a usable year or date lists is reported and left out of the meaning checks. */
function shapeYear(entry: unknown, field: string): { schedule?: YearSchedule; issues: ScheduleIssue[] } {
  if (!isRecord(entry)) {
    return { issues: [error('invalid_document', field, '每一年应为一个对象', 'each year must be an object')] };
  }
  const issues: ScheduleIssue[] = Object.keys(entry)
    .filter((k) => !YEAR_FIELDS.has(k))
    .map((k) => error('unknown_field', `${field}.${k}`, `未知字段 "${k}"`, `unknown field "${k}"`));
  const { year, source } = entry;
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    issues.push(error('invalid_year', `${field}.year`, `年份应为整数，实际为 ${JSON.stringify(year)}`, `year must be an integer, got ${JSON.stringify(year)}`));
  }
  if (source !== undefined && typeof source !== 'string') {
    issues.push(error('invalid_source', `${field}.source`, 'source 应为文本（通知文号）', 'source must be a string (the notice number)'));
  }
  const lists: Partial<Record<'holidays' | 'workdays', string[]>> = {};
  for (const name of ['holidays', 'workdays'] as const) {
    const value = entry[name];
    if (!Array.isArray(value)) {
      issues.push(error('invalid_list', `${field}.${name}`, `${name} 应为日期数组`, `${name} must be an array of "YYYY-MM-DD" dates`));
      continue;
    }
    // Non-text items are kept (as their JSON) so the date check reports them at their own index.
    lists[name] = value.map((d: unknown) => (typeof d === 'string' ? d : JSON.stringify(d)));
  }
  if (typeof year !== 'number' || !Number.isInteger(year) || !lists.holidays || !lists.workdays) return { issues };
  return {
    schedule: { year, holidays: lists.holidays, workdays: lists.workdays, ...(typeof source === 'string' ? { source } : {}) },
    issues,
  };
}

/** Replacing a shipped year is allowed (a corrected notice) but must not go unnoticed. */
function replacedOfficialYears(entries: ReadonlyArray<{ schedule: YearSchedule; field: string }>): ScheduleIssue[] {
  const official = new Set(officialSchedules().map((s) => s.year));
  return entries
    .filter(({ schedule }) => official.has(schedule.year))
    .map(({ schedule, field }) =>
      scheduleIssue('warning', 'replaces_official', `${field}.year`,
        `${schedule.year} 年将替换随版本发布的官方安排`,
        `${schedule.year} will replace the officially shipped schedule`),
    );
}
