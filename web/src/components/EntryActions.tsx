/**
 * The actions an entry allows the current user — exactly the server's `permissions` — and the dialogs
 * that collect their comment or reason: submit (§13), review (§13), withdrawal request and decision
 * (§19), change event (§12).
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Space } from 'antd';
import {
  AlertOutlined, CheckOutlined, CloseOutlined, EditOutlined, RollbackOutlined, SendOutlined, UndoOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { CatalogEntry, ChangeEvent, Issue, Withdrawal } from '../types.ts';
import { CommentModal } from './CommentModal.tsx';
import { errorText } from './ErrorAlert.tsx';
import { IssueList } from './IssueList.tsx';

type Dialog = null | 'approve' | 'reject' | 'withdraw' | 'decide' | 'change';

export function EntryActions({ entry, onChanged }: { entry: CatalogEntry; onChanged(): void }) {
  const { t, lang, paren } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const p = entry.permissions;

  /** Submit refused: show the blocking issues the server returned. */
  function showRefusal(err: unknown) {
    if (err instanceof ApiError && Array.isArray(err.details) && err.details.length > 0) {
      modal.error({
        title: err.message,
        width: 640,
        content: <IssueList issues={err.details as Issue[]} />,
      });
    } else {
      message.error(errorText(err, lang));
    }
  }

  async function submit() {
    setBusy(true);
    try {
      await api.post<CatalogEntry>(`/catalog/${entry.id}/submit`);
      message.success(t('action.submitted'));
      onChanged();
    } catch (err) {
      showRefusal(err);
    } finally {
      setBusy(false);
    }
  }

  function discard() {
    modal.confirm({
      title: t('action.discard'),
      content: t('action.discardConfirm'),
      okButtonProps: { danger: true },
      okText: t('action.discard'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.post<CatalogEntry>(`/catalog/${entry.id}/discard`);
          message.success(t('action.discarded'));
          onChanged();
        } catch (err) {
          message.error(errorText(err, lang));
        }
      },
    });
  }

  async function review(decision: 'approve' | 'reject', comment: string) {
    try {
      await api.post<CatalogEntry>(`/catalog/${entry.id}/review`, { decision, comment });
      message.success(decision === 'approve' ? t('action.approved') : t('action.rejected'));
      setDialog(null);
      onChanged();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  async function requestWithdrawal(reason: string) {
    try {
      await api.post<Withdrawal>(`/catalog/${entry.id}/withdrawals`, { reason });
      message.success(t('action.withdrawalRequested'));
      setDialog(null);
      onChanged();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  return (
    <>
      <Space wrap data-testid="entry-actions">
        {p.edit ? (
          <Button icon={<EditOutlined />} onClick={() => navigate(`/catalog/${entry.id}/edit`)} data-testid="action-edit">{t('action.edit')}</Button>
        ) : null}
        {p.submit ? (
          <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={submit} data-testid="action-submit">{t('action.submit')}</Button>
        ) : null}
        {p.discard ? (
          <Button icon={<UndoOutlined />} onClick={discard} data-testid="action-discard">{t('action.discard')}</Button>
        ) : null}
        {p.review ? (
          <>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')} data-testid="action-approve">{t('action.approve')}</Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setDialog('reject')} data-testid="action-reject">{t('action.reject')}</Button>
          </>
        ) : null}
        {p.decideWithdrawal && entry.withdrawal ? (
          <Button type="primary" icon={<RollbackOutlined />} onClick={() => setDialog('decide')} data-testid="action-decide-withdrawal">{t('action.decideWithdrawal')}</Button>
        ) : null}
        {p.recordChange ? (
          <Button icon={<AlertOutlined />} onClick={() => setDialog('change')} data-testid="action-record-change">{t('action.recordChange')}</Button>
        ) : null}
        {p.requestWithdrawal ? (
          <Button danger icon={<RollbackOutlined />} onClick={() => setDialog('withdraw')} data-testid="action-withdraw">{t('action.requestWithdrawal')}</Button>
        ) : null}
      </Space>

      <CommentModal
        open={dialog === 'approve'}
        title={t('review.approveTitle')}
        hint={t('review.approveHint')}
        label={`${t('common.comment')}${paren(t('common.optional'))}`}
        okText={t('action.approve')}
        onCancel={() => setDialog(null)}
        onOk={(c) => review('approve', c)}
      />
      <CommentModal
        open={dialog === 'reject'}
        title={t('review.rejectTitle')}
        hint={t('review.rejectHint')}
        label={t('common.comment')}
        requiredMessage={t('review.commentRequired')}
        okText={t('action.reject')}
        danger
        onCancel={() => setDialog(null)}
        onOk={(c) => review('reject', c)}
      />
      <CommentModal
        open={dialog === 'withdraw'}
        title={t('withdraw.title')}
        hint={t('withdraw.hint')}
        label={t('common.reason')}
        requiredMessage={t('withdraw.reasonRequired')}
        okText={t('action.requestWithdrawal')}
        danger
        onCancel={() => setDialog(null)}
        onOk={requestWithdrawal}
      />
      {entry.withdrawal ? (
        <WithdrawalDecisionModal
          open={dialog === 'decide'}
          withdrawal={entry.withdrawal}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onChanged();
          }}
        />
      ) : null}
      <ChangeEventModal
        open={dialog === 'change'}
        entryId={entry.id}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          onChanged();
        }}
      />
    </>
  );
}

/** §19: the authority approves or rejects a withdrawal request, with a comment. */
export function WithdrawalDecisionModal({ open, withdrawal, onClose, onDone }: {
  open: boolean;
  withdrawal: Pick<Withdrawal, 'id' | 'reason' | 'entryName'>;
  onClose(): void;
  onDone(): void;
}) {
  const { t, lang, colon } = useI18n();
  const { message } = App.useApp();
  const [decision, setDecision] = useState<'approve' | 'reject'>('approve');
  return (
    <CommentModal
      open={open}
      title={t('withdraw.decideTitle')}
      label={t('common.comment')}
      requiredMessage={decision === 'reject' ? t('review.commentRequired') : undefined}
      danger={decision === 'approve'}
      onCancel={onClose}
      onOk={async (comment) => {
        try {
          await api.post<Withdrawal>(`/withdrawals/${withdrawal.id}/decision`, { decision, comment });
          message.success(t('action.withdrawalDecided'));
          onDone();
        } catch (err) {
          message.error(errorText(err, lang));
        }
      }}
    >
      <p><strong>{withdrawal.entryName}</strong></p>
      <p>{t('common.reason')}{colon}{withdrawal.reason}</p>
      <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as 'approve' | 'reject')} style={{ marginBottom: 12 }}>
        <Radio value="approve">{t('withdraw.approve')}</Radio>
        <Radio value="reject">{t('withdraw.reject')}</Radio>
      </Radio.Group>
    </CommentModal>
  );
}

interface ChangeForm {
  kind: 'law' | 'function';
  title: string;
  description?: string;
  announcedOn: Dayjs;
}

/** §12: a law or function change that obliges the provider to update the entry in 15 working days. */
function ChangeEventModal({ open, entryId, onClose, onDone }: { open: boolean; entryId: string; onClose(): void; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeForm>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={t('change.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      onOk={() => form.submit()}
    >
      <p style={{ color: 'rgba(0,0,0,0.6)' }}>{t('change.hint')}</p>
      <Form<ChangeForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'law' }}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await api.post<ChangeEvent>(`/catalog/${entryId}/change-events`, {
              kind: v.kind,
              title: v.title.trim(),
              ...(v.description?.trim() ? { description: v.description.trim() } : {}),
              announcedOn: v.announcedOn.format('YYYY-MM-DD'),
            });
            message.success(t('action.changeRecorded'));
            onDone();
          } catch (err) {
            message.error(errorText(err, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="kind" label={t('change.kind')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="law">{t('change.kind.law')}</Radio>
            <Radio value="function">{t('change.kind.function')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="title" label={t('change.titleField')} rules={[{ required: true, whitespace: true, message: t('change.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('change.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="announcedOn" label={t('change.announcedOn')} rules={[{ required: true, message: t('change.dateRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
