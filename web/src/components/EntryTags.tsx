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
