/**
 * 权限复核 (/security/access-review, security officer or auditor; security rules §13–§14): the
 * accounts in the reviewer's scope with roles, last login, lock and second factor — inactive ones
 * flagged — every role change with who made it and why, and the record of periodic reviews.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { AccessReview, AccessReviewRecord } from '../types.ts';
import { roleLabel } from '../vocab.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

type ReviewUser = AccessReview['users'][number];
type RoleChange = AccessReview['roleChanges'][number];

export default function AccessReviewPage() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoader((signal) => api.get<AccessReview>('/security/access-review', undefined, signal), []);
  return (
    <div data-testid="access-review">
      <PageTitle title={t('accessReview.title')} hint={t('accessReview.hint')} />
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <Space direction="vertical" size={4} style={{ marginBottom: 12 }}>
          <Typography.Text>{t('review.scope', { scope: data.scope })}</Typography.Text>
          {data.reviewOverdue
            ? <Alert type="warning" showIcon message={t('review.overdue')} />
            : <Typography.Text type="secondary">{t('review.due', { at: fmtDate(data.nextReviewDue) })}</Typography.Text>}
        </Space>
      ) : null}
      <Tabs
        items={[
          { key: 'users', label: `${t('review.users')} (${data?.users.length ?? 0})`, children: <Users data={data} loading={loading} /> },
          { key: 'changes', label: `${t('review.roleChanges')} (${data?.roleChanges.length ?? 0})`, children: <RoleChanges rows={data?.roleChanges ?? []} loading={loading} /> },
          { key: 'reviews', label: `${t('review.history')} (${data?.reviews.length ?? 0})`, children: <Reviews rows={data?.reviews ?? []} onRecorded={reload} /> },
        ]}
      />
    </div>
  );
}

const roleTags = (roles: readonly string[], lang: 'zh' | 'en') => roles.map((r) => <Tag key={r} color="geekblue" bordered={false}>{roleLabel(r, lang)}</Tag>);

function Users({ data, loading }: { data?: AccessReview; loading: boolean }) {
  const { t, lang } = useI18n();
  const [inactiveOnly, setInactiveOnly] = useState(false);
  const rows = (data?.users ?? []).filter((u) => !inactiveOnly || u.inactive);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={inactiveOnly} onChange={setInactiveOnly} />
        <span>{t('review.inactiveOnly', { days: data?.inactiveDays ?? 90 })}</span>
      </Space>
      <Table<ReviewUser>
        rowKey="id" size="small" loading={loading} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1000 }}
        columns={[
          { title: t('review.col.user'), key: 'user', width: 180, render: (_: unknown, u) => <span><span className="gdx-mono">{u.username}</span> {u.displayName}</span> },
          { title: t('review.col.org'), dataIndex: 'orgName' },
          { title: t('review.col.roles'), dataIndex: 'roles', render: (roles: string[]) => roleTags(roles, lang) },
          { title: t('review.col.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">{t('review.never')}</Typography.Text>) },
          { title: t('review.col.passwordChanged'), dataIndex: 'passwordChangedAt', width: 110, render: (v: string | null) => (v ? fmtDate(v) : '—') },
          { title: t('review.col.totp'), dataIndex: 'totpEnrolled', width: 90, render: (v: boolean) => (v ? <Tag color="green">{t('review.yes')}</Tag> : <Tag>{t('review.no')}</Tag>) },
          {
            title: t('review.col.state'), key: 'state', width: 150,
            render: (_: unknown, u) => (
              <Space size={4} wrap>
                {u.disabled ? <Tag>{t('review.disabled')}</Tag> : u.lockedUntil ? <Tag color="orange">{t('review.locked')}</Tag> : <Tag color="green">{t('review.active')}</Tag>}
                {u.inactive ? <Tag color="red">{t('review.inactive')}</Tag> : null}
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

function RoleChanges({ rows, loading }: { rows: RoleChange[]; loading: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Table<RoleChange>
      rowKey="id" size="small" loading={loading} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1000 }}
      columns={[
        { title: t('review.col.at'), dataIndex: 'at', width: 150, render: (v: string) => fmtDateTime(v) },
        { title: t('review.col.user'), key: 'user', width: 200, render: (_: unknown, c) => <span><span className="gdx-mono">{c.username}</span> · {c.orgName}</span> },
        { title: t('review.col.changedBy'), dataIndex: 'changedBy', width: 120, render: (v: string | null) => (v ? <span className="gdx-mono">{v}</span> : <Typography.Text type="secondary">{t('review.system')}</Typography.Text>) },
        { title: t('review.col.before'), dataIndex: 'before', render: (v: string[]) => roleTags(v, lang) },
        { title: t('review.col.after'), dataIndex: 'after', render: (v: string[]) => roleTags(v, lang) },
        { title: t('review.col.reason'), dataIndex: 'reason' },
      ]}
    />
  );
}

function Reviews({ rows, onRecorded }: { rows: AccessReviewRecord[]; onRecorded(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ remarks: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Card size="small" title={t('review.record')} style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" requiredMark={false}
          onFinish={async (v) => {
            setBusy(true);
            try {
              await api.post<AccessReviewRecord>('/security/access-reviews', { remarks: v.remarks });
              message.success(t('review.recorded'));
              form.resetFields();
              onRecorded();
            } catch (err) {
              message.error(errorText(err, lang));
            } finally {
              setBusy(false);
            }
          }}>
          <Form.Item name="remarks" label={t('review.remarks')} rules={[{ required: true, whitespace: true, message: t('review.remarksRequired') }]}>
            <Input.TextArea rows={3} maxLength={4000} data-testid="review-remarks" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="review-record">{t('review.record')}</Button>
        </Form>
      </Card>
      <Table<AccessReviewRecord>
        rowKey="id" size="small" dataSource={rows} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: t('review.none') }}
        columns={[
          { title: t('review.col.at'), dataIndex: 'reviewedAt', width: 150, render: (v: string) => fmtDateTime(v) },
          { title: t('review.col.reviewer'), key: 'who', width: 200, render: (_: unknown, r) => <span>{r.reviewerName} · {r.orgName}</span> },
          { title: t('review.col.remarks'), dataIndex: 'remarks', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
          {
            title: t('review.col.summary'), dataIndex: 'summary', width: 260,
            render: (s: Record<string, number>) => t('review.summary', { users: s.users ?? 0, inactive: s.inactive ?? 0, locked: s.locked ?? 0, changes: s.roleChangesSinceLastReview ?? 0 }),
          },
        ]}
      />
    </>
  );
}
