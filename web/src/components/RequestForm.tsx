/**
 * The fields of a share request (§20, §27, §30, §31, §23): the items asked for, purpose, scenario,
 * basis, the method (only what the entry offers), the end date (tomorrow … three years on), the rows
 * asked for (共享范围, optional, §27), and for 不予共享 data the §23 route — the 脱密/脱敏 processing
 * asked for. Controlled: the drawer owns the draft and the live rule messages.
 */
import { Alert, DatePicker, Form, Input, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { REQUEST_FIELD_LABELS } from '../../../src/domain/sharing/labels.ts';
import { allowedMethods, maxValidUntil, minValidUntil } from '../../../src/domain/sharing/request-rules.ts';
import type { DataItem } from '../../../src/domain/catalog/types.ts';
import { useI18n } from '../i18n.ts';
import type { Issue } from '../types.ts';
import { vocabLabel } from '../vocab.ts';
import { FieldBox } from './FieldBox.tsx';
import { ItemChecklist } from './ItemChecklist.tsx';
import { RowScopeEditor, type RowCondition } from './RowScopeFields.tsx';

/** The published entry as the form needs it. */
export interface RequestableEntry {
  id: string;
  name: string;
  providerName: string;
  shareType?: 'unconditional' | 'conditional' | 'none';
  shareMethod?: 'table' | 'api' | 'file' | 'verify';
  shareScope?: string;
  notShareBasis?: string;
  items?: readonly Partial<DataItem>[];
}

export interface RequestDraft {
  items: string[];
  purpose: string;
  scenario: string;
  basis: string;
  method?: string;
  validUntil?: string;
  route: 'standard' | 'desensitized';
  desensitization: string;
  /** The rows asked for (§27); conditions may still be half written. */
  rowScope: RowCondition[];
  rowFilter: string;
}

export function emptyRequestDraft(entry: RequestableEntry): RequestDraft {
  const methods = methodsOf(entry);
  return {
    items: [], purpose: '', scenario: '', basis: '', method: methods.length === 1 ? methods[0] : undefined, validUntil: undefined,
    route: entry.shareType === 'none' ? 'desensitized' : 'standard', desensitization: '', rowScope: [], rowFilter: '',
  };
}

export function methodsOf(entry: RequestableEntry): string[] {
  if (!entry.shareMethod) return [];
  return allowedMethods({ shareMethod: entry.shareMethod, items: (entry.items ?? []).map((i) => ({ name: i.name ?? '', key: i.key })) });
}

export function RequestForm({ entry, draft, onChange, issuesOf, today }: {
  entry: RequestableEntry;
  draft: RequestDraft;
  onChange(patch: Partial<RequestDraft>, field: string): void;
  /** The visible messages about a field. */
  issuesOf(field: string): Issue[];
  today: string;
}) {
  const { t, lang, pick, colon } = useI18n();
  const label = (k: keyof typeof REQUEST_FIELD_LABELS) => pick(REQUEST_FIELD_LABELS[k]);
  const methods = methodsOf(entry);
  const min = minValidUntil(today);
  const max = maxValidUntil(today);
  const text = (field: 'purpose' | 'scenario' | 'basis', placeholder: string) => (
    <FieldBox path={field} label={label(field)} required issues={issuesOf(field)}>
      <Input.TextArea
        rows={2}
        maxLength={1000}
        showCount
        value={draft[field]}
        placeholder={placeholder}
        onChange={(e) => onChange({ [field]: e.target.value }, field)}
        data-testid={`request-${field}`}
      />
    </FieldBox>
  );

  return (
    <Form layout="vertical" component="div" data-testid="request-form">
      {entry.shareType === 'conditional' && entry.shareScope ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('request.conditionalTitle')}
          description={<span>{t('request.shareScope')}{colon}{entry.shareScope}</span>} />
      ) : null}
      {entry.shareType === 'none' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="not-shareable-notice"
          message={t('request.notShareableTitle')}
          description={(
            <div>
              <div>{t('request.notShareBasis')}{colon}{entry.notShareBasis || t('common.none')}</div>
              <div style={{ marginTop: 4 }}>{t('request.desensitizedRoute')}</div>
            </div>
          )}
        />
      ) : null}

      <FieldBox path="items" label={label('items')} required issues={issuesOf('items')}>
        <ItemChecklist
          items={(entry.items ?? []).map((i) => ({ name: i.name ?? '', label: i.label, key: i.key, sensitiveType: i.sensitiveType }))}
          value={draft.items}
          onChange={(items) => onChange({ items }, 'items')}
          testId="request-items"
        />
      </FieldBox>

      {text('purpose', t('request.purposePlaceholder'))}
      {text('scenario', t('request.scenarioPlaceholder'))}
      {text('basis', t('request.basisPlaceholder'))}

      <FieldBox path="method" label={label('method')} required issues={issuesOf('method')} extra={t('request.methodHint')}>
        <Radio.Group value={draft.method} onChange={(e) => onChange({ method: e.target.value as string }, 'method')} data-testid="request-method">
          {methods.map((m) => <Radio key={m} value={m} data-testid={`request-method-${m}`}>{vocabLabel('shareMethod', m, lang)}</Radio>)}
        </Radio.Group>
      </FieldBox>

      <FieldBox path="validUntil" label={label('validUntil')} required issues={issuesOf('validUntil')} extra={t('request.validUntilHint', { max })}>
        <DatePicker
          style={{ width: 240 }}
          value={draft.validUntil ? dayjs(draft.validUntil) : null}
          disabledDate={(d: Dayjs) => {
            const s = d.format('YYYY-MM-DD');
            return s < min || s > max;
          }}
          presets={[1, 2, 3].map((y) => {
            const s = dayjs(today).add(y, 'year').format('YYYY-MM-DD');
            return { label: t('request.years', { n: y }), value: dayjs(s > max ? max : s) };
          })}
          onChange={(d: Dayjs | null) => onChange({ validUntil: d ? d.format('YYYY-MM-DD') : undefined }, 'validUntil')}
          data-testid="request-validUntil"
        />
      </FieldBox>

      <FieldBox path="conditions" label={t('scope.title')} issues={issuesOf('conditions')} extra={t('scope.requestHint')}>
        <RowScopeEditor items={entry.items ?? []} value={draft.rowScope} onChange={(rowScope) => onChange({ rowScope }, 'conditions')} testId="request-scope" />
        <Input.TextArea
          rows={2}
          maxLength={1000}
          style={{ marginTop: 8 }}
          value={draft.rowFilter}
          placeholder={t('scope.descriptionPlaceholder')}
          onChange={(e) => onChange({ rowFilter: e.target.value }, 'conditions')}
          data-testid="request-rowFilter"
        />
      </FieldBox>

      {entry.shareType === 'none' ? (
        <FieldBox path="desensitization" label={label('desensitization')} required issues={[...issuesOf('desensitization'), ...issuesOf('route'), ...issuesOf('entryId')]}>
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            value={draft.desensitization}
            placeholder={t('request.desensitizationPlaceholder')}
            onChange={(e) => onChange({ desensitization: e.target.value, route: 'desensitized' }, 'desensitization')}
            data-testid="request-desensitization"
          />
        </FieldBox>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('request.footnote')}</Typography.Text>
    </Form>
  );
}
