/**
 * 安全态势 (/security/posture): for the authority, security officers and auditors — the audit chain
 * (Sec §17), key ages (Sec §23), grade 3+ data with live grants (Sec §16, §27), open findings and
 * incidents (Sec §30–§34), late destruction tasks (Sec §29), failed logins (Sec §14). A part the
 * server cannot answer is shown as unavailable with its reason.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Posture } from '../types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { FindingStatusTag, IncidentKindText, IncidentStatusTag, SeverityTag, targetLabel } from '../components/OversightTags.tsx';

type Part<T> = { available: true; value: T } | { available: false; reason: { zh: string; en: string } };

function PartCard<T>({ title, part, children }: { title: string; part: Part<T>; children(v: T): ReactNode }) {
  const { t, pick } = useI18n();
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      {part.available ? children(part.value) : <Alert type="warning" showIcon message={t('posture.unavailable')} description={pick(part.reason)} data-testid="posture-unavailable" />}
    </Card>
  );
}

export default function PosturePage() {
  const { t, pick } = useI18n();
  const { data: p, error, loading, reload } = useLoader((signal) => api.get<Posture>('/security/posture', undefined, signal), []);
  if (loading && !p) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (!p) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <div data-testid="posture">
      <PageTitle title={t('posture.title')} hint={t('posture.hint')} extra={p.scope === 'org' ? <Tag>{t('posture.scopeOrg')}</Tag> : null} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <PartCard title={t('posture.auditChain')} part={p.auditChain}>
            {(c) => (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('posture.sealed')}>{c.sealed}{c.algorithm ? ` · ${c.algorithm}` : ''}</Descriptions.Item>
                <Descriptions.Item label={t('posture.unsealed')}>{c.unsealed}{c.oldestUnsealedAt ? ` · ${fmtDateTime(c.oldestUnsealedAt)}` : ''}</Descriptions.Item>
                <Descriptions.Item label={t('posture.lastCheckpoint')}>
                  {c.lastCheckpoint ? <Space>{fmtDateTime(c.lastCheckpoint.at)} #{c.lastCheckpoint.count}<Tag color={c.lastCheckpoint.verified ? 'green' : 'red'}>{c.lastCheckpoint.verified ? t('posture.verified') : t('posture.broken')}</Tag></Space> : t('posture.never')}
                </Descriptions.Item>
                <Descriptions.Item label={t('posture.lastVerification')}>
                  {c.lastVerification ? <Space>{fmtDateTime(c.lastVerification.at)}<Tag color={c.lastVerification.ok ? 'green' : 'red'}>{c.lastVerification.ok ? t('posture.verified') : `${t('posture.broken')} ${c.lastVerification.reason ?? ''}`}</Tag></Space> : t('posture.never')}
                </Descriptions.Item>
              </Descriptions>
            )}
          </PartCard>
        </Col>
        <Col xs={24} lg={12}>
          <PartCard title={t('posture.keys')} part={p.keys}>
            {(k) => (
              <>
                <Space style={{ marginBottom: 8 }}>
                  {t('posture.activeKey')} <Typography.Text code>{k.activeKeyId}</Typography.Text> {k.cipher}
                  {k.rotationDue ? <Tag color="red">{t('posture.rotationDue')}</Tag> : null}
                </Space>
                <List size="small" dataSource={k.keys} renderItem={(key) => (
                  <List.Item>
                    <Typography.Text code>{key.id}</Typography.Text>
                    <span>{t('posture.keyAge', { n: key.ageDays, max: k.maxKeyAgeDays })}{key.active ? ' ✓' : ''}</span>
                  </List.Item>
                )} />
              </>
            )}
          </PartCard>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('posture.highGrade')} size="small">
            <Table size="small" rowKey="id" pagination={{ pageSize: 8, hideOnSinglePage: true }} dataSource={p.highGradeEntries}
              columns={[
                { title: t('destructions.entry'), key: 'name', render: (_: unknown, e) => <Link to={`/catalog/${e.id}`}>{e.name}</Link> },
                { title: t('posture.grade'), dataIndex: 'grade', width: 70 },
                { title: t('entry.provider'), dataIndex: 'providerName', width: 160 },
                { title: t('posture.liveGrants'), dataIndex: 'liveGrants', width: 90, render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : n) },
              ]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('posture.failedLogins')} size="small">
            <Statistic title={t('posture.total')} value={p.failedLogins.total} valueStyle={{ color: p.failedLogins.total > 0 ? '#cf1322' : undefined }} />
            <Typography.Text strong>{t('posture.byUser')}</Typography.Text>
            <List size="small" dataSource={p.failedLogins.topUsers} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              renderItem={(u) => <List.Item><Typography.Text code>{u.username}</Typography.Text><span>{u.count}</span></List.Item>} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <ListCard title={t('posture.openFindings')} items={p.openFindings} render={(f) => (<>
            <Link to={`/security/inspections/${f.inspectionId}`}>{f.orgName} · {f.inspectionTitle}</Link>
            <Space size={4} wrap><SeverityTag value={f.severity} /><FindingStatusTag value={f.status} /><span className={f.overdue ? 'gdx-overdue' : undefined}>{f.dueOn}</span></Space>
          </>)} />
        </Col>
        <Col xs={24} lg={8}>
          <ListCard title={t('posture.openIncidents')} items={p.openIncidents} render={(x) => (<>
            <Space><Link to={`/security/incidents/${x.id}`}>{x.title}</Link><IncidentStatusTag value={x.status} /></Space>
            <Typography.Text type="secondary">{x.orgName} · <IncidentKindText value={x.kind} /></Typography.Text>
          </>)} />
        </Col>
        <Col xs={24} lg={8}>
          <ListCard title={t('posture.overdueDestructions')} items={p.overdueDestructions} render={(d) => (<>
            <Link to={`/security/destructions/${d.id}`}>{d.orgName} · {d.entryName ?? targetLabel(d.target, pick)}</Link>
            <span className="gdx-overdue">{d.dueOn}</span>
          </>)} />
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>{fmtDateTime(p.generatedAt)}</Typography.Text>
    </div>
  );
}

/** A card listing open items, each a small stack of lines; an empty list says so. */
function ListCard<T>({ title, items, render }: { title: string; items: T[]; render(item: T): ReactNode }) {
  return (
    <Card title={title} size="small">
      <List size="small" dataSource={items} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }} renderItem={(item) => (
        <List.Item><Space direction="vertical" size={0}>{render(item)}</Space></List.Item>
      )} />
    </Card>
  );
}
