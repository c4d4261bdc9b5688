/**
 * What every table of files shows first — name, version, size and type (structured or delivered whole,
 * encrypted at rest) — for the provider's mounted files and the consumer's downloads alike.
 */
import { Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { I18n } from '../i18n.ts';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface FileLike {
  name: string;
  version: number;
  bytes: number;
  kind: string;
  structured: boolean;
  sealed?: boolean;
}

export function fileColumns<T extends FileLike>(t: I18n['t']): TableColumnsType<T> {
  return [
    { title: t('files.name'), dataIndex: 'name', render: (n: string) => <span className="gdx-mono">{n}</span> },
    { title: t('files.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
    { title: t('files.size'), dataIndex: 'bytes', width: 90, render: fileSize },
    {
      title: t('files.type'), key: 'type', width: 170,
      render: (_: unknown, f: T) => (
        <Space size={4} wrap>
          <Tag>{f.kind.toUpperCase()}</Tag>
          {f.kind === 'csv' || f.kind === 'xlsx' ? <Tag color={f.structured ? 'green' : 'default'}>{f.structured ? t('files.structured') : t('files.whole')}</Tag> : null}
          {f.sealed ? <Tooltip title={t('files.sealedHint')}><Tag color="purple">{t('files.sealed')}</Tag></Tooltip> : null}
        </Space>
      ),
    },
  ];
}
