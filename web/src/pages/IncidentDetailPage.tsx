/** 安全事件详情 (/security/incidents/:id, Sec §34): what happened, the plan start, the timeline, the actions. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Incident } from '../types.ts';
import { CommentModal } from '../components/CommentModal.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { GrantStatusTag } from '../components/SharingTags.tsx';
import { IncidentKindText, IncidentStatusTag, SuspendGrantsModal } from '../components/OversightTags.tsx';

type Action = 'respond' | 'resolve' | 'close' | 'plan';

export default function IncidentDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [suspending, setSuspending] = useState(false);
  const { data: x, error, loading, reload } = useLoader((signal) => api.get<Incident>(`/security/incidents/${encodeURIComponent(id)}`, undefined, signal), [id]);
  if (loading && !x) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!x) return <ErrorAlert error={error} onRetry={reload} />;
  const label: Record<Action, MessageKey> = { respond: 'incidents.respond', resolve: 'incidents.resolve', close: 'incidents.close', plan: 'incidents.recordPlan' };
  return (
    <div data-testid="incident-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16}>
          <div>
            <Space size={10} wrap data-testid="incident-head"><Typography.Title level={3} style={{ margin: 0 }}>{x.title}</Typography.Title><IncidentStatusTag value={x.status} /></Space>
            <div><IncidentKindText value={x.kind} /></div>
          </div>
          <Space wrap>
            {x.permissions.planStarted ? <Button onClick={() => setAction('plan')} data-testid="incident-plan">{t('incidents.recordPlan')}</Button> : null}
            {x.permissions.respond ? <Button type="primary" onClick={() => setAction('respond')} data-testid="incident-respond">{t('incidents.respond')}</Button> : null}
            {x.permissions.resolve ? <Button type="primary" onClick={() => setAction('resolve')} data-testid="incident-resolve">{t('incidents.resolve')}</Button> : null}
            {x.permissions.close ? <Button type="primary" onClick={() => setAction('close')} data-testid="incident-close">{t('incidents.close')}</Button> : null}
            {x.permissions.suspend ? <Button danger onClick={() => setSuspending(true)} data-testid="incident-suspend">{t('finding.suspend')}</Button> : null}
          </Space>
        </Flex>
        <Descriptions size="small" bordered column={1} style={{ marginTop: 16 }} styles={{ label: { width: 180 } }}>
          <Descriptions.Item label={t('incidents.org')}>{x.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.occurredAt')}>{fmtDateTime(x.occurredAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.reportedBy')}>{x.reportedBy} · {fmtDateTime(x.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.planStartedAt')}>{x.planStartedAt ? fmtDateTime(x.planStartedAt) : <Typography.Text type="danger">{t('incidents.planNotStarted')}</Typography.Text>}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.scope')}>{x.scope}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.affectedData')}>{x.affectedData || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('incidents.affectedEntries')}>
            {x.affectedEntries.length ? <Space wrap>{x.affectedEntries.map((e) => <Link key={e.id} to={`/catalog/${e.id}`}>{e.name}</Link>)}</Space> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.affectedGrants')}>
            {x.affectedGrants.length ? <Space direction="vertical" size={2}>{x.affectedGrants.map((g) => <span key={g.id}><Link to={`/grants/${g.id}`}>{g.entryName} → {g.consumerName}</Link> <GrantStatusTag value={g.status} /></span>)}</Space> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('incidents.measures')}>{x.measures}</Descriptions.Item>
          {x.suspensions.length ? (
            <Descriptions.Item label={t('finding.suspensions')}>
              <Space direction="vertical" size={2}>
                {x.suspensions.map((s) => (
                  <Space key={s.id} wrap data-testid="incident-suspension">
                    <span>{s.entryName} → {s.consumerName}</span>
                    {s.liftedAt ? <Tag>{t('finding.lifted')}</Tag> : x.permissions.lift ? (
                      <Button size="small" data-testid="suspension-lift" onClick={async () => {
                        try {
                          await api.post(`/security/suspensions/${s.id}/lift`, {});
                          reload();
                        } catch (err) {
                          message.error(errorText(err, lang));
                        }
                      }}>{t('finding.lift')}</Button>
                    ) : <GrantStatusTag value={s.grantStatus} />}
                  </Space>
                ))}
              </Space>
            </Descriptions.Item>
          ) : null}
          {x.summary ? <Descriptions.Item label={t('incidents.summary')}>{x.summary}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title={t('incidents.timeline')} style={{ marginTop: 16 }}>
        <Timeline items={x.events.map((e) => ({
          color: e.kind === 'close' ? 'green' : e.kind === 'suspension' ? 'red' : 'blue',
          children: (
            <div>
              <Typography.Text strong>{t(`incidents.event.${e.kind}` as MessageKey)}</Typography.Text>
              <Typography.Text type="secondary"> · {fmtDateTime(e.at)} · {e.actorName ?? ''} {e.orgName ? `（${e.orgName}）` : ''}</Typography.Text>
              {e.body ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.body}</div> : null}
            </div>
          ),
        }))} />
      </Card>
      <CommentModal
        open={action !== null} title={action ? t(label[action]) : ''} label={action === 'close' ? t('incidents.summary') : t('common.comment')}
        requiredMessage={action === 'plan' ? undefined : t('common.required')}
        onCancel={() => setAction(null)}
        onOk={async (text) => {
          try {
            if (action === 'plan') await api.post(`/security/incidents/${x.id}/plan-started`, text ? { note: text } : {});
            else await api.post(`/security/incidents/${x.id}/${action}`, { text });
            setAction(null);
            reload();
          } catch (err) {
            message.error(errorText(err, lang));
          }
        }}
      />
      <SuspendGrantsModal open={suspending} orgId={x.orgId} path={`/security/incidents/${x.id}/suspend-grants`} onClose={() => setSuspending(false)} onDone={() => { setSuspending(false); reload(); }} />
    </div>
  );
}
