/**
 * 数据使用记录 (§38 全流程审计): who used which data, by which app, how many rows, allowed or refused —
 * the department's own calls, who used the department's data (provider), or every record (authority,
 * auditors; a county authority its county). Read from GET /access-records; `?grantId=` narrows to one grant.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { Query } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useCursorList } from '../hooks.ts';
import { hasMessage, useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { AccessRecord } from '../types.ts';
import { pickUsageView, usageViews, type UsageView } from '../usage.ts';
import { vocabLabel } from '../vocab.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

const OUTCOME_COLOR: Record<string, string> = { success: 'success', failure: 'warning', denied: 'error' };

export default function UsagePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const views = usageViews(user?.roles ?? []);
  const view = pickUsageView(params.get('view'), views);
  const grantId = params.get('grantId') ?? undefined;
  const [outcome, setOutcome] = useState<string>();

  const set = (key: string, value: string | undefined) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (value) next.set(key, value);
    else next.delete(key);
    return next;
  }, { replace: true });

  return (
    <div data-testid="usage-page">
      <PageTitle title={t('usage.title')} hint={t('usage.hint')} />
      {grantId ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('usage.grantFilter')}
          action={<Button size="small" onClick={() => set('grantId', undefined)}>{t('usage.showAll')}</Button>} />
      ) : null}
      {view ? (
        <>
          {views.length > 1 ? (
            <Tabs activeKey={view} onChange={(v) => set('view', v)} data-testid="usage-views"
              items={views.map((v) => ({ key: v, label: t(`usage.view.${v}`) }))} />
          ) : null}
          <Space style={{ marginBottom: 8 }}>
            <span>{t('usage.outcome')}</span>
            <Select allowClear placeholder={t('common.all')} style={{ width: 120 }} value={outcome} onChange={setOutcome} data-testid="usage-outcome"
              options={['success', 'denied', 'failure'].map((o) => ({ value: o, label: t(`audit.outcome.${o}` as 'audit.outcome.success') }))} />
          </Space>
          <UsageTable view={view} query={{ view, grantId, outcome, limit: 50 }} />
        </>
      ) : null}
    </div>
  );
}

function UsageTable({ view, query }: { view: UsageView; query: Query }) {
  const { t, lang } = useI18n();
  const list = useCursorList<AccessRecord>('/access-records', query);
  const columns = useMemo(() => [
    { title: t('common.time'), dataIndex: 'at', width: 150, render: (v: string) => fmtDateTime(v) },
    ...(view !== 'mine' ? [{ title: t('usage.consumer'), dataIndex: 'consumerName', width: 180 }] : []),
    {
      title: t('usage.app'), key: 'app', width: 220,
      render: (_: unknown, r: AccessRecord) => (
        <div>
          {r.appName ?? '-'}
          {r.appKey ? <div><Typography.Text type="secondary" className="gdx-mono" style={{ fontSize: 12 }}>{r.appKey}</Typography.Text></div> : null}
        </div>
      ),
    },
    {
      title: t('usage.entry'), key: 'entry', width: 240,
      render: (_: unknown, r: AccessRecord) => (
        <div>
          {r.entryName ?? '-'}
          {r.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono" style={{ fontSize: 12 }}>{r.entryCode}</Typography.Text></div> : null}
        </div>
      ),
    },
    ...(view !== 'provided' ? [{ title: t('usage.provider'), dataIndex: 'providerName', width: 180 }] : []),
    { title: t('usage.channel'), dataIndex: 'channel', width: 70, render: (c: string) => vocabLabel('shareMethod', c, lang) },
    {
      title: t('usage.items'), dataIndex: 'items', width: 80,
      render: (items: string[]) => (items.length
        ? <Tooltip title={<span className="gdx-mono">{items.join(', ')}</span>}><span>{t('usage.itemsN', { n: items.length })}</span></Tooltip>
        : '-'),
    },
    { title: t('usage.rows'), dataIndex: 'rows', width: 80, align: 'right' as const },
    {
      title: t('usage.outcome'), key: 'outcome', width: 200,
      render: (_: unknown, r: AccessRecord) => (
        <Space size={4} wrap>
          <Tag color={OUTCOME_COLOR[r.outcome] ?? 'default'}>{hasMessage(`audit.outcome.${r.outcome}`) ? t(`audit.outcome.${r.outcome}` as 'audit.outcome.success') : r.outcome}</Tag>
          <Typography.Text type="secondary" className="gdx-mono" style={{ fontSize: 12 }}>{r.status}</Typography.Text>
          {r.errorCode ? <Typography.Text className="gdx-mono" style={{ fontSize: 12 }}>{r.errorCode}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t('usage.latency'), dataIndex: 'latencyMs', width: 80, align: 'right' as const, render: (ms: number) => `${ms} ms` },
    { title: t('audit.ip'), dataIndex: 'ip', width: 120, render: (ip: string | null) => <span className="gdx-mono">{ip ?? ''}</span> },
    {
      title: t('common.requestId'), dataIndex: 'requestId', width: 110,
      render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }} className="gdx-mono" style={{ fontSize: 12 }}>{v.slice(0, 8)}</Typography.Text> : null),
    },
    {
      title: t('common.actions'), key: 'grant', width: 90, fixed: 'right' as const,
      render: (_: unknown, r: AccessRecord) => (r.grantId ? <Link to={`/grants/${r.grantId}`}>{t('common.view')}</Link> : null),
    },
  ], [t, lang, view]);

  return (
    <>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<AccessRecord>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(`usage.empty.${view}`) }}
        data-testid="usage-table"
        columns={columns}
      />
      {list.nextCursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={list.loadMore} loading={list.loadingMore}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </>
  );
}
