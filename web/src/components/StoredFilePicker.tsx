/**
 * Picks stored versions of an entry's files for a destruction request (security rules §29): each
 * version by name, or nothing for every stored version. The platform lists them from its own store.
 */
import { Select } from 'antd';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { EntryFiles } from '../types.ts';

/** A picked version, as the destruction request takes it. */
export type PickedFile = { name: string; version: number };

const SEP = '\u0000';
export const pickedFiles = (values: string[] | undefined): PickedFile[] =>
  (values ?? []).map((v) => { const [name, version] = v.split(SEP); return { name: name!, version: Number(version) }; });

export function StoredFilePicker({ entryId, value, onChange }: { entryId: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useI18n();
  const { data, loading } = useLoader((signal) => api.get<EntryFiles>(`/catalog/${encodeURIComponent(entryId)}/files`, undefined, signal), [entryId]);
  return (
    <Select
      mode="multiple" allowClear loading={loading} value={value} onChange={onChange} placeholder={t('files.destroyAll')}
      options={(data?.items ?? []).map((f) => ({
        value: `${f.name}${SEP}${f.version}`,
        label: `${f.name} v${f.version}${f.current ? ` · ${t('files.current')}` : ''}${f.sealed ? ` · ${t('files.sealed')}` : ''}`,
      }))}
    />
  );
}
