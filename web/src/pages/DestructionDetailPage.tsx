/** 销毁记录 (/security/destructions/:id, Sec §29): what, approved by whom, executed how, how much, verified, filed. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Skeleton, Space, Steps, Table, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Destruction } from '../types.ts';
import { CommentModal } from '../components/CommentModal.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { DestructionStatusTag, DueText, methodLabel, targetLabel } from '../components/OversightTags.tsx';
import { DestructionVerification } from '../components/DestructionVerification.tsx';

type Act = 'approve' | 'reject' | 'cancel' | 'file' | 'execute';
const STEP: Record<string, number> = { pending: 1, approved: 2, executed: 3, filed: 4, rejected: 1, cancelled: 1 };

export default function DestructionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t, pick, lang } = useI18n();
  const { message } = App.useApp();
  const [act, setAct] = useState<Act | null>(null);
  const { data: d, error, loading, reload } = useLoader((signal) => api.get<Destruction>(`/security/destructions/${encodeURIComponent(id)}`, undefined, signal), [id]);
  if (loading && !d) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!d) return <ErrorAlert error={error} onRetry={reload} />;
  const run = async (a: Act, text: string) => {
    try {
      await api.post(`/security/destructions/${d.id}/${a}`, a === 'execute' ? (text ? { note: text } : {}) : (text ? { comment: text } : {}));
      setAct(null);
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  const who = (name: string | null, at: string | null) => (at ? `${name ?? ''} · ${fmtDateTime(at)}` : '—');
  return (
    <div data-testid="destruction-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16}>
          <Space size={10} wrap data-testid="destruction-head"><Typography.Title level={3} style={{ margin: 0 }}>{targetLabel(d.target, pick)}</Typography.Title><DestructionStatusTag value={d.status} /></Space>
          <Space wrap>
            {d.permissions.approve ? <Button type="primary" onClick={() => setAct('approve')} data-testid="destruction-approve">{t('destructions.approve')}</Button> : null}
            {d.permissions.reject ? <Button danger onClick={() => setAct('reject')} data-testid="destruction-reject">{t('destructions.reject')}</Button> : null}
            {d.permissions.cancel ? <Button onClick={() => setAct('cancel')} data-testid="destruction-cancel">{t('destructions.cancel')}</Button> : null}
            {d.permissions.execute ? <Button type="primary" danger onClick={() => setAct('execute')} data-testid="destruction-execute">{t('destructions.execute')}</Button> : null}
            {d.permissions.file ? <Button type="primary" onClick={() => setAct('file')} data-testid="destruction-file">{t('destructions.file')}</Button> : null}
          </Space>
        </Flex>
        <Steps size="small" style={{ margin: '16px 0' }} current={STEP[d.status] ?? 0} status={d.status === 'rejected' || d.status === 'cancelled' ? 'error' : undefined}
          items={[t('destructions.requestedBy'), t('destructions.decidedBy'), t('destructions.executedBy'), t('destructions.filedBy')].map((title) => ({ title }))} />
        <Descriptions size="small" bordered column={1} styles={{ label: { width: 180 } }}>
          <Descriptions.Item label={t('destructions.org')}>{d.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('destructions.entry')}>
            {d.entryId ? <Link to={`/catalog/${d.entryId}`}>{d.entryName}</Link> : d.grantId ? <Link to={`/grants/${d.grantId}`}>{d.entryName}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('destructions.method')}>{methodLabel(d.method, pick)}</Descriptions.Item>
          <Descriptions.Item label={t('destructions.reason')}>{d.reason}</Descriptions.Item>
          {d.files.length ? (
            <Descriptions.Item label={t('destructions.files')}>
              <Table size="small" rowKey="name" pagination={false} dataSource={d.files}
                columns={[{ title: t('files.name'), dataIndex: 'name' }, { title: t('destructions.bytes'), dataIndex: 'bytes' }, { title: 'SHA-256', dataIndex: 'sha256', render: (v: string) => <span className="gdx-mono">{v}</span> }]} />
            </Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('destructions.requestedBy')}>{d.origin === 'grant_end' ? t('destructions.system') : who(d.requestedBy, d.requestedAt)}</Descriptions.Item>
          {d.dueOn ? <Descriptions.Item label={t('destructions.due')}><DueText dueOn={d.dueOn} remaining={d.remainingWorkdays} overdue={d.overdue} provisional={d.provisional} /></Descriptions.Item> : null}
          <Descriptions.Item label={t('destructions.decidedBy')}>{who(d.decidedBy, d.decidedAt)}{d.decisionComment ? ` — ${d.decisionComment}` : ''}</Descriptions.Item>
          <Descriptions.Item label={t('destructions.executedBy')}>{who(d.executedBy, d.executedAt)}</Descriptions.Item>
          {d.executedAt ? (
            <>
              <Descriptions.Item label={t('destructions.rows')}>{d.rows ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('destructions.bytes')}>{d.bytes ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('destructions.checksum')}><span className="gdx-mono">{d.checksum ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('destructions.verification')}><DestructionVerification value={d.verification} /></Descriptions.Item>
            </>
          ) : null}
          <Descriptions.Item label={t('destructions.filedBy')}>{who(d.filedBy, d.filedAt)}{d.filingComment ? ` — ${d.filingComment}` : ''}</Descriptions.Item>
        </Descriptions>
      </Card>
      {act === 'execute' ? (
        <CommentModal open title={t('destructions.execute')} hint={t('destructions.executeConfirm')} label={t('destructions.note')} danger onCancel={() => setAct(null)} onOk={(text) => run('execute', text)} />
      ) : (
        <CommentModal
          open={act !== null} title={act ? t(`destructions.${act}` as MessageKey) : ''} label={t('common.comment')}
          requiredMessage={act === 'reject' ? t('common.required') : undefined} onCancel={() => setAct(null)} onOk={(text) => run(act!, text)}
        />
      )}
    </div>
  );
}
