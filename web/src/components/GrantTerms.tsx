/**
 * The terms of a grant (§29, §31, §39): the provider (or the authority coordinating) may narrow what
 * was asked — fewer items, an earlier end, fewer rows — never widen it, and attach conditions: masking
 * per item (security rules §25, §27), the rows covered (共享范围, enforced by the platform), a note.
 * Also the conditions of a whole authorisation.
 */
import { DatePicker, Form, Input, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { DataItem } from '../../../src/domain/catalog/types.ts';
import { minValidUntil } from '../../../src/domain/sharing/request-rules.ts';
import { useI18n } from '../i18n.ts';
import type { GrantConditions } from '../types.ts';
import { vocabLabel, vocabOptions } from '../vocab.ts';
import { ItemChecklist } from './ItemChecklist.tsx';
import { RowScopeEditor, RowScopeText, completeScope, type RowCondition } from './RowScopeFields.tsx';

export interface TermsDraft {
  items: string[];
  validUntil: string;
  masking: Record<string, string | undefined>;
  /** The rows, as conditions that all hold (§29); possibly still being written. */
  rowScope: RowCondition[];
  /** The rows in words. */
  rowFilter: string;
  note: string;
}

/** What was asked for: the items, the end, and the rows (§27). */
export interface AskedTerms {
  items: readonly string[];
  validUntil: string;
  conditions?: { rowScope?: RowCondition[]; rowFilter?: string };
}

export type ItemInfo = Partial<DataItem>;

/** The starting terms: everything asked for — items, end, rows — each sensitive item with the entry's own masking rule. */
export function initialTerms(asked: AskedTerms, entryItems: readonly ItemInfo[]): TermsDraft {
  const masking: Record<string, string | undefined> = {};
  for (const name of asked.items) {
    const rule = entryItems.find((i) => i.name === name)?.masking;
    if (rule && rule !== 'none') masking[name] = rule;
  }
  const scope = asked.conditions;
  return {
    items: [...asked.items], validUntil: asked.validUntil, masking,
    rowScope: (scope?.rowScope ?? []).map((c) => ({ ...c, values: [...c.values] })), rowFilter: scope?.rowFilter ?? '', note: '',
  };
}

export function conditionsOf(terms: Pick<TermsDraft, 'items' | 'masking' | 'rowScope' | 'rowFilter' | 'note'>): GrantConditions | undefined {
  const masking = Object.fromEntries(Object.entries(terms.masking)
    .filter((e): e is [string, string] => !!e[1] && terms.items.includes(e[0])));
  const rowScope = completeScope(terms.rowScope);
  const c: GrantConditions = {
    ...(Object.keys(masking).length ? { masking } : {}),
    ...(rowScope.length ? { rowScope } : {}),
    ...(terms.rowFilter.trim() ? { rowFilter: terms.rowFilter.trim() } : {}),
    ...(terms.note.trim() ? { note: terms.note.trim() } : {}),
  };
  return Object.keys(c).length ? c : undefined;
}

/**
 * The body's grant terms: only what differs from the request. Rows left as asked are not sent (the
 * grant keeps the request's); rows cleared are sent empty, which the server refuses as wider (§39).
 */
export function termsBody(terms: TermsDraft, asked: AskedTerms) {
  const narrowed = terms.items.length !== asked.items.length;
  const { rowScope, ...rest } = conditionsOf(terms) ?? {};
  const sameRows = JSON.stringify(rowScope ?? []) === JSON.stringify(asked.conditions?.rowScope ?? []);
  const conditions = { ...rest, ...(sameRows ? {} : { rowScope: rowScope ?? [] }) };
  return {
    ...(narrowed ? { items: terms.items } : {}),
    ...(terms.validUntil !== asked.validUntil ? { validUntil: terms.validUntil } : {}),
    ...(Object.keys(conditions).length ? { conditions } : {}),
  };
}

export function GrantTermsFields({ asked, entryItems, terms, onChange, today, showPeriod = true, showErrors = true, wording }: {
  /** The outer bounds: what was requested (or, for a whole authorisation, the entry and three years). */
  asked: AskedTerms;
  entryItems: readonly ItemInfo[];
  terms: TermsDraft;
  onChange(terms: TermsDraft): void;
  today: string;
  showPeriod?: boolean;
  /** Mark missing items and date in red (off while a form is still being started). */
  showErrors?: boolean;
  /** Field texts other than the grant's own. */
  wording?: { items?: string; itemsHint?: string; validUntilHint?: string; scopeHint?: string };
}) {
  const { t, lang, colon } = useI18n();
  const info = (name: string) => entryItems.find((i) => i.name === name);
  const labels = new Map(entryItems.filter((i) => i.name && i.label).map((i) => [i.name!, i.label!]));
  const set = (patch: Partial<TermsDraft>) => onChange({ ...terms, ...patch });
  const maskingOptions = vocabOptions('masking', lang).filter((o) => o.value !== 'none');
  return (
    <Form layout="vertical" component="div" data-testid="grant-terms">
      <Form.Item label={wording?.items ?? t('terms.items')} extra={wording?.itemsHint ?? t('terms.itemsHint')} required validateStatus={terms.items.length || !showErrors ? undefined : 'error'}
        help={terms.items.length || !showErrors ? undefined : t('terms.itemsRequired')} style={{ marginBottom: 12 }}>
        <ItemChecklist
          items={asked.items.map((name) => ({ name, label: info(name)?.label, key: info(name)?.key, sensitiveType: info(name)?.sensitiveType }))}
          value={terms.items}
          onChange={(items) => set({ items })}
          testId="terms-items"
        />
      </Form.Item>
      {showPeriod ? (
        <Form.Item label={t('terms.validUntil')} extra={wording?.validUntilHint ?? t('terms.validUntilHint', { d: asked.validUntil })} required
          validateStatus={terms.validUntil || !showErrors ? undefined : 'error'} help={terms.validUntil || !showErrors ? undefined : t('terms.validUntilRequired')} style={{ marginBottom: 12 }}>
          <DatePicker
            allowClear={false}
            style={{ width: 240 }}
            value={terms.validUntil ? dayjs(terms.validUntil) : null}
            disabledDate={(d: Dayjs) => {
              const s = d.format('YYYY-MM-DD');
              return s < minValidUntil(today) || s > asked.validUntil;
            }}
            onChange={(d: Dayjs | null) => set({ validUntil: d ? d.format('YYYY-MM-DD') : asked.validUntil })}
            data-testid="terms-validUntil"
          />
        </Form.Item>
      ) : null}
      <Form.Item label={t('terms.masking')} extra={t('terms.maskingHint')} style={{ marginBottom: 12 }}>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={terms.items.map((name) => ({ name }))}
          locale={{ emptyText: t('terms.itemsRequired') }}
          scroll={{ y: 240 }}
          columns={[
            {
              title: t('terms.item'), dataIndex: 'name',
              render: (name: string) => (
                <span>
                  {info(name)?.label ?? name}
                  <Typography.Text type="secondary" className="gdx-mono" style={{ marginInlineStart: 6, fontSize: 12 }}>{name}</Typography.Text>
                  {info(name)?.sensitiveType ? <Typography.Text type="warning" style={{ marginInlineStart: 6, fontSize: 12 }}>
                    {vocabLabel('sensitiveType', info(name)?.sensitiveType, lang)}
                  </Typography.Text> : null}
                </span>
              ),
            },
            {
              title: t('terms.rule'), key: 'rule', width: 220,
              render: (_: unknown, r: { name: string }) => (
                <Select
                  size="small"
                  allowClear
                  style={{ width: '100%' }}
                  placeholder={t('terms.noMasking')}
                  value={terms.masking[r.name]}
                  options={maskingOptions}
                  onChange={(v?: string) => set({ masking: { ...terms.masking, [r.name]: v } })}
                  data-testid={`terms-masking-${r.name}`}
                />
              ),
            },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('scope.title')} extra={wording?.scopeHint ?? t('scope.grantHint')} style={{ marginBottom: 12 }}>
        {asked.conditions?.rowScope?.length ? (
          <div style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('scope.asked')}{colon}</Typography.Text>
            <RowScopeText scope={asked.conditions.rowScope} labels={labels} />
          </div>
        ) : null}
        <RowScopeEditor items={entryItems} value={terms.rowScope} onChange={(rowScope) => set({ rowScope })} testId="terms-scope" />
      </Form.Item>
      <Form.Item label={t('scope.description')} extra={t('terms.rowFilterHint')} style={{ marginBottom: 12 }}>
        <Input.TextArea rows={2} maxLength={1000} value={terms.rowFilter} placeholder={t('scope.descriptionPlaceholder')} onChange={(e) => set({ rowFilter: e.target.value })} data-testid="terms-rowFilter" />
      </Form.Item>
      <Form.Item label={t('terms.note')} style={{ marginBottom: 12 }}>
        <Input.TextArea rows={2} maxLength={1000} value={terms.note} onChange={(e) => set({ note: e.target.value })} data-testid="terms-note" />
      </Form.Item>
    </Form>
  );
}

/** The conditions of a grant or a whole authorisation, read-only. */
export function ConditionsView({ conditions, labels, granted }: {
  conditions: GrantConditions | null | undefined;
  labels?: ReadonlyMap<string, string>;
  /** The granted items: a row condition on another item is marked as not delivered. */
  granted?: readonly string[];
}) {
  const { t, lang, colon } = useI18n();
  const masking = Object.entries(conditions?.masking ?? {});
  if (!masking.length && !conditions?.rowScope?.length && !conditions?.rowFilter && !conditions?.note) {
    return <Typography.Text type="secondary">{t('terms.none')}</Typography.Text>;
  }
  return (
    <div data-testid="conditions">
      {masking.length ? (
        <div>
          {t('terms.masking')}{colon}
          {masking.map(([item, rule], i) => (
            <span key={item}>{i ? (lang === 'en' ? '; ' : '；') : ''}{labels?.get(item) ?? item} → {vocabLabel('masking', rule, lang)}</span>
          ))}
        </div>
      ) : null}
      {conditions?.rowScope?.length ? <div>{t('scope.title')}{colon}<RowScopeText scope={conditions.rowScope} labels={labels} granted={granted} /></div> : null}
      {conditions?.rowFilter ? <div>{t('scope.description')}{colon}{conditions.rowFilter}</div> : null}
      {conditions?.note ? <div>{t('terms.note')}{colon}{conditions.note}</div> : null}
    </div>
  );
}
