/**
 * 审计链状态 (security rules §17): how far the tamper-evident chain is sealed and verified, its head
 * hash and last signed checkpoint; verifying names the first broken record and why.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined, SignatureOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { hasMessage, useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { AuditChainStatus, AuditVerification } from '../types.ts';
import { errorText } from './ErrorAlert.tsx';

const short = (hash: string) => `${hash.slice(0, hash.indexOf(':') + 13)}…`;

export function AuditChainPanel({ canCheckpoint }: { canCheckpoint: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [status, setStatus] = useState<AuditChainStatus>();
  const [result, setResult] = useState<AuditVerification>();
  const [busy, setBusy] = useState<'verify' | 'checkpoint'>();

  const load = useCallback(() => {
    api.get<AuditChainStatus>('/audit/chain').then(setStatus, (err) => message.error(errorText(err, lang)));
  }, [lang, message]);
  useEffect(load, [load]);

  async function run(kind: 'verify' | 'checkpoint') {
    setBusy(kind);
    try {
      if (kind === 'verify') setResult(await api.get<AuditVerification>('/audit/verify'));
      else message.success(t('audit.chain.checkpointDone', { count: (await api.post<{ count: number }>('/audit/checkpoints', {})).count }));
      load();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(undefined);
    }
  }

  const reason = (r: string) => (hasMessage(`audit.chain.reason.${r}`) ? t(`audit.chain.reason.${r}` as never) : r);
  const cp = status?.lastCheckpoint;
  const last = status?.lastVerification;
  return (
    <Card size="small" title={t('audit.chain.title')} style={{ marginBottom: 12 }} data-testid="audit-chain"
      extra={(
        <Space>
          {canCheckpoint ? <Button icon={<SignatureOutlined />} loading={busy === 'checkpoint'} onClick={() => run('checkpoint')}>{t('audit.chain.checkpoint')}</Button> : null}
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={busy === 'verify'} onClick={() => run('verify')} data-testid="audit-chain-verify">{t('audit.chain.verify')}</Button>
        </Space>
      )}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('audit.chain.hint')}</Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('audit.chain.sealed')}>{status?.sealed ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.chain.unsealed')}>{status?.unsealed ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.chain.head')}>
          {status?.head ? <Typography.Text className="gdx-mono" copyable={{ text: status.head.hash }}>{short(status.head.hash)}</Typography.Text> : t('audit.chain.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.chain.lastCheckpoint')}>
          {cp ? (
            <Space size={4}>
              {t('audit.chain.checkpointOf', { count: cp.count, at: fmtDateTime(cp.at) })}
              <Tag color={cp.verified ? 'success' : 'error'}>{cp.verified ? t('audit.chain.checkpointOk') : t('audit.chain.checkpointBad')}</Tag>
            </Space>
          ) : t('audit.chain.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.chain.lastVerification')}>
          {last ? (
            <Space size={4}>
              {fmtDateTime(last.at)}
              <Tag color={last.ok ? 'success' : 'error'}>{t('audit.chain.verifiedThrough', { n: last.verifiedThrough })}</Tag>
              {last.reason ? reason(last.reason) : null}
            </Space>
          ) : t('audit.chain.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('audit.chain.publicKey')}><a href="/api/v1/audit/public-key" target="_blank" rel="noreferrer">/api/v1/audit/public-key</a></Descriptions.Item>
      </Descriptions>
      {result ? (
        result.ok ? (
          <Alert type="success" showIcon data-testid="audit-chain-result"
            message={t('audit.chain.ok', { n: result.verified, s: result.seconds, cp: result.checkpoints.verified })} />
        ) : (
          <Alert type="error" showIcon data-testid="audit-chain-result"
            message={t('audit.chain.broken', { seq: result.firstBad?.seq ?? result.verifiedThrough + 1 })}
            description={result.firstBad ? `${t('audit.chain.reason')}: ${reason(result.firstBad.reason)} — ${lang === 'en' ? result.firstBad.en : result.firstBad.zh}` : undefined} />
        )
      ) : null}
    </Card>
  );
}
