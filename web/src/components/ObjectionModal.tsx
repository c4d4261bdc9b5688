/**
 * 提出异议 (§32): the using department reports data it doubts or finds wrong — which items, which
 * records (by key, never by copying the data back) and what is wrong. The provider must verify and
 * correct within 5 working days.
 */
import { useState } from 'react';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { MAX_SAMPLE_KEYS } from '../../../src/domain/sharing/objection-rules.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { Objection } from '../types.ts';
import { errorText } from './ErrorAlert.tsx';

interface ObjectionFormValues {
  items?: string[];
  sampleKeys?: string[];
  description: string;
}

export function ObjectionModal({ open, entry, items, onClose, onDone }: {
  open: boolean;
  entry: { id: string; name: string };
  /** The items one may point at: the entry's, or the grant's. */
  items: readonly { name: string; label?: string }[];
  onClose(): void;
  onDone(objection: Objection): void;
}) {
  const { t, lang, colon, paren } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ObjectionFormValues>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={t('objection.createTitle')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'objection-ok' } as never}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={620}
    >
      <p style={{ color: 'rgba(0,0,0,0.6)' }}>{t('objection.createHint')}</p>
      <p><Typography.Text type="secondary">{t('withdrawals.entry')}{colon}</Typography.Text><strong>{entry.name}</strong></p>
      <Form<ObjectionFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          setBusy(true);
          try {
            const created = await api.post<Objection>('/objections', {
              entryId: entry.id,
              ...(v.items?.length ? { items: v.items } : {}),
              ...(v.sampleKeys?.length ? { sampleKeys: v.sampleKeys.map((k) => k.trim()).filter(Boolean) } : {}),
              description: v.description.trim(),
            });
            message.success(t('objection.created', { d: created.dueOn }));
            onDone(created);
          } catch (err) {
            message.error(errorText(err, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="items" label={t('objection.items')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('objection.itemsPlaceholder')}
            options={items.map((i) => ({ value: i.name, label: i.label ? `${i.label}${paren(i.name)}` : i.name }))}
            data-testid="objection-items"
          />
        </Form.Item>
        <Form.Item
          name="sampleKeys"
          label={t('objection.sampleKeys')}
          extra={t('objection.sampleKeysHint', { n: MAX_SAMPLE_KEYS })}
          rules={[{ validator: async (_, v?: string[]) => { if ((v?.length ?? 0) > MAX_SAMPLE_KEYS) throw new Error(t('objection.tooManyKeys', { n: MAX_SAMPLE_KEYS })); } }]}
        >
          <Select mode="tags" tokenSeparators={[',', '，', ' ', '\n']} open={false} suffixIcon={null} placeholder={t('objection.sampleKeysPlaceholder')} data-testid="objection-keys" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('objection.description')}
          rules={[{ required: true, whitespace: true, message: t('objection.descriptionRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={t('objection.descriptionPlaceholder')} data-testid="objection-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
