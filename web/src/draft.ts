/**
 * The editor's working copy of an entry body and its conversion to the API body. Rows of the data
 * dictionary carry a local key so React keeps their inputs while rows are added and removed.
 */
import type { CatalogEntryBody, DataItem, SensitiveType } from '../../src/domain/catalog/types.ts';
import { defaultMaskingOf, type GradingRuleSet } from '../../src/domain/grading/index.ts';
import type { CatalogEntry } from './types.ts';

export interface DraftItem extends Partial<DataItem> {
  _key: string;
}

export type Draft = Omit<Partial<CatalogEntryBody>, 'items' | 'category'> & {
  category: { kind?: CatalogEntryBody['category']['kind']; item?: string; subItem?: string };
  items: DraftItem[];
};

/**
 * A row marked with a sensitive type gets that type's default masking from the grading rule set in
 * force (security rules §16, §25, §27: the authority's current defaults, not the built-in ones), which
 * the editor may then change; unmarking it clears the masking.
 */
export function markSensitive(row: DraftItem, sensitiveType: SensitiveType | undefined, rules: GradingRuleSet): DraftItem {
  if (!sensitiveType) return { ...row, sensitiveType: undefined, masking: undefined, maskingParam: undefined };
  const { masking, maskingParam } = defaultMaskingOf(sensitiveType, rules);
  return { ...row, sensitiveType, masking, maskingParam };
}

let counter = 0;
export const newRowKey = (): string => `row-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function emptyDraft(regionLevel: 'city' | 'county'): Draft {
  return {
    name: '',
    summary: '',
    storageLevel: regionLevel === 'county' ? 'county' : 'city',
    category: { kind: 'department' },
    important: false,
    parallelApproval: false,
    items: [],
    relatedCodes: [],
  };
}

const BODY_KEYS = [
  'name', 'summary', 'storageLevel', 'category', 'basicDb', 'themeDb', 'grade', 'important', 'format', 'items',
  'shareType', 'shareScope', 'notShareBasis', 'shareMethod', 'openType', 'openMethod', 'updateCycle',
  'parallelApproval', 'relatedCodes', 'structure',
] as const satisfies readonly (keyof CatalogEntryBody)[];

export function draftFromEntry(entry: CatalogEntry): Draft {
  const d: Record<string, unknown> = {};
  for (const k of BODY_KEYS) {
    const v = entry[k];
    if (v !== undefined && v !== null) d[k] = v;
  }
  return {
    ...(d as Partial<CatalogEntryBody>),
    category: { ...(entry.category ?? {}) },
    items: (entry.items ?? []).map((it) => ({ ...it, _key: newRowKey() })),
    relatedCodes: entry.relatedCodes ?? [],
  } as Draft;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The body the API and validateEntry get: blanks dropped, text trimmed, row keys removed. */
export function toBody(draft: Draft): Partial<CatalogEntryBody> {
  const out: Record<string, unknown> = {};
  for (const k of BODY_KEYS) {
    if (k === 'items' || k === 'category' || k === 'relatedCodes') continue;
    const v = draft[k];
    if (blank(v)) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  const category: Record<string, string> = {};
  if (draft.category.kind) category.kind = draft.category.kind;
  if (!blank(draft.category.item)) category.item = draft.category.item!.trim();
  if (!blank(draft.category.subItem)) category.subItem = draft.category.subItem!.trim();
  out.category = category;
  out.items = draft.items.map((row) => {
    const item: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      if (k === '_key' || blank(v)) continue;
      if (k === 'key' && v === false) continue;
      item[k] = typeof v === 'string' ? v.trim() : v;
    }
    return item;
  });
  const codes = (draft.relatedCodes ?? []).map((c) => c.trim()).filter(Boolean);
  if (codes.length) out.relatedCodes = codes;
  return out as Partial<CatalogEntryBody>;
}
