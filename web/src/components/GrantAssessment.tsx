/**
 * 内部审查与安全评估 of a grant (security rules §27): the provider's review opinion and assessment
 * conclusion that the data's grade demanded before granting, with the grade and grading rule-set
 * version that applied — or a note that none was needed (the platform granted it itself).
 */
import { Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { GrantAssessmentView } from '../types.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

export function GrantAssessment({ grantId }: { grantId: string }) {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<GrantAssessmentView>(`/grants/${encodeURIComponent(grantId)}/assessment`, undefined, signal), [grantId]);
  const a = data?.assessment;
  const text = (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>;
  return (
    <Card title={<Space><AuditOutlined />{t('assessment.title')}</Space>} style={{ marginBottom: 16 }} data-testid="grant-assessment">
      <ErrorAlert error={error} onRetry={reload} />
      {loading && !data ? <Skeleton active paragraph={{ rows: 3 }} /> : null}
      {data && !a ? <Typography.Text type="secondary">{t('assessment.none')}</Typography.Text> : null}
      {a ? (
        <>
          <Typography.Paragraph type="secondary">{t('assessment.hint')}</Typography.Paragraph>
          <Descriptions size="small" bordered column={1} styles={{ label: { width: 160 } }}>
            <Descriptions.Item label={t('assessment.grade')}>
              <Space size={6}><Tag>L{a.grade}</Tag>{a.important ? <Tag color="red">{t('assessment.important')}</Tag> : null}</Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.ruleSet')}>{a.ruleSetVersion === 0 ? t('assessment.ruleSetDefault') : `v${a.ruleSetVersion}`}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.internalReview')}>{text(a.internalReview)}</Descriptions.Item>
            <Descriptions.Item label={t('assessment.securityAssessment')}>
              {a.securityAssessment ? text(a.securityAssessment) : <Typography.Text type="secondary">{t('assessment.notRequired')}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment.recordedAt')}>{fmtDateTime(a.recordedAt)}</Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Card>
  );
}
