/**
 * 一数一源 — one datum, one source (§15; security rules §22): data that is within another
 * department's duty must be obtained by sharing, not collected again. When an editor describes an
 * item that another department already publishes, we warn and name that department's entry, so the
 * editor can request it instead (§27) — or explain why theirs is a different datum.
 *
 * A warning, not an error: equal names are evidence, not proof (two 联系电话 can be different phones).
 */
import type { DataItem } from './types.ts';
import type { Issue } from './issue.ts';
import { normalizeText } from './normalize-text.ts';

/** One data item of a published entry, as the store lists them. */
export interface PublishedItemRef {
  entryId: string;
  entryName: string;
  /** Unified resource code (§13). */
  code: string;
  providerId: string;
  providerName: string;
  itemName: string;
  itemLabel: string;
}

export interface DuplicateSourceWarning extends Issue {
  level: 'warning';
  code: 'DUPLICATE_SOURCE';
  /** Every published item the item duplicates, ordered by resource code. */
  sources: PublishedItemRef[];
}

/**
 * Names and labels too generic to mean "the same datum" (every table has a 序号 and a 备注).
 * Compared after normalisation.
 */
export const GENERIC_ITEM_NAMES: readonly string[] = [
  'id', 'seq', 'no', 'name', 'code', 'type', 'status', 'remark', 'remarks', 'memo', 'note', 'description',
  'created_at', 'updated_at', 'create_time', 'update_time',
];
export const GENERIC_ITEM_LABELS: readonly string[] = [
  '序号', '编号', '名称', '代码', '类型', '类别', '状态', '备注', '说明', '描述', '创建时间', '更新时间',
];

const genericNames = new Set(GENERIC_ITEM_NAMES.map((n) => n.toLowerCase()));
const genericLabels = new Set(GENERIC_ITEM_LABELS.map(normalizeText));

const nameKey = (name: string): string | undefined => {
  const k = name.trim().toLowerCase();
  return k === '' || genericNames.has(k) ? undefined : k;
};
const labelKey = (label: string): string | undefined => {
  const k = normalizeText(label);
  return k === '' || genericLabels.has(k) ? undefined : k;
};

function index(published: readonly PublishedItemRef[], keyOf: (p: PublishedItemRef) => string | undefined): Map<string, PublishedItemRef[]> {
  const m = new Map<string, PublishedItemRef[]>();
  for (const p of published) {
    const k = keyOf(p);
    if (k === undefined) continue;
    const list = m.get(k);
    if (list) list.push(p);
    else m.set(k, [p]);
  }
  return m;
}

const describe = (s: PublishedItemRef) => ({
  zh: `${s.providerName}「${s.entryName}」（${s.code}）的「${s.itemLabel}」`,
  en: `${s.providerName} "${s.entryName}" (${s.code}) item "${s.itemName}"`,
});

/**
 * One warning per item of `items` whose name (case-insensitive) or normalised Chinese label equals an
 * item published by another department; the provider's own entries are ignored.
 */
export function findDuplicateSources(
  items: ReadonlyArray<Partial<Pick<DataItem, 'name' | 'label'>>>,
  published: readonly PublishedItemRef[],
  ownProviderId: string,
): DuplicateSourceWarning[] {
  const others = published.filter((p) => p.providerId !== ownProviderId);
  const byName = index(others, (p) => nameKey(p.itemName));
  const byLabel = index(others, (p) => labelKey(p.itemLabel));
  const out: DuplicateSourceWarning[] = [];
  items.forEach((item, i) => {
    const nk = item.name === undefined ? undefined : nameKey(item.name);
    const lk = item.label === undefined ? undefined : labelKey(item.label);
    const found = [...(nk ? byName.get(nk) ?? [] : []), ...(lk ? byLabel.get(lk) ?? [] : [])];
    const unique = new Map<string, PublishedItemRef>();
    for (const s of found) unique.set(`${s.entryId}\u0000${s.itemName}`, s);
    if (unique.size === 0) return;
    const sources = [...unique.values()].sort((a, b) => a.code.localeCompare(b.code) || a.itemName.localeCompare(b.itemName));
    const label = item.label ?? item.name ?? '';
    const name = item.name ?? item.label ?? '';
    out.push({
      level: 'warning',
      code: 'DUPLICATE_SOURCE',
      field: `items[${i}]`,
      article: '§15',
      zh: `第${i + 1}个数据项「${label}」已由其他部门发布：${sources.map((s) => describe(s).zh).join('；')}。按照一数一源要求，应通过共享获取，不得重复收集`,
      en: `Data item #${i + 1} "${name}" is already published by another department: ${sources.map((s) => describe(s).en).join('; ')}. One datum, one source: obtain it by sharing instead of collecting it again`,
      sources,
    });
  });
  return out;
}
