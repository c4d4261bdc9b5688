/**
 * 共享申请 lists: 我的申请 (view=mine, the requesting department), 待我答复 (view=incoming, the
 * provider), 审查队列 (view=review, the authority: §28 2 working days, sorted by the open step's due
 * time, overdue first) and 全部申请 (view=all, auditors). Filters: status, overdue.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Checkbox, Empty, Select, Space, Table, Tooltip, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, FileAddOutlined, RollbackOutlined } from '@ant-design/icons';
import { REQUEST_FIELD_LABELS } from '../../../src/domain/sharing/labels.ts';
import { api } from '../api.ts';
import { loadAllPages, useLoader } from '../hooks.ts';
import { useI18n, type MessageKey } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { RequestStep, ShareRequest } from '../types.ts';
import { sharingLabel, sharingOptions } from '../vocab.ts';
import { CommentModal } from '../components/CommentModal.tsx';
import { Countdown } from '../components/Deadline.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { MethodText, RequestStatusTag } from '../components/SharingTags.tsx';

export type RequestView = 'mine' | 'incoming' | 'review' | 'all';

const TITLES: Record<RequestView, { title: MessageKey; hint: MessageKey; empty: MessageKey }> = {
  mine: { title: 'requests.mine', hint: 'requests.mineHint', empty: 'requests.mineEmpty' },
  incoming: { title: 'requests.incoming', hint: 'requests.incomingHint', empty: 'requests.incomingEmpty' },
  review: { title: 'requests.review', hint: 'requests.reviewHint', empty: 'requests.reviewEmpty' },
  all: { title: 'requests.all', hint: 'requests.allHint', empty: 'common.empty' },
};

/** The step that runs now: open, or paused while the requester completes a returned request. */
export function currentStep(r: Pick<ShareRequest, 'steps'>): RequestStep | undefined {
  return r.steps.find((s) => s.status === 'open') ?? r.steps.find((s) => s.status === 'paused');
}

/** Overdue first, then by due time; then steps without a deadline (coordination, a paused review), then closed requests, newest first. */
export function byDeadline(a: ShareRequest, b: ShareRequest): number {
  const rank = (r: ShareRequest) => {
    const s = currentStep(r);
    if (!s) return 3;
    if (s.overdue) return 0;
    return s.status === 'open' && s.dueAt ? 1 : 2;
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  const da = currentStep(a)?.dueAt;
  const db = currentStep(b)?.dueAt;
  if (ra <= 1 && da && db && da !== db) return da.localeCompare(db);
  return b.createdAt.localeCompare(a.createdAt);
}

export default function RequestListPage({ view }: { view: RequestView }) {
  const { t, lang, colon, paren } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string>();
  const [overdue, setOverdue] = useState(false);
  const [acting, setActing] = useState<{ row: ShareRequest; decision: 'pass' | 'return' | 'reject' } | null>(null);
  const { data, error, loading, reload } = useLoader(
    (signal) => loadAllPages<ShareRequest>('/requests', { view, status, overdue: overdue || undefined, limit: 200 }, signal),
    [view, status, overdue],
  );
  const rows = useMemo(() => {
    const list = [...(data ?? [])];
    return view === 'review' || view === 'incoming' ? list.sort(byDeadline) : list;
  }, [data, view]);
  const titles = TITLES[view];

  async function decide(row: ShareRequest, decision: 'pass' | 'return' | 'reject', comment: string) {
    try {
      const r = await api.post<ShareRequest>(`/requests/${row.id}/compliance-review`, { decision, ...(comment ? { comment } : {}) });
      message.success(`${t('common.success')}${colon}${sharingLabel('requestStatus', r.status, lang)}`);
      setActing(null);
      reload();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  const counterpart = view === 'mine'
    ? [{ title: t('entry.provider'), dataIndex: 'providerName', width: 170 }]
    : view === 'incoming'
      ? [{ title: t('requests.consumer'), dataIndex: 'consumerName', width: 170 }]
      : [{
        title: t('requests.parties'), key: 'parties', width: 210,
        render: (_: unknown, r: ShareRequest) => (
          <div>
            <div>{r.consumerName}</div>
            <Typography.Text type="secondary">→ {r.providerName}</Typography.Text>
          </div>
        ),
      }];

  return (
    <div>
      <PageTitle
        title={t(titles.title)}
        hint={t(titles.hint)}
        extra={(
          <Space>
            {view === 'mine' ? <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/catalog')}>{t('requests.find')}</Button> : null}
            <Button onClick={reload}>{t('common.refresh')}</Button>
          </Space>
        )}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('requests.statusFilter')}
          value={status}
          onChange={(v?: string) => setStatus(v)}
          options={sharingOptions('requestStatus', lang)}
          data-testid="requests-status-filter"
        />
        <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)} data-testid="requests-overdue-filter">{t('requests.overdueOnly')}</Checkbox>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ShareRequest>
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1140 }}
        locale={{ emptyText: <Empty description={t(titles.empty)} /> }}
        rowClassName={(r) => (currentStep(r)?.overdue ? 'gdx-row-overdue' : '')}
        data-testid="requests-table"
        columns={[
          {
            title: t('withdrawals.entry'), key: 'entry', width: 220,
            render: (_: unknown, r) => (
              <div>
                <Link to={`/requests/${r.id}`} data-testid="request-link">{r.entryName}</Link>
                {r.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{r.entryCode}</Typography.Text></div> : null}
                {view === 'review' ? <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('requests.askedAt', { d: fmtDateTime(r.createdAt) })}</Typography.Text></div> : null}
              </div>
            ),
          },
          ...counterpart,
          {
            title: t('requests.itemsMethod'), key: 'items', width: 110,
            render: (_: unknown, r) => (
              <div>
                <Tooltip title={r.items.join('、')}>{t('requests.itemCount', { n: r.items.length })}</Tooltip>
                <div><Typography.Text type="secondary"><MethodText value={r.method} /></Typography.Text></div>
              </div>
            ),
          },
          { title: t('common.status'), dataIndex: 'status', width: 150, render: (s: string) => <RequestStatusTag value={s} /> },
          {
            title: t('requests.currentStep'), key: 'step', width: 230,
            render: (_: unknown, r) => {
              const s = currentStep(r);
              if (!s) return <Typography.Text type="secondary">—</Typography.Text>;
              return (
                <div data-testid="request-step">
                  <div>{sharingLabel('stepKind', s.kind, lang)}</div>
                  <Countdown clock={s} showDate={!!s.dueOn} />
                </div>
              );
            },
          },
          ...(view === 'review' ? [] : [{ title: t('request.createdAt'), dataIndex: 'createdAt', width: 140, render: fmtDateTime }]),
          {
            title: t('common.actions'), key: 'actions', width: view === 'review' ? 250 : 80, fixed: 'right',
            render: (_: unknown, r) => (view === 'review' && r.permissions.review ? (
              <Space size={4}>
                <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setActing({ row: r, decision: 'pass' })} data-testid="queue-pass">{t('compliance.passShort')}</Button>
                <Button size="small" icon={<RollbackOutlined />} onClick={() => setActing({ row: r, decision: 'return' })} data-testid="queue-return">{t('compliance.returnShort')}</Button>
                <Button size="small" danger icon={<CloseOutlined />} onClick={() => setActing({ row: r, decision: 'reject' })} data-testid="queue-reject">{t('compliance.rejectShort')}</Button>
              </Space>
            ) : (
              <Link to={`/requests/${r.id}`}>{actionWord(r, t)}</Link>
            )),
          },
        ]}
      />
      <CommentModal
        open={!!acting}
        title={acting ? `${t(acting.decision === 'pass' ? 'compliance.passTitle' : acting.decision === 'return' ? 'compliance.returnTitle' : 'compliance.rejectTitle')}${colon}${acting.row.entryName}` : ''}
        hint={acting ? t(acting.decision === 'pass' ? 'compliance.passHint' : acting.decision === 'return' ? 'compliance.returnHint' : 'compliance.rejectHint') : undefined}
        label={acting?.decision === 'pass' ? `${t('compliance.comment')}${paren(t('common.optional'))}` : t('compliance.comment')}
        requiredMessage={acting && acting.decision !== 'pass' ? t('review.commentRequired') : undefined}
        okText={acting ? t(acting.decision === 'pass' ? 'compliance.pass' : acting.decision === 'return' ? 'compliance.return' : 'compliance.reject') : undefined}
        danger={acting?.decision === 'reject'}
        onCancel={() => setActing(null)}
        onOk={(c) => decide(acting!.row, acting!.decision, c)}
      >
        {acting ? <RequestSummary request={acting.row} /> : null}
      </CommentModal>
    </div>
  );
}

/** 办理 when the user has something to do, else 查看. */
function actionWord(r: ShareRequest, t: ReturnType<typeof useI18n>['t']): string {
  const p = r.permissions;
  return p.review || p.reply || p.coordinate || p.resubmit || p.negotiate || p.fail ? t('requests.handle') : t('common.view');
}

/** What the reviewer checks (§28): who asks, for what, why, how, until when. */
function RequestSummary({ request }: { request: ShareRequest }) {
  const { t, lang, pick, colon } = useI18n();
  const f = (k: keyof typeof REQUEST_FIELD_LABELS) => `${pick(REQUEST_FIELD_LABELS[k])}${colon}`;
  return (
    <div style={{ marginBottom: 12, lineHeight: 1.8 }} data-testid="request-summary">
      <div>{t('request.requester')}{colon}{request.consumerName} · {request.requesterName}</div>
      <div>{f('items')}{request.items.join('、')}</div>
      <div>{f('purpose')}{request.purpose}</div>
      <div>{f('scenario')}{request.scenario}</div>
      <div>{f('basis')}{request.basis}</div>
      <div>{f('method')}<MethodText value={request.method} />{lang === 'en' ? '; ' : '；'}{f('validUntil')}{request.validUntil}</div>
      <Link to={`/requests/${request.id}`}>{t('requests.openDetail')}</Link>
    </div>
  );
}
