/**
 * 登录: username and password; for a user with a second factor, then the 6-digit TOTP code (security
 * rules §14). The server's message for a wrong password or code, or a locked account.
 */
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { FileSearchOutlined, LockOutlined, SafetyOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
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
  const { user, login, loginTotp } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const from = params.get('from');
  const asked = from && from.startsWith('/') && !from.startsWith('//') ? from : undefined;
  // The platform operator has no business pages (security rules §13–§14): start at the admin page.
  const targetFor = (roles: readonly string[]) => asked ?? (roles.includes('super_admin') ? '/admin' : '/catalog');

  if (user) return <Navigate to={targetFor(user.roles)} replace />;

  async function attempt(step: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    try {
      await step();
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

  const onFinish = (values: { username: string; password: string }) => attempt(async () => {
    const answer = await login(values.username.trim(), values.password);
    if ('challenge' in answer) setChallenge(answer.challenge);
    else navigate(targetFor(answer.roles), { replace: true });
  });

  const onCode = (values: { code: string }) => attempt(async () => {
    const me = await loginTotp(challenge!, values.code.trim());
    navigate(targetFor(me.roles), { replace: true });
  });

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
        {challenge ? (
          <Form layout="vertical" onFinish={onCode} requiredMark={false} autoComplete="off">
            <Typography.Paragraph strong style={{ marginBottom: 4 }}>{t('totp.step.title')}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{t('totp.step.hint')}</Typography.Paragraph>
            <Form.Item name="code" label={t('totp.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('totp.codeRequired') }]}>
              <Input prefix={<SafetyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus data-testid="login-totp-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-totp-submit">{t('totp.verify')}</Button>
            <Button type="link" block onClick={() => { setChallenge(null); setFailure(null); }}>{t('totp.back')}</Button>
          </Form>
        ) : (
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
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
          {t('login.notice')}
        </Typography.Paragraph>
      </Card>
      <Typography.Text style={{ marginTop: 24, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>{t('app.footer')}</Typography.Text>
    </div>
  );
}
