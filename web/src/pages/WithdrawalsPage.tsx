/** 撤销申请 (§19): withdrawal requests and their decisions; the authority decides pending ones here. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { hasMessage, useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { ListResponse, Withdrawal } from '../types.ts';
import { WithdrawalDecisionModal } from '../components/EntryActions.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

const STATUS_COLOR: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error' };
const FILTERS = ['pending', 'approved', 'rejected', 'all'] as const;

export default function WithdrawalsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [status, setStatus] = useState<(typeof FILTERS)[number]>('pending');
  const [deciding, setDeciding] = useState<Withdrawal | null>(null);
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<ListResponse<Withdrawal>>('/withdrawals', { status: status === 'all' ? undefined : status }, signal),
    [status],
  );
  const statusText = (s: string) => {
    const key = `withdrawals.status.${s}`;
    return hasMessage(key) ? t(key) : s;
  };

  return (
    <div>
      <PageTitle title={t('withdrawals.title')} hint={t('withdrawals.hint')} />
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as typeof status)}
        options={FILTERS.map((f) => ({ value: f, label: f === 'all' ? t('common.all') : statusText(f) }))}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Withdrawal>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('common.empty') }}
        columns={[
          {
            title: t('withdrawals.entry'), dataIndex: 'entryName', width: 240,
            render: (n: string, r) => (
              <div>
                <Link to={`/catalog/${r.entryId}`}>{n}</Link>
                {r.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{r.entryCode}</Typography.Text></div> : null}
              </div>
            ),
          },
          { title: t('common.reason'), dataIndex: 'reason', ellipsis: { showTitle: false }, render: (v: string) => <Tooltip title={v}>{v}</Tooltip> },
          { title: t('withdrawals.requestedBy'), dataIndex: 'requestedBy', width: 120 },
          { title: t('withdrawals.requestedAt'), dataIndex: 'requestedAt', width: 150, render: fmtDateTime },
          {
            title: t('common.status'), dataIndex: 'status', width: 110,
            render: (s: string, r) => (
              <>
                <Tag color={STATUS_COLOR[s] ?? 'default'}>{statusText(s)}</Tag>
                {r.fileWithCity ? <Tag color="orange" bordered={false}>{t('withdrawals.fileWithCity')}</Tag> : null}
              </>
            ),
          },
          { title: t('withdrawals.decidedBy'), dataIndex: 'decidedBy', width: 110 },
          { title: t('withdrawals.decidedAt'), dataIndex: 'decidedAt', width: 150, render: fmtDateTime },
          { title: t('common.comment'), dataIndex: 'decisionComment', width: 180, ellipsis: true },
          ...(hasRole('authority') ? [{
            title: t('common.actions'), key: 'a', width: 110,
            render: (_: unknown, r: Withdrawal) => (r.status === 'pending'
              ? <Button size="small" type="primary" onClick={() => setDeciding(r)}>{t('action.decideWithdrawal')}</Button>
              : null),
          }] : []),
        ]}
      />
      {deciding ? (
        <WithdrawalDecisionModal
          open
          withdrawal={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
