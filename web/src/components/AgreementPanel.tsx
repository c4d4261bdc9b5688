/**
 * 数据安全协议 of a grant (security rules §27): the text the platform generated from the grant, its
 * digest, and who accepted it for the consumer and when — or the accept button for the consumer's
 * requester, approver or data steward. No data flows under the grant before it is accepted.
 */
import { Alert, App, Button, Card, Popconfirm, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { FileProtectOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { Agreement } from '../types.ts';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';

export function AgreementPanel({ grantId, consumerName, onAccepted }: { grantId: string; consumerName: string; onAccepted?: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<Agreement>(`/grants/${encodeURIComponent(grantId)}/agreement`, undefined, signal), [grantId]);

  async function accept() {
    setBusy(true);
    try {
      await api.post<Agreement>(`/grants/${encodeURIComponent(grantId)}/agreement`, { accept: true });
      message.success(t('agreement.acceptedToast'));
      reload();
      onAccepted?.();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  const accepted = !!data?.acceptedAt;
  return (
    <Card
      style={{ marginBottom: 16 }}
      data-testid="agreement-panel"
      title={<Space><FileProtectOutlined />{t('agreement.title')}</Space>}
      extra={data ? <Tag color={accepted ? 'green' : 'orange'}>{t(accepted ? 'agreement.status.accepted' : 'agreement.status.pending')}</Tag> : null}
    >
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? <Skeleton active paragraph={{ rows: 4 }} /> : null}
      {data ? (
        <>
          <Typography.Paragraph type="secondary">{t('agreement.hint')}</Typography.Paragraph>
          {accepted
            ? <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="agreement-accepted"
              message={t('agreement.accepted', { who: data.acceptedByName ?? data.acceptedBy ?? '', at: fmtDateTime(data.acceptedAt) })} />
            : <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('agreement.pending')}
              action={data.mayAccept ? (
                <Popconfirm title={t('agreement.acceptConfirm', { org: consumerName })} onConfirm={accept} okText={t('agreement.accept')} cancelText={t('common.cancel')}>
                  <Button type="primary" loading={busy} data-testid="agreement-accept">{t('agreement.accept')}</Button>
                </Popconfirm>
              ) : undefined} />}
          <Tabs
            size="small"
            defaultActiveKey={lang}
            items={[
              { key: 'zh', label: t('agreement.textZh'), children: <AgreementText text={data.textZh} /> },
              { key: 'en', label: t('agreement.textEn'), children: <AgreementText text={data.textEn} /> },
            ]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('agreement.generatedAt', { at: fmtDateTime(data.generatedAt) })} · {t('agreement.hash')}: <span className="gdx-mono">{data.textHash}</span>
          </Typography.Text>
        </>
      ) : null}
    </Card>
  );
}

function AgreementText({ text }: { text: string }) {
  return (
    <div style={{ whiteSpace: 'pre-wrap', maxHeight: 420, overflow: 'auto', background: '#fafbfc', border: '1px solid #eef0f4', padding: 12, lineHeight: 1.7 }}
      data-testid="agreement-text">
      {text}
    </div>
  );
}
