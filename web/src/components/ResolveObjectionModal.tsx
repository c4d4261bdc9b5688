/** 校核更正 (§32): the provider records the outcome — corrected, or checked and found correct — and says how. */
import { useState } from 'react';
import { App, Radio } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { Objection } from '../types.ts';
import { sharingLabel } from '../vocab.ts';
import { CommentModal } from './CommentModal.tsx';
import { errorText } from './ErrorAlert.tsx';

export function ResolveObjectionModal({ open, objection, onClose, onDone }: {
  open: boolean;
  objection: Pick<Objection, 'id' | 'entryName' | 'description'>;
  onClose(): void;
  onDone(): void;
}) {
  const { t, lang, colon } = useI18n();
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<'corrected' | 'confirmed'>('corrected');
  return (
    <CommentModal
      open={open}
      title={`${t('objection.resolveTitle')}${colon}${objection.entryName}`}
      hint={t('objection.resolveHint')}
      label={outcome === 'corrected' ? t('objection.correctedComment') : t('objection.confirmedComment')}
      requiredMessage={t('objection.commentRequired')}
      okText={t('objection.resolve')}
      onCancel={onClose}
      onOk={async (comment) => {
        try {
          await api.post<Objection>(`/objections/${objection.id}/resolve`, { outcome, comment });
          message.success(t('objection.resolved'));
          onDone();
        } catch (err) {
          message.error(errorText(err, lang));
        }
      }}
    >
      <p style={{ whiteSpace: 'pre-wrap' }}>{t('objection.description')}{colon}{objection.description}</p>
      <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as 'corrected' | 'confirmed')} style={{ marginBottom: 12 }} data-testid="objection-outcome">
        <Radio value="corrected">{sharingLabel('objectionOutcome', 'corrected', lang)}</Radio>
        <Radio value="confirmed">{sharingLabel('objectionOutcome', 'confirmed', lang)}</Radio>
      </Radio.Group>
    </CommentModal>
  );
}

/** The provider's data steward or approver resolves an open objection about its own data. */
export function canResolve(o: Pick<Objection, 'status' | 'providerId'>, user: { orgId: string; roles: readonly string[] } | null): boolean {
  return !!user && o.status === 'open' && o.providerId === user.orgId && (user.roles.includes('data_steward') || user.roles.includes('approver'));
}
