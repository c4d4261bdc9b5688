/**
 * 数据销毁 (/security/destructions, Sec §29): requests of my department, tasks created when a table
 * grant ended, and — for the authority and auditors — all records; with the request form.
 */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Empty, Form, Input, Modal, Select, Table, Tabs, Typography } from 'antd';
import { DESTRUCTION_TARGETS } from '../../../src/domain/oversight/vocabulary.ts';
import { api, type Query } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { CatalogSearchResponse, Destruction, Grant, ListResponse } from '../types.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { DestructionStatusTag, DueText, targetLabel } from '../components/OversightTags.tsx';
import { pickedFiles, StoredFilePicker } from '../components/StoredFilePicker.tsx';

type View = 'requests' | 'tasks' | 'all';
const TAB: Record<View, MessageKey> = { requests: 'destructions.requests', tasks: 'destructions.tasks', all: 'destructions.all' };
const QUERY: Record<View, Query> = { requests: { view: 'mine', origin: 'request' }, tasks: { view: 'mine', origin: 'grant_end' }, all: { view: 'all' } };

export default function DestructionsPage() {
  const { t, pick } = useI18n();
  const { user, hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const views: View[] = [
    ...(user?.orgKind === 'department' ? ['requests' as const, 'tasks' as const] : []),
    ...(hasRole('auditor') || (user?.orgKind === 'authority' && hasRole('authority', 'security_officer')) ? ['all' as const] : []),
  ];
  const asked = params.get('view') as View | null;
  const view: View = asked && views.includes(asked) ? asked : views[0] ?? 'requests';
  const { data, error, loading, reload } = useLoader((signal) => api.get<ListResponse<Destruction>>('/security/destructions', QUERY[view], signal), [view]);
  return (
    <div>
      <PageTitle
        title={t('destructions.title')} hint={t('destructions.hint')}
        extra={hasRole('data_steward') && user?.orgKind === 'department' ? <Button type="primary" onClick={() => setCreating(true)} data-testid="destruction-new">{t('destructions.new')}</Button> : null}
      />
      <Tabs activeKey={view} onChange={(k) => setParams({ view: k }, { replace: true })} items={views.map((v) => ({ key: v, label: t(TAB[v]) }))} />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Destruction>
        rowKey="id" loading={loading} dataSource={data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('destructions.empty')} /> }} rowClassName={(d) => (d.overdue ? 'gdx-row-overdue' : '')} data-testid="destructions-table"
        columns={[
          { title: t('destructions.target'), key: 'target', render: (_: unknown, d) => <Link to={`/security/destructions/${d.id}`}>{targetLabel(d.target, pick)}</Link> },
          { title: t('destructions.entry'), dataIndex: 'entryName', render: (v: string | null, d) => v ?? (d.files.length ? d.files.map((f) => f.name).join('、') : '—') },
          { title: t('destructions.org'), dataIndex: 'orgName', width: 170 },
          { title: t('common.status'), dataIndex: 'status', width: 120, render: (s: string) => <DestructionStatusTag value={s} /> },
          { title: t('destructions.due'), key: 'due', width: 200, render: (_: unknown, d) => (d.status === 'approved' ? <DueText dueOn={d.dueOn} remaining={d.remainingWorkdays} overdue={d.overdue} provisional={d.provisional} /> : d.dueOn ?? '—') },
          { title: t('destructions.rows'), dataIndex: 'rows', width: 90, render: (v: number | null) => v ?? '—' },
          { title: t('objections.createdAt'), dataIndex: 'requestedAt', width: 150, render: fmtDateTime },
        ]}
      />
      <NewDestructionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function NewDestructionModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, pick, lang } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const target = Form.useWatch('target', form) as string | undefined;
  const fileEntryId = Form.useWatch('fileEntryId', form) as string | undefined;
  const entries = useLoader((signal) => (open && user
    ? api.get<CatalogSearchResponse>('/catalog', { providerId: user.orgId, status: 'published', limit: 100 }, signal) : Promise.resolve(undefined)), [open, user?.orgId]);
  const grants = useLoader((signal) => (open ? api.get<ListResponse<Grant>>('/grants', { view: 'mine' }, signal) : Promise.resolve({ items: [] as Grant[] })), [open]);
  return (
    <Modal
      open={open} title={t('destructions.new')} width={680} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        // Files the platform stores are picked from its store (none picked: all); archived ones are typed in.
        const stored = v.target === 'files' && v.fileEntryId;
        const files = stored ? (v.storedFiles?.length ? pickedFiles(v.storedFiles) : undefined) : v.target === 'files' ? String(v.files ?? '').split('\n').map((l: string) => l.trim()).filter(Boolean).map((l: string) => {
          const [name, bytes, sha256] = l.split(',').map((s) => s.trim());
          return { name, bytes: Number(bytes), sha256: (sha256 ?? '').toLowerCase() };
        }) : undefined;
        try {
          const created = await api.post<Destruction>('/security/destructions', {
            target: v.target, entryId: v.target === 'front_table' ? v.entryId : stored ? v.fileEntryId : undefined, grantId: v.target === 'synced_copy' ? v.grantId : undefined, files, reason: v.reason,
          });
          onClose();
          navigate(`/security/destructions/${created.id}`);
        } catch (err) {
          message.error(errorText(err, lang));
        }
      }}
    >
      <ErrorAlert error={entries.error ?? grants.error} />
      <Form form={form} layout="vertical" initialValues={{ target: 'front_table' }}>
        <Form.Item name="target" label={t('destructions.target')}>
          <Select options={DESTRUCTION_TARGETS.map((d) => ({ value: d, label: targetLabel(d, pick) }))} />
        </Form.Item>
        {target === 'front_table' ? (
          <Form.Item name="entryId" label={t('destructions.entry')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={(entries.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        ) : null}
        {target === 'synced_copy' ? (
          <Form.Item name="grantId" label={t('destructions.grant')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={(grants.data?.items ?? []).filter((g) => g.method === 'table').map((g) => ({ value: g.id, label: `${g.entryName} · ${g.status}` }))} />
          </Form.Item>
        ) : null}
        {target === 'files' ? (
          <Form.Item name="fileEntryId" label={t('files.destroyEntry')} extra={t('files.destroyEntryHint')}>
            <Select allowClear showSearch optionFilterProp="label" options={(entries.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        ) : null}
        {target === 'files' && fileEntryId ? (
          <Form.Item name="storedFiles" label={t('files.destroyPick')}><StoredFilePicker entryId={fileEntryId} /></Form.Item>
        ) : null}
        {target === 'files' && !fileEntryId ? (
          <Form.Item name="files" label={t('destructions.files')} extra={t('destructions.filesHint')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('destructions.reason')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Typography.Text type="secondary">{t('destructions.hint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
