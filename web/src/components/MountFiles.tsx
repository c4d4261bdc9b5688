/**
 * 文件挂接 (§17 文件共享): the provider's files of a published entry — upload (a new version of its
 * name), the current files with checksum, size and type, older versions, and retirement. Shown in
 * the entry's mount tab; the data steward edits, the provider's other roles look.
 */
import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { InboxOutlined, StopOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { EntryFiles, StoredFile } from '../types.ts';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';
import { fileColumns, fileSize } from './file-columns.tsx';

type Row = EntryFiles['items'][number];

export function MountFiles({ entryId, canEdit, onChanged }: { entryId: string; canEdit: boolean; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data, error, reload } = useLoader((signal) => api.get<EntryFiles>(`/catalog/${entryId}/files`, undefined, signal), [entryId]);
  const [busy, setBusy] = useState(false);
  const [retiring, setRetiring] = useState<Row | null>(null);
  const [reason, setReason] = useState('');

  async function upload(file: File) {
    setBusy(true);
    try {
      const stored = await api.upload<StoredFile>(`/catalog/${entryId}/files`, file);
      message.success(t('files.uploaded', { name: stored.name, v: stored.version }));
      reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  async function retire() {
    if (!retiring) return;
    try {
      await api.post(`/catalog/${entryId}/files/${retiring.id}/retire`, { reason: reason.trim() });
      message.success(t('files.retiredOk'));
      setRetiring(null);
      setReason('');
      reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  const items = data?.items ?? [];
  const current = items.filter((f) => f.current);
  const older = (name: string) => items.filter((f) => f.name === name && !f.current);
  const names = [...new Set(items.map((f) => f.name))];
  const rows: Row[] = names.map((n) => current.find((f) => f.name === n) ?? items.find((f) => f.name === n)!);

  return (
    <div data-testid="mount-files" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('files.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('files.hint')}</Typography.Paragraph>
      {data?.mountKind && data.mountKind !== 'file' ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }}
          message={t('files.notFileMount', { kind: t(data.mountKind === 'table' ? 'mount.kind.table' : 'mount.kind.api') })} />
      ) : null}
      {canEdit ? (
        <Upload.Dragger
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
          style={{ marginBottom: 12 }}
          data-testid="files-upload"
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{busy ? t('files.uploading') : t('files.upload')}</p>
          <p className="ant-upload-hint">CSV / XLSX / PDF … · {t('files.limit')}</p>
        </Upload.Dragger>
      ) : null}
      <Table<Row>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('files.empty') }}
        expandable={{
          rowExpandable: (r) => older(r.name).length > 0,
          expandedRowRender: (r) => (
            <Table<Row> size="small" rowKey="id" pagination={false} dataSource={older(r.name)}
              title={() => t('files.versions', { n: older(r.name).length })}
              columns={[
                { title: t('files.version'), dataIndex: 'version', width: 80, render: (v: number) => `v${v}` },
                { title: t('files.size'), dataIndex: 'bytes', width: 100, render: fileSize },
                { title: t('files.checksum'), dataIndex: 'sha256', render: (s: string) => <Typography.Text className="gdx-mono" copyable={{ text: s }}>{s.slice(0, 16)}…</Typography.Text> },
                { title: t('files.uploadedBy'), key: 'by', render: (_: unknown, f) => `${f.uploadedBy} · ${fmtDateTime(f.uploadedAt)}` },
                { title: t('files.state'), key: 'state', render: (_: unknown, f) => (f.retiredAt ? <Tag color="red">{t('files.retired')}</Tag> : <Tag>{t('files.superseded')}</Tag>) },
              ]} />
          ),
        }}
        columns={[
          ...fileColumns<Row>(t),
          { title: t('files.checksum'), dataIndex: 'sha256', render: (s: string) => <Typography.Text className="gdx-mono" copyable={{ text: s }}>{s.slice(0, 16)}…</Typography.Text> },
          { title: t('files.uploadedBy'), key: 'by', render: (_: unknown, f) => `${f.uploadedBy} · ${fmtDateTime(f.uploadedAt)}` },
          {
            title: t('files.state'), key: 'state', width: 150,
            render: (_: unknown, f) => (
              <Space>
                {f.current ? <Tag color="blue">{t('files.current')}</Tag> : <Tag color="red">{t('files.retired')}</Tag>}
                {canEdit && f.current ? (
                  <Button size="small" danger icon={<StopOutlined />} onClick={() => setRetiring(f)} data-testid={`file-retire-${f.name}`}>{t('files.retire')}</Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={retiring !== null}
        title={retiring ? t('files.retireTitle', { name: retiring.name }) : ''}
        okText={t('files.retire')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        cancelText={t('common.cancel')}
        onOk={() => void retire()}
        onCancel={() => setRetiring(null)}
      >
        <Typography.Paragraph type="secondary">{t('files.retireHint')}</Typography.Paragraph>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('files.retireReason')} maxLength={500} />
      </Modal>
    </div>
  );
}
