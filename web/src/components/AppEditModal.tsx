/**
 * 编辑应用: the data steward changes an app's IP allow-list or description in place (PATCH /apps/{id}) —
 * a system that moved to a new address keeps its AppKey and secret. Effective at the app's next call.
 */
import { useEffect, useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { ConsumerApp } from '../types.ts';
import { IpAllowlistItem } from './AppRegisterModal.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Values {
  description?: string;
  ipAllowlist?: string[];
}

export function AppEditModal({ app, onClose, onSaved }: { app: ConsumerApp | null; onClose: () => void; onSaved: (app: ConsumerApp) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (!app) return;
    setError(undefined);
    form.setFieldsValue({ description: app.description, ipAllowlist: app.ipAllowlist });
  }, [app, form]);

  const submit = async () => {
    if (!app) return;
    // Invalid fields show their own messages; the rejection is not an error of the page.
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      // The whole list is sent: an emptied one means any address, as at registration.
      onSaved(await api.patch<ConsumerApp>(`/apps/${app.id}`, { description: v.description?.trim() ?? '', ipAllowlist: v.ipAllowlist ?? [] }));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={app !== null}
      title={`${t('apps.editTitle')}${app ? ` · ${app.name}` : ''}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: saving, 'data-testid': 'app-edit-ok' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('apps.editIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" data-testid="app-edit-form">
        <Form.Item label="AppKey">
          <Typography.Text className="gdx-mono">{app?.appKey}</Typography.Text>
        </Form.Item>
        <Form.Item name="description" label={t('apps.description')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="app-description" />
        </Form.Item>
        <IpAllowlistItem />
      </Form>
    </Modal>
  );
}
