/** Tags for the sharing vocabularies (src/domain/sharing/labels.ts), coloured the same on every page. */
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n.ts';
import { GRANT_STATUS_COLOR, OBJECTION_STATUS_COLOR, REQUEST_STATUS_COLOR, sharingLabel, vocabLabel } from '../vocab.ts';
import { fmtDate } from '../format.ts';

export function RequestStatusTag({ value }: { value: string }) {
  const { lang } = useI18n();
  return (
    <Tag color={REQUEST_STATUS_COLOR[value] ?? 'default'} style={{ whiteSpace: 'normal' }} data-testid="request-status">
      {sharingLabel('requestStatus', value, lang)}
    </Tag>
  );
}

export function GrantStatusTag({ value }: { value: string }) {
  const { lang } = useI18n();
  return <Tag color={GRANT_STATUS_COLOR[value] ?? 'default'} data-testid="grant-status">{sharingLabel('grantStatus', value, lang)}</Tag>;
}

/** §31: unused for more than three months — the provider or the authority may revoke. */
export function IdleTag({ since }: { since: string | null }) {
  const { t } = useI18n();
  return (
    <Tooltip title={since ? t('grants.idleHint', { d: fmtDate(since) }) : t('grants.idleHintShort')}>
      <Tag color="orange" data-testid="idle-tag">{t('grants.idle')}</Tag>
    </Tooltip>
  );
}

export function ObjectionStatusTag({ value }: { value: string }) {
  const { t, lang } = useI18n();
  const text = value === 'open' ? t('objections.status.open') : sharingLabel('objectionOutcome', value, lang);
  return <Tag color={OBJECTION_STATUS_COLOR[value] ?? 'default'}>{text}</Tag>;
}

export function MethodText({ value }: { value: string }) {
  const { lang } = useI18n();
  return <>{vocabLabel('shareMethod', value, lang)}</>;
}

/** Data item names as tags; long lists fold after `max` with the rest in a tooltip. */
export function ItemTags({ items, labels, max = 4 }: { items: readonly string[]; labels?: ReadonlyMap<string, string>; max?: number }) {
  const { t } = useI18n();
  const text = (name: string) => labels?.get(name) ?? name;
  const shown = items.slice(0, max);
  const rest = items.slice(max);
  return (
    <span>
      {shown.map((i) => <Tag key={i} bordered={false} style={{ marginBottom: 2 }}>{text(i)}</Tag>)}
      {rest.length ? (
        <Tooltip title={rest.map(text).join('、')}>
          <Tag bordered={false} color="blue">{t('common.more', { n: rest.length })}</Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}
