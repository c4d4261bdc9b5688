/**
 * A §12 deadline: the due date, working days left (Chinese working days, counted by the server), a
 * "provisional" mark when the year's official holiday schedule is not known yet, red when overdue.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ChangeEvent } from '../types.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDate } from '../format.ts';

const STATE_COLOR: Record<string, string> = {
  open: 'processing',
  due_soon: 'warning',
  overdue: 'error',
  resolved: 'success',
  resolved_late: 'default',
};

export function ChangeStateTag({ state }: { state: string }) {
  const { t } = useI18n();
  const key = `changes.state.${state}` as MessageKey;
  return <Tag color={STATE_COLOR[state] ?? 'default'}>{t(key) || state}</Tag>;
}

export function RemainingDays({ event }: { event: Pick<ChangeEvent, 'state' | 'remainingWorkdays'> }) {
  const { t } = useI18n();
  if (event.state === 'resolved' || event.state === 'resolved_late') return <Typography.Text type="secondary">—</Typography.Text>;
  const n = event.remainingWorkdays;
  if (n === null || n === undefined) return null;
  if (event.state === 'overdue' || n < 0) {
    return <span className="gdx-overdue" data-testid="overdue">{t('changes.overdueBy')}{n < 0 ? ` ${t('common.workdays', { n: -n })}` : ''}</span>;
  }
  if (n === 0) return <span className="gdx-overdue">{t('changes.dueToday')}</span>;
  return <span style={{ color: event.state === 'due_soon' ? '#d48806' : undefined, fontWeight: event.state === 'due_soon' ? 600 : undefined }}>
    {t('changes.daysLeft', { n })}
  </span>;
}

export function DueDate({ event }: { event: Pick<ChangeEvent, 'dueOn' | 'dueAt' | 'provisional' | 'state'> }) {
  const { t } = useI18n();
  const overdue = event.state === 'overdue';
  return (
    <Space size={4}>
      <span className={overdue ? 'gdx-overdue' : undefined}>{fmtDate(event.dueOn || event.dueAt)}</span>
      {event.provisional ? (
        <Tooltip title={t('changes.provisionalHint')}>
          <Tag color="orange" bordered={false}>{t('changes.provisional')}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
