/**
 * Data items to tick — a request's items (§20 明确的共享需求), a grant's narrowing (§39), a whole
 * authorisation's scope (§29) — with select-all. Nothing is preselected unless the caller says so.
 */
import { Checkbox, Col, Row, Tag, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n.ts';
import { vocabLabel } from '../vocab.ts';

export interface CheckItem {
  name: string;
  label?: string;
  key?: boolean;
  sensitiveType?: string;
}

export function ItemChecklist({ items, value, onChange, testId = 'item-checklist', disabled = false }: {
  items: readonly CheckItem[];
  value: readonly string[];
  onChange(names: string[]): void;
  testId?: string;
  disabled?: boolean;
}) {
  const { t, lang } = useI18n();
  const chosen = new Set(value);
  const all = items.length > 0 && items.every((i) => chosen.has(i.name));
  const some = items.some((i) => chosen.has(i.name));
  // Keep the entry's order whatever order the boxes were ticked in.
  const ordered = (names: Set<string>) => items.map((i) => i.name).filter((n) => names.has(n));
  return (
    <div data-testid={testId} style={{ border: '1px solid #e8ecf2', borderRadius: 4, padding: '8px 12px' }}>
      <Checkbox
        checked={all}
        indeterminate={some && !all}
        disabled={disabled || items.length === 0}
        onChange={(e) => onChange(e.target.checked ? items.map((i) => i.name) : [])}
        data-testid={`${testId}-all`}
      >
        {t('items.selectAll')}
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>{t('items.selected', { n: value.length, total: items.length })}</Typography.Text>
      </Checkbox>
      <Row gutter={[12, 4]} style={{ marginTop: 8, borderTop: '1px dashed #e8ecf2', paddingTop: 8 }}>
        {items.map((i) => (
          <Col key={i.name} xs={24} sm={12}>
            <Checkbox
              checked={chosen.has(i.name)}
              disabled={disabled}
              data-testid={`${testId}-${i.name}`}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(i.name);
                else next.delete(i.name);
                onChange(ordered(next));
              }}
            >
              <span>{i.label ?? i.name}</span>
              {i.label ? <Typography.Text type="secondary" className="gdx-mono" style={{ marginInlineStart: 6, fontSize: 12 }}>{i.name}</Typography.Text> : null}
              {i.key ? <KeyOutlined title={t('entry.key')} style={{ marginInlineStart: 6, color: '#d48806' }} /> : null}
              {i.sensitiveType ? <Tag color="volcano" bordered={false} style={{ marginInlineStart: 6 }}>{vocabLabel('sensitiveType', i.sensitiveType, lang)}</Tag> : null}
            </Checkbox>
          </Col>
        ))}
      </Row>
    </div>
  );
}
