/** The data dictionary of an entry (§10), read-only; a draft's items may still be half-filled. */
import { Table, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { ITEM_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import type { DataItem } from '../../../src/domain/catalog/types.ts';
import { useI18n } from '../i18n.ts';
import { vocabLabel } from '../vocab.ts';

export function ItemsTable({ items }: { items: readonly Partial<DataItem>[] }) {
  const { t, lang, pick } = useI18n();
  return (
    <Table<Partial<DataItem> & { index: number }>
      size="small"
      rowKey={(r) => `${r.index}-${r.name}`}
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={items.map((it, index) => ({ ...it, index }))}
      data-testid="items-table"
      columns={[
        { title: t('entry.itemIndex'), dataIndex: 'index', width: 56, render: (i: number) => i + 1 },
        {
          title: pick(ITEM_FIELD_LABELS.name), dataIndex: 'name', width: 150,
          render: (v: string, r) => (
            <span className="gdx-mono">
              {v}{r.key ? <KeyOutlined title={t('entry.key')} style={{ marginInlineStart: 6, color: '#d48806' }} /> : null}
            </span>
          ),
        },
        { title: pick(ITEM_FIELD_LABELS.label), dataIndex: 'label', width: 150 },
        { title: pick(ITEM_FIELD_LABELS.type), dataIndex: 'type', width: 100, render: (v: string) => vocabLabel('itemType', v, lang) },
        { title: pick(ITEM_FIELD_LABELS.length), dataIndex: 'length', width: 80 },
        {
          title: pick(ITEM_FIELD_LABELS.sensitiveType), dataIndex: 'sensitiveType', width: 120,
          render: (v: string | undefined) => (v ? <Tag color="volcano">{vocabLabel('sensitiveType', v, lang)}</Tag> : null),
        },
        {
          title: pick(ITEM_FIELD_LABELS.masking), dataIndex: 'masking', width: 150,
          render: (v: string | undefined, r) => (v && v !== 'none'
            ? <span>{vocabLabel('masking', v, lang)}{r.maskingParam ? ` (N=${r.maskingParam})` : ''}</span>
            : v ? <Typography.Text type="secondary">{vocabLabel('masking', v, lang)}</Typography.Text> : null),
        },
        { title: pick(ITEM_FIELD_LABELS.description), dataIndex: 'description', ellipsis: true },
      ]}
    />
  );
}
