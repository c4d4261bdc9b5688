/**
 * 协商 (§30(三)): after a refusal the requesting department states why it needs the data for its
 * duties, the two departments write to each other, and every message is filed with the authority.
 */
import { useState } from 'react';
import { Button, Empty, Input, List, Space, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { RequestMessage } from '../types.ts';

export function NegotiationThread({ messages, canPost, opening, onPost }: {
  messages: readonly RequestMessage[];
  canPost: boolean;
  /** The first message opens the negotiation (the request was refused). */
  opening: boolean;
  onPost(message: string): Promise<void>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const missing = text.trim() === '';
  return (
    <div data-testid="negotiation">
      {messages.length ? (
        <List
          size="small"
          dataSource={[...messages]}
          renderItem={(m, i) => (
            <List.Item key={i} style={{ paddingInline: 0, display: 'block' }}>
              <Space size={8} wrap>
                <strong>{m.orgName}</strong>
                <Typography.Text type="secondary">{m.authorName} · {fmtDateTime(m.at)}</Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>{m.body}</div>
            </List.Item>
          )}
        />
      ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('negotiation.empty')} />}
      {canPost ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{opening ? t('negotiation.openHint') : t('negotiation.hint')}</Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            value={text}
            status={touched && missing ? 'error' : undefined}
            onChange={(e) => setText(e.target.value)}
            style={{ marginTop: 6 }}
            data-testid="negotiation-text"
          />
          {touched && missing ? <Typography.Text type="danger">{t('negotiation.required')}</Typography.Text> : null}
          <div style={{ marginTop: 8, textAlign: 'right' }}>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy}
              data-testid="negotiation-send"
              onClick={async () => {
                setTouched(true);
                if (missing) return;
                setBusy(true);
                try {
                  await onPost(text.trim());
                  setText('');
                  setTouched(false);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {opening ? t('negotiation.open') : t('negotiation.send')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
