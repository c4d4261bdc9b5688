/**
 * The actions a share request allows the current user — exactly the server's `permissions` — and the
 * dialogs that collect their comment, reason or terms: compliance review (§28), the provider's reply
 * (§29–§30(二)), resubmission after a return, cancellation, negotiation failed and coordination
 * (§30(三)). Every action reloads the request afterwards.
 */
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import {
  CheckOutlined, CloseOutlined, FileSyncOutlined, RollbackOutlined, SafetyCertificateOutlined, StopOutlined, TeamOutlined,
} from '@ant-design/icons';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { ShareRequest } from '../types.ts';
import { CommentModal } from './CommentModal.tsx';
import { errorText } from './ErrorAlert.tsx';
import { GrantDecisionModal } from './GrantDecisionModal.tsx';
import type { ItemInfo } from './GrantTerms.tsx';

type TextDialog = 'pass' | 'return' | 'reject' | 'refuse' | 'cancel' | 'fail' | 'uphold';
type Dialog = null | TextDialog | 'grant' | 'coordinateGrant';

interface TextAction {
  title: string;
  hint: string;
  label: string;
  required?: string;
  ok: string;
  danger?: boolean;
  run(text: string): Promise<ShareRequest>;
}

export function RequestActions({ request, entryItems, onResubmit, onChanged }: {
  request: ShareRequest;
  entryItems: readonly ItemInfo[];
  /** Opens the prefilled form (the page owns it: it needs the entry). */
  onResubmit(): void;
  onChanged(): void;
}) {
  const { t, lang, paren } = useI18n();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const p = request.permissions;
  const path = `/requests/${request.id}`;
  const optional = (label: string) => `${label}${paren(t('common.optional'))}`;

  const textActions: Record<TextDialog, TextAction> = {
    pass: {
      title: t('compliance.passTitle'), hint: t('compliance.passHint'), label: optional(t('compliance.comment')), ok: t('compliance.pass'),
      run: (comment) => api.post(`${path}/compliance-review`, { decision: 'pass', ...(comment ? { comment } : {}) }),
    },
    return: {
      title: t('compliance.returnTitle'), hint: t('compliance.returnHint'), label: t('compliance.comment'), required: t('review.commentRequired'),
      ok: t('compliance.return'), run: (comment) => api.post(`${path}/compliance-review`, { decision: 'return', comment }),
    },
    reject: {
      title: t('compliance.rejectTitle'), hint: t('compliance.rejectHint'), label: t('compliance.comment'), required: t('review.commentRequired'),
      ok: t('compliance.reject'), danger: true, run: (comment) => api.post(`${path}/compliance-review`, { decision: 'reject', comment }),
    },
    refuse: {
      title: t('reply.refuseTitle'), hint: t('reply.refuseHint'), label: t('common.reason'), required: t('reply.reasonRequired'),
      ok: t('reply.refuse'), danger: true, run: (reason) => api.post(`${path}/reply`, { decision: 'refuse', reason }),
    },
    cancel: {
      title: t('request.cancelTitle'), hint: t('request.cancelHint'), label: optional(t('common.reason')), ok: t('request.cancel'), danger: true,
      run: (reason) => api.post(`${path}/cancel`, reason ? { reason } : {}),
    },
    fail: {
      title: t('negotiation.failTitle'), hint: t('negotiation.failHint'), label: optional(t('common.reason')), ok: t('negotiation.fail'),
      run: (reason) => api.post(`${path}/negotiation/fail`, reason ? { reason } : {}),
    },
    uphold: {
      title: t('coordination.upholdTitle'), hint: t('coordination.upholdHint'), label: t('common.comment'), required: t('review.commentRequired'),
      ok: t('coordination.uphold'), danger: true, run: (comment) => api.post(`${path}/coordination`, { decision: 'uphold', comment }),
    },
  };

  function done() {
    message.success(t('common.success'));
    setDialog(null);
    onChanged();
  }

  const text = dialog && dialog in textActions ? textActions[dialog as TextDialog] : undefined;
  if (!(p.review || p.reply || p.coordinate || p.resubmit || p.fail || p.cancel)) return null;

  return (
    <>
      <Space wrap data-testid="request-actions">
        {p.review ? (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('pass')} data-testid="action-pass">{t('compliance.pass')}</Button>
            <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')} data-testid="action-return">{t('compliance.return')}</Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setDialog('reject')} data-testid="action-reject">{t('compliance.reject')}</Button>
          </>
        ) : null}
        {p.reply ? (
          <>
            <Button type="primary" icon={<SafetyCertificateOutlined />} onClick={() => setDialog('grant')} data-testid="action-grant">{t('reply.grant')}</Button>
            <Button danger icon={<StopOutlined />} onClick={() => setDialog('refuse')} data-testid="action-refuse">{t('reply.refuse')}</Button>
          </>
        ) : null}
        {p.coordinate ? (
          <>
            <Button type="primary" icon={<TeamOutlined />} onClick={() => setDialog('coordinateGrant')} data-testid="action-coordinate-grant">{t('coordination.grant')}</Button>
            <Button danger icon={<StopOutlined />} onClick={() => setDialog('uphold')} data-testid="action-uphold">{t('coordination.uphold')}</Button>
          </>
        ) : null}
        {p.resubmit ? (
          <Button type="primary" icon={<FileSyncOutlined />} onClick={onResubmit} data-testid="action-resubmit">{t('request.resubmit')}</Button>
        ) : null}
        {p.fail ? (
          <Button icon={<TeamOutlined />} onClick={() => setDialog('fail')} data-testid="action-fail">{t('negotiation.fail')}</Button>
        ) : null}
        {p.cancel ? (
          <Button danger icon={<CloseOutlined />} onClick={() => setDialog('cancel')} data-testid="action-cancel">{t('request.cancel')}</Button>
        ) : null}
      </Space>

      <CommentModal
        open={!!text}
        title={text?.title}
        hint={text?.hint}
        label={text?.label}
        requiredMessage={text?.required}
        okText={text?.ok}
        danger={text?.danger}
        onCancel={() => setDialog(null)}
        onOk={async (value) => {
          if (!text) return;
          try {
            await text.run(value);
            done();
          } catch (err) {
            message.error(errorText(err, lang));
          }
        }}
      />
      {p.reply ? (
        <GrantDecisionModal
          open={dialog === 'grant'}
          mode="reply"
          request={request}
          entryItems={entryItems}
          onClose={() => setDialog(null)}
          onSubmit={async (body) => {
            await api.post<ShareRequest>(`${path}/reply`, body);
            done();
          }}
        />
      ) : null}
      {p.coordinate ? (
        <GrantDecisionModal
          open={dialog === 'coordinateGrant'}
          mode="coordination"
          request={request}
          entryItems={entryItems}
          onClose={() => setDialog(null)}
          onSubmit={async (body) => {
            await api.post<ShareRequest>(`${path}/coordination`, body);
            done();
          }}
        />
      ) : null}
    </>
  );
}
