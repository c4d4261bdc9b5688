/**
 * 数据异议 (§32): objections my department raised (mine), objections about my department's data
 * (incoming — to verify and correct within 5 working days) and, for the authority and auditors, all.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Empty, Space, Table, Tabs, Tooltip, Typography } from 'antd';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { ListResponse, Objection } from '../types.ts';
import { Countdown } from '../components/Deadline.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ResolveObjectionModal, canResolve } from '../components/ResolveObjectionModal.tsx';
import { ItemTags, ObjectionStatusTag } from '../components/SharingTags.tsx';

type ObjectionView = 'mine' | 'incoming' | 'all';
const TAB_LABEL: Record<ObjectionView, MessageKey> = { mine: 'objections.mine', incoming: 'objections.incoming', all: 'objections.all' };

export default function ObjectionsPage() {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const views: ObjectionView[] = [
    ...(user?.orgKind === 'department' && hasRole('requester', 'data_steward') ? ['mine' as const] : []),
    ...(user?.orgKind === 'department' && hasRole('data_steward', 'approver') ? ['incoming' as const] : []),
    ...(hasRole('authority', 'auditor') ? ['all' as const] : []),
  ];
  const asked = params.get('view') as ObjectionView | null;
  const view: ObjectionView = asked && views.includes(asked) ? asked : views[0] ?? 'mine';
  const [resolving, setResolving] = useState<Objection | null>(null);
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<ListResponse<Objection>>('/objections', { view }, signal),
    [view],
  );
  const rows = [...(data?.items ?? [])].sort((a, b) => (a.status === 'open') === (b.status === 'open')
    ? (a.status === 'open' ? a.dueAt.localeCompare(b.dueAt) : b.createdAt.localeCompare(a.createdAt))
    : a.status === 'open' ? -1 : 1);

  return (
    <div>
      <PageTitle title={t('objections.title')} hint={t('objections.hint')} />
      <Tabs activeKey={view} onChange={(k) => setParams({ view: k }, { replace: true })} items={views.map((v) => ({ key: v, label: t(TAB_LABEL[v]) }))} />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Objection>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1180 }}
        locale={{ emptyText: <Empty description={t('objections.empty')} /> }}
        rowClassName={(o) => (o.overdue ? 'gdx-row-overdue' : '')}
        data-testid="objections-table"
        columns={[
          {
            title: t('withdrawals.entry'), key: 'entry', width: 200,
            render: (_: unknown, o) => (
              <div>
                <Link to={`/objections/${o.id}`}>{o.entryName}</Link>
                {o.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{o.entryCode}</Typography.Text></div> : null}
              </div>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <ObjectionStatusTag value={s} /> },
          {
            title: t('objections.deadline'), key: 'due', width: 200,
            render: (_: unknown, o) => (o.status === 'open'
              ? <Countdown clock={o} showDate />
              : <Typography.Text type="secondary">{t('objections.resolvedAt', { d: fmtDateTime(o.resolvedAt) })}</Typography.Text>),
          },
          view === 'mine'
            ? { title: t('entry.provider'), dataIndex: 'providerName', width: 160 }
            : { title: t('objections.reporter'), dataIndex: 'consumerName', width: 160 },
          {
            title: t('objection.description'), key: 'description',
            render: (_: unknown, o) => (
              <div>
                {o.items.length ? <ItemTags items={o.items} max={3} /> : null}
                <Tooltip title={o.description} placement="topLeft">
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{o.description}</Typography.Paragraph>
                </Tooltip>
              </div>
            ),
          },
          { title: t('objections.createdAt'), dataIndex: 'createdAt', width: 140, render: fmtDateTime },
          {
            title: t('common.actions'), key: 'a', width: 150, fixed: 'right',
            render: (_: unknown, o) => (
              <Space size={4}>
                <Link to={`/objections/${o.id}`}>{t('common.view')}</Link>
                {canResolve(o, user) ? <Button size="small" type="primary" onClick={() => setResolving(o)} data-testid="objection-resolve">{t('objection.resolve')}</Button> : null}
              </Space>
            ),
          },
        ]}
      />
      {resolving ? (
        <ResolveObjectionModal
          open
          objection={resolving}
          onClose={() => setResolving(null)}
          onDone={() => {
            setResolving(null);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
