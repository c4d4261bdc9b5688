/** 本部门目录: the department's entries in every status (view=mine), with their working versions. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Input, Select, Space, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useCursorList } from '../hooks.ts';
import { ENTRY_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { CatalogSearchResponse, EntrySummary } from '../types.ts';
import { vocabOptions } from '../vocab.ts';
import { GradeTag, MountStatusTag, ShareTypeTag, StatusTag } from '../components/EntryTags.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

const EDITABLE = new Set(['draft', 'returned', 'published']);

export default function MyEntriesPage() {
  const { t, lang, pick } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<string>();
  const list = useCursorList<EntrySummary, CatalogSearchResponse>('/catalog', { view: 'mine', q, status, sort: 'updated', limit: 50 });

  return (
    <div>
      <PageTitle
        title={t('mine.title')}
        hint={t('mine.hint')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/new')} data-testid="new-entry">{t('action.newEntry')}</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('discovery.placeholder')} style={{ width: 360 }} onSearch={(v) => setQ(v.trim())} />
        <Select allowClear placeholder={t('facet.status')} style={{ width: 160 }} value={status} onChange={setStatus}
          options={vocabOptions('status', lang)} />
        <Typography.Text type="secondary">{t('common.total', { n: list.total ?? list.items.length })}</Typography.Text>
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table<EntrySummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="mine-table"
        columns={[
          { title: t('entry.code'), dataIndex: 'code', width: 150, render: (c: string | null) => (c ? <span className="gdx-mono">{c}</span> : <Typography.Text type="secondary">—</Typography.Text>) },
          { title: pick(ENTRY_FIELD_LABELS.name), dataIndex: 'name', render: (n: string, r) => <Link to={`/catalog/${r.id}`}>{n}</Link> },
          { title: t('entry.status'), dataIndex: 'status', width: 110, render: (s: string) => <StatusTag value={s} /> },
          {
            title: t('mount.status'), dataIndex: 'mountStatus', width: 120,
            render: (m: string, r) => <MountStatusTag value={m} published={r.publishedVersion !== null && r.status !== 'withdrawn'} />,
          },
          { title: t('facet.shareType'), dataIndex: 'shareType', width: 120, render: (s: string) => <ShareTypeTag value={s} /> },
          { title: t('facet.grade'), dataIndex: 'grade', width: 120, render: (g: number) => <GradeTag value={g} /> },
          { title: t('entry.version'), dataIndex: 'version', width: 70 },
          { title: t('entry.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
          {
            title: t('common.actions'), key: 'a', width: 100,
            render: (_: unknown, r) => (EDITABLE.has(r.status)
              ? <Button type="link" size="small" icon={<EditOutlined />} onClick={() => navigate(`/catalog/${r.id}/edit`)}>{t('common.edit')}</Button>
              : null),
          },
        ]}
      />
      {list.nextCursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={list.loadMore} loading={list.loadingMore}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </div>
  );
}
