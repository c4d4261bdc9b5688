/**
 * 共享申请详情 (/requests/:id): who asks whom for what (§20, §30: items, purpose, scenario, basis,
 * method, period), the timeline of its steps with their working-day deadlines, the negotiation thread
 * (§30(三)), the actions the server allows this user, and the grant once granted.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { REQUEST_FIELD_LABELS } from '../../../src/domain/sharing/labels.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import type { CatalogEntry, ShareRequest } from '../types.ts';
import { sharingLabel } from '../vocab.ts';
import { Countdown } from '../components/Deadline.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { NegotiationThread } from '../components/NegotiationThread.tsx';
import { RequestActions } from '../components/RequestActions.tsx';
import { RequestDrawer } from '../components/RequestDrawer.tsx';
import { RowScopeText } from '../components/RowScopeFields.tsx';
import { ItemTags, MethodText, RequestStatusTag } from '../components/SharingTags.tsx';
import { StepTimeline } from '../components/StepTimeline.tsx';

export default function RequestDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t, lang, colon } = useI18n();
  const { message } = App.useApp();
  const [resubmitting, setResubmitting] = useState(false);
  const { data: request, error, loading, reload } = useLoader(
    (signal) => api.get<ShareRequest>(`/requests/${encodeURIComponent(id)}`, undefined, signal),
    [id],
  );
  // The entry gives the items their Chinese names and the form its rules; not every viewer may read it.
  const entry = useLoader(
    (signal) => (request ? api.get<CatalogEntry>(`/catalog/${request.entryId}`, undefined, signal).catch(() => undefined) : Promise.resolve(undefined)),
    [request?.entryId],
  );
  const entryItems = useMemo(() => entry.data?.items ?? [], [entry.data]);
  const labels = useMemo(() => new Map(entryItems.map((i) => [i.name ?? '', i.label ?? i.name ?? ''])), [entryItems]);

  if (loading && !request) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (error && !request) {
    return (
      <>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
        <ErrorAlert error={error} onRetry={reload} />
      </>
    );
  }
  if (!request) return null;
  const open = request.steps.find((s) => s.status === 'open' || s.status === 'paused');

  async function post(messageText: string) {
    try {
      await api.post<ShareRequest>(`/requests/${request!.id}/negotiation`, { message: messageText });
      message.success(t('negotiation.sent'));
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
      throw err;
    }
  }

  return (
    <div data-testid="request-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16}>
          <div style={{ minWidth: 0 }}>
            <Typography.Text type="secondary">{t('request.title')}</Typography.Text>
            <Space size={10} wrap style={{ display: 'flex' }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                <Link to={`/catalog/${request.entryId}`} data-testid="request-entry">{request.entryName}</Link>
              </Typography.Title>
              <RequestStatusTag value={request.status} />
              {request.route === 'desensitized' ? <Typography.Text type="warning">{sharingLabel('route', 'desensitized', lang)}</Typography.Text> : null}
            </Space>
            <div style={{ marginTop: 6 }}>
              {request.entryCode ? <Typography.Text className="gdx-mono" style={{ marginInlineEnd: 16 }}>{request.entryCode}</Typography.Text> : null}
              <Typography.Text type="secondary">{request.consumerName} → {request.providerName}</Typography.Text>
            </div>
            {open ? (
              <div style={{ marginTop: 8 }} data-testid="request-current-step">
                <Space size={8} wrap>
                  <span>{t('request.currentStep')}{colon}<strong>{sharingLabel('stepKind', open.kind, lang)}</strong></span>
                  <Countdown clock={open} showDate />
                </Space>
              </div>
            ) : null}
          </div>
          <Space direction="vertical" align="end">
            <RequestActions request={request} entryItems={entryItems} onResubmit={() => setResubmitting(true)} onChanged={reload} />
            {request.grantId ? (
              <Link to={`/grants/${request.grantId}`} data-testid="request-grant-link">
                <Button icon={<SafetyCertificateOutlined />}>{t('request.viewGrant')}</Button>
              </Link>
            ) : null}
          </Space>
        </Flex>
      </Card>

      {request.status === 'returned' && request.permissions.resubmit ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('request.returnedBanner')} />
      ) : null}

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={t('request.details')} style={{ marginBottom: 16 }}>
            <RequestDescriptions request={request} labels={labels} />
          </Card>
          {request.messages.length || request.permissions.negotiate || request.status === 'negotiation' ? (
            <Card title={t('negotiation.title')} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{t('negotiation.filed')}</Typography.Text>}>
              <NegotiationThread messages={request.messages} canPost={request.permissions.negotiate} opening={request.status === 'refused'} onPost={post} />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('request.timeline')} style={{ marginBottom: 16 }}>
            <StepTimeline request={request} />
          </Card>
        </Col>
      </Row>

      {request.permissions.resubmit && entry.data ? (
        <RequestDrawer
          open={resubmitting}
          entry={entry.data}
          request={request}
          onClose={() => setResubmitting(false)}
          onDone={() => {
            setResubmitting(false);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}

function RequestDescriptions({ request, labels }: { request: ShareRequest; labels: ReadonlyMap<string, string> }) {
  const { t, pick } = useI18n();
  const f = (k: keyof typeof REQUEST_FIELD_LABELS) => pick(REQUEST_FIELD_LABELS[k]);
  const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>;
  return (
    <Descriptions size="small" bordered column={1} styles={{ label: { width: 120 } }} data-testid="request-descriptions">
      <Descriptions.Item label={t('request.requester')}>{request.consumerName} · {request.requesterName}</Descriptions.Item>
      <Descriptions.Item label={t('entry.provider')}>{request.providerName}</Descriptions.Item>
      <Descriptions.Item label={f('items')}><ItemTags items={request.items} labels={labels} max={40} /></Descriptions.Item>
      <Descriptions.Item label={f('purpose')}>{pre(request.purpose)}</Descriptions.Item>
      <Descriptions.Item label={f('scenario')}>{pre(request.scenario)}</Descriptions.Item>
      <Descriptions.Item label={f('basis')}>{pre(request.basis)}</Descriptions.Item>
      <Descriptions.Item label={f('method')}><MethodText value={request.method} /></Descriptions.Item>
      <Descriptions.Item label={f('validUntil')}>{fmtDate(request.validUntil)}</Descriptions.Item>
      <Descriptions.Item label={t('scope.title')}>
        <RowScopeText scope={request.conditions.rowScope} labels={labels} granted={request.items} />
        {request.conditions.rowFilter ? <div>{pre(request.conditions.rowFilter)}</div> : null}
      </Descriptions.Item>
      {request.route === 'desensitized' ? (
        <Descriptions.Item label={f('desensitization')}>{pre(request.desensitization ?? '')}</Descriptions.Item>
      ) : null}
      <Descriptions.Item label={t('request.createdAt')}>{fmtDateTime(request.createdAt)}</Descriptions.Item>
      <Descriptions.Item label={t('entry.updatedAt')}>{fmtDateTime(request.updatedAt)}</Descriptions.Item>
    </Descriptions>
  );
}
