/**
 * Catalog vocabularies for the screens: select options and labels in the UI language, straight from
 * the domain's label tables (src/domain/catalog/labels.ts), so the editor, the filters and the
 * server's Excel columns all say the same words.
 */
import { VOCABULARIES, type LabelTable, type Vocabulary } from '../../src/domain/catalog/labels.ts';
import { ROLE_LABELS, isRole } from '../../src/domain/access/roles.ts';
import type { Lang } from './api.ts';

export type VocabName = keyof typeof VOCABULARIES;

export function vocabLabel(name: VocabName, value: string | number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  const labels = VOCABULARIES[name].labels as LabelTable<string | number>;
  const label = labels[value as never] as { zh: string; en: string } | undefined;
  return label ? label[lang] : String(value);
}

export function vocabOptions(name: VocabName, lang: Lang): { value: string | number; label: string }[] {
  const vocab = VOCABULARIES[name] as Vocabulary<string | number>;
  return vocab.values.map((v) => ({ value: v, label: (vocab.labels[v] as { zh: string; en: string })[lang] }));
}

export function roleLabel(role: string, lang: Lang): string {
  return isRole(role) ? ROLE_LABELS[role][lang] : role;
}

/** Colours of the tags, so a share type or grade reads the same on every page. */
export const SHARE_TYPE_COLOR: Record<string, string> = {
  unconditional: 'green',
  conditional: 'gold',
  none: 'default',
};

export const GRADE_COLOR: Record<string, string> = {
  '1': 'blue',
  '2': 'cyan',
  '3': 'orange',
  '4': 'red',
};

export const STATUS_COLOR: Record<string, string> = {
  draft: 'default',
  pending: 'processing',
  returned: 'warning',
  published: 'success',
  withdrawing: 'purple',
  withdrawn: 'default',
};
