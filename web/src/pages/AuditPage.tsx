/**
 * 审计日志 (security rules §17): who did what, when, from where and with what outcome; filters by
 * actor, action, outcome and date range. The server limits an authority to its region.
 */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { Query } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useCursorList } from '../hooks.ts';
import { hasMessage, useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { AuditRecord } from '../types.ts';
import { AuditChainPanel } from '../components/AuditChainPanel.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

interface Filters {
  actor?: string;
  action?: string;
  outcome?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const OUTCOME_COLOR: Record<string, string> = { success: 'success', failure: 'warning', denied: 'error' };

export default function AuditPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [query, setQuery] = useState<Query>({ limit: 50 });
  const list = useCursorList<AuditRecord>('/audit', query);
  const outcomeText = (o: string) => {
    const key = `audit.outcome.${o}`;
    return hasMessage(key) ? t(key) : o;
  };

  function apply(f: Filters) {
    const [from, to] = f.range ?? [null, null];
    setQuery({
      limit: 50,
      actor: f.actor?.trim(),
      action: f.action?.trim(),
      outcome: f.outcome,
      from: from ? from.format('YYYY-MM-DD') : undefined,
      to: to ? to.format('YYYY-MM-DD') : undefined,
    });
  }

  return (
    <div>
      <PageTitle title={t('audit.title')} hint={t('audit.hint')} />
      <AuditChainPanel canCheckpoint={hasRole('auditor', 'security_officer', 'authority')} />
      <Form<Filters> layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="actor" label={t('audit.actor')}><Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 160 }} /></Form.Item>
        <Form.Item name="action" label={t('audit.action')}><Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 180 }} /></Form.Item>
        <Form.Item name="outcome" label={t('audit.outcome')}>
          <Select allowClear placeholder={t('common.all')} style={{ width: 110 }}
            options={['success', 'failure', 'denied'].map((o) => ({ value: o, label: outcomeText(o) }))} />
        </Form.Item>
        <Form.Item name="range" label={t('common.time')}>
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>{t('common.search')}</Button>
            <Button htmlType="reset" onClick={() => setQuery({ limit: 50 })}>{t('common.reset')}</Button>
          </Space>
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Typography.Text type="secondary">{t('common.total', { n: list.total ?? list.items.length })}</Typography.Text>
      <Table<AuditRecord>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1200 }}
        style={{ marginTop: 8 }}
        data-testid="audit-table"
        columns={[
          { title: t('common.time'), dataIndex: 'at', width: 150, render: fmtDateTime },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null, r) => v ?? r.actorType },
          { title: t('audit.org'), dataIndex: 'orgName', width: 180 },
          { title: t('audit.action'), dataIndex: 'action', width: 210, render: (v: string) => <span className="gdx-mono">{v}</span> },
          { title: t('audit.target'), key: 'target', width: 200, ellipsis: true, render: (_: unknown, r) => (r.targetType ? `${r.targetType}${r.targetId ? ` / ${r.targetId}` : ''}` : '') },
          { title: t('audit.outcome'), dataIndex: 'outcome', width: 80, render: (o: string) => <Tag color={OUTCOME_COLOR[o] ?? 'default'}>{outcomeText(o)}</Tag> },
          { title: t('audit.ip'), dataIndex: 'ip', width: 120 },
          { title: t('common.requestId'), dataIndex: 'requestId', width: 130, ellipsis: true, render: (v: string | null) => (v ? <Typography.Text copyable={{ text: v }} className="gdx-mono" style={{ fontSize: 12 }}>{v.slice(0, 8)}</Typography.Text> : null) },
          {
            title: t('audit.detail'), dataIndex: 'detail', ellipsis: { showTitle: false },
            render: (d: unknown) => {
              if (d === null || d === undefined || (typeof d === 'object' && Object.keys(d).length === 0)) return null;
              const s = JSON.stringify(d);
              return <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(d, null, 2)}</pre>}><span className="gdx-mono" style={{ fontSize: 12 }}>{s}</span></Tooltip>;
            },
          },
        ]}
      />
      {list.nextCursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={list.loadMore} loading={list.loadingMore}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </div>
  );
}
