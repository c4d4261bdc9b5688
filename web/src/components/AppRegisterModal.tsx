/** 注册应用: name, description and the IP allow-list as tags; the answer carries the secret, shown once. */
import { useState, type ReactNode } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { ConsumerAppWithSecret } from '../types.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

interface Values {
  name: string;
  description?: string;
  ipAllowlist?: string[];
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A first check only: the server (node:net isIP) has the last word, IPv6 included. */
const looksLikeIp = (s: string) => IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));

/** The IP allow-list as tags, checked the same way when an app is registered and when it is edited. */
export function IpAllowlistItem({ extra }: { extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="ipAllowlist"
      label={t('apps.ipAllowlist')}
      extra={extra ?? t('apps.ipAllowlistHint')}
      rules={[{
        validator: async (_, list: string[] | undefined) => {
          const bad = (list ?? []).filter((ip) => !looksLikeIp(ip));
          if (bad.length) throw new Error(t('apps.ipInvalid', { ip: bad.join(', ') }));
        },
      }]}
    >
      <Select mode="tags" open={false} tokenSeparators={[',', ' ', '，']} suffixIcon={null} data-testid="app-ip" />
    </Form.Item>
  );
}

export function AppRegisterModal({ open, onClose, onRegistered }: {
  open: boolean;
  onClose: () => void;
  onRegistered: (app: ConsumerAppWithSecret) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async () => {
    // Invalid fields show their own messages; the rejection is not an error of the page.
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      const app = await api.post<ConsumerAppWithSecret>('/apps', {
        name: v.name.trim(), description: v.description?.trim() || undefined, ipAllowlist: v.ipAllowlist?.length ? v.ipAllowlist : undefined,
      });
      form.resetFields();
      onRegistered(app);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('apps.register')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.submit')}
      okButtonProps={{ loading: saving, 'data-testid': 'app-register-ok' } as never}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="name" label={t('apps.name')} rules={[{ required: true, whitespace: true, message: t('apps.nameRequired') }, { max: 100 }]}>
          <Input maxLength={100} data-testid="app-name" />
        </Form.Item>
        <Form.Item name="description" label={t('apps.description')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="app-description" />
        </Form.Item>
        <IpAllowlistItem />
      </Form>
    </Modal>
  );
}
