/** 政务数据安全事件 (/security/incidents, Sec §34): reported incidents and the report form. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Select, Switch, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { INCIDENT_KINDS, INCIDENT_KIND_LABELS } from '../../../src/domain/oversight/vocabulary.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Grant, Incident, IncidentSummary, ListResponse, Org } from '../types.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { IncidentKindText, IncidentStatusTag } from '../components/OversightTags.tsx';

export default function IncidentsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const [reporting, setReporting] = useState(false);
  const { data, error, loading, reload } = useLoader((signal) => api.get<ListResponse<IncidentSummary>>('/security/incidents', undefined, signal), []);
  return (
    <div>
      <PageTitle
        title={t('incidents.title')} hint={t('incidents.hint')}
        extra={hasRole('security_officer', 'authority') ? <Button type="primary" danger onClick={() => setReporting(true)} data-testid="incident-report">{t('incidents.report')}</Button> : null}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<IncidentSummary>
        rowKey="id" loading={loading} dataSource={data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('incidents.empty')} /> }} data-testid="incidents-table"
        columns={[
          { title: t('incidents.name'), key: 'title', render: (_: unknown, x) => <Link to={`/security/incidents/${x.id}`}>{x.title}</Link> },
          { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <IncidentStatusTag value={s} /> },
          { title: t('incidents.kind'), dataIndex: 'kind', render: (k: string) => <IncidentKindText value={k} /> },
          { title: t('incidents.org'), dataIndex: 'orgName', width: 180 },
          { title: t('incidents.occurredAt'), dataIndex: 'occurredAt', width: 150, render: fmtDateTime },
          { title: t('incidents.planStarted'), dataIndex: 'planStartedAt', width: 150, render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="danger">{t('incidents.planNotStarted')}</Typography.Text>) },
        ]}
      />
      <ReportIncidentModal open={reporting} onClose={() => setReporting(false)} />
    </div>
  );
}

function ReportIncidentModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, pick, lang } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const authority = user?.orgKind === 'authority';
  const orgs = useLoader((signal) => (open && authority ? api.get<ListResponse<Org>>('/orgs', { kind: 'department' }, signal) : Promise.resolve({ items: [] as Org[] })), [open, authority]);
  const grants = useLoader(async (signal) => {
    if (!open || authority) return [] as Grant[];
    const [mine, provided] = await Promise.all([
      api.get<ListResponse<Grant>>('/grants', { view: 'mine', status: 'active' }, signal),
      api.get<ListResponse<Grant>>('/grants', { view: 'provided', status: 'active' }, signal),
    ]);
    return [...mine.items, ...provided.items];
  }, [open, authority]);
  return (
    <Modal
      open={open} title={t('incidents.report')} width={760} onCancel={onClose} destroyOnHidden okButtonProps={{ danger: true }}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const created = await api.post<Incident>('/security/incidents', {
            ...(authority ? { orgId: v.orgId } : {}), kind: v.kind, title: v.title, occurredAt: v.occurredAt.toISOString(), scope: v.scope,
            affectedData: v.affectedData || undefined, affectedGrantIds: v.affectedGrantIds?.length ? v.affectedGrantIds : undefined,
            measures: v.measures, planStartedAt: v.planStarted ? new Date().toISOString() : undefined,
          });
          onClose();
          navigate(`/security/incidents/${created.id}`);
        } catch (err) {
          message.error(errorText(err, lang));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ occurredAt: dayjs(), planStarted: true }}>
        {authority ? (
          <Form.Item name="orgId" label={t('incidents.orgOptional')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={[{ value: user!.orgId, label: user!.orgName }, ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]} />
          </Form.Item>
        ) : null}
        <Form.Item name="kind" label={t('incidents.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={INCIDENT_KINDS.map((k) => ({ value: k, label: `${INCIDENT_KIND_LABELS[k].article} ${pick(INCIDENT_KIND_LABELS[k])}` }))} />
        </Form.Item>
        <Form.Item name="title" label={t('incidents.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="occurredAt" label={t('incidents.occurredAt')} rules={[{ required: true }]}><DatePicker showTime /></Form.Item>
        <Form.Item name="scope" label={t('incidents.scope')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="affectedData" label={t('incidents.affectedData')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        {!authority ? (
          <Form.Item name="affectedGrantIds" label={t('incidents.affectedGrants')}>
            <Select mode="multiple" options={(grants.data ?? []).map((g) => ({ value: g.id, label: `${g.entryName} · ${g.providerName} → ${g.consumerName}` }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="measures" label={t('incidents.measures')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        <Form.Item name="planStarted" label={t('incidents.planStarted')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}
