/** 政务数据安全监督检查 (/security/inspections, Sec §30–§33): the plans I run, take part in, or audit. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { CHECK_ITEMS, CHECK_ITEM_LABELS } from '../../../src/domain/oversight/vocabulary.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Inspection, InspectionSummary, ListResponse, Org } from '../types.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { PhaseTag, TargetStatusTag } from '../components/OversightTags.tsx';

export default function InspectionsPage() {
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const [creating, setCreating] = useState(false);
  const { data, error, loading, reload } = useLoader((signal) => api.get<ListResponse<InspectionSummary>>('/security/inspections', undefined, signal), []);
  const authority = user?.orgKind === 'authority' && hasRole('authority', 'security_officer');
  return (
    <div>
      <PageTitle
        title={t('inspections.title')} hint={t('inspections.hint')}
        extra={authority ? <Button type="primary" onClick={() => setCreating(true)} data-testid="inspection-new">{t('inspections.new')}</Button> : null}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<InspectionSummary>
        rowKey="id" loading={loading} dataSource={data?.items ?? []} pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('inspections.empty')} /> }} data-testid="inspections-table"
        columns={[
          { title: t('inspections.name'), key: 'title', render: (_: unknown, r) => <Link to={`/security/inspections/${r.id}`}>{r.title}</Link> },
          { title: t('inspections.phase'), dataIndex: 'phase', width: 110, render: (p: string) => <PhaseTag value={p} /> },
          {
            title: t('inspections.orgs'), key: 'orgs',
            render: (_: unknown, r) => <Space size={[4, 4]} wrap>{r.departments.map((d) => <span key={d.orgId}>{d.orgName} <TargetStatusTag value={d.status} /></span>)}</Space>,
          },
          { title: t('inspections.selfDue'), dataIndex: 'selfAssessmentDueOn', width: 120 },
          {
            title: t('inspections.findingsOpen'), key: 'f', width: 130,
            render: (_: unknown, r) => <Space>{r.openFindings}{r.overdueFindings ? <Tag color="red">{t('inspections.findingsOverdue', { n: r.overdueFindings })}</Tag> : null}</Space>,
          },
          { title: t('objections.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
        ]}
      />
      <CreateInspectionModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

function CreateInspectionModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const orgs = useLoader((signal) => (open ? api.get<ListResponse<Org>>('/orgs', { kind: 'department' }, signal) : Promise.resolve({ items: [] })), [open]);
  return (
    <Modal
      open={open} title={t('inspections.new')} width={720} onCancel={onClose} destroyOnHidden okButtonProps={{ loading: busy }}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          const created = await api.post<Inspection>('/security/inspections', {
            title: v.title, focus: v.focus || undefined, checkItems: v.checkItems, orgIds: v.orgIds,
            selfAssessmentWorkdays: v.selfAssessmentWorkdays ?? undefined,
            onsiteFrom: v.onsite?.[0]?.format('YYYY-MM-DD'), onsiteUntil: v.onsite?.[1]?.format('YYYY-MM-DD'),
          });
          onClose();
          navigate(`/security/inspections/${created.id}`);
        } catch (err) {
          message.error(errorText(err, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ checkItems: [...CHECK_ITEMS].slice(0, 8) }}>
        <Form.Item name="title" label={t('inspections.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="focus" label={t('inspections.focus')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        <Form.Item name="checkItems" label={t('inspections.items')} rules={[{ required: true, message: t('common.required') }]}>
          <Select mode="multiple" options={CHECK_ITEMS.map((c) => ({ value: c, label: `${CHECK_ITEM_LABELS[c].article} ${pick(CHECK_ITEM_LABELS[c])}` }))} />
        </Form.Item>
        <Form.Item name="orgIds" label={t('inspections.orgs')} rules={[{ required: true, message: t('common.required') }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" loading={orgs.loading} options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.regionName}）` }))} />
        </Form.Item>
        <Space size={24} wrap>
          <Form.Item name="selfAssessmentWorkdays" label={t('inspections.selfWorkdays')}><InputNumber min={1} max={60} placeholder="10" /></Form.Item>
          <Form.Item name="onsite" label={t('inspections.onsiteWindow')}><DatePicker.RangePicker /></Form.Item>
        </Space>
        <Typography.Text type="secondary">{t('inspections.hint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
