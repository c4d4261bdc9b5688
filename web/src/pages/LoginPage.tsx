/** 登录: username and password; the server's message for a wrong password or a locked account. */
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { FileSearchOutlined, LockOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';

interface Failure {
  message: string;
  locked: boolean;
  requestId?: string;
}

/** The server words times in UTC (ISO 8601); show them on the wall clock instead. */
function localTimes(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => fmtDateTime(iso));
}

export default function LoginPage() {
  const { user, login } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const from = params.get('from');
  const target = from && from.startsWith('/') && !from.startsWith('//') ? from : '/catalog';

  if (user) return <Navigate to={target} replace />;

  async function onFinish(values: { username: string; password: string }) {
    setBusy(true);
    setFailure(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        setFailure({ message: localTimes(err.message), locked: err.status === 423 || err.code === 'ACCOUNT_LOCKED', requestId: err.requestId });
      } else {
        setFailure({ message: err instanceof Error ? err.message : String(err), locked: false });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="gdx-login-bg">
      <Space direction="vertical" align="center" size={4} style={{ marginBottom: 24, color: '#fff' }}>
        <FileSearchOutlined style={{ fontSize: 40 }} />
        <Typography.Title level={2} style={{ color: '#fff', margin: 0, letterSpacing: lang === 'zh' ? 2 : 0 }}>
          {t('app.title')}
        </Typography.Title>
      </Space>
      <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 8px 24px rgba(22,57,111,0.18)' }}
        title={t('login.title')}
        extra={(
          <Button type="link" size="small" icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('lang.switch')}
          </Button>
        )}
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>{t('login.subtitle')}</Typography.Paragraph>
        {failure ? (
          <Alert
            type={failure.locked ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            message={failure.locked ? t('login.locked') : t('login.failed')}
            description={(
              <div data-testid="login-error">
                <div>{failure.message}</div>
                {failure.locked ? <div style={{ marginTop: 4 }}>{t('login.lockedHint')}</div> : null}
                {failure.requestId ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('common.requestId')}: {failure.requestId}</Typography.Text> : null}
              </div>
            )}
          />
        ) : null}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.notice')}
        </Typography.Paragraph>
      </Card>
      <Typography.Text style={{ marginTop: 24, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('app.footer')}</Typography.Text>
    </div>
  );
}
