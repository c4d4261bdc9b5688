/**
 * 目录详情: every §9 element, the data dictionary (§10), versions (pick one to view it), the history of
 * the entry (events), its withdrawal state (§19) and change events with their §12 deadlines, plus the
 * actions the server says this user may take.
 */
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Empty, Flex, Select, Skeleton, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { hasMessage, useI18n } from '../i18n.ts';
import { fmtDate, fmtDateTime } from '../format.ts';
import type { CatalogEntry, ChangeEvent, EntryEvent, EntryVersionInfo, ListResponse, SubjectDatabase } from '../types.ts';
import { ChangeStateTag, DueDate, RemainingDays } from '../components/Deadline.tsx';
import { EntryActions } from '../components/EntryActions.tsx';
import { ChangeDeadlineBanner, ReturnedBanner, WithdrawalBanner } from '../components/EntryBanners.tsx';
import { EntryDescriptions } from '../components/EntryDescriptions.tsx';
import { EntrySharingActions } from '../components/EntrySharingActions.tsx';
import { MountPanel } from '../components/MountPanel.tsx';
import { GradeTag, MountStatusTag, ShareTypeTag, StatusTag } from '../components/EntryTags.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IssueList } from '../components/IssueList.tsx';
import { ItemsTable } from '../components/ItemsTable.tsx';

export default function EntryDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { t } = useI18n();
  const { user, hasRole } = useAuth();
  const version = params.get('version');
  const tab = params.get('tab') ?? 'fields';
  const { data: entry, error, loading, reload } = useLoader(
    (signal) => api.get<CatalogEntry>(`/catalog/${encodeURIComponent(id)}`, { version }, signal),
    [id, version],
  );
  const subjectDbs = useLoader((signal) => api.get<ListResponse<SubjectDatabase>>('/subject-databases', undefined, signal)
    .catch(() => ({ items: [] })), []);

  if (loading && !entry) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (error && !entry) {
    return (
      <>
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('common.back')}</Button>
        <ErrorAlert error={error} onRetry={reload} />
      </>
    );
  }
  if (!entry) return null;

  const versions = [...(entry.versions ?? [])].sort((a, b) => b.version - a.version);
  const latest = versions[0]?.version;
  const viewingOld = version !== null && Number(version) !== entry.workingVersion;
  // §17 挂接: the provider's data steward mounts a published entry; its other roles may look.
  const ownPublished = entry.providerId === user?.orgId && entry.publishedVersion !== null && entry.publishedVersion !== undefined
    && entry.status !== 'withdrawn';
  const seesMount = ownPublished && hasRole('data_steward', 'catalog_editor', 'approver');

  return (
    <div data-testid="entry-detail">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>{t('common.back')}</Button>
      <Card style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="flex-start" wrap="wrap" gap={16}>
          <div style={{ minWidth: 0 }}>
            <Space size={10} wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="entry-name">{entry.name}</Typography.Title>
              <StatusTag value={entry.status} />
              <MountStatusTag value={entry.mountStatus} published={entry.publishedVersion !== null && entry.status !== 'withdrawn'} />
              {entry.important ? <Tag color="magenta">{t('entry.important.yes')}</Tag> : null}
            </Space>
            <div style={{ marginTop: 6 }}>
              <Typography.Text className="gdx-mono" type={entry.code ? undefined : 'secondary'}>
                {entry.code ?? t('entry.codePending')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 16 }}>
                {entry.providerName} · {entry.regionName}
              </Typography.Text>
            </div>
            <Space size={[0, 4]} wrap style={{ marginTop: 8 }}>
              <ShareTypeTag value={entry.shareType} />
              <GradeTag value={entry.grade} />
            </Space>
          </div>
          <Space direction="vertical" align="end">
            {versions.length > 1 ? (
              <Space>
                <span>{t('entry.version')}</span>
                <Select
                  style={{ width: 200 }}
                  value={Number(version ?? entry.version)}
                  onChange={(v: number) => setParams(v === latest ? {} : { version: String(v) })}
                  options={versions.map((v) => ({ value: v.version, label: versionLabel(v, t) }))}
                  data-testid="version-select"
                />
              </Space>
            ) : null}
            {!viewingOld ? <EntryActions entry={entry} onChanged={reload} /> : null}
            {!viewingOld ? <EntrySharingActions entry={entry} /> : null}
          </Space>
        </Flex>
      </Card>

      {viewingOld ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('entry.viewingVersion', { n: version ?? '' })}
          action={<Button size="small" onClick={() => setParams({})}>{t('entry.viewLatest')}</Button>}
        />
      ) : null}
      <ReturnedBanner entry={entry} />
      <WithdrawalBanner entry={entry} />
      <ChangeDeadlineBanner events={entry.changeEvents ?? []} />
      {entry.issues?.length ? (
        <Card size="small" title={t('entry.issues')} style={{ marginBottom: 16 }}>
          <IssueList issues={entry.issues} />
        </Card>
      ) : null}

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams((p) => {
            const next = new URLSearchParams(p);
            if (key === 'fields') next.delete('tab');
            else next.set('tab', key);
            return next;
          }, { replace: true })}
          items={[
            { key: 'fields', label: t('entry.fieldsTab'), children: <EntryDescriptions entry={entry} subjectDbs={subjectDbs.data?.items ?? []} /> },
            { key: 'items', label: `${t('entry.dictionary')} (${entry.items?.length ?? 0})`, children: <ItemsTable items={entry.items ?? []} /> },
            { key: 'versions', label: t('entry.versions'), children: <VersionTable versions={versions} current={Number(version ?? entry.version)} onPick={(v) => setParams(v === latest ? {} : { version: String(v) })} /> },
            { key: 'events', label: t('entry.events'), children: <EventTimeline events={entry.events ?? []} /> },
            { key: 'changes', label: `${t('entry.changeEvents')} (${entry.changeEvents?.length ?? 0})`, children: <ChangeEventTable events={entry.changeEvents ?? []} /> },
            ...(seesMount ? [{
              key: 'mount', label: t('mount.tab'),
              children: <MountPanel entryId={entry.id} items={entry.items ?? []} canEdit={hasRole('data_steward')} onChanged={reload} />,
            }] : []),
          ]}
        />
      </Card>
    </div>
  );
}

function versionLabel(v: EntryVersionInfo, t: ReturnType<typeof useI18n>['t']): string {
  const key = `version.state.${v.state}`;
  return `${t('entry.versionN', { n: v.version })} · ${hasMessage(key) ? t(key) : v.state}`;
}

function VersionTable({ versions, current, onPick }: { versions: EntryVersionInfo[]; current: number; onPick(v: number): void }) {
  const { t } = useI18n();
  return (
    <Table<EntryVersionInfo>
      size="small"
      rowKey="version"
      pagination={false}
      dataSource={versions}
      rowClassName={(r) => (r.version === current ? 'ant-table-row-selected' : '')}
      columns={[
        { title: t('entry.version'), dataIndex: 'version', render: (v: number) => t('entry.versionN', { n: v }) },
        {
          title: t('common.status'), dataIndex: 'state',
          render: (s: string) => {
            const key = `version.state.${s}`;
            return <Tag>{hasMessage(key) ? t(key) : s}</Tag>;
          },
        },
        { title: t('entry.createdAt'), dataIndex: 'createdAt', render: fmtDateTime },
        { title: t('version.submittedAt'), dataIndex: 'submittedAt', render: fmtDateTime },
        { title: t('entry.publishedAt'), dataIndex: 'publishedAt', render: fmtDateTime },
        {
          title: t('common.actions'), key: 'a',
          render: (_: unknown, r) => (r.version === current ? <CheckOutlined style={{ color: '#389e0d' }} />
            : <Button type="link" size="small" onClick={() => onPick(r.version)}>{t('common.view')}</Button>),
        },
      ]}
    />
  );
}

function eventLabel(action: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = `event.${action}`;
  return hasMessage(key) ? t(key) : action;
}

const EVENT_COLOR: Record<string, string> = {
  published: 'green', returned: 'red', withdrawal_requested: 'orange', withdrawn: 'gray', withdrawal_rejected: 'blue', change_recorded: 'orange',
};

function EventTimeline({ events }: { events: EntryEvent[] }) {
  const { t, colon } = useI18n();
  if (events.length === 0) return <Empty description={t('common.empty')} />;
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      style={{ marginTop: 12 }}
      data-testid="event-timeline"
      items={sorted.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: EVENT_COLOR[e.action] ?? 'blue',
        children: (
          <div>
            <Space size={8} wrap>
              <strong>{eventLabel(e.action, t)}</strong>
              {e.version ? <Tag bordered={false}>{t('entry.versionN', { n: e.version })}</Tag> : null}
              <Typography.Text type="secondary">{fmtDateTime(e.at)}</Typography.Text>
            </Space>
            <div style={{ color: 'rgba(0,0,0,0.65)' }}>{[e.actorName, e.orgName].filter(Boolean).join(' · ')}</div>
            {e.comment ? <div style={{ marginTop: 2 }}>{t('common.comment')}{colon}{e.comment}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

function ChangeEventTable({ events }: { events: ChangeEvent[] }) {
  const { t } = useI18n();
  return (
    <Table<ChangeEvent>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={events}
      locale={{ emptyText: t('common.empty') }}
      columns={[
        { title: t('change.titleField'), dataIndex: 'title' },
        { title: t('change.kind'), dataIndex: 'kind', render: (k: string) => (k === 'law' ? t('change.kind.law') : t('change.kind.function')) },
        { title: t('changes.announcedOn'), dataIndex: 'announcedOn', render: fmtDate },
        { title: t('changes.dueOn'), key: 'due', render: (_: unknown, r) => <DueDate event={r} /> },
        { title: t('changes.remaining'), key: 'rem', render: (_: unknown, r) => <RemainingDays event={r} /> },
        { title: t('common.status'), dataIndex: 'state', render: (s: string) => <ChangeStateTag state={s} /> },
        { title: t('changes.resolvedVersion'), dataIndex: 'resolvedVersion', render: (v: number | null) => (v ? <Link to={`?version=${v}`}>{t('entry.versionN', { n: v })}</Link> : '') },
      ]}
    />
  );
}
