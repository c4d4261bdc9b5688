/** Banners at the top of an entry: returned for changes (§13), withdrawal (§19), change deadlines (§12). */
import { Alert, Space } from 'antd';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { CatalogEntry, ChangeEvent } from '../types.ts';
import { DueDate, RemainingDays } from './Deadline.tsx';

/** A returned entry shows the reviewer's comment (§13) until it is resubmitted. */
export function ReturnedBanner({ entry }: { entry: CatalogEntry }) {
  const { t, lang } = useI18n();
  if (entry.status !== 'returned') return null;
  const last = [...(entry.events ?? [])].filter((e) => e.action === 'returned').sort((a, b) => b.at.localeCompare(a.at))[0];
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('entry.returnedTitle')}
      description={last ? `${last.comment ?? ''}${last.actorName ? ` —— ${last.actorName}${last.orgName ? ` · ${last.orgName}` : ''}${lang === 'en' ? ', ' : '，'}${fmtDateTime(last.at)}` : ''}` : undefined}
      data-testid="returned-banner"
    />
  );
}

/** §19: the withdrawal state of an entry. */
export function WithdrawalBanner({ entry }: { entry: CatalogEntry }) {
  const { t, colon, lang, paren } = useI18n();
  const w = entry.withdrawal;
  if (entry.status === 'withdrawn') {
    return <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('entry.withdrawn')} description={w ? `${t('common.reason')}${colon}${w.reason}${w.decisionComment ? `${lang === 'en' ? '; ' : '；'}${t('common.comment')}${colon}${w.decisionComment}` : ''}` : undefined} />;
  }
  if (!w) return null;
  if (w.status === 'pending' || entry.status === 'withdrawing') {
    return (
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('entry.withdrawalPending')}
        description={`${t('common.reason')}${colon}${w.reason}${paren(`${w.requestedBy}${lang === 'en' ? ', ' : '，'}${fmtDateTime(w.requestedAt)}`)}`} data-testid="withdrawal-banner" />
    );
  }
  if (w.status === 'rejected') {
    return <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('entry.withdrawalRejected')} description={w.decisionComment ?? undefined} />;
  }
  return null;
}

/** §12: open change events oblige an update; the nearest deadline is shown with its countdown. */
export function ChangeDeadlineBanner({ events }: { events: ChangeEvent[] }) {
  const { t, colon } = useI18n();
  const open = events.filter((e) => e.state === 'open' || e.state === 'due_soon' || e.state === 'overdue')
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const first = open[0];
  if (!first) return null;
  const overdue = first.state === 'overdue';
  return (
    <Alert
      type={overdue ? 'error' : 'warning'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="change-deadline"
      message={t('entry.changePending', { n: open.length })}
      description={(
        <Space size={12} wrap>
          <span>{first.title}</span>
          <span>{t('changes.dueOn')}{colon}<DueDate event={first} /></span>
          <RemainingDays event={first} />
        </Space>
      )}
    />
  );
}
