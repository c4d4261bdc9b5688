/** Every §9 element of an entry version, with the regulation's Chinese names. */
import { Descriptions, Space, Tag, Typography } from 'antd';
import { CATEGORY_FIELD_LABELS, ENTRY_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import type { CatalogEntry, SubjectDatabase } from '../types.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import { vocabLabel } from '../vocab.ts';
import { GradeTag, ShareTypeTag, StatusTag } from './EntryTags.tsx';

const COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 };

export function EntryDescriptions({ entry, subjectDbs }: { entry: CatalogEntry; subjectDbs: readonly SubjectDatabase[] }) {
  const { t, lang, pick, paren } = useI18n();
  const f = (k: keyof typeof ENTRY_FIELD_LABELS) => pick(ENTRY_FIELD_LABELS[k]);
  const dbName = (id: string | undefined) => (id ? subjectDbs.find((d) => d.id === id)?.name ?? id : '');
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const cat = entry.category ?? { kind: 'department' };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={COLUMNS} title={t('entry.basics')} data-testid="entry-basics">
        <Descriptions.Item label={f('name')} span={2}>{entry.name}</Descriptions.Item>
        <Descriptions.Item label={t('entry.code')}>
          {entry.code ? <span className="gdx-mono" data-testid="entry-code">{entry.code}</span> : <Typography.Text type="secondary">{t('entry.codePending')}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('entry.status')}><StatusTag value={entry.status} /></Descriptions.Item>
        <Descriptions.Item label={t('entry.provider')}>{entry.providerName}</Descriptions.Item>
        <Descriptions.Item label={t('entry.region')}>{entry.regionName}</Descriptions.Item>
        <Descriptions.Item label={f('summary')} span={2}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{entry.summary}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={f('storageLevel')}>{vocabLabel('storageLevel', entry.storageLevel, lang)}</Descriptions.Item>
        <Descriptions.Item label={f('format')}>{vocabLabel('format', entry.format, lang)}</Descriptions.Item>
        <Descriptions.Item label={f('updateCycle')}>{vocabLabel('updateCycle', entry.updateCycle, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('entry.publishedAt')}>{fmtDate(entry.publishedAt) || none}</Descriptions.Item>
        <Descriptions.Item label={t('entry.version')}>
          {t('entry.versionN', { n: entry.version })}
          {entry.publishedVersion && entry.publishedVersion !== entry.version
            ? <Typography.Text type="secondary">{paren(`${t('entry.publishedVersion')} ${entry.publishedVersion}`)}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('entry.updatedAt')}>{fmtDateTime(entry.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <Descriptions size="small" bordered column={COLUMNS} title={t('entry.classification')}>
        <Descriptions.Item label={pick(CATEGORY_FIELD_LABELS.kind)}>{vocabLabel('categoryKind', cat.kind, lang)}</Descriptions.Item>
        <Descriptions.Item label={`${pick(CATEGORY_FIELD_LABELS.item)} / ${pick(CATEGORY_FIELD_LABELS.subItem)}`}>
          <span className="gdx-mono">{cat.item || '—'} / {cat.subItem || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={f('basicDb')}>{dbName(entry.basicDb) || none}</Descriptions.Item>
        <Descriptions.Item label={f('themeDb')}>{dbName(entry.themeDb) || none}</Descriptions.Item>
        <Descriptions.Item label={f('grade')}><GradeTag value={entry.grade} /></Descriptions.Item>
        <Descriptions.Item label={f('important')}>
          {entry.important ? <Tag color="magenta">{t('common.yes')}</Tag> : t('common.no')}
        </Descriptions.Item>
      </Descriptions>

      <Descriptions size="small" bordered column={COLUMNS} title={t('entry.sharing')}>
        <Descriptions.Item label={f('shareType')}><ShareTypeTag value={entry.shareType} /></Descriptions.Item>
        <Descriptions.Item label={f('shareMethod')}>{vocabLabel('shareMethod', entry.shareMethod, lang)}</Descriptions.Item>
        {entry.shareType === 'conditional' || entry.shareScope ? (
          <Descriptions.Item label={f('shareScope')} span={2}>{entry.shareScope || none}</Descriptions.Item>
        ) : null}
        {entry.shareType === 'none' || entry.notShareBasis ? (
          <Descriptions.Item label={f('notShareBasis')} span={2}>{entry.notShareBasis || none}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={f('openType')}>{vocabLabel('openType', entry.openType, lang)}</Descriptions.Item>
        <Descriptions.Item label={f('openMethod')}>{entry.openMethod || none}</Descriptions.Item>
        <Descriptions.Item label={f('parallelApproval')}>{entry.parallelApproval ? t('common.yes') : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={f('relatedCodes')}>
          {entry.relatedCodes?.length ? entry.relatedCodes.map((c) => <Tag key={c} className="gdx-mono">{c}</Tag>) : none}
        </Descriptions.Item>
        <Descriptions.Item label={f('structure')} span={2}>
          {entry.structure ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{entry.structure}</Typography.Paragraph> : none}
        </Descriptions.Item>
      </Descriptions>
    </Space>
  );
}
