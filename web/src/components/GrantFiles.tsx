/**
 * 文件下载 under a live 文件 grant, for the consumer department (§17, §39): the entry's current
 * files, or exports of its mounted table, each downloaded with the trace mark (and, from grade 3, a
 * watermark) and recorded as a delivery.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Downloadables, Grant } from '../types.ts';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';
import { fileColumns } from './file-columns.tsx';

type FileRow = Downloadables['files'][number];

export function GrantFiles({ grant, onDownloaded }: { grant: Grant; onDownloaded(): void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const { data, error, reload } = useLoader((signal) => api.get<Downloadables>(`/grants/${grant.id}/files`, undefined, signal), [grant.id]);
  const [busy, setBusy] = useState<string | null>(null);

  async function fetchFile(key: string, path: string, query: Record<string, string> | undefined, fallback: string) {
    setBusy(key);
    try {
      await api.download(path, query, fallback);
      message.success(t('files.downloaded'));
      onDownloaded();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card title={t('files.downloads')} style={{ marginBottom: 16 }} data-testid="grant-files">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('files.downloadsHint')} />
      {data?.watermark ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('files.watermark')} /> : null}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      {data && data.exports.length ? (
        <Space style={{ marginBottom: 12 }} wrap>
          <Typography.Text strong>{t('files.export')}</Typography.Text>
          {data.exports.map((format) => (
            <Button key={format} icon={format === 'xlsx' ? <FileExcelOutlined /> : <FileTextOutlined />} loading={busy === format}
              onClick={() => void fetchFile(format, `/grants/${grant.id}/export`, { format }, `${data.entry.name}.${format}`)} data-testid={`grant-export-${format}`}>
              {t('files.exportAs', { format: format.toUpperCase() })}
            </Button>
          ))}
        </Space>
      ) : null}
      {data && (data.files.length || !data.exports.length) ? (
        <Table<FileRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.files}
          locale={{ emptyText: t('files.noDownloads') }}
          columns={[
            ...fileColumns<FileRow>(t),
            { title: t('files.uploadedBy'), dataIndex: 'uploadedAt', width: 160, render: (d: string) => fmtDateTime(d) },
            {
              title: '', key: 'download', width: 120,
              render: (_: unknown, f) => (f.deliverable ? (
                <Button size="small" type="primary" icon={<DownloadOutlined />} loading={busy === f.id}
                  onClick={() => void fetchFile(f.id, `/grants/${grant.id}/files/${f.id}`, undefined, f.name)} data-testid={`grant-file-${f.name}`}>
                  {t('files.download')}
                </Button>
              ) : (
                <Tooltip title={f.refusal ? pick(f.refusal) : undefined}><Tag color="red">{t('files.notDeliverable')}</Tag></Tooltip>
              )),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
