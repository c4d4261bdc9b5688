/**
 * 数据异议 (§32): 使用部门对获取的共享数据有疑义或发现有明显错误的，应及时反馈至提供部门，提供部门应在
 * 收到反馈之日起5个工作日内予以校核更正. An objection says what is wrong, may point at data items and
 * at sample records (by key, never by copying the data back), and opens a `correction` step.
 */
import type { Issue } from '../catalog/issue.ts';
import { OBJECTION_OUTCOMES, type ObjectionOutcome } from './types.ts';

/** §32 5个工作日内予以校核更正. */
export const CORRECTION_WORKDAYS = 5;
/** Sample keys an objection may list: enough to point at the records, not a bulk export. */
export const MAX_SAMPLE_KEYS = 100;

export interface ObjectionInput {
  description?: unknown;
  items?: unknown;
  sampleKeys?: unknown;
}

function issue(code: string, field: string, zh: string, en: string): Issue {
  return { level: 'error', code, field, zh, en, article: '§32' };
}

const nameOf = (i: string | { name: string }): string => (typeof i === 'string' ? i : i.name);

/** Issues of an objection against the entry's data items (names, or the items themselves). */
export function validateObjection(input: ObjectionInput, entryItems: readonly (string | { name: string })[]): Issue[] {
  const out: Issue[] = [];
  if (typeof input.description !== 'string' || input.description.trim() === '') {
    out.push(issue('REQUIRED', 'description', '请说明数据的疑义或错误（第三十二条）', 'Describe the doubt or the error (§32)'));
  }
  if (input.items !== undefined && input.items !== null) {
    if (!Array.isArray(input.items)) {
      out.push(issue('INVALID_VALUE', 'items', '数据项应为数据项名称列表', 'items must be a list of item names'));
    } else {
      const names = new Set(entryItems.map(nameOf));
      const seen = new Set<unknown>();
      input.items.forEach((v, i) => {
        if (seen.has(v)) out.push(issue('DUPLICATE_ITEM', `items[${i}]`, `数据项 ${String(v)} 重复`, `data item ${String(v)} is listed twice`));
        else if (typeof v !== 'string' || !names.has(v)) {
          out.push(issue('UNKNOWN_ITEM', `items[${i}]`, `目录中没有数据项 ${String(v)}`, `the entry has no data item ${String(v)}`));
        }
        seen.add(v);
      });
    }
  }
  if (input.sampleKeys !== undefined && input.sampleKeys !== null) {
    if (!Array.isArray(input.sampleKeys)) {
      out.push(issue('INVALID_VALUE', 'sampleKeys', '样例记录应为主键值列表', 'sampleKeys must be a list of record keys'));
    } else if (input.sampleKeys.length > MAX_SAMPLE_KEYS) {
      out.push(issue('TOO_MANY', 'sampleKeys', `样例记录最多 ${MAX_SAMPLE_KEYS} 条，实际 ${input.sampleKeys.length} 条`,
        `at most ${MAX_SAMPLE_KEYS} sample keys, got ${input.sampleKeys.length}`));
    }
  }
  return out;
}

/** Issues of the provider's resolution: corrected or confirmed, with a comment either way. */
export function validateObjectionResolution(input: { outcome?: unknown; comment?: unknown }): Issue[] {
  const out: Issue[] = [];
  if (!(OBJECTION_OUTCOMES as readonly unknown[]).includes(input.outcome)) {
    out.push(issue('INVALID_VALUE', 'outcome', `处理结果应为 ${OBJECTION_OUTCOMES.join('、')}`, `outcome must be one of ${OBJECTION_OUTCOMES.join(', ')}`));
  }
  if (typeof input.comment !== 'string' || input.comment.trim() === '') {
    const confirmed = (input.outcome as ObjectionOutcome | undefined) === 'confirmed';
    out.push(issue('REQUIRED', 'comment',
      confirmed ? '经校核数据无误的，须说明校核情况' : '请说明校核更正情况',
      confirmed ? 'Say how the data was checked and found correct' : 'Say what was checked and corrected'));
  }
  return out;
}
