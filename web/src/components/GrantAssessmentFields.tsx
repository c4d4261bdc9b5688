/**
 * 内部审查与安全评估 of a grant (security rules §27): the provider's review opinion and assessment
 * conclusion, which the grading rules demand for L3+ and important data (the server names what is
 * missing with ASSESSMENT_REQUIRED). Sent only when filled in.
 */
import { Input, Space, Typography } from 'antd';
import { useI18n } from '../i18n.ts';

export interface AssessmentDraft {
  internalReview: string;
  securityAssessment: string;
}

export const emptyAssessment = (): AssessmentDraft => ({ internalReview: '', securityAssessment: '' });

/** The request body part: `{ assessment }` when the review is written, else nothing. */
export function assessmentBody(a: AssessmentDraft): Record<string, unknown> {
  const internalReview = a.internalReview.trim();
  const securityAssessment = a.securityAssessment.trim();
  if (!internalReview) return {};
  return { assessment: { internalReview, ...(securityAssessment ? { securityAssessment } : {}) } };
}

export function GrantAssessmentFields({ value, onChange }: { value: AssessmentDraft; onChange(next: AssessmentDraft): void }) {
  const { t } = useI18n();
  return (
    <Space direction="vertical" style={{ width: '100%', margin: '8px 0 12px' }}>
      <Typography.Text strong>{t('grading.assessment.title')}</Typography.Text>
      <Typography.Text type="secondary">{t('grading.assessment.hint')}</Typography.Text>
      <Input.TextArea rows={2} maxLength={4000} value={value.internalReview} placeholder={t('grading.assessment.internalReview')}
        onChange={(e) => onChange({ ...value, internalReview: e.target.value })} data-testid="grant-internal-review" />
      <Input.TextArea rows={2} maxLength={4000} value={value.securityAssessment} placeholder={t('grading.assessment.securityAssessment')}
        onChange={(e) => onChange({ ...value, securityAssessment: e.target.value })} data-testid="grant-security-assessment" />
    </Space>
  );
}
