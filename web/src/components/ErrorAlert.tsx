/** An API failure as the server worded it, with the request id an operator can look up. */
import type { CSSProperties } from 'react';
import { Alert, Button, Typography } from 'antd';
import { describeError } from '../api.ts';
import { useI18n } from '../i18n.ts';

export function ErrorAlert({ error, onRetry, style }: { error: unknown; onRetry?: () => void; style?: CSSProperties }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const { message, requestId } = describeError(error, lang);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16, ...style }}
      message={message}
      description={requestId ? <Typography.Text type="secondary" copyable={{ text: requestId }}>{t('common.requestId')}: {requestId}</Typography.Text> : undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

/** Text for message.error(): the server's message plus the request id. */
export function errorText(error: unknown, lang: 'zh' | 'en'): string {
  const { message, requestId } = describeError(error, lang);
  if (!requestId) return message;
  return lang === 'en' ? `${message} (request ${requestId})` : `${message}（请求编号 ${requestId}）`;
}
