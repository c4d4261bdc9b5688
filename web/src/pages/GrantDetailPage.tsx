/**
 * 授权详情 (/grants/:id): who may use which items of which entry, how, under which conditions, from
 * when until when — and for what: the purpose and scenario of the request travel with the grant and
 * bind its use (§39 仅限于申请的用途和场景使用). Last use and idleness (§31), revocation (§31, §40).
 */
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate, fmtDateTime, shanghaiToday } from '../format.ts';
import type { CatalogEntry, Grant } from '../types.ts';
import { sharingLabel } from '../vocab.ts';
import { useAuth } from '../auth.tsx';
import { DataTryIt } from '../components/DataTryIt.tsx';
import { AgreementPanel } from '../components/AgreementPanel.tsx';
import { GrantAssessment } from '../components/GrantAssessment.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { GrantActions } from '../components/GrantActions.tsx';
import { GrantFiles } from '../components/GrantFiles.tsx';
import { ValidUntil } from '../components/GrantValidity.tsx';
import { ConditionsView } from '../components/GrantTerms.tsx';
import { GrantStatusTag, IdleTag, ItemTags, MethodText } from '../components/SharingTags.tsx';

export default function GrantDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t, lang, colon } = useI18n();
  const { user, hasRole } = useAuth();
  const { data: grant, error, loading, reload } = useLoader(
    (signal) => api.get<Grant>(`/grants/${encodeURIComponent(id)}`, undefined, signal),
    [id],
  );
  const entry = useLoader(
    (signal) => (grant ? api.get<CatalogEntry>(`/catalog/${grant.entryId}`, undefined, signal).catch(() => undefined) : Promise.resolve(undefined)),
    [grant?.entryId],
  );
  const labels = useMemo(() => new Map((entry.data?.items ?? []).map((i) => [i.name ?? '', i.label ?? i.name ?? ''])), [entry.data]);
  const today = useMemo(() => shanghaiToday(), []);

  if (loading && !grant) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (error && !grant) {
    return (
      <>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
        <ErrorAlert error={error} onRetry={reload} />
      </>
    );
  }
  if (!grant) return null;

  return (
    <div data-testid="grant-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16}>
          <div>
            <Typography.Text type="secondary">{t('grants.detailTitle')}</Typography.Text>
            <Space size={10} wrap style={{ display: 'flex' }}>
              <Typography.Title level={3} style={{ margin: 0 }}><Link to={`/catalog/${grant.entryId}`}>{grant.entryName}</Link></Typography.Title>
              <GrantStatusTag value={grant.status} />
              {grant.idle ? <IdleTag since={grant.idleSince} /> : null}
            </Space>
            <div style={{ marginTop: 6 }}>
              {grant.entryCode ? <Typography.Text className="gdx-mono" style={{ marginInlineEnd: 16 }}>{grant.entryCode}</Typography.Text> : null}
              <Typography.Text type="secondary">{grant.providerName} → {grant.consumerName}</Typography.Text>
            </div>
          </div>
          <GrantActions grant={grant} itemLabels={labels} onChanged={reload} />
        </Flex>
      </Card>

      {grant.status === 'revoked' ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} message={t('grants.revokedAt', { d: fmtDateTime(grant.revokedAt) })}
          description={grant.revokeReason ? `${t('common.reason')}${colon}${grant.revokeReason}` : undefined} />
      ) : null}
      {grant.idle ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('grants.idleBanner', { d: fmtDate(grant.idleSince) })} /> : null}

      <Card title={t('grants.scope')} style={{ marginBottom: 16 }}>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('grants.purposeBound')} data-testid="purpose-bound" />
        <Descriptions size="small" bordered column={1} styles={{ label: { width: 140 } }}>
          <Descriptions.Item label={t('grants.purpose')}><span style={{ whiteSpace: 'pre-wrap' }}>{grant.purpose}</span></Descriptions.Item>
          <Descriptions.Item label={t('grants.scenario')}><span style={{ whiteSpace: 'pre-wrap' }}>{grant.scenario}</span></Descriptions.Item>
          <Descriptions.Item label={t('requests.items')}><ItemTags items={grant.items} labels={labels} max={60} /></Descriptions.Item>
          <Descriptions.Item label={t('requests.method')}><MethodText value={grant.method} /></Descriptions.Item>
          <Descriptions.Item label={t('grants.conditions')}><ConditionsView conditions={grant.conditions} labels={labels} granted={grant.items} /></Descriptions.Item>
        </Descriptions>
      </Card>

      {/* 数据安全协议 (security rules §27): accepted by the consumer before any use of the grant. */}
      <AgreementPanel grantId={grant.id} consumerName={grant.consumerName} onAccepted={reload} />
      {/* 内部审查与安全评估 (security rules §27): what the grade demanded before this grant. */}
      <GrantAssessment grantId={grant.id} />

      <Card title={t('grants.lifecycle')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('entry.provider')}>{grant.providerName}</Descriptions.Item>
          <Descriptions.Item label={t('grants.consumer')}>{grant.consumerName}</Descriptions.Item>
          <Descriptions.Item label={t('grants.validFrom')}>{fmtDate(grant.validFrom)}</Descriptions.Item>
          <Descriptions.Item label={t('grants.validUntil')}><ValidUntil grant={grant} today={today} /></Descriptions.Item>
          <Descriptions.Item label={t('grants.grantedBy')}>{sharingLabel('grantedBy', grant.grantedBy, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('grants.createdAt')}>{fmtDateTime(grant.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('grants.lastUsed')}>
            {grant.lastUsedAt ? fmtDateTime(grant.lastUsedAt) : <Typography.Text type="secondary">{t('grants.neverUsed')}</Typography.Text>}
            {/* 数据使用记录 (§38): each call under this grant, from the side this user stands on. */}
            <Link style={{ marginInlineStart: 12 }} data-testid="grant-usage"
              to={`/usage?view=${user?.orgId === grant.consumerId ? 'mine' : user?.orgId === grant.providerId ? 'provided' : 'all'}&grantId=${grant.id}`}>
              {t('usage.viewGrant')}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('grants.request')}>
            {grant.requestId ? <Link to={`/requests/${grant.requestId}`}>{t('grants.viewRequest')}</Link> : <Typography.Text type="secondary">{t('common.none')}</Typography.Text>}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {/* 接口调试: the using department's own apps may call under a live API grant. */}
      {grant.method === 'api' && grant.status === 'active' && grant.entryCode && user?.orgId === grant.consumerId && hasRole('data_steward', 'requester')
        ? <DataTryIt grants={[grant]} labels={labels} onCalled={reload} />
        : null}
      {/* 文件下载: the using department's stewards and requesters download under a live file grant. */}
      {grant.method === 'file' && grant.status === 'active' && user?.orgId === grant.consumerId && hasRole('data_steward', 'requester')
        ? <GrantFiles grant={grant} onDownloaded={reload} />
        : null}
      {/* 库表同步: the using department's data steward configures and runs the sync of a table grant (§17). */}
      {grant.method === 'table' && grant.status === 'active' && user?.orgId === grant.consumerId && hasRole('data_steward')
        ? <Link to={`/sync?grant=${grant.id}`} data-testid="grant-sync-link">{t('sync.forGrant')}</Link>
        : null}
    </div>
  );
}
