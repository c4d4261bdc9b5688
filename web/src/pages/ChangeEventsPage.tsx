/**
 * 变更事件 (§12): law or function changes that oblige a provider to update its entry within 15 working
 * days — due date, working days left, provisional deadlines, overdue ones in red.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Segmented, Table, Tooltip, Typography } from 'antd';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate } from '../format.ts';
import type { ChangeEvent, ListResponse } from '../types.ts';
import { ChangeStateTag, DueDate, RemainingDays } from '../components/Deadline.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

const FILTERS = ['open', 'overdue', 'resolved', 'all'] as const;

export default function ChangeEventsPage() {
  const { t } = useI18n();
  const [state, setState] = useState<(typeof FILTERS)[number]>('open');
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<ListResponse<ChangeEvent>>('/change-events', { state }, signal),
    [state],
  );
  const rows = [...(data?.items ?? [])].sort((a, b) => (a.dueAt ?? a.dueOn).localeCompare(b.dueAt ?? b.dueOn));

  return (
    <div>
      <PageTitle title={t('changes.title')} hint={t('changes.hint')} />
      <Segmented
        value={state}
        onChange={(v) => setState(v as typeof state)}
        options={FILTERS.map((f) => ({ value: f, label: t(`changes.filter.${f}`) }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ChangeEvent>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('common.empty') }}
        rowClassName={(r) => (r.state === 'overdue' ? 'gdx-row-overdue' : '')}
        data-testid="change-events-table"
        columns={[
          {
            title: t('withdrawals.entry'), dataIndex: 'entryName',
            render: (n: string, r) => (
              <div>
                <Link to={`/catalog/${r.entryId}`}>{n}</Link>
                {r.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{r.entryCode}</Typography.Text></div> : null}
              </div>
            ),
          },
          { title: t('entry.provider'), dataIndex: 'providerName', width: 150 },
          {
            title: t('change.titleField'), dataIndex: 'title',
            render: (v: string, r) => <Tooltip title={r.description}>{v}</Tooltip>,
          },
          { title: t('change.kind'), dataIndex: 'kind', width: 120, render: (k: string) => (k === 'law' ? t('change.kind.law') : t('change.kind.function')) },
          { title: t('changes.announcedOn'), dataIndex: 'announcedOn', width: 110, render: fmtDate },
          { title: t('changes.dueOn'), key: 'due', width: 160, render: (_: unknown, r) => <DueDate event={r} /> },
          { title: t('changes.remaining'), key: 'left', width: 150, render: (_: unknown, r) => <RemainingDays event={r} /> },
          { title: t('common.status'), dataIndex: 'state', width: 110, render: (s: string) => <ChangeStateTag state={s} /> },
        ]}
      />
    </div>
  );
}
