/**
 * The editable data dictionary (§10). Choosing a sensitive type fills in its default masking rule
 * from the grading rule set in force (security rules §16, §25, §27 — the set the server checks
 * against); each cell shows the consistency messages that point at it.
 */
import type { ReactNode } from 'react';
import { Button, Checkbox, Input, InputNumber, Select, Space, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ITEM_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import { MASKING_RULE_SPECS } from '../../../src/domain/catalog/sensitivity.ts';
import type { DataItem, ItemType, MaskingRule, SensitiveType } from '../../../src/domain/catalog/types.ts';
import type { GradingRuleSet } from '../../../src/domain/grading/index.ts';
import { markSensitive, newRowKey, type DraftItem } from '../draft.ts';
import { useI18n } from '../i18n.ts';
import type { Issue } from '../types.ts';
import { vocabOptions } from '../vocab.ts';

interface Props {
  items: DraftItem[];
  issues: Map<string, Issue[]>;
  /** The grading rule set in force: the default masking of each sensitive type. */
  rules: GradingRuleSet;
  onChange(items: DraftItem[]): void;
}

export function newItem(): DraftItem {
  return { _key: newRowKey(), name: '', label: '', type: 'string' };
}

export function ItemsEditor({ items, issues, rules, onChange }: Props) {
  const { t, lang, pick } = useI18n();

  function patch(index: number, changes: Partial<DataItem>) {
    onChange(items.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  }

  function setSensitive(index: number, st: SensitiveType | undefined) {
    onChange(items.map((row, i) => (i === index ? markSensitive(row, st, rules) : row)));
  }

  const cellIssues = (index: number, field: string) => issues.get(`items[${index}].${field}`) ?? [];
  const status = (list: Issue[]) => (list.some((i) => i.level === 'error') ? 'error' : list.length ? 'warning' : undefined);
  // Cells only take the error/warning colour; the messages go in a line under the row, full width,
  // so a narrow column does not squeeze them.
  const cell = (index: number, field: string, node: ReactNode) => <div data-field={`items[${index}].${field}`}>{node}</div>;
  const rowIssues = (index: number): Issue[] => {
    const prefix = `items[${index}]`;
    return [...issues.entries()]
      .filter(([field]) => field === prefix || field.startsWith(prefix + '.'))
      .flatMap(([, list]) => list);
  };

  const typeOptions = vocabOptions('itemType', lang);
  const sensitiveOptions = vocabOptions('sensitiveType', lang);
  const maskingOptions = vocabOptions('masking', lang);

  return (
    <div className="gdx-items-editor" data-testid="items-editor">
      <Table<DraftItem>
        size="small"
        rowKey="_key"
        pagination={false}
        scroll={{ x: 1100 }}
        dataSource={items}
        locale={{ emptyText: t('editor.noItems') }}
        expandable={{
          showExpandColumn: false,
          expandedRowKeys: items.filter((_r, i) => rowIssues(i).length > 0).map((r) => r._key),
          expandedRowRender: (_r, i) => <Help list={rowIssues(i)} />,
        }}
        columns={[
          { title: '#', key: 'i', width: 36, render: (_: unknown, __: DraftItem, i: number) => i + 1 },
          {
            title: <Req>{pick(ITEM_FIELD_LABELS.name)}</Req>, key: 'name', width: 140,
            render: (_: unknown, r, i) => cell(i, 'name', (
              <Input value={r.name ?? ''} placeholder="id_number" className="gdx-mono" status={status(cellIssues(i, 'name'))}
                onChange={(e) => patch(i, { name: e.target.value })} data-testid={`item-${i}-name`} />
            )),
          },
          {
            title: <Req>{pick(ITEM_FIELD_LABELS.label)}</Req>, key: 'label', width: 140,
            render: (_: unknown, r, i) => cell(i, 'label', (
              <Input value={r.label ?? ''} placeholder="公民身份号码" status={status(cellIssues(i, 'label'))}
                onChange={(e) => patch(i, { label: e.target.value })} data-testid={`item-${i}-label`} />
            )),
          },
          {
            title: <Req>{pick(ITEM_FIELD_LABELS.type)}</Req>, key: 'type', width: 110,
            render: (_: unknown, r, i) => cell(i, 'type', (
              <Select value={r.type} options={typeOptions} style={{ width: '100%' }} status={status(cellIssues(i, 'type'))}
                onChange={(v: ItemType) => patch(i, { type: v })} data-testid={`item-${i}-type`} />
            )),
          },
          {
            title: pick(ITEM_FIELD_LABELS.length), key: 'length', width: 90,
            render: (_: unknown, r, i) => cell(i, 'length', (
              <InputNumber value={r.length ?? null} min={1} max={100000} precision={0} style={{ width: '100%' }} status={status(cellIssues(i, 'length'))}
                onChange={(v) => patch(i, { length: v === null ? undefined : Number(v) })} data-testid={`item-${i}-length`} />
            )),
          },
          {
            title: pick(ITEM_FIELD_LABELS.description), key: 'description', width: 170,
            render: (_: unknown, r, i) => cell(i, 'description', (
              <Input value={r.description ?? ''} status={status(cellIssues(i, 'description'))}
                onChange={(e) => patch(i, { description: e.target.value })} data-testid={`item-${i}-description`} />
            )),
          },
          {
            title: pick(ITEM_FIELD_LABELS.sensitiveType), key: 'sensitiveType', width: 130,
            render: (_: unknown, r, i) => cell(i, 'sensitiveType', (
              <Select value={r.sensitiveType} options={sensitiveOptions} allowClear placeholder={t('common.none')} style={{ width: '100%' }}
                status={status(cellIssues(i, 'sensitiveType'))}
                onChange={(v: SensitiveType | undefined) => setSensitive(i, v)} data-testid={`item-${i}-sensitive`} />
            )),
          },
          {
            title: pick(ITEM_FIELD_LABELS.masking), key: 'masking', width: 200,
            render: (_: unknown, r, i) => {
              const needsParam = r.masking ? MASKING_RULE_SPECS[r.masking]?.needsParam : false;
              const list = [...cellIssues(i, 'masking'), ...cellIssues(i, 'maskingParam')];
              return (
                <div data-field={`items[${i}].masking`}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Select value={r.masking} options={maskingOptions} allowClear placeholder={t('editor.selectPlaceholder')}
                      style={{ width: needsParam ? '70%' : '100%' }} status={status(list)} popupMatchSelectWidth={false}
                      onChange={(v: MaskingRule | undefined) => patch(i, { masking: v, ...(v && MASKING_RULE_SPECS[v].needsParam ? {} : { maskingParam: undefined }) })}
                      data-testid={`item-${i}-masking`} />
                    {needsParam ? (
                      <Tooltip title={pick(ITEM_FIELD_LABELS.maskingParam)}>
                        <InputNumber value={r.maskingParam ?? null} min={1} max={64} precision={0} placeholder="N" style={{ width: '30%' }}
                          onChange={(v) => patch(i, { maskingParam: v === null ? undefined : Number(v) })} data-testid={`item-${i}-maskingParam`} />
                      </Tooltip>
                    ) : null}
                  </Space.Compact>
                </div>
              );
            },
          },
          {
            title: pick(ITEM_FIELD_LABELS.key), key: 'key', width: 56, align: 'center',
            render: (_: unknown, r, i) => (
              <Checkbox checked={!!r.key} onChange={(e) => patch(i, { key: e.target.checked })} data-testid={`item-${i}-key`} />
            ),
          },
          {
            title: '', key: 'remove', width: 44, fixed: 'right',
            render: (_: unknown, __: DraftItem, i: number) => (
              <Tooltip title={t('common.remove')}>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')}
                  onClick={() => onChange(items.filter((_row, n) => n !== i))} data-testid={`item-${i}-remove`} />
              </Tooltip>
            ),
          },
        ]}
      />
      <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }}
        onClick={() => onChange([...items, newItem()])} data-testid="add-item">
        {t('editor.addItem')}
      </Button>
    </div>
  );
}

function Help({ list }: { list: Issue[] }) {
  const { pick, paren } = useI18n();
  if (!list.length) return null;
  return (
    <div style={{ paddingInlineStart: 36 }} data-testid="item-issues">
      {list.map((i, n) => (
        <Typography.Text key={n} type={i.level === 'error' ? 'danger' : 'warning'} style={{ display: 'block', fontSize: 12, lineHeight: 1.6 }}>
          {pick(i)}{paren(i.article)}
        </Typography.Text>
      ))}
    </div>
  );
}

function Req({ children }: { children: ReactNode }) {
  return <span><span style={{ color: '#cf1322', marginInlineEnd: 2 }}>*</span>{children}</span>;
}
