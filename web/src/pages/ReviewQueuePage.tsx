/**
 * 目录审核 (authority, §13 and §19): entries of the regions I cover that wait for me — publication
 * reviews and withdrawal requests — oldest submission first, approved or returned from the list;
 * below them the mount changes of entries with live grants (§16, MountChangeQueue).
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { ENTRY_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { CatalogEntry, CatalogSearchResponse, EntrySummary, ListResponse, Withdrawal } from '../types.ts';
import { CommentModal } from '../components/CommentModal.tsx';
import { WithdrawalDecisionModal } from '../components/EntryActions.tsx';
import { GradeTag, ShareTypeTag } from '../components/EntryTags.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { MountChangeQueue } from '../components/MountChangeQueue.tsx';

interface QueueRow extends EntrySummary {
  withdrawal?: Withdrawal;
  waitingSince: string;
}

async function loadQueue(signal: AbortSignal): Promise<QueueRow[]> {
  const entries: EntrySummary[] = [];
  let cursor: string | undefined;
  // The queue is short by nature (a region's pending work); read it whole so it can be sorted by age.
  for (let page = 0; page < 10; page++) {
    const r = await api.get<CatalogSearchResponse>('/catalog', { view: 'review', sort: 'updated', limit: 100, cursor }, signal);
    entries.push(...r.items);
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  const withdrawals = entries.some((e) => e.status === 'withdrawing')
    ? (await api.get<ListResponse<Withdrawal>>('/withdrawals', { status: 'pending' }, signal).catch(() => ({ items: [] as Withdrawal[] }))).items
    : [];
  const byEntry = new Map(withdrawals.map((w) => [w.entryId, w]));
  return entries
    .map((e) => {
      const w = byEntry.get(e.id);
      return { ...e, withdrawal: w, waitingSince: w?.requestedAt ?? e.submittedAt ?? e.updatedAt };
    })
    .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
}

export default function ReviewQueuePage() {
  const { t, lang, pick, colon, paren } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useLoader(loadQueue, []);
  const [acting, setActing] = useState<{ row: QueueRow; kind: 'approve' | 'reject' | 'withdrawal' } | null>(null);
  const rows = useMemo(() => data ?? [], [data]);

  async function review(row: QueueRow, decision: 'approve' | 'reject', comment: string) {
    try {
      const updated = await api.post<CatalogEntry>(`/catalog/${row.id}/review`, { decision, comment });
      message.success(decision === 'approve'
        ? `${t('action.approved')}${updated.code ? `${colon}${updated.code}` : ''}`
        : t('action.rejected'));
      setActing(null);
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  return (
    <div>
      <PageTitle title={t('review.title')} hint={t('review.hint')} extra={<Button onClick={reload}>{t('common.refresh')}</Button>} />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<QueueRow>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('review.empty')} /> }}
        data-testid="review-table"
        columns={[
          { title: t('review.submittedAt'), dataIndex: 'waitingSince', width: 150, render: fmtDateTime },
          {
            title: t('review.kind'), key: 'kind', width: 110,
            render: (_: unknown, r) => (r.status === 'withdrawing'
              ? <Tag color="purple">{t('review.kind.withdraw')}</Tag>
              : <Tag color="blue">{t('review.kind.publish')}</Tag>),
          },
          {
            title: pick(ENTRY_FIELD_LABELS.name), dataIndex: 'name',
            render: (n: string, r) => (
              <div>
                <Link to={`/catalog/${r.id}`} data-testid="review-entry-link">{n}</Link>
                {r.code ? <div><Typography.Text type="secondary" className="gdx-mono">{r.code}</Typography.Text></div> : null}
                {r.withdrawal ? <div><Typography.Text type="secondary">{t('common.reason')}{colon}{r.withdrawal.reason}</Typography.Text></div> : null}
              </div>
            ),
          },
          { title: t('entry.provider'), dataIndex: 'providerName', width: 160 },
          { title: t('entry.region'), dataIndex: 'regionName', width: 100 },
          { title: t('facet.shareType'), dataIndex: 'shareType', width: 120, render: (s: string) => <ShareTypeTag value={s} /> },
          { title: t('facet.grade'), dataIndex: 'grade', width: 110, render: (g: number) => <GradeTag value={g} /> },
          { title: t('entry.version'), dataIndex: 'version', width: 64 },
          {
            title: t('common.actions'), key: 'actions', width: 236, fixed: 'right',
            render: (_: unknown, r) => (r.status === 'withdrawing' ? (
              <Button size="small" icon={<RollbackOutlined />} disabled={!r.withdrawal} onClick={() => setActing({ row: r, kind: 'withdrawal' })}>
                {t('action.decideWithdrawal')}
              </Button>
            ) : (
              <Space size={4}>
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setActing({ row: r, kind: 'approve' })} data-testid="queue-approve">
                  {t('action.approve')}
                </Button>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setActing({ row: r, kind: 'reject' })} data-testid="queue-reject">
                  {t('action.reject')}
                </Button>
              </Space>
            )),
          },
        ]}
      />
      <CommentModal
        open={acting?.kind === 'approve'}
        title={`${t('review.approveTitle')}${colon}${acting?.row.name ?? ''}`}
        hint={t('review.approveHint')}
        label={`${t('common.comment')}${paren(t('common.optional'))}`}
        okText={t('action.approve')}
        onCancel={() => setActing(null)}
        onOk={(c) => review(acting!.row, 'approve', c)}
      />
      <CommentModal
        open={acting?.kind === 'reject'}
        title={`${t('review.rejectTitle')}${colon}${acting?.row.name ?? ''}`}
        hint={t('review.rejectHint')}
        label={t('common.comment')}
        requiredMessage={t('review.commentRequired')}
        okText={t('action.reject')}
        danger
        onCancel={() => setActing(null)}
        onOk={(c) => review(acting!.row, 'reject', c)}
      />
      <MountChangeQueue />
      {acting?.kind === 'withdrawal' && acting.row.withdrawal ? (
        <WithdrawalDecisionModal
          open
          withdrawal={acting.row.withdrawal}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
