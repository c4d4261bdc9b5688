/**
 * Catalog vocabularies for the screens: select options and labels in the UI language, straight from
 * the domain's label tables (src/domain/catalog/labels.ts), so the editor, the filters and the
 * server's Excel columns all say the same words.
 */
import { VOCABULARIES, type LabelTable, type Vocabulary } from '../../src/domain/catalog/labels.ts';
import { ROLE_LABELS, isRole } from '../../src/domain/access/roles.ts';
import { SHARING_VOCABULARIES } from '../../src/domain/sharing/labels.ts';
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

export type SharingVocabName = keyof typeof SHARING_VOCABULARIES;

/** A sharing vocabulary's label (src/domain/sharing/labels.ts): request status, step kind, grant status … */
export function sharingLabel(name: SharingVocabName, value: string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  const labels = SHARING_VOCABULARIES[name].labels as LabelTable<string>;
  const label = labels[value] as { zh: string; en: string } | undefined;
  return label ? label[lang] : value;
}

export function sharingOptions(name: SharingVocabName, lang: Lang): { value: string; label: string }[] {
  const vocab = SHARING_VOCABULARIES[name] as Vocabulary<string>;
  return vocab.values.map((v) => ({ value: v, label: vocab.labels[v]![lang] }));
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

export const REQUEST_STATUS_COLOR: Record<string, string> = {
  reviewing: 'processing',
  returned: 'warning',
  rejected: 'error',
  forwarded: 'blue',
  granted: 'success',
  refused: 'volcano',
  negotiation: 'purple',
  coordination: 'magenta',
  cancelled: 'default',
};

export const GRANT_STATUS_COLOR: Record<string, string> = {
  active: 'success',
  suspended: 'warning',
  expired: 'default',
  revoked: 'error',
};

export const OBJECTION_STATUS_COLOR: Record<string, string> = {
  open: 'processing',
  corrected: 'success',
  confirmed: 'default',
};
