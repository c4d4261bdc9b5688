/**
 * 共享范围 (row scope, §27–§29): the rows asked for or granted, as conditions that all hold — an item
 * of the entry, an operator that suits its type, and values written in the type's form. Checked live
 * by the server's own rules (row-scope-rules.ts). Also the read-only sentence of a scope.
 */
import { Button, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ItemType } from '../../../src/domain/catalog/types.ts';
import type { RowCondition } from '../../../src/domain/policy/row-scope.ts';
import { MAX_SCOPE_CONDITIONS, OPS_BY_TYPE, validateRowScope, type ScopeItem } from '../../../src/domain/policy/row-scope-rules.ts';
import { TYPED_FORMS } from '../../../src/domain/policy/typed-values.ts';
import { useI18n } from '../i18n.ts';
import type { ItemInfo } from './GrantTerms.tsx';

export type { RowCondition };

/** The entry's items the rules know: a scope may be on any item but a binary one. */
export function scopeItems(items: readonly ItemInfo[]): ScopeItem[] {
  return items.filter((i) => i.name).map((i) => ({
    name: i.name!, type: (i.type ?? 'string') as ItemType, ...(i.label ? { label: i.label } : {}), ...(i.sensitiveType ? { sensitiveType: i.sensitiveType } : {}),
  }));
}

/** Conditions still being written (no item, no value yet) are left out of what is sent. */
export function completeScope(scope: readonly RowCondition[]): RowCondition[] {
  return scope.filter((c) => c.item && c.values.some((v) => v !== '')).map((c) => ({ item: c.item, op: c.op, values: c.values.filter((v) => v !== '') }));
}

export function RowScopeEditor({ items, value, onChange, testId = 'scope' }: {
  items: readonly ItemInfo[];
  value: RowCondition[];
  onChange(value: RowCondition[]): void;
  testId?: string;
}) {
  const { t, lang, pick } = useI18n();
  const known = scopeItems(items);
  const typeOf = (name: string) => known.find((i) => i.name === name)?.type ?? 'string';
  // Each condition on its own, once written: a half-written one is not sent, so not judged either.
  const issuesOf = (c: RowCondition) => validateRowScope(completeScope([c]), known, { article: '§27', field: 'scope' });
  const set = (i: number, patch: Partial<RowCondition>) => onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <div data-testid={testId}>
      {value.map((c, i) => {
        const ops = OPS_BY_TYPE[typeOf(c.item)];
        const mine = issuesOf(c);
        return (
          <div key={i} style={{ marginBottom: 8 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: '34%' }}
                placeholder={t('scope.item')}
                value={c.item || undefined}
                options={known.filter((k) => k.type !== 'binary').map((k) => ({ value: k.name, label: k.label ? `${k.label}（${k.name}）` : k.name }))}
                onChange={(item: string) => {
                  const allowed = OPS_BY_TYPE[typeOf(item)];
                  set(i, { item, op: allowed.includes(c.op) ? c.op : allowed[0]! });
                }}
                data-testid={`${testId}-item-${i}`}
              />
              <Select
                style={{ width: '22%' }}
                value={c.op}
                options={ops.map((op) => ({ value: op, label: t(`scope.op.${op}`) }))}
                onChange={(op: RowCondition['op']) => set(i, { op, values: op === 'in' ? c.values : c.values.slice(0, 1) })}
                data-testid={`${testId}-op-${i}`}
              />
              {c.op === 'in' ? (
                <Select
                  mode="tags"
                  style={{ width: '44%' }}
                  tokenSeparators={[',', '，']}
                  value={c.values}
                  open={false}
                  placeholder={t('scope.inValues')}
                  onChange={(values: string[]) => set(i, { values })}
                  data-testid={`${testId}-values-${i}`}
                />
              ) : (
                <Input
                  style={{ width: '44%' }}
                  value={c.values[0] ?? ''}
                  placeholder={pick(TYPED_FORMS[typeOf(c.item)])}
                  onChange={(e) => set(i, { values: [e.target.value] })}
                  data-testid={`${testId}-value-${i}`}
                />
              )}
              <Button icon={<DeleteOutlined />} aria-label={t('scope.remove')} onClick={() => onChange(value.filter((_, j) => j !== i))} data-testid={`${testId}-remove-${i}`} />
            </Space.Compact>
            {mine.map((x) => (
              <Typography.Text key={`${x.field}${x.code}`} type={x.level === 'error' ? 'danger' : 'warning'} style={{ display: 'block', fontSize: 12 }}>
                {lang === 'en' ? x.en : x.zh}
              </Typography.Text>
            ))}
          </div>
        );
      })}
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={value.length >= MAX_SCOPE_CONDITIONS}
        onClick={() => onChange([...value, { item: '', op: 'eq', values: [''] }])}
        data-testid={`${testId}-add`}
      >
        {t('scope.add')}
      </Button>
    </div>
  );
}

/** A scope as a sentence: "行政区划代码 以…开头 1405 且 登记日期 不小于 2024-01-01", or "all rows". */
export function RowScopeText({ scope, labels, granted }: {
  scope: readonly RowCondition[] | undefined;
  labels?: ReadonlyMap<string, string>;
  /** When given, conditions on items outside it are marked as not delivered. */
  granted?: readonly string[];
}) {
  const { t, lang } = useI18n();
  if (!scope?.length) return <Typography.Text type="secondary">{t('scope.all')}</Typography.Text>;
  const sep = lang === 'en' ? ', ' : '、';
  return (
    <span data-testid="row-scope">
      {scope.map((c, i) => (
        <span key={i}>
          {i ? <Typography.Text type="secondary">{` ${t('scope.and')} `}</Typography.Text> : null}
          <Typography.Text strong>{labels?.get(c.item) ?? c.item}</Typography.Text>
          {granted && !granted.includes(c.item) ? <Typography.Text type="secondary">{lang === 'en' ? ` (${t('scope.notDelivered')})` : `（${t('scope.notDelivered')}）`}</Typography.Text> : null}
          {` ${t(`scope.op.${c.op}`)} `}
          <Typography.Text code>{c.values.join(sep)}</Typography.Text>
        </span>
      ))}
    </span>
  );
}
