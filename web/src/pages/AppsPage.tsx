/**
 * 应用系统 (/apps): the department's consumer apps — AppKey, IP allow-list, status — registered,
 * edited (allow-list, description), rotated and disabled by its data steward; the secret is shown
 * once, in a modal. Below, the 接口调试 panel calls the data API under the department's live API grants (docs/signing.md).
 */
import { useState } from 'react';
import { App as AntApp, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { ConsumerApp, ConsumerAppWithSecret, Grant, ListResponse } from '../types.ts';
import { AppEditModal } from '../components/AppEditModal.tsx';
import { AppLimitsModal } from '../components/AppLimitsModal.tsx';
import { AppRegisterModal } from '../components/AppRegisterModal.tsx';
import { DataTryIt } from '../components/DataTryIt.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SecretModal } from '../components/SecretModal.tsx';

export default function AppsPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const steward = hasRole('data_steward');
  const [registering, setRegistering] = useState(false);
  const [revealed, setRevealed] = useState<ConsumerAppWithSecret | null>(null);
  const { data, error, loading, reload } = useLoader((signal) => api.get<ListResponse<ConsumerApp>>('/apps', undefined, signal), []);

  return (
    <div data-testid="apps-page">
      <PageTitle
        title={t('apps.title')}
        hint={<>{t('apps.hint')} <a href="/api/v1/docs/signing.md" target="_blank" rel="noreferrer" data-testid="apps-signing-doc">{t('apps.signingDoc')}</a></>}
        extra={steward ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="app-register">{t('apps.register')}</Button> : null}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <AppsTable apps={data?.items ?? []} loading={loading} steward={steward} onChanged={reload} onSecret={setRevealed} />
      {/* A call counts against today's use shown above: reload it. */}
      <ApiGrantsTryIt onCalled={reload} appsVersion={data} />
      <AppRegisterModal
        open={registering}
        onClose={() => setRegistering(false)}
        onRegistered={(app) => {
          setRegistering(false);
          setRevealed(app);
          reload();
        }}
      />
      <SecretModal app={revealed} onClose={() => setRevealed(null)} />
    </div>
  );
}

function AppsTable({ apps, loading, steward, onChanged, onSecret }: {
  apps: ConsumerApp[];
  loading: boolean;
  steward: boolean;
  onChanged: () => void;
  onSecret: (app: ConsumerAppWithSecret) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const [limiting, setLimiting] = useState<ConsumerApp | null>(null);
  const [editing, setEditing] = useState<ConsumerApp | null>(null);
  const act = async (app: ConsumerApp, action: 'rotate' | 'disable') => {
    try {
      const result = await api.post<ConsumerApp | ConsumerAppWithSecret>(`/apps/${app.id}/${action}`);
      if ('secret' in result) onSecret(result);
      else message.success(t('apps.disabledDone'));
      onChanged();
    } catch (err) {
      message.error(errorText(err, lang));
    }
  };

  return (
    <>
      <AppEditModal
        app={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          message.success(t('apps.edited'));
          onChanged();
        }}
      />
      <AppLimitsModal
        app={limiting}
        onClose={() => setLimiting(null)}
        onSaved={() => {
          setLimiting(null);
          message.success(t('dataplane.limitsSaved'));
          onChanged();
        }}
      />
      <Table<ConsumerApp>
        rowKey="id"
        loading={loading}
        dataSource={apps}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // The columns' widths add up to more than a laptop screen: the table scrolls, the actions stay in view.
        scroll={{ x: 'max-content' }}
        style={{ marginTop: 12, marginBottom: 16 }}
        locale={{ emptyText: t('apps.empty') }}
        data-testid="apps-table"
        columns={[
          {
            title: t('apps.name'), dataIndex: 'name', width: 240,
            render: (n: string, r) => (
              <div>
                <Typography.Text strong>{n}</Typography.Text>
                {r.description ? <div><Typography.Text type="secondary">{r.description}</Typography.Text></div> : null}
              </div>
            ),
          },
          {
            title: t('apps.appKey'), dataIndex: 'appKey', width: 260,
            render: (k: string) => <Typography.Text className="gdx-mono" copyable data-testid="app-key">{k}</Typography.Text>,
          },
          {
            title: t('apps.ipAllowlist'), dataIndex: 'ipAllowlist', width: 160,
            render: (ips: string[]) => (ips.length
              ? <Space size={[4, 4]} wrap>{ips.map((ip) => <Tag key={ip} className="gdx-mono">{ip}</Tag>)}</Space>
              : <Typography.Text type="secondary">{t('apps.anyIp')}</Typography.Text>),
          },
          {
            title: t('common.status'), dataIndex: 'disabled', width: 90,
            render: (d: boolean) => <Tag color={d ? 'default' : 'success'} data-testid="app-status">{d ? t('apps.disabled') : t('apps.enabled')}</Tag>,
          },
          {
            title: <span title={t('dataplane.limitsHint')}>{t('dataplane.limits')}</span>, key: 'limits', width: 300,
            render: (_: unknown, r: ConsumerApp) => <LimitLines app={r} />,
          },
          { title: t('apps.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => fmtDateTime(v) },
          {
            title: t('apps.rotatedAt'), dataIndex: 'rotatedAt', width: 160,
            render: (v: string | null) => (v ? fmtDateTime(v) : <Typography.Text type="secondary">{t('apps.neverRotated')}</Typography.Text>),
          },
          ...(steward ? [{
            title: t('common.actions'), key: 'actions', width: 270, fixed: 'right' as const,
            render: (_: unknown, r: ConsumerApp) => (r.disabled ? <Typography.Text type="secondary" data-testid="app-disabled-note">{t('apps.disabledNote')}</Typography.Text> : (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(r)} data-testid="app-edit">{t('apps.edit')}</Button>
                <Button type="link" size="small" onClick={() => setLimiting(r)} data-testid="app-limits">{t('dataplane.setLimits')}</Button>
                <Popconfirm title={t('apps.rotate')} description={<div style={{ maxWidth: 280 }}>{t('apps.rotateConfirm')}</div>} onConfirm={() => act(r, 'rotate')}>
                  <Button type="link" size="small" data-testid="app-rotate">{t('apps.rotate')}</Button>
                </Popconfirm>
                <Popconfirm title={t('apps.disable')} description={<div style={{ maxWidth: 280 }}>{t('apps.disableConfirm')}</div>} okButtonProps={{ danger: true }} onConfirm={() => act(r, 'disable')}>
                  <Button type="link" size="small" danger data-testid="app-disable">{t('apps.disable')}</Button>
                </Popconfirm>
              </Space>
            )),
          }] : []),
        ]}
      />
    </>
  );
}

/** Each channel's limits and today's use; the app's own values marked. */
function LimitLines({ app }: { app: ConsumerApp }) {
  const { t } = useI18n();
  return (
    <div data-testid="app-limits-usage">
      {(['api', 'verify'] as const).map((c) => {
        const l = app.limits[c];
        const own = l.own.perSecond !== null || l.own.perDay !== null;
        return (
          <div key={c}>
            <Typography.Text type={app.usageToday[c] >= l.perDay ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
              {t(c === 'api' ? 'dataplane.apiLine' : 'dataplane.verifyLine', { used: app.usageToday[c], perDay: l.perDay, perSecond: l.perSecond })}
            </Typography.Text>
            {own ? <Tag style={{ marginLeft: 6 }}>{t('dataplane.own')}</Tag> : null}
          </div>
        );
      })}
    </div>
  );
}

/** The try-it panel over the department's live grants delivered by API. */
function ApiGrantsTryIt({ onCalled, appsVersion }: { onCalled: () => void; appsVersion: unknown }) {
  const { t } = useI18n();
  const { data, error, reload } = useLoader(
    (signal) => api.get<ListResponse<Grant>>('/grants', { view: 'mine', status: 'active' }, signal),
    [],
  );
  const grants = (data?.items ?? []).filter((g) => g.method === 'api' && g.entryCode);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return null;
  if (grants.length === 0) return <Typography.Paragraph type="secondary" data-testid="tryit-none">{t('apps.noGrants')}</Typography.Paragraph>;
  return <DataTryIt grants={grants} onCalled={onCalled} appsVersion={appsVersion} />;
}
