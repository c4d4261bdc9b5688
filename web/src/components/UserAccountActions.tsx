/**
 * The operator's actions on one account (security rules §13–§14): change its roles with a reason
 * (recorded for the access review; never one's own), reset a forgotten password under the policy,
 * clear a second factor whose device is lost. The server checks everything again.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import { ROLES, roleProblems, type Role } from '../../../src/domain/access/roles.ts';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import type { UserRow } from '../types.ts';
import { roleLabel } from '../vocab.ts';
import { errorText } from './ErrorAlert.tsx';

export function UserAccountActions({ user, orgKind, onChanged }: { user: UserRow; orgKind?: 'authority' | 'department'; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [open, setOpen] = useState<'roles' | 'password' | null>(null);
  const clearFactor = async () => {
    try {
      await api.post(`/users/${user.id}/totp/reset`);
      message.success(t('totp.resetDone'));
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };
  return (
    <Space size={0} wrap>
      {me?.id !== user.id ? <Button type="link" size="small" onClick={() => setOpen('roles')}>{t('admin.roles')}</Button> : null}
      <Button type="link" size="small" onClick={() => setOpen('password')}>{t('password.reset')}</Button>
      <Popconfirm title={t('totp.resetConfirm', { user: user.username })} onConfirm={clearFactor} okText={t('totp.reset')} cancelText={t('common.cancel')}>
        <Button type="link" size="small">{t('totp.reset')}</Button>
      </Popconfirm>
      {open === 'roles' ? <RolesModal user={user} orgKind={orgKind} onClose={() => setOpen(null)} onDone={() => { setOpen(null); onChanged(); }} /> : null}
      {open === 'password' ? <ResetPasswordModal user={user} onClose={() => setOpen(null)} /> : null}
    </Space>
  );
}

function RolesModal({ user, orgKind, onClose, onDone }: { user: UserRow; orgKind?: 'authority' | 'department'; onClose(): void; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[]; reason: string }>();
  const [busy, setBusy] = useState(false);
  const roles = Form.useWatch('roles', form) ?? [];
  const problems = useMemo(() => (orgKind && roles.length ? roleProblems(roles, orgKind) : []), [orgKind, roles]);
  return (
    <Modal open title={`${t('admin.roles')} · ${user.username}`} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy}
      onCancel={onClose} okButtonProps={{ disabled: problems.length > 0 }}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        try {
          await api.put(`/users/${user.id}/roles`, v);
          onDone();
        } catch (err) {
          message.error(errorText(err, lang));
        } finally {
          setBusy(false);
        }
      }}>
      <Form form={form} layout="vertical" initialValues={{ roles: user.roles, reason: '' }} requiredMark={false}>
        <Form.Item name="roles" label={t('admin.roles')} rules={[{ required: true }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
        </Form.Item>
        {problems.length ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={problems.map((p) => p[lang]).join('；')} /> : null}
        <Form.Item name="reason" label={t('review.col.reason')} rules={[{ required: true, whitespace: true, message: t('review.col.reason') }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserRow; onClose(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  return (
    <Modal open title={`${t('password.reset')} · ${user.username}`} okText={t('password.reset')} cancelText={t('common.cancel')} confirmLoading={busy}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        setBusy(true);
        setProblems([]);
        try {
          await api.post(`/users/${user.id}/password`, v);
          message.success(t('password.resetDone'));
          onClose();
        } catch (err) {
          const list = (err as { detailList?: { zh?: string; en?: string }[] }).detailList ?? [];
          setProblems(list.length ? list.map((d) => (lang === 'en' ? d.en : d.zh) ?? '') : [errorText(err, lang)]);
        } finally {
          setBusy(false);
        }
      }}>
      <Typography.Paragraph type="secondary">{t('password.resetHint', { user: user.username })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('password.rules')}</Typography.Paragraph>
      {problems.length ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} /> : null}
      <Form form={form} layout="vertical" requiredMark={false} autoComplete="off">
        <Form.Item name="password" label={t('password.new')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
