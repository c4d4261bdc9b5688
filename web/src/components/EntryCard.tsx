/** One search result: code, name, provider, share type and grade at a glance. */
import { Link } from 'react-router-dom';
import { Card, Flex, Space, Tag, Typography } from 'antd';
import type { EntrySummary } from '../types.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate } from '../format.ts';
import { vocabLabel } from '../vocab.ts';
import { GradeTag, ShareTypeTag, StatusTag } from './EntryTags.tsx';

export function EntryCard({ entry, showStatus = false }: { entry: EntrySummary; showStatus?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Card className="gdx-result-card" size="small" style={{ marginBottom: 12 }} data-testid="result-card">
      <Flex justify="space-between" align="flex-start" gap={16}>
        <div style={{ minWidth: 0, flex: 1 }}>
          <Space size={10} wrap>
            <Link to={`/catalog/${entry.id}`} style={{ fontSize: 16, fontWeight: 600 }} data-testid="result-name">{entry.name}</Link>
            {entry.important ? <Tag color="magenta">{t('entry.important.yes')}</Tag> : null}
            {showStatus ? <StatusTag value={entry.status} /> : null}
          </Space>
          <div style={{ marginTop: 4 }}>
            <Typography.Text type="secondary" className="gdx-mono" data-testid="result-code">
              {entry.code ?? t('entry.codePending')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 16 }}>
              {entry.providerName}{entry.regionName ? ` · ${entry.regionName}` : ''}
            </Typography.Text>
          </div>
          {entry.summary ? (
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '8px 0 6px', color: 'rgba(0,0,0,0.7)' }}>
              {entry.summary}
            </Typography.Paragraph>
          ) : null}
          <Space size={[0, 4]} wrap>
            <Tag>{vocabLabel('categoryKind', entry.category?.kind, lang)}</Tag>
            <ShareTypeTag value={entry.shareType} />
            <GradeTag value={entry.grade} />
            <Tag>{vocabLabel('shareMethod', entry.shareMethod, lang)}</Tag>
            <Tag>{vocabLabel('openType', entry.openType, lang)}</Tag>
            <Tag>{vocabLabel('updateCycle', entry.updateCycle, lang)}</Tag>
          </Space>
        </div>
        <div style={{ textAlign: 'right', flex: '0 0 auto', color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
          <div>{t('discovery.items', { n: entry.itemCount })}</div>
          <div>{t('discovery.updatedAt', { d: fmtDate(entry.publishedAt ?? entry.updatedAt) })}</div>
        </div>
      </Flex>
    </Card>
  );
}
