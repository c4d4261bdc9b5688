/**
 * 监督检查详情 (/security/inspections/:id): the plan, and per department its four steps (Sec §32) —
 * the self-assessment item by item, the on-site check with findings, each finding's deadline,
 * rectification report, acceptance and any grant suspension it ordered.
 */
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Divider, Empty, Flex, Form, Input, InputNumber, Modal, Select, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { FINDING_SEVERITIES, FINDING_SEVERITY_LABELS, SELF_CONCLUSIONS, SELF_CONCLUSION_LABELS } from '../../../src/domain/oversight/vocabulary.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Finding, Inspection, InspectionTarget } from '../types.ts';
import { CommentModal } from '../components/CommentModal.tsx';
import { GrantStatusTag } from '../components/SharingTags.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import {
  CheckItemText, DueText, FindingStatusTag, PhaseTag, SeverityTag, SuspendGrantsModal, TargetStatusTag,
} from '../components/OversightTags.tsx';

const STEP_OF: Record<string, number> = { self_assessment: 1, onsite_check: 2, rectification: 3, passed: 4, rectified: 4 };

export default function InspectionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [closing, setClosing] = useState(false);
  const { data: plan, error, loading, reload } = useLoader((signal) => api.get<Inspection>(`/security/inspections/${encodeURIComponent(id)}`, undefined, signal), [id]);
  if (loading && !plan) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!plan) return <ErrorAlert error={error} onRetry={reload} />;
  // The self-assessment deadline runs only while a department still owes its report.
  const selfPending = plan.targets.some((x) => x.status === 'self_assessment');
  return (
    <div data-testid="inspection-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16}>
          <Space size={10} wrap data-testid="inspection-head"><Typography.Title level={3} style={{ margin: 0 }}>{plan.title}</Typography.Title><PhaseTag value={plan.phase} /></Space>
          {plan.permissions.close ? <Button type="primary" onClick={() => setClosing(true)} data-testid="inspection-close">{t('inspections.close')}</Button> : null}
        </Flex>
        <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('inspections.focus')}>{plan.focus || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.createdBy')}>{plan.createdBy} · {fmtDateTime(plan.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.selfDue')}>
            <DueText dueOn={plan.selfAssessmentDueOn} remaining={selfPending ? plan.selfAssessmentRemainingWorkdays : null}
              overdue={selfPending && plan.selfAssessmentOverdue} provisional={plan.provisional} />
          </Descriptions.Item>
          <Descriptions.Item label={t('inspections.onsiteWindow')}>{plan.onsiteFrom ? `${plan.onsiteFrom} ~ ${plan.onsiteUntil ?? ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('inspections.items')} span={2}>
            <Space direction="vertical" size={0}>{plan.checkItems.map((c) => <CheckItemText key={c} item={c} />)}</Space>
          </Descriptions.Item>
          {plan.summary ? <Descriptions.Item label={t('inspections.summary')} span={2}>{plan.summary} · {fmtDateTime(plan.closedAt)}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      {plan.targets.map((target) => <TargetCard key={target.orgId} plan={plan} target={target} reload={reload} />)}
      <CommentModal
        open={closing} title={t('inspections.close')} label={t('inspections.summary')} requiredMessage={t('common.required')}
        onCancel={() => setClosing(false)}
        onOk={async (summary) => {
          try {
            await api.post(`/security/inspections/${plan.id}/close`, { summary });
            setClosing(false);
            reload();
          } catch (err) {
            message.error(errorText(err, lang));
          }
        }}
      />
    </div>
  );
}

function TargetCard({ plan, target, reload }: { plan: Inspection; target: InspectionTarget; reload(): void }) {
  const { t, pick } = useI18n();
  const [selfOpen, setSelfOpen] = useState(false);
  const [onsiteOpen, setOnsiteOpen] = useState(false);
  return (
    <Card
      style={{ marginTop: 16 }} data-testid="inspection-target"
      title={<Space>{target.orgName}<TargetStatusTag value={target.status} />{target.selfAssessmentLate ? <Tag color="red">{t('inspections.selfLate')}</Tag> : null}</Space>}
      extra={(
        <Space>
          {target.permissions.selfAssess ? <Button type="primary" onClick={() => setSelfOpen(true)} data-testid="self-assess">{t('inspections.selfAssess')}</Button> : null}
          {target.permissions.onsite ? <Button type="primary" onClick={() => setOnsiteOpen(true)} data-testid="onsite">{t('inspections.onsite')}</Button> : null}
        </Space>
      )}
    >
      <Steps
        size="small" current={STEP_OF[target.status] ?? 0}
        items={[t('phase.plan'), t('phase.self_assessment'), t('phase.onsite_check'), t('phase.rectification'), t('phase.finished')].map((title) => ({ title }))}
        style={{ marginBottom: 16 }}
      />
      {target.selfReport ? (
        <>
          <Typography.Text strong>{t('inspections.selfReport')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{target.selfReport} <Typography.Text type="secondary">— {target.selfAssessedBy} · {fmtDateTime(target.selfAssessedAt)}</Typography.Text></Typography.Paragraph>
          <Table
            size="small" rowKey="item" pagination={false} dataSource={target.selfItems}
            columns={[
              { title: t('finding.item'), dataIndex: 'item', render: (c: string) => <CheckItemText item={c} /> },
              { title: t('inspections.conclusion'), dataIndex: 'conclusion', width: 120, render: (c: keyof typeof SELF_CONCLUSION_LABELS) => pick(SELF_CONCLUSION_LABELS[c]) },
              { title: t('inspections.note'), dataIndex: 'note' },
            ]}
          />
        </>
      ) : null}
      {target.onsiteAt ? (
        <>
          <Divider orientation="left" plain>{t('inspections.onsiteAt')}</Divider>
          <Typography.Paragraph>{target.onsiteComment} <Typography.Text type="secondary">— {target.onsiteBy} · {fmtDateTime(target.onsiteAt)}</Typography.Text></Typography.Paragraph>
          {target.findings.length === 0 ? <Empty description={t('inspections.noFindings')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
          {target.findings.map((f) => <FindingBlock key={f.id} finding={f} orgId={target.orgId} reload={reload} />)}
        </>
      ) : null}
      <SelfAssessmentModal open={selfOpen} plan={plan} orgId={target.orgId} onClose={() => setSelfOpen(false)} onDone={() => { setSelfOpen(false); reload(); }} />
      <OnsiteModal open={onsiteOpen} plan={plan} orgId={target.orgId} onClose={() => setOnsiteOpen(false)} onDone={() => { setOnsiteOpen(false); reload(); }} />
    </Card>
  );
}

function FindingBlock({ finding: f, orgId, reload }: { finding: Finding; orgId: string; reload(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [modal, setModal] = useState<'report' | 'accept' | 'return' | 'suspend' | null>(null);
  const post = async (path: string, body: unknown) => {
    try {
      await api.post(path, body);
      setModal(null);
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="finding"
      title={<Space wrap><SeverityTag value={f.severity} /><CheckItemText item={f.item} /><FindingStatusTag value={f.status} />{f.late ? <Tag color="red">{t('finding.late')}</Tag> : null}</Space>}
      extra={(
        <Space>
          {f.permissions.report ? <Button size="small" type="primary" onClick={() => setModal('report')} data-testid="finding-report">{t('finding.report')}</Button> : null}
          {f.permissions.decide ? <Button size="small" type="primary" onClick={() => setModal('accept')} data-testid="finding-accept">{t('finding.accept')}</Button> : null}
          {f.permissions.decide ? <Button size="small" onClick={() => setModal('return')} data-testid="finding-return">{t('finding.return')}</Button> : null}
          {f.permissions.suspend ? <Button size="small" danger onClick={() => setModal('suspend')} data-testid="finding-suspend">{t('finding.suspend')}</Button> : null}
        </Space>
      )}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('finding.description')}>{f.description}</Descriptions.Item>
        <Descriptions.Item label={t('finding.opinion')}>{f.opinion}</Descriptions.Item>
        <Descriptions.Item label={t('finding.due')}>
          {f.status === 'accepted' ? f.dueOn : <DueText dueOn={f.dueOn} remaining={f.remainingWorkdays} overdue={f.overdue} provisional={f.provisional} />}
          <Typography.Text type="secondary">{` · ${t('common.workdays', { n: f.workdays })}`}</Typography.Text>
        </Descriptions.Item>
        {f.report ? <Descriptions.Item label={t('finding.reportText')}>{f.report} <Typography.Text type="secondary">— {f.reportedBy} · {fmtDateTime(f.reportedAt)}</Typography.Text></Descriptions.Item> : null}
        {f.decidedAt ? <Descriptions.Item label={t('common.comment')}>{f.decisionComment ?? '—'} <Typography.Text type="secondary">— {f.decidedBy} · {fmtDateTime(f.decidedAt)}</Typography.Text></Descriptions.Item> : null}
        {f.suspensions.length ? (
          <Descriptions.Item label={t('finding.suspensions')}>
            <Space direction="vertical" size={2}>
              {f.suspensions.map((s) => (
                <Space key={s.id} wrap>
                  <span>{s.entryName} → {s.consumerName}</span>
                  {s.liftedAt ? <Tag>{t('finding.lifted')} {fmtDateTime(s.liftedAt)}</Tag>
                    : f.permissions.lift
                      ? <Button size="small" onClick={() => post(`/security/suspensions/${s.id}/lift`, {})}>{t('finding.lift')}</Button> : <GrantStatusTag value={s.grantStatus} />}
                </Space>
              ))}
            </Space>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <CommentModal
        open={modal === 'report' || modal === 'accept' || modal === 'return'}
        title={modal === 'report' ? t('finding.report') : modal === 'accept' ? t('finding.accept') : t('finding.return')}
        label={modal === 'report' ? t('finding.reportText') : t('common.comment')}
        requiredMessage={modal === 'accept' ? undefined : t('common.required')}
        onCancel={() => setModal(null)}
        onOk={(text) => (modal === 'report'
          ? post(`/security/findings/${f.id}/report`, { report: text })
          : post(`/security/findings/${f.id}/decision`, { decision: modal, ...(text ? { comment: text } : {}) }))}
      />
      <SuspendGrantsModal open={modal === 'suspend'} orgId={orgId} path={`/security/findings/${f.id}/suspend-grants`} onClose={() => setModal(null)} onDone={() => { setModal(null); reload(); }} />
    </Card>
  );
}

function SelfAssessmentModal({ open, plan, orgId, onClose, onDone }: { open: boolean; plan: Inspection; orgId: string; onClose(): void; onDone(): void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Modal
      open={open} title={t('inspections.selfAssess')} width={760} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await api.post(`/security/inspections/${plan.id}/targets/${orgId}/self-assessment`, {
            report: v.report, items: plan.checkItems.map((item) => ({ item, conclusion: v[`c_${item}`], note: v[`n_${item}`] || undefined })),
          });
          onDone();
        } catch (err) {
          message.error(errorText(err, lang));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={Object.fromEntries(plan.checkItems.map((c) => [`c_${c}`, 'compliant']))}>
        {plan.checkItems.map((item) => (
          <Space key={item} align="start" style={{ display: 'flex' }}>
            <Form.Item name={`c_${item}`} label={<CheckItemText item={item} />} style={{ width: 320 }} rules={[{ required: true }]}>
              <Select options={SELF_CONCLUSIONS.map((c) => ({ value: c, label: pick(SELF_CONCLUSION_LABELS[c]) }))} />
            </Form.Item>
            <Form.Item name={`n_${item}`} label={t('inspections.note')} style={{ width: 360 }}><Input maxLength={2000} /></Form.Item>
          </Space>
        ))}
        <Form.Item name="report" label={t('inspections.selfReport')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={4} maxLength={8000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function OnsiteModal({ open, plan, orgId, onClose, onDone }: { open: boolean; plan: Inspection; orgId: string; onClose(): void; onDone(): void }) {
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Modal
      open={open} title={t('inspections.onsite')} width={820} onCancel={onClose} destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await api.post(`/security/inspections/${plan.id}/targets/${orgId}/onsite`, {
            comment: v.comment,
            findings: (v.findings ?? []).map((f: Record<string, unknown>) => ({ ...f, workdays: f.workdays ?? undefined })),
          });
          onDone();
        } catch (err) {
          message.error(errorText(err, lang));
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="comment" label={t('inspections.onsiteComment')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }} extra={<Button size="small" onClick={() => remove(field.name)}>{t('common.remove')}</Button>}>
                  <Space wrap align="start">
                    <Form.Item name={[field.name, 'item']} label={t('finding.item')} rules={[{ required: true }]} style={{ width: 300 }}>
                      <Select options={plan.checkItems.map((c) => ({ value: c, label: <CheckItemText item={c} /> }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'severity']} label={t('finding.severity')} rules={[{ required: true }]} initialValue="general" style={{ width: 220 }}>
                      <Select options={FINDING_SEVERITIES.map((s) => ({ value: s, label: pick(FINDING_SEVERITY_LABELS[s]) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'workdays']} label={t('finding.workdays')}><InputNumber min={1} max={60} /></Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'description']} label={t('finding.description')} rules={[{ required: true }]}><Input maxLength={2000} /></Form.Item>
                  <Form.Item name={[field.name, 'opinion']} label={t('finding.opinion')} rules={[{ required: true }]}><Input maxLength={2000} /></Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ severity: 'general' })}>{t('inspections.addFinding')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
