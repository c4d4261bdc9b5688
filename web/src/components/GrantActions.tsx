/**
 * What can be done with a grant: revoke it (§31 idle for three months, §40 misuse — the provider's
 * approver or the authority, with a reason; the server decides and its 403 is shown), and report an
 * error in the data it delivers (§32 提出异议, the using department).
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, Space } from 'antd';
import { ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import type { Grant } from '../types.ts';
import { CommentModal } from './CommentModal.tsx';
import { errorText } from './ErrorAlert.tsx';
import { ObjectionModal } from './ObjectionModal.tsx';

const LIVE = new Set(['active', 'suspended']);

export function useGrantRights(grant: Pick<Grant, 'status' | 'providerId' | 'consumerId'>) {
  const { user, hasRole } = useAuth();
  const live = LIVE.has(grant.status);
  return {
    revoke: live && ((hasRole('approver') && grant.providerId === user?.orgId) || hasRole('authority')),
    object: grant.consumerId === user?.orgId && hasRole('requester', 'data_steward') && grant.status !== 'revoked',
  };
}

export function GrantActions({ grant, itemLabels, size = 'middle', onChanged }: {
  grant: Grant;
  itemLabels?: ReadonlyMap<string, string>;
  size?: 'small' | 'middle';
  onChanged(): void;
}) {
  const { t, lang, colon } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useGrantRights(grant);
  const [dialog, setDialog] = useState<null | 'revoke' | 'objection'>(null);
  if (!rights.revoke && !rights.object) return null;
  return (
    <>
      <Space size={4} wrap>
        {rights.object ? (
          <Button size={size} icon={<ExclamationCircleOutlined />} onClick={() => setDialog('objection')} data-testid="grant-objection">{t('objection.create')}</Button>
        ) : null}
        {rights.revoke ? (
          <Button size={size} danger icon={<StopOutlined />} onClick={() => setDialog('revoke')} data-testid="grant-revoke">{t('grants.revoke')}</Button>
        ) : null}
      </Space>
      <CommentModal
        open={dialog === 'revoke'}
        title={`${t('grants.revokeTitle')}${colon}${grant.entryName}`}
        hint={grant.idle ? t('grants.revokeIdleHint') : t('grants.revokeHint')}
        label={t('common.reason')}
        requiredMessage={t('grants.reasonRequired')}
        okText={t('grants.revoke')}
        danger
        onCancel={() => setDialog(null)}
        onOk={async (reason) => {
          try {
            await api.post<Grant>(`/grants/${grant.id}/revoke`, { reason });
            message.success(t('grants.revoked'));
            setDialog(null);
            onChanged();
          } catch (err) {
            message.error(errorText(err, lang));
          }
        }}
      />
      {rights.object ? (
        <ObjectionModal
          open={dialog === 'objection'}
          entry={{ id: grant.entryId, name: grant.entryName }}
          items={grant.items.map((name) => ({ name, label: itemLabels?.get(name) }))}
          onClose={() => setDialog(null)}
          onDone={(o) => {
            setDialog(null);
            navigate(`/objections/${o.id}`);
          }}
        />
      ) : null}
    </>
  );
}
