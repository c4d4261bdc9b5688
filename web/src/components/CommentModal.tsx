/** Asks for a comment or reason before an action (review, withdrawal, decision). */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Input, Modal, Typography } from 'antd';
import { useI18n } from '../i18n.ts';

export interface CommentModalProps {
  open: boolean;
  title: ReactNode;
  hint?: ReactNode;
  label: ReactNode;
  /** Message shown when the text is required and empty. */
  requiredMessage?: string;
  okText?: ReactNode;
  danger?: boolean;
  onCancel(): void;
  /** Resolves when done; a thrown error stays in the modal. */
  onOk(text: string): Promise<void>;
  children?: ReactNode;
}

export function CommentModal(props: CommentModalProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (props.open) {
      setText('');
      setTouched(false);
    }
  }, [props.open]);
  const missing = !!props.requiredMessage && text.trim() === '';
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText ?? t('common.confirm')}
      okButtonProps={{ danger: props.danger, loading: busy, 'data-testid': 'comment-ok' } as never}
      cancelText={t('common.cancel')}
      onCancel={props.onCancel}
      destroyOnHidden
      onOk={async () => {
        setTouched(true);
        if (missing) return;
        setBusy(true);
        try {
          await props.onOk(text.trim());
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.hint ? <Alert type="info" showIcon message={props.hint} style={{ marginBottom: 12 }} /> : null}
      {props.children}
      <Typography.Text strong>{props.label}</Typography.Text>
      <Input.TextArea
        rows={4}
        value={text}
        maxLength={1000}
        showCount
        status={touched && missing ? 'error' : undefined}
        onChange={(e) => setText(e.target.value)}
        style={{ marginTop: 6 }}
        data-testid="comment-text"
      />
      {touched && missing ? <Typography.Text type="danger">{props.requiredMessage}</Typography.Text> : null}
    </Modal>
  );
}
