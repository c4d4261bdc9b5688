/**
 * 库表同步 (/sync): the department's table-exchange targets and runs (§17; docs/api-exchange.md).
 * The data steward configures where a table grant is synced, starts or cancels runs, and watches
 * their progress — rows done of total, rate, time left — polled while a run is active.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App as AntApp, Button, Card, Form, Input, Popconfirm, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import type { Static } from '@sinclair/typebox';
import type { SyncRunSchema, SyncTargetSchema } from '../../../src/modules/exchange/routes.ts';
import { formatDuration } from '../../../src/domain/exchange/progress.ts';
import { UPDATE_CYCLE_LABELS } from '../../../src/domain/catalog/labels.ts';
import type { UpdateCycle } from '../../../src/domain/catalog/types.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Grant, ListResponse } from '../types.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

type SyncTarget = Static<typeof SyncTargetSchema>;
type SyncRun = Static<typeof SyncRunSchema>;

const STATUS_COLOR: Record<SyncRun['status'], string> = {
  queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', cancelled: 'warning', interrupted: 'warning',
};
const active = (r: SyncRun | null | undefined) => r?.status === 'queued' || r?.status === 'running';

export default function SyncPage() {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [params] = useSearchParams();
  const targets = useLoader((signal) => api.get<ListResponse<SyncTarget>>('/sync/targets', undefined, signal), []);
  const runs = useLoader((signal) => api.get<ListResponse<SyncRun>>('/sync/runs', { limit: 30 }, signal), []);
  const anyActive = (runs.data?.items ?? []).some(active);
  useEffect(() => {
    if (!anyActive) return undefined;
    const timer = setInterval(() => {
      targets.reload();
      runs.reload();
    }, 2000);
    return () => clearInterval(timer);
  }, [anyActive]);
  const reload = () => {
    targets.reload();
    runs.reload();
  };
  // The target whose start, cancel or removal is on its way: its buttons wait for the answer, so a
  // double click queues one run instead of also reporting "already queued" as an error.
  // A ref as well as state: the second click of a double click comes before React re-renders.
  const [busy, setBusy] = useState<string>();
  const sending = useRef(false);
  const act = async (targetId: string, send: () => Promise<unknown>, done: 'sync.started' | 'sync.cancelled' | 'sync.removed') => {
    if (sending.current) return;
    sending.current = true;
    setBusy(targetId);
    try {
      await send();
      message.success(t(done));
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      sending.current = false;
      setBusy(undefined);
    }
  };
  const entryOf = useMemo(() => new Map((targets.data?.items ?? []).map((x) => [x.id, x])), [targets.data]);

  return (
    <div data-testid="sync-page">
      <PageTitle title={t('sync.title')} hint={t('sync.hint')} />
      <ErrorAlert error={targets.error ?? runs.error} onRetry={reload} />
      <Card title={t('sync.targets')} style={{ marginBottom: 16 }}>
        <Table<SyncTarget>
          rowKey="id" loading={targets.loading && !targets.data} dataSource={targets.data?.items ?? []} pagination={false}
          locale={{ emptyText: t('sync.empty') }} scroll={{ x: 1000 }} data-testid="sync-targets"
          columns={[
            {
              title: t('sync.entry'), key: 'entry', render: (_, r) => (
                <div>
                  <Link to={`/grants/${r.grantId}`}>{r.entryName}</Link>
                  <div><Typography.Text type="secondary">{r.providerName} · {r.entryCode ?? ''}</Typography.Text></div>
                </div>
              ),
            },
            { title: t('sync.target'), key: 'target', render: (_, r) => <Typography.Text className="gdx-mono">{r.connection} · {r.schema}.{r.table}</Typography.Text> },
            { title: t('sync.cycle'), dataIndex: 'updateCycle', width: 100, render: (c: string | null) => (c ? UPDATE_CYCLE_LABELS[c as UpdateCycle]?.[lang] ?? c : '—') },
            { title: t('sync.lastRun'), key: 'last', width: 220, render: (_, r) => (r.lastRun ? <RunProgress run={r.lastRun} /> : '—') },
            { title: t('sync.nextDue'), dataIndex: 'nextDueAt', width: 160, render: (v: string | null) => fmtDateTime(v) },
            {
              title: '', key: 'actions', width: 300, render: (_, r) => (active(r.lastRun)
                ? (
                  <Button size="small" loading={busy === r.id} disabled={!!busy} data-testid="sync-cancel"
                    onClick={() => act(r.id, () => api.post(`/sync/runs/${r.lastRun!.id}/cancel`), 'sync.cancelled')}>{t('sync.cancel')}</Button>
                )
                : (
                  <Space size={4}>
                    <Button size="small" type="primary" loading={busy === r.id} disabled={!!busy} data-testid="sync-run"
                      onClick={() => act(r.id, () => api.post(`/sync/targets/${r.id}/runs`, {}), 'sync.started')}>{t('sync.run')}</Button>
                    <Button size="small" disabled={!!busy} onClick={() => act(r.id, () => api.post(`/sync/targets/${r.id}/runs`, { full: true }), 'sync.started')}>{t('sync.full')}</Button>
                    <Popconfirm title={t('sync.remove')} description={<div style={{ maxWidth: 280 }}>{t('sync.removeConfirm')}</div>}
                      onConfirm={() => act(r.id, () => api.delete(`/sync/targets/${r.id}`), 'sync.removed')}>
                      <Button size="small" danger disabled={!!busy} data-testid="sync-remove">{t('sync.remove')}</Button>
                    </Popconfirm>
                  </Space>
                )),
            },
          ]}
        />
      </Card>
      <ConfigureTarget grantId={params.get('grant') ?? undefined} configured={(targets.data?.items ?? []).map((x) => x.grantId)} onCreated={reload} />
      <Card title={t('sync.runs')}>
        <Table<SyncRun>
          rowKey="id" loading={runs.loading && !runs.data} dataSource={runs.data?.items ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 900 }} data-testid="sync-runs"
          columns={[
            { title: t('sync.requestedAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => fmtDateTime(v) },
            // Which target a run belongs to: with several grants synced the list is otherwise anonymous.
            { title: t('sync.entry'), key: 'entry', width: 200, render: (_, r) => entryOf.get(r.targetId)?.entryName ?? '—' },
            { title: t('sync.mode'), dataIndex: 'mode', width: 110, render: (m: SyncRun['mode'], r) => <>{m ? t(`sync.mode.${m}`) : '—'}{r.resumed ? <Tag style={{ marginLeft: 4 }}>{t('sync.resumed')}</Tag> : null}</> },
            { title: t('sync.progress'), key: 'progress', render: (_, r) => <RunProgress run={r} /> },
            { title: t('sync.deleted'), dataIndex: 'rowsDeleted', width: 80 },
            { title: '', key: 'error', render: (_, r) => (r.error ? <Typography.Text type="danger">{lang === 'en' ? r.error.en : r.error.zh}</Typography.Text> : null) },
          ]}
        />
      </Card>
    </div>
  );
}

function RunProgress({ run }: { run: SyncRun }) {
  const { t } = useI18n();
  return (
    <div data-testid="sync-progress">
      <Space size={4}>
        <Tag color={STATUS_COLOR[run.status]}>{t(`sync.status.${run.status}`)}</Tag>
        <Typography.Text type="secondary">{run.rowsDone.toLocaleString()}/{run.rowsTotal?.toLocaleString() ?? '?'}</Typography.Text>
      </Space>
      {active(run) || run.status === 'succeeded' ? <Progress percent={run.percent ?? 0} size="small" status={active(run) ? 'active' : undefined} /> : null}
      {run.status === 'running'
        ? <Typography.Text type="secondary">{t('sync.rate')} {run.rowsPerSecond.toLocaleString()}/s · {t('sync.eta')} {formatDuration(run.etaSeconds)}</Typography.Text>
        : null}
    </div>
  );
}

function ConfigureTarget({ grantId, configured, onCreated }: { grantId?: string; configured: string[]; onCreated: () => void }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const grants = useLoader((signal) => api.get<ListResponse<Grant>>('/grants', { view: 'mine', status: 'active' }, signal), []);
  const choices = useMemo(() => (grants.data?.items ?? []).filter((g) => g.method === 'table' && g.status === 'active'
    && g.consumerId === user?.orgId && !configured.includes(g.id)), [grants.data, user, configured]);
  const submit = async (v: { grantId: string; schema: string; table?: string; connection?: string }) => {
    setSaving(true);
    try {
      await api.post('/sync/targets', { grantId: v.grantId, schema: v.schema, ...(v.table ? { table: v.table } : {}), ...(v.connection ? { connection: v.connection } : {}) });
      message.success(t('sync.created'));
      form.resetFields();
      onCreated();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('sync.configure')} style={{ marginBottom: 16 }}>
      {choices.length === 0 ? <Typography.Text type="secondary">{t('sync.noGrants')}</Typography.Text> : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ grantId: choices.some((g) => g.id === grantId) ? grantId : undefined, schema: 'sync_' }} style={{ maxWidth: 640 }} data-testid="sync-configure">
          <Form.Item name="grantId" label={t('sync.grant')} rules={[{ required: true }]}>
            <Select placeholder={t('sync.grantPick')} options={choices.map((g) => ({ value: g.id, label: `${g.entryName} — ${g.providerName}` }))} />
          </Form.Item>
          <Form.Item name="schema" label={t('sync.schema')} extra={t('sync.schemaHint')} rules={[{ required: true, pattern: /^[a-z_][a-z0-9_]{0,62}$/ }]}>
            <Input className="gdx-mono" />
          </Form.Item>
          <Form.Item name="table" label={t('sync.table')} rules={[{ pattern: /^[a-z_][a-z0-9_]{0,62}$/ }]}>
            <Input className="gdx-mono" />
          </Form.Item>
          <Form.Item name="connection" label={t('sync.connection')} extra={t('sync.connectionHint')}>
            <Input.Password autoComplete="off" className="gdx-mono" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>{t('sync.create')}</Button>
        </Form>
      )}
    </Card>
  );
}
