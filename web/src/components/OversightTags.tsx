/**
 * Tags and small pieces shared by the oversight pages (security rules §29–§34); every label comes
 * from the pure rules in src/domain/oversight, so the page says what the server decides.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { DESTRUCTION_MACHINE } from '../../../src/domain/oversight/destruction-rules.ts';
import { INCIDENT_MACHINE } from '../../../src/domain/oversight/incident-rules.ts';
import { FINDING_MACHINE, TARGET_MACHINE } from '../../../src/domain/oversight/inspection-rules.ts';
import {
  CHECK_ITEM_LABELS, DESTRUCTION_METHOD_LABELS, DESTRUCTION_TARGET_LABELS, FINDING_SEVERITY_LABELS, INCIDENT_KIND_LABELS,
  type CheckItem, type DestructionMethod, type DestructionTarget, type FindingSeverity, type IncidentKind,
} from '../../../src/domain/oversight/vocabulary.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import type { ListResponse, SuspendableGrant } from '../types.ts';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';
import { MethodText } from './SharingTags.tsx';

const COLOR: Record<string, string> = {
  self_assessment: 'processing', onsite_check: 'purple', rectification: 'orange', passed: 'green', rectified: 'green', done: 'cyan', closed: 'default',
  rectifying: 'orange', reported: 'processing', accepted: 'green',
  responding: 'orange', resolved: 'cyan',
  pending: 'processing', approved: 'orange', rejected: 'red', cancelled: 'default', executed: 'cyan', filed: 'green',
  open: 'processing',
};

type Words = { zh: string; en: string };
const tag = (label: Words | undefined, value: string, pick: (w: Words | undefined) => string) => (
  <Tag color={COLOR[value] ?? 'default'} style={{ whiteSpace: 'normal' }}>{pick(label) || value}</Tag>
);

export function TargetStatusTag({ value }: { value: string }) {
  const { pick } = useI18n();
  return tag(TARGET_MACHINE.states[value as keyof typeof TARGET_MACHINE.states], value, pick);
}
export function FindingStatusTag({ value }: { value: string }) {
  const { pick } = useI18n();
  return tag(FINDING_MACHINE.states[value as keyof typeof FINDING_MACHINE.states], value, pick);
}
export function IncidentStatusTag({ value }: { value: string }) {
  const { pick } = useI18n();
  return tag(INCIDENT_MACHINE.states[value as keyof typeof INCIDENT_MACHINE.states], value, pick);
}
export function DestructionStatusTag({ value }: { value: string }) {
  const { pick } = useI18n();
  return tag(DESTRUCTION_MACHINE.states[value as keyof typeof DESTRUCTION_MACHINE.states], value, pick);
}
export function PhaseTag({ value }: { value: string }) {
  const { t } = useI18n();
  return <Tag color={COLOR[value] ?? 'default'}>{t(`phase.${value}` as MessageKey)}</Tag>;
}

export function CheckItemText({ item }: { item: string }) {
  const { pick } = useI18n();
  const l = CHECK_ITEM_LABELS[item as CheckItem];
  return <Tooltip title={l?.article}><span>{pick(l) || item}</span></Tooltip>;
}
export function SeverityTag({ value }: { value: string }) {
  const { pick } = useI18n();
  const l = FINDING_SEVERITY_LABELS[value as FindingSeverity];
  return <Tooltip title={l?.article}><Tag color={value === 'major' ? 'red' : 'gold'} style={{ whiteSpace: 'normal' }}>{pick(l) || value}</Tag></Tooltip>;
}
export function IncidentKindText({ value }: { value: string }) {
  const { pick } = useI18n();
  const l = INCIDENT_KIND_LABELS[value as IncidentKind];
  return <span>{pick(l) || value} <Typography.Text type="secondary">{l?.article}</Typography.Text></span>;
}
export function targetLabel(value: string, pick: (w: Words | undefined) => string) {
  return pick(DESTRUCTION_TARGET_LABELS[value as DestructionTarget]) || value;
}
export function methodLabel(value: string, pick: (w: Words | undefined) => string) {
  return pick(DESTRUCTION_METHOD_LABELS[value as DestructionMethod]) || value;
}

/** A working-day deadline: the date, the working days left or overdue. */
export function DueText({ dueOn, remaining, overdue, provisional }: { dueOn: string | null; remaining?: number | null; overdue?: boolean; provisional?: boolean }) {
  const { t } = useI18n();
  if (!dueOn) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span className={overdue ? 'gdx-overdue' : undefined}>{dueOn}</span>
      {overdue ? <Tag color="red" data-testid="overdue">{t('destructions.overdue')}</Tag>
        : remaining !== null && remaining !== undefined ? <Typography.Text type="secondary">{t('changes.daysLeft', { n: remaining })}</Typography.Text> : null}
      {provisional ? <Tag color="orange" bordered={false}>{t('changes.provisional')}</Tag> : null}
    </Space>
  );
}

/** Chooses live grants of a department and suspends them in one step (Sec §33, §34). */
export function SuspendGrantsModal({ open, orgId, path, onClose, onDone }: { open: boolean; orgId: string; path: string; onClose(): void; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setChosen([]);
      setReason('');
    }
  }, [open]);
  const { data, error } = useLoader(
    (signal) => (open ? api.get<ListResponse<SuspendableGrant>>('/security/suspendable-grants', { orgId }, signal) : Promise.resolve({ items: [] })),
    [open, orgId],
  );
  return (
    <Modal
      open={open} title={t('finding.suspend')} onCancel={onClose} destroyOnHidden okButtonProps={{ danger: true, loading: busy, disabled: !chosen.length || !reason.trim() }}
      onOk={async () => {
        setBusy(true);
        try {
          await api.post(path, { grantIds: chosen, reason: reason.trim() });
          message.success(t('common.success'));
          onDone();
        } catch (err) {
          message.error(errorText(err, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Alert type="warning" showIcon message={t('finding.suspendHint')} style={{ marginBottom: 12 }} />
      <ErrorAlert error={error} />
      <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
        {(data?.items ?? []).map((g) => (
          <Checkbox key={g.id} value={g.id}>{g.entryName} · {g.providerName} → {g.consumerName} · <MethodText value={g.method} /> · {g.validUntil}</Checkbox>
        ))}
      </Checkbox.Group>
      {data && data.items.length === 0 ? <Typography.Text type="secondary">{t('common.empty')}</Typography.Text> : null}
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('common.reason')}</Typography.Text>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
      </div>
    </Modal>
  );
}
