/**
 * 授权 (§29, §31, §39, §40): 我获得的授权 (view=mine), 我提供的授权 (view=provided, the provider's
 * approver), 全部 (view=all, authority and auditors) — items, method, end date (highlighted within 30
 * days), last use (§31: idle after three months unused) and revocation.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Checkbox, Empty, Select, Space, Table, Tabs, Typography } from 'antd';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime, shanghaiToday } from '../format.ts';
import type { Grant, ListResponse } from '../types.ts';
import { sharingOptions } from '../vocab.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { GrantActions } from '../components/GrantActions.tsx';
import { ValidUntil } from '../components/GrantValidity.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { GrantStatusTag, IdleTag, ItemTags, MethodText } from '../components/SharingTags.tsx';

type GrantView = 'mine' | 'provided' | 'all';
const TAB_LABEL: Record<GrantView, MessageKey> = { mine: 'grants.mine', provided: 'grants.provided', all: 'grants.all' };

export default function GrantsPage() {
  const { t, lang } = useI18n();
  const { user, hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const views: GrantView[] = [
    ...(user?.orgKind === 'department' && hasRole('requester', 'data_steward', 'approver') ? ['mine' as const] : []),
    ...(hasRole('approver') ? ['provided' as const] : []),
    ...(hasRole('authority', 'auditor') ? ['all' as const] : []),
  ];
  const asked = params.get('view') as GrantView | null;
  const view: GrantView = asked && views.includes(asked) ? asked : views[0] ?? 'mine';
  const [status, setStatus] = useState<string>();
  const [idle, setIdle] = useState(false);
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<ListResponse<Grant>>('/grants', { view, status, idle: idle || undefined }, signal),
    [view, status, idle],
  );
  const today = useMemo(() => shanghaiToday(), []);

  const counterpart = view === 'mine'
    ? [{ title: t('entry.provider'), dataIndex: 'providerName', width: 160 }]
    : view === 'provided'
      ? [{ title: t('grants.consumer'), dataIndex: 'consumerName', width: 160 }]
      : [{
        title: t('grants.parties'), key: 'parties', width: 180,
        render: (_: unknown, g: Grant) => <div><div>{g.providerName}</div><Typography.Text type="secondary">→ {g.consumerName}</Typography.Text></div>,
      }];

  return (
    <div>
      <PageTitle title={t('grants.title')} hint={t('grants.hint')} />
      <Tabs
        activeKey={view}
        onChange={(k) => setParams({ view: k }, { replace: true })}
        items={views.map((v) => ({ key: v, label: t(TAB_LABEL[v]) }))}
        style={{ marginBottom: 4 }}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 160 }} placeholder={t('grants.statusFilter')} value={status} onChange={(v?: string) => setStatus(v)}
          options={sharingOptions('grantStatus', lang)} />
        <Checkbox checked={idle} onChange={(e) => setIdle(e.target.checked)}>{t('grants.idleOnly')}</Checkbox>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Grant>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1180 }}
        locale={{ emptyText: <Empty description={t('grants.empty')} /> }}
        data-testid="grants-table"
        columns={[
          {
            title: t('withdrawals.entry'), key: 'entry', width: 200,
            render: (_: unknown, g) => (
              <div>
                <Link to={`/grants/${g.id}`} data-testid="grant-link">{g.entryName}</Link>
                {g.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{g.entryCode}</Typography.Text></div> : null}
              </div>
            ),
          },
          ...counterpart,
          {
            title: t('requests.itemsMethod'), key: 'items', width: 220,
            render: (_: unknown, g) => <div><ItemTags items={g.items} max={3} /><div><Typography.Text type="secondary"><MethodText value={g.method} /></Typography.Text></div></div>,
          },
          { title: t('grants.validUntil'), key: 'until', width: 130, render: (_: unknown, g) => <ValidUntil grant={g} today={today} /> },
          {
            title: t('common.status'), key: 'status', width: 130,
            render: (_: unknown, g) => <Space size={0} wrap><GrantStatusTag value={g.status} />{g.idle ? <IdleTag since={g.idleSince} /> : null}</Space>,
          },
          {
            title: t('grants.lastUsed'), dataIndex: 'lastUsedAt', width: 130,
            render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">{t('grants.neverUsed')}</Typography.Text>),
          },
          {
            title: t('common.actions'), key: 'actions', width: 190, fixed: 'right',
            render: (_: unknown, g) => (
              <Space size={4} wrap>
                <Link to={`/grants/${g.id}`}>{t('common.view')}</Link>
                <GrantActions grant={g} size="small" onChanged={reload} />
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
