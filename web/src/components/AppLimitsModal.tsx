/**
 * 调用限额: the department's data steward sets one app's per-second limits and daily quotas for the
 * data API and verification — each empty (the platform default) or up to the authority's ceiling,
 * which the server checks again (PUT /apps/{id}/limits).
 */
import { useEffect, useState } from 'react';
import { Form, InputNumber, Modal, Typography } from 'antd';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { ConsumerApp } from '../types.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

type Channel = 'api' | 'verify';
type Kind = 'perSecond' | 'perDay';
type Pairs = Record<Channel, Record<Kind, number>>;
type Values = Record<`${Channel}_${Kind}`, number | null | undefined>;

const CHANNELS: Channel[] = ['api', 'verify'];
const KINDS: Kind[] = ['perSecond', 'perDay'];

export function AppLimitsModal({ app, onClose, onSaved }: { app: ConsumerApp | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const settings = useLoader((signal) => api.get<{ defaults: Pairs; ceiling: Pairs }>('/settings/app-limits', undefined, signal), []);

  useEffect(() => {
    if (!app) return;
    setError(undefined);
    form.setFieldsValue(Object.fromEntries(CHANNELS.flatMap((c) => KINDS.map((k) => [`${c}_${k}`, app.limits[c].own[k]]))) as Values);
  }, [app, form]);

  const submit = async () => {
    if (!app) return;
    // Invalid fields show their own messages; the rejection is not an error of the page.
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    setSaving(true);
    setError(undefined);
    try {
      const pick = (c: Channel, k: Kind) => v[`${c}_${k}`] ?? null;
      await api.put(`/apps/${app.id}/limits`, Object.fromEntries(CHANNELS.map((c) => [c, { perSecond: pick(c, 'perSecond'), perDay: pick(c, 'perDay') }])));
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={app !== null}
      title={`${t('dataplane.limitsTitle')}${app ? ` · ${app.name}` : ''}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.submit')}
      okButtonProps={{ loading: saving, 'data-testid': 'app-limits-ok' } as never}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('dataplane.limitsIntro')}</Typography.Paragraph>
      <ErrorAlert error={error ?? settings.error} />
      <Form form={form} layout="vertical">
        {CHANNELS.map((c) => (
          <div key={c}>
            <Typography.Text strong>{t(`dataplane.${c}`)}</Typography.Text>
            <div style={{ display: 'flex', gap: 16, marginTop: 8 }}>
              {KINDS.map((k) => {
                const ceiling = settings.data?.ceiling[c][k];
                return (
                  <Form.Item key={k} name={`${c}_${k}`} label={t(`dataplane.${k}`)} style={{ flex: 1 }}
                    extra={settings.data ? t('dataplane.defaultIs', { value: String(settings.data.defaults[c][k]), ceiling: String(ceiling) }) : undefined}>
                    <InputNumber min={1} max={ceiling} precision={0} style={{ width: '100%' }} data-testid={`app-limit-${c}-${k}`} />
                  </Form.Item>
                );
              })}
            </div>
          </div>
        ))}
      </Form>
    </Modal>
  );
}
