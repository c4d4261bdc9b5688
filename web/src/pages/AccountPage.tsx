/**
 * 账号安全 (/account): the user's own password and second factor (security rules §14 密码保障), and —
 * for the city authority — which roles must use a second factor. A session whose roles require a
 * factor not yet enrolled is sent here until it is done.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, QRCode, Row, Space, Tag, Typography } from 'antd';
import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { fmtDateTime } from '../format.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { TotpEnrolment, TotpPolicy, TotpStatus } from '../types.ts';
import { roleLabel } from '../vocab.ts';
import { errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

export default function AccountPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const cityAuthority = !!user && user.orgKind === 'authority' && user.regionLevel === 'city' && user.roles.includes('authority');
  return (
    <div>
      <PageTitle title={t('password.account')} />
      {user?.totpEnrolmentPending ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('totp.mustEnrol')} data-testid="totp-must-enrol" /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={12}><SecondFactorCard /></Col>
        <Col xs={24} lg={12}><PasswordCard /></Col>
      </Row>
      {cityAuthority ? <TotpPolicyCard /> : null}
    </div>
  );
}

function PasswordCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; repeat: string }>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  async function submit(v: { currentPassword: string; newPassword: string }) {
    setBusy(true);
    setProblems([]);
    try {
      await api.post('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
    } catch (err) {
      const list = (err as { detailList?: { zh?: string; en?: string }[] }).detailList ?? [];
      setProblems(list.length ? list.map((d) => (lang === 'en' ? d.en : d.zh) ?? '') : [errorText(err, lang)]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={<Space><LockOutlined />{t('password.title')}</Space>} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('password.rules')}</Typography.Paragraph>
      {problems.length ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} /> : null}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="repeat" label={t('password.repeat')} dependencies={['newPassword']}
          rules={[{ required: true, message: t('password.required') }, ({ getFieldValue }) => ({
            validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
          })]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('password.submit')}</Button>
      </Form>
    </Card>
  );
}

function SecondFactorCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const status = useLoader((signal) => api.get<TotpStatus>('/auth/totp', undefined, signal), []);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState('');

  async function run(step: () => Promise<void>) {
    setBusy(true);
    try {
      await step();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  const s = status.data;
  return (
    <Card title={<Space><SafetyOutlined />{t('totp.title')}</Space>} style={{ marginBottom: 16 }} data-testid="totp-card"
      extra={s ? <Tag color={s.enrolled ? 'green' : 'default'} data-testid="totp-status">{s.enrolled ? t('totp.enrolledAt', { at: fmtDateTime(s.confirmedAt) }) : t('totp.notEnrolled')}</Tag> : null}>
      <Typography.Paragraph type="secondary">{t('totp.intro')}</Typography.Paragraph>
      {s?.required ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('totp.required')} /> : null}
      {s && !s.enrolled && !enrolment ? (
        <Button type="primary" loading={busy} data-testid="totp-start" onClick={() => run(async () => setEnrolment(await api.post<TotpEnrolment>('/auth/totp/enrol')))}>
          {t('totp.start')}
        </Button>
      ) : null}
      {enrolment ? (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text>{t('totp.scan')}</Typography.Text>
          <Space align="start" wrap size={16}>
            <QRCode value={enrolment.otpauthUri} size={168} />
            <div>
              <Typography.Text type="secondary">{t('totp.secret')}</Typography.Text>
              <Typography.Paragraph copyable className="gdx-mono" data-testid="totp-secret" style={{ wordBreak: 'break-all', maxWidth: 260 }}>
                {enrolment.secret}
              </Typography.Paragraph>
            </div>
          </Space>
          <Typography.Text type="secondary">{t('totp.confirmHint')}</Typography.Text>
          <Space.Compact>
            <Input value={code} onChange={(e) => setCode(e.target.value.trim())} maxLength={6} inputMode="numeric" placeholder="123456" style={{ width: 140 }} data-testid="totp-confirm-code" />
            <Button type="primary" loading={busy} disabled={!/^\d{6}$/.test(code)} data-testid="totp-confirm"
              onClick={() => run(async () => {
                await api.post<TotpStatus>('/auth/totp/confirm', { code });
                message.success(t('totp.confirmed'));
                setEnrolment(null);
                setCode('');
                status.reload();
                await refresh();
              })}>
              {t('totp.confirm')}
            </Button>
          </Space.Compact>
        </Space>
      ) : null}
      {s?.enrolled && !s.required ? (
        <Space direction="vertical" size={6}>
          <Typography.Text type="secondary">{t('totp.removeHint')}</Typography.Text>
          <Space.Compact>
            <Input value={code} onChange={(e) => setCode(e.target.value.trim())} maxLength={6} inputMode="numeric" placeholder="123456" style={{ width: 140 }} />
            <Button danger loading={busy} disabled={!/^\d{6}$/.test(code)}
              onClick={() => run(async () => {
                await api.post<TotpStatus>('/auth/totp/remove', { code });
                message.success(t('totp.removed'));
                setCode('');
                status.reload();
              })}>
              {t('totp.remove')}
            </Button>
          </Space.Compact>
        </Space>
      ) : null}
    </Card>
  );
}

/** The city authority decides which roles must use a second factor. */
function TotpPolicyCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const policy = useLoader((signal) => api.get<TotpPolicy>('/security/totp-policy', undefined, signal), []);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const value = chosen ?? policy.data?.requiredRoles ?? [];
  return (
    <Card title={t('totp.policy.title')} style={{ marginBottom: 16 }} data-testid="totp-policy">
      <Typography.Paragraph type="secondary">{t('totp.policy.hint')}</Typography.Paragraph>
      <Space wrap>
        <Checkbox.Group value={value} onChange={(v) => setChosen(v as string[])}
          options={(['authority', 'security_officer'] as const).map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
        <Button type="primary" loading={busy} disabled={chosen === null} data-testid="totp-policy-save"
          onClick={async () => {
            setBusy(true);
            try {
              await api.put<TotpPolicy>('/security/totp-policy', { requiredRoles: value });
              message.success(t('totp.policy.saved'));
              setChosen(null);
              policy.reload();
            } catch (err) {
              message.error(errorText(err, lang));
            } finally {
              setBusy(false);
            }
          }}>
          {t('totp.policy.save')}
        </Button>
      </Space>
    </Card>
  );
}
