/**
 * Deadlines in Chinese working days, always counted by the server: §12 change events, and the clocks of
 * the sharing steps (§28 compliance review, §30 reply, §32 correction) — the due date, working days
 * left, a "provisional" mark when the year's official holiday schedule is not known yet, red when overdue.
 */
import type { ReactNode } from 'react';
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
      {event.provisional ? <ProvisionalTag /> : null}
    </Space>
  );
}

/** 暂定: the deadline falls in a year without an official holiday schedule (DESIGN.md → Calendar). */
export function ProvisionalTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('changes.provisionalHint')}>
      <Tag color="orange" bordered={false} data-testid="provisional">{t('changes.provisional')}</Tag>
    </Tooltip>
  );
}

/** A running clock as the sharing API reports it (a request step, an objection). */
export interface Clock {
  dueOn: string | null;
  provisional: boolean;
  remainingWorkdays: number | null;
  dueSoon: boolean;
  overdue: boolean;
  /** A step's own state; `paused` while a returned request is with the requester (§28). */
  status?: string;
}

/** 剩余 N 个工作日 / 今天到期 / 已逾期 N 个工作日, with 暂定 when provisional. */
export function Countdown({ clock, showDate = false }: { clock: Clock; showDate?: boolean }) {
  const { t } = useI18n();
  const n = clock.remainingWorkdays;
  let text: ReactNode = null;
  if (clock.status === 'paused') {
    text = <Typography.Text type="secondary">{n !== null ? t('deadline.pausedLeft', { n }) : t('deadline.paused')}</Typography.Text>;
  } else if (clock.overdue || (n !== null && n < 0)) {
    text = <span className="gdx-overdue" data-testid="overdue">{n !== null && n < 0 ? t('deadline.overdue', { n: -n }) : t('deadline.overdueShort')}</span>;
  } else if (n === 0) {
    text = <span className="gdx-overdue" data-testid="due-today">{t('deadline.today')}</span>;
  } else if (n !== null) {
    text = <span style={clock.dueSoon ? { color: '#d48806', fontWeight: 600 } : undefined}>{t('deadline.left', { n })}</span>;
  }
  if (!text && !showDate) return null;
  return (
    <Space size={4} wrap data-testid="countdown">
      {showDate && clock.dueOn && clock.status !== 'paused' ? <Typography.Text type="secondary">{t('deadline.due', { d: fmtDate(clock.dueOn) })}</Typography.Text> : null}
      {text}
      {clock.provisional && clock.status !== 'done' ? <ProvisionalTag /> : null}
    </Space>
  );
}
