/**
 * 挂接变更审核 (§16): changes of mounts that consumers depend on (live grants), waiting for the authority
 * of the entry's region — the current mount and the proposed one side by side, approved (the new mount
 * serves at once) or rejected with a reason. Part of the authority's 审查队列.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { ENTRY_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { ListResponse, MountChange } from '../types.ts';
import { CommentModal } from './CommentModal.tsx';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';
import { MountKindTag, mountWhere } from './MountPanel.tsx';

/** Where the data is, with what else a table mount names — a change may differ only in its key or mapping. */
function Where({ kind, config }: { kind: MountChange['kind']; config: Record<string, unknown> }) {
  const { t, colon } = useI18n();
  const mapped = Object.entries((config.columns ?? {}) as Record<string, string>).filter(([item, col]) => item !== col);
  const keys = Array.isArray(config.keyColumns) ? (config.keyColumns as string[]) : [];
  const detail = kind === 'table' ? [
    ...(keys.length ? [`${t('mount.keyColumns')}${colon}${keys.join(', ')}`] : []),
    ...(config.changeColumn ? [`${t('mount.changeColumn')}${colon}${String(config.changeColumn)}`] : []),
    ...(mapped.length ? [`${t('mount.columns')}${colon}${mapped.map(([i, c]) => `${i} → ${c}`).join(', ')}`] : []),
  ] : [];
  return (
    <div>
      <Space size={4} wrap>
        <MountKindTag kind={kind} />
        <Typography.Text className="gdx-mono" style={{ fontSize: 12 }}>{mountWhere(kind, config)}</Typography.Text>
      </Space>
      {detail.map((d) => <div key={d}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{d}</Typography.Text></div>)}
    </div>
  );
}

export function MountChangeQueue() {
  const { t, lang, colon, pick } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<ListResponse<MountChange>>('/mount-changes', { status: 'pending' }, signal), [],
  );
  const [rejecting, setRejecting] = useState<MountChange | null>(null);

  async function approve(c: MountChange) {
    try {
      await api.post(`/catalog/${c.entryId}/mount/change/approve`);
      message.success(t('mountChange.approved'));
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  return (
    <Card size="small" style={{ marginTop: 24 }} data-testid="mount-change-queue"
      title={`${t('mountChange.title')}${data ? ` (${data.total})` : ''}`}
      extra={<Button size="small" onClick={reload}>{t('common.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('mountChange.hint')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<MountChange>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('mountChange.empty')} /> }}
        columns={[
          { title: t('mountChange.proposedAt'), dataIndex: 'proposedAt', width: 150, render: fmtDateTime },
          {
            title: pick(ENTRY_FIELD_LABELS.name), dataIndex: 'entryName',
            render: (n: string, r) => (
              <div>
                <Link to={`/catalog/${r.entryId}?tab=events`}>{n}</Link>
                {r.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{r.entryCode}</Typography.Text></div> : null}
                <div><Typography.Text type="secondary">{r.providerName} · {r.regionName} · {t('mount.proposedBy')}{colon}{r.proposedBy}</Typography.Text></div>
              </div>
            ),
          },
          { title: t('mountChange.current'), key: 'current', width: 260, render: (_: unknown, r) => (r.current ? <Where kind={r.current.kind} config={r.current.config} /> : '—') },
          { title: t('mountChange.proposed'), key: 'proposed', width: 260, render: (_: unknown, r) => <Where kind={r.kind} config={r.config} /> },
          { title: t('mountChange.liveGrants'), dataIndex: 'liveGrants', width: 90 },
          {
            title: t('common.actions'), key: 'actions', width: 190, fixed: 'right',
            render: (_: unknown, r) => (
              <Space size={4}>
                <Popconfirm title={t('mountChange.approveConfirm')} okText={t('mountChange.approve')} cancelText={t('common.cancel')} onConfirm={() => approve(r)}>
                  <Button size="small" type="primary" icon={<CheckOutlined />} data-testid="mount-change-approve">{t('mountChange.approve')}</Button>
                </Popconfirm>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setRejecting(r)} data-testid="mount-change-reject">{t('mountChange.reject')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <CommentModal
        open={rejecting !== null}
        title={`${t('mountChange.rejectTitle')}${colon}${rejecting?.entryName ?? ''}`}
        hint={t('mountChange.rejectHint')}
        label={t('common.reason')}
        requiredMessage={t('mountChange.reasonRequired')}
        okText={t('mountChange.reject')}
        danger
        onCancel={() => setRejecting(null)}
        onOk={async (reason) => {
          await api.post(`/catalog/${rejecting!.entryId}/mount/change/reject`, { reason });
          message.success(t('mountChange.rejected'));
          setRejecting(null);
          reload();
        }}
      />
    </Card>
  );
}
