/** Facet counts from the search API; one value per facet can be chosen, clicking it again clears it. */
import { useState } from 'react';
import { Button, Card, Typography } from 'antd';
import type { FacetKey, FacetValue } from '../types.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { vocabLabel, type VocabName } from '../vocab.ts';

const VOCAB_OF: Partial<Record<FacetKey, VocabName>> = {
  categoryKind: 'categoryKind',
  shareType: 'shareType',
  shareMethod: 'shareMethod',
  openType: 'openType',
  grade: 'grade',
  updateCycle: 'updateCycle',
};

const SHOWN = 8;

export function FacetPanel({ facetKey, values, selected, onSelect }: {
  facetKey: FacetKey;
  values: readonly FacetValue[];
  selected: string | null;
  onSelect(value: string | null): void;
}) {
  const { t, lang } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const vocab = VOCAB_OF[facetKey];
  const label = (v: FacetValue) => (vocab ? vocabLabel(vocab, v.value, lang) : (lang === 'en' ? v.labelEn : undefined) || v.label || v.value);
  const sorted = [...values].sort((a, b) => b.count - a.count);
  const shown = expanded ? sorted : sorted.slice(0, SHOWN);
  if (values.length === 0) return null;
  return (
    <Card size="small" title={t(`facet.${facetKey}` as MessageKey)} style={{ marginBottom: 12 }} data-testid={`facet-${facetKey}`}>
      {shown.map((v) => {
        const active = selected === v.value;
        return (
          <div
            key={v.value}
            className={`gdx-facet-item${active ? ' active' : ''}`}
            role="button"
            tabIndex={0}
            onClick={() => onSelect(active ? null : v.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') onSelect(active ? null : v.value);
            }}
          >
            <Typography.Text ellipsis={{ tooltip: label(v) }} style={{ maxWidth: 150 }}>{label(v)}</Typography.Text>
            <Typography.Text type={active ? undefined : 'secondary'}>{v.count}</Typography.Text>
          </div>
        );
      })}
      {sorted.length > SHOWN ? (
        <Button type="link" size="small" onClick={() => setExpanded(!expanded)} style={{ paddingInline: 8 }}>
          {expanded ? '−' : `+${sorted.length - SHOWN}`}
        </Button>
      ) : null}
    </Card>
  );
}
