/** Tags for the catalog vocabularies, coloured the same on every page. */
import { Tag } from 'antd';
import { useI18n } from '../i18n.ts';
import { GRADE_COLOR, SHARE_TYPE_COLOR, STATUS_COLOR, vocabLabel } from '../vocab.ts';

export function ShareTypeTag({ value }: { value: string | undefined }) {
  const { lang } = useI18n();
  if (!value) return null;
  return <Tag color={SHARE_TYPE_COLOR[value] ?? 'default'}>{vocabLabel('shareType', value, lang)}</Tag>;
}

export function GradeTag({ value }: { value: number | undefined }) {
  const { lang } = useI18n();
  if (value === undefined) return null;
  return <Tag color={GRADE_COLOR[String(value)] ?? 'default'}>{vocabLabel('grade', value, lang)}</Tag>;
}

export function StatusTag({ value }: { value: string | undefined }) {
  const { lang } = useI18n();
  if (!value) return null;
  return <Tag color={STATUS_COLOR[value] ?? 'default'}>{vocabLabel('status', value, lang)}</Tag>;
}

export function PlainTag({ vocab, value }: { vocab: Parameters<typeof vocabLabel>[0]; value: string | number | undefined }) {
  const { lang } = useI18n();
  if (value === undefined) return null;
  return <Tag>{vocabLabel(vocab, value, lang)}</Tag>;
}

const MOUNT_STATUS: Record<string, { color: string; key: 'mount.status.unmounted' | 'mount.status.mounted' | 'mount.status.change_pending' }> = {
  unmounted: { color: 'default', key: 'mount.status.unmounted' },
  mounted: { color: 'green', key: 'mount.status.mounted' },
  change_pending: { color: 'gold', key: 'mount.status.change_pending' },
};

/** 未挂接 / 已挂接 / 变更待审核 (§17, §16): shown for published entries only — a draft has nothing to mount yet. */
export function MountStatusTag({ value, published }: { value: string | undefined; published: boolean }) {
  const { t } = useI18n();
  const shown = value ? MOUNT_STATUS[value] : undefined;
  if (!shown || !published) return null;
  return <Tag color={shown.color} data-testid="mount-status">{t(shown.key)}</Tag>;
}
