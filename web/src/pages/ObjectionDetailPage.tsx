/** 数据异议详情 (/objections/:id, §32): what was reported, the 5-working-day correction clock, the outcome. */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Objection } from '../types.ts';
import { Countdown } from '../components/Deadline.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ResolveObjectionModal, canResolve } from '../components/ResolveObjectionModal.tsx';
import { ItemTags, ObjectionStatusTag } from '../components/SharingTags.tsx';

export default function ObjectionDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t } = useI18n();
  const { user } = useAuth();
  const [resolving, setResolving] = useState(false);
  const { data: o, error, loading, reload } = useLoader(
    (signal) => api.get<Objection>(`/objections/${encodeURIComponent(id)}`, undefined, signal),
    [id],
  );
  if (loading && !o) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error && !o) {
    return (
      <>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
        <ErrorAlert error={error} onRetry={reload} />
      </>
    );
  }
  if (!o) return null;
  return (
    <div data-testid="objection-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16} style={{ marginBottom: 16 }}>
          <div>
            <Typography.Text type="secondary">{t('objections.detailTitle')}</Typography.Text>
            <Space size={10} wrap style={{ display: 'flex' }}>
              <Typography.Title level={3} style={{ margin: 0 }}><Link to={`/catalog/${o.entryId}`}>{o.entryName}</Link></Typography.Title>
              <ObjectionStatusTag value={o.status} />
            </Space>
            <Typography.Text type="secondary">{o.consumerName} → {o.providerName}</Typography.Text>
          </div>
          {canResolve(o, user) ? <Button type="primary" onClick={() => setResolving(true)} data-testid="objection-resolve">{t('objection.resolve')}</Button> : null}
        </Flex>
        <Descriptions size="small" bordered column={1} styles={{ label: { width: 160 } }}>
          <Descriptions.Item label={t('objection.description')}><span style={{ whiteSpace: 'pre-wrap' }}>{o.description}</span></Descriptions.Item>
          <Descriptions.Item label={t('objection.items')}>{o.items.length ? <ItemTags items={o.items} max={60} /> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('objection.sampleKeys')}>
            {o.sampleKeys.length ? o.sampleKeys.map((k) => <Tag key={k} className="gdx-mono">{k}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('objections.createdAt')}>{fmtDateTime(o.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('objections.deadline')}>
            {o.status === 'open' ? <Countdown clock={o} showDate /> : <Typography.Text type="secondary">{o.dueOn}</Typography.Text>}
          </Descriptions.Item>
          {o.status !== 'open' ? (
            <>
              <Descriptions.Item label={t('objections.resolution')}>
                <ObjectionStatusTag value={o.status} /> {o.resolverName} · {fmtDateTime(o.resolvedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('common.comment')}><span style={{ whiteSpace: 'pre-wrap' }}>{o.outcomeComment}</span></Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      </Card>
      <ResolveObjectionModal
        open={resolving}
        objection={o}
        onClose={() => setResolving(false)}
        onDone={() => {
          setResolving(false);
          reload();
        }}
      />
    </div>
  );
}
