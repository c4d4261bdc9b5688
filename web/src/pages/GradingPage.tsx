/**
 * 统一分类分级规则 (/security/grading, security rules §16): every logged-in user reads what each grade
 * allows and demands; the city authority edits the rules, each save a new version with its reason
 * (the server audits every changed rule and refuses an inconsistent set, naming the rule).
 */
import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Input, InputNumber, List, Select, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import {
  GRADE_LABELS, MASKING_RULE_LABELS, OPEN_TYPE_LABELS, SENSITIVE_TYPE_LABELS, SHARE_TYPE_LABELS,
} from '../../../src/domain/catalog/labels.ts';
import { MASKING_RULE_SPECS } from '../../../src/domain/catalog/sensitivity.ts';
import { MASKING_RULES, OPEN_TYPES, SENSITIVE_TYPES, SHARE_TYPES, type Grade, type SensitiveType } from '../../../src/domain/catalog/types.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { GradingRules, GradingVersion } from '../types.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

type PolicyKey = 1 | 2 | 3 | 4 | 'important';
type Policy = GradingRules['grades'][1];
const ROWS: readonly PolicyKey[] = [1, 2, 3, 4, 'important'];
const FLAGS = ['internalReview', 'securityAssessment', 'encryptAtRest', 'watermark'] as const;

export default function GradingPage() {
  const { t, pick, lang } = useI18n();
  const { message } = AntApp.useApp();
  const current = useLoader((signal) => api.get<GradingVersion>('/security/grading', undefined, signal), []);
  const history = useLoader((signal) => api.get<{ items: GradingVersion[] }>('/security/grading/history', undefined, signal), []);
  const [draft, setDraft] = useState<GradingRules | null>(null);
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);

  const v = current.data;
  if (current.loading && !v) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!v) return <ErrorAlert error={current.error} onRetry={current.reload} />;
  const rules = draft ?? v.rules;
  const editing = draft !== null;

  const policyOf = (k: PolicyKey): Policy => (k === 'important' ? rules.important : rules.grades[k]);
  const setPolicy = (k: PolicyKey, change: Partial<Policy>) => setDraft((d) => {
    const next = structuredClone(d ?? v.rules);
    if (k === 'important') next.important = { ...next.important, ...change };
    else next.grades[k] = { ...next.grades[k], ...change };
    return next;
  });
  const setSensitive = (s: SensitiveType, change: Partial<GradingRules['sensitiveTypes'][SensitiveType]>) => setDraft((d) => {
    const next = structuredClone(d ?? v.rules);
    next.sensitiveTypes[s] = { ...next.sensitiveTypes[s], ...change };
    return next;
  });

  const save = async () => {
    if (!draft) return;
    if (!comment.trim()) {
      message.warning(t('grading.commentRequired'));
      return;
    }
    setSaving(true);
    try {
      const saved = await api.put<GradingVersion>('/security/grading', { rules: draft, baseVersion: v.version, comment: comment.trim() });
      message.success(t('grading.saved', { version: saved.version }));
      setDraft(null);
      setComment('');
      current.reload();
      history.reload();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setSaving(false);
    }
  };

  const yesNo = (on: boolean) => (on ? <Tag color="orange">{t('common.yes')}</Tag> : <Typography.Text type="secondary">{t('common.no')}</Typography.Text>);
  const flagColumn = (flag: (typeof FLAGS)[number]) => ({
    title: t(`grading.col.${flag}` as MessageKey),
    key: flag,
    render: (_: unknown, k: PolicyKey): ReactNode => editing
      ? <Switch size="small" checked={policyOf(k)[flag]} onChange={(on) => setPolicy(k, { [flag]: on })} data-testid={`grading-${k}-${flag}`} />
      : yesNo(policyOf(k)[flag]),
  });

  const gradeColumns = [
    {
      title: t('grading.col.grade'), key: 'grade', width: 130,
      render: (_: unknown, k: PolicyKey) => (k === 'important'
        ? <Space direction="vertical" size={0}><Tag color="magenta">{t('grading.important')}</Tag>
          {editing
            ? <Select size="small" value={rules.important.minGrade} style={{ width: 90 }} onChange={(g: Grade) => setPolicy('important', { minGrade: g } as Partial<Policy>)}
              options={([1, 2, 3, 4] as const).map((g) => ({ value: g, label: `≥ L${g}` }))} />
            : <Typography.Text type="secondary">{t('grading.importantMin', { grade: rules.important.minGrade })}</Typography.Text>}
        </Space>
        : <Tag>{pick(GRADE_LABELS[k])}</Tag>),
    },
    { title: t('grading.col.description'), key: 'description', render: (_: unknown, k: PolicyKey) => pick(policyOf(k).description) },
    {
      title: t('grading.col.maxShareType'), key: 'share',
      render: (_: unknown, k: PolicyKey) => (editing
        ? <Select size="small" value={policyOf(k).maxShareType} style={{ width: 130 }} onChange={(x) => setPolicy(k, { maxShareType: x })}
          options={SHARE_TYPES.map((s) => ({ value: s, label: pick(SHARE_TYPE_LABELS[s]) }))} data-testid={`grading-${k}-share`} />
        : pick(SHARE_TYPE_LABELS[policyOf(k).maxShareType])),
    },
    {
      title: t('grading.col.maxOpenType'), key: 'open',
      render: (_: unknown, k: PolicyKey) => (editing
        ? <Select size="small" value={policyOf(k).maxOpenType} style={{ width: 130 }} onChange={(x) => setPolicy(k, { maxOpenType: x })}
          options={OPEN_TYPES.map((o) => ({ value: o, label: pick(OPEN_TYPE_LABELS[o]) }))} />
        : pick(OPEN_TYPE_LABELS[policyOf(k).maxOpenType])),
    },
    ...FLAGS.map(flagColumn),
    {
      title: t('grading.col.auditDetail'), key: 'audit',
      render: (_: unknown, k: PolicyKey) => (editing
        ? <Select size="small" value={policyOf(k).auditDetail} style={{ width: 90 }} onChange={(x) => setPolicy(k, { auditDetail: x })}
          options={(['summary', 'full'] as const).map((a) => ({ value: a, label: t(`grading.audit.${a}`) }))} />
        : t(`grading.audit.${policyOf(k).auditDetail}`)),
    },
  ];

  const sensitiveColumns = [
    { title: t('grading.col.sensitiveType'), key: 'type', render: (_: unknown, s: SensitiveType) => pick(SENSITIVE_TYPE_LABELS[s]) },
    {
      title: t('grading.col.minGrade'), key: 'min',
      render: (_: unknown, s: SensitiveType) => (editing
        ? <Select size="small" value={rules.sensitiveTypes[s].minGrade} style={{ width: 80 }} onChange={(g: Grade) => setSensitive(s, { minGrade: g })}
          options={([1, 2, 3, 4] as const).map((g) => ({ value: g, label: `L${g}` }))} />
        : `L${rules.sensitiveTypes[s].minGrade}`),
    },
    {
      title: t('grading.col.masking'), key: 'masking',
      render: (_: unknown, s: SensitiveType) => {
        const p = rules.sensitiveTypes[s];
        if (!editing) return `${pick(MASKING_RULE_LABELS[p.masking])}${p.maskingParam !== undefined ? ` (N=${p.maskingParam})` : ''}`;
        return (
          <Space>
            <Select size="small" value={p.masking} style={{ width: 170 }}
              onChange={(m) => setSensitive(s, { masking: m, maskingParam: MASKING_RULE_SPECS[m].needsParam ? (p.maskingParam ?? 1) : undefined })}
              options={MASKING_RULES.filter((m) => m !== 'none').map((m) => ({ value: m, label: pick(MASKING_RULE_LABELS[m]) }))} />
            {MASKING_RULE_SPECS[p.masking].needsParam
              ? <InputNumber size="small" min={1} max={64} value={p.maskingParam} onChange={(n) => setSensitive(s, { maskingParam: n ?? undefined })} addonBefore="N" style={{ width: 100 }} />
              : null}
          </Space>
        );
      },
    },
  ];

  const versionLine = v.version === 0
    ? t('grading.builtIn')
    : `${t('grading.version', { version: v.version })} · ${t('grading.changedBy', { who: v.changedBy ?? '—', at: fmtDateTime(v.changedAt) })}`;

  return (
    <div data-testid="grading">
      <PageTitle
        title={t('grading.title')}
        hint={t('grading.hint')}
        extra={v.editable && !editing ? <Button type="primary" onClick={() => setDraft(structuredClone(v.rules))} data-testid="grading-edit">{t('grading.edit')}</Button> : null}
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary" data-testid="grading-version">{versionLine}</Typography.Text>
        <Alert type="info" showIcon message={t('grading.core')} />
        <Card size="small" title={t('grading.grades')}>
          <Table rowKey={(k) => String(k)} size="small" pagination={false} dataSource={[...ROWS]} columns={gradeColumns} scroll={{ x: true }} />
        </Card>
        <Card size="small" title={t('grading.sensitive')}>
          <Table rowKey={(s) => s} size="small" pagination={false} dataSource={[...SENSITIVE_TYPES]} columns={sensitiveColumns} />
        </Card>
        {editing ? (
          <Card size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input.TextArea rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)}
                placeholder={t('grading.commentPlaceholder')} data-testid="grading-comment" />
              <Space>
                <Button type="primary" loading={saving} onClick={save} data-testid="grading-save">{t('grading.save')}</Button>
                <Button onClick={() => { setDraft(null); setComment(''); }}>{t('grading.cancel')}</Button>
              </Space>
            </Space>
          </Card>
        ) : null}
        <Card size="small" title={t('grading.history')}>
          <List
            size="small"
            dataSource={history.data?.items ?? []}
            renderItem={(h) => (
              <List.Item>
                <Space wrap>
                  <Tag>{h.version === 0 ? t('grading.builtIn') : t('grading.version', { version: h.version })}</Tag>
                  {h.version === 0 ? null : <span>{t('grading.changedBy', { who: h.changedBy ?? '—', at: fmtDateTime(h.changedAt) })}</span>}
                  {h.version === 0 ? null : <Typography.Text type="secondary">{h.comment}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Space>
    </div>
  );
}
