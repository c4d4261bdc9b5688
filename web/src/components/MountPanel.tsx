/**
 * 资源挂接 (§17): where the platform finds the data of a published entry — a table of the provider's
 * 前置库 (with an optional item → column mapping) or an upstream API. Until an entry is mounted a
 * request for it gets 10 working days for the reply, and the grant must wait for the mount (§30(二)).
 * The provider's data steward edits it; the provider's other roles see it. Once consumers hold live
 * grants, a change waits for the authority (§16) and is shown here, with withdraw, until decided.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Radio, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { ApiOutlined, DatabaseOutlined, EditOutlined, FileOutlined, RollbackOutlined } from '@ant-design/icons';
import type { DataItem } from '../../../src/domain/catalog/types.ts';
import { api, ApiError, type ErrorDetail } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDateTime } from '../format.ts';
import type { Mount, MountBody, MountResult } from '../types.ts';
import { ErrorAlert, errorText } from './ErrorAlert.tsx';
import { MountFiles } from './MountFiles.tsx';
import { isHttpUrl } from '../mount-url.ts';

interface MountFormValues {
  kind: 'table' | 'api' | 'file';
  schema?: string;
  table?: string;
  columns?: Record<string, string | undefined>;
  keyColumns?: string[];
  changeColumn?: string;
  url?: string;
  method?: 'GET' | 'POST';
  timeoutMs?: number;
  authHeader?: string;
  authValue?: string;
  rowsPath?: string;
}

export function MountPanel({ entryId, items, canEdit, onChanged }: {
  entryId: string; items: readonly Partial<DataItem>[]; canEdit: boolean;
  /** The mount or its pending change moved: the entry's header shows the mount status. */
  onChanged?(): void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { data: mount, error, loading, reload } = useLoader(
    (signal) => api.get<Mount | null>(`/catalog/${entryId}/mount`, undefined, signal),
    [entryId],
  );
  const [editing, setEditing] = useState(false);
  const changed = () => {
    reload();
    onChanged?.();
  };
  if (loading && mount === undefined) return <Skeleton active />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  const pending = mount?.pendingChange ?? null;

  return (
    <div data-testid="mount-panel">
      {mount ? <MountView mount={mount} /> : (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('mount.none')} description={t('mount.noneHint')} data-testid="mount-none" />
      )}
      {mount?.lastRejection ? (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="mount-rejected"
          message={t('mount.rejected')}
          description={`${mount.lastRejection.reason}（${mount.lastRejection.decidedBy} · ${fmtDateTime(mount.lastRejection.decidedAt)}）`} />
      ) : null}
      {pending ? (
        <Card size="small" style={{ marginBottom: 16, borderColor: '#faad14' }} data-testid="mount-pending"
          title={<Space><Tag color="gold">{t('mount.status.change_pending')}</Tag>{t('mount.pending')}</Space>}
          extra={canEdit ? (
            <Popconfirm title={t('mount.withdrawConfirm')} okText={t('mount.withdrawChange')} cancelText={t('common.cancel')}
              onConfirm={async () => {
                try {
                  await api.delete(`/catalog/${entryId}/mount/change`);
                  message.success(t('mount.changeWithdrawn'));
                  changed();
                } catch (err) {
                  message.error(errorText(err, lang));
                }
              }}>
              <Button size="small" icon={<RollbackOutlined />} data-testid="mount-withdraw-change">{t('mount.withdrawChange')}</Button>
            </Popconfirm>
          ) : null}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('mount.pendingHint')}</Typography.Paragraph>
          <MountConfig kind={pending.kind} config={pending.config} />
          <Typography.Text type="secondary">{t('mount.proposedBy')}：{pending.proposedBy} · {fmtDateTime(pending.proposedAt)}</Typography.Text>
        </Card>
      ) : null}
      {canEdit && !editing ? (
        <Button type={mount ? 'default' : 'primary'} icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="mount-edit">
          {mount ? t('mount.change') : t('mount.create')}
        </Button>
      ) : null}
      {canEdit && editing ? (
        <MountForm
          entryId={entryId}
          items={items}
          current={mount ?? null}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            changed();
          }}
        />
      ) : null}
      {/* Keyed by the mount: a new mount reloads the files' note on how the entry is mounted. */}
      <MountFiles key={mount?.updatedAt ?? 'none'} entryId={entryId} canEdit={canEdit} onChanged={changed} />
    </div>
  );
}

export function MountKindTag({ kind }: { kind: Mount['kind'] }) {
  const { t } = useI18n();
  return kind === 'table' ? <Tag icon={<DatabaseOutlined />} color="blue">{t('mount.kind.table')}</Tag>
    : kind === 'api' ? <Tag icon={<ApiOutlined />} color="cyan">{t('mount.kind.api')}</Tag> : <Tag icon={<FileOutlined />}>{t('mount.kind.file')}</Tag>;
}

/** One line naming where a mount's data is: the table, the upstream URL, or the files. */
export function mountWhere(kind: Mount['kind'], config: Record<string, unknown>): string {
  if (kind === 'table') return `${String(config.schema)}.${String(config.table)}${config.connection ? ` @ ${String(config.connection)}` : ''}`;
  if (kind === 'api') return `${String(config.method ?? 'GET')} ${String(config.url)}`;
  return Array.isArray(config.files) ? (config.files as { name: string }[]).map((f) => f.name).join('，') : '';
}

function MountView({ mount }: { mount: Mount }) {
  const { t } = useI18n();
  return (
    <div style={{ marginBottom: 16 }} data-testid="mount-current">
      <MountConfig kind={mount.kind} config={mount.config} title={t('mount.current')}>
        <Descriptions.Item label={t('mount.mountedBy')}>{mount.mountedBy} · {fmtDateTime(mount.mountedAt)}</Descriptions.Item>
        {mount.updatedAt !== mount.mountedAt ? <Descriptions.Item label={t('entry.updatedAt')}>{fmtDateTime(mount.updatedAt)}</Descriptions.Item> : null}
      </MountConfig>
    </div>
  );
}

/** A mount's configuration as people may see it (an API mount's query values and credential never are). */
export function MountConfig({ kind, config, title, children }: { kind: Mount['kind']; config: Record<string, unknown>; title?: string; children?: ReactNode }) {
  const { t } = useI18n();
  const c = config;
  const columns = (c.columns ?? {}) as Record<string, string>;
  return (
    <Descriptions size="small" bordered column={1} title={title} style={{ marginBottom: 8 }}>
      <Descriptions.Item label={t('mount.kind')}><MountKindTag kind={kind} /></Descriptions.Item>
      {kind === 'table' ? (
        <>
          <Descriptions.Item label={t('mount.tableName')}><span className="gdx-mono">{mountWhere(kind, c)}</span></Descriptions.Item>
          <Descriptions.Item label={t('mount.columns')}>
            <span className="gdx-mono" style={{ fontSize: 12 }}>
              {Object.entries(columns).map(([item, col]) => (item === col ? item : `${item} → ${col}`)).join('，')}
            </span>
          </Descriptions.Item>
          {Array.isArray(c.keyColumns) && c.keyColumns.length ? (
            <Descriptions.Item label={t('mount.keyColumns')}><span className="gdx-mono">{(c.keyColumns as string[]).join(', ')}</span></Descriptions.Item>
          ) : null}
          {c.changeColumn ? (
            <Descriptions.Item label={t('mount.changeColumn')}><span className="gdx-mono" data-testid="mount-change-column">{String(c.changeColumn)}</span></Descriptions.Item>
          ) : null}
        </>
      ) : null}
      {kind === 'api' ? (
        <Descriptions.Item label={t('mount.url')}>
          <span className="gdx-mono">{mountWhere(kind, c)}</span>
          {c.hasAuth ? <Tag style={{ marginLeft: 8 }}>{t('dataplane.authSet', { header: String(c.authHeader) })}</Tag> : null}
          {c.rowsPath ? <Tag className="gdx-mono">{String(c.rowsPath)}</Tag> : null}
        </Descriptions.Item>
      ) : null}
      {kind === 'file' && Array.isArray(c.files) ? (
        <Descriptions.Item label={t('mount.files')}>{mountWhere(kind, c)}</Descriptions.Item>
      ) : null}
      {children}
    </Descriptions>
  );
}

/** The API fields' defaults, shown when the steward switches a table or file mount to 接口. */
const API_DEFAULTS = { method: 'GET', timeoutMs: 10000 } as const;

function initialValues(current: Mount | null): MountFormValues {
  const c = (current?.config ?? {}) as Record<string, unknown>;
  if (current?.kind === 'file') return { kind: 'file', ...API_DEFAULTS };
  if (current?.kind === 'api') {
    // Query values and the credential are never shown back: a URL with hidden values is typed again.
    const url = String(c.url ?? '');
    return {
      kind: 'api', url: url.includes('=***') ? '' : url, method: (c.method as 'GET' | 'POST') ?? 'GET', timeoutMs: Number(c.timeoutMs ?? 10000),
      authHeader: (c.authHeader as string | null) ?? undefined, rowsPath: (c.rowsPath as string | null) ?? undefined,
    };
  }
  if (current?.kind === 'table') {
    const cols = (c.columns ?? {}) as Record<string, string>;
    return {
      ...API_DEFAULTS,
      kind: 'table', schema: String(c.schema ?? ''), table: String(c.table ?? ''),
      columns: Object.fromEntries(Object.entries(cols).filter(([i, col]) => i !== col)),
      keyColumns: (c.keyColumns as string[] | undefined) ?? [], changeColumn: (c.changeColumn as string | null) ?? undefined,
    };
  }
  return { kind: 'table', ...API_DEFAULTS };
}

function bodyOf(v: MountFormValues): MountBody {
  // A file mount lists the files uploaded below; the server fills it in.
  if (v.kind === 'file') return { kind: 'file' };
  if (v.kind === 'api') {
    return {
      kind: 'api', url: (v.url ?? '').trim(), method: v.method ?? 'GET', ...(v.timeoutMs ? { timeoutMs: v.timeoutMs } : {}),
      ...(v.authValue ? { authValue: v.authValue, ...(v.authHeader?.trim() ? { authHeader: v.authHeader.trim() } : {}) } : {}),
      ...(v.rowsPath?.trim() ? { rowsPath: v.rowsPath.trim() } : {}),
    };
  }
  const columns = Object.fromEntries(Object.entries(v.columns ?? {}).map(([k, c]) => [k, (c ?? '').trim()]).filter(([, c]) => c));
  return {
    kind: 'table',
    schema: (v.schema ?? '').trim(),
    table: (v.table ?? '').trim(),
    ...(Object.keys(columns).length ? { columns } : {}),
    ...(v.keyColumns?.length ? { keyColumns: v.keyColumns } : {}),
    ...(v.changeColumn?.trim() ? { changeColumn: v.changeColumn.trim() } : {}),
  };
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

function MountForm({ entryId, items, current, onCancel, onDone }: {
  entryId: string;
  items: readonly Partial<DataItem>[];
  current: Mount | null;
  onCancel(): void;
  onDone(): void;
}) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<MountFormValues>();
  const kind = Form.useWatch('kind', form) ?? initialValues(current).kind;
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ErrorDetail[]>([]);
  // A refusal without a list of problems (no such table, 前置库 unreachable) stays in view, not only in a toast.
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    setProblems([]);
    setFailure(undefined);
  }, [kind]);
  const ident = [{ pattern: IDENT, message: t('mount.identHint') }];

  return (
    <Card size="small" title={current ? t('mount.change') : t('mount.create')} style={{ marginTop: 8 }} data-testid="mount-form">
      <Typography.Paragraph type="secondary">{t('mount.hint')}</Typography.Paragraph>
      {current ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('mount.changeHint')} data-testid="mount-change-hint" /> : null}
      <Form<MountFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues(current)}
        onFinish={async (v) => {
          setBusy(true);
          setProblems([]);
          setFailure(undefined);
          try {
            const result = await api.put<MountResult>(`/catalog/${entryId}/mount`, bodyOf(v));
            // With live grants the change waits for the authority (§16): say so, not "mounted".
            if (result.outcome === 'pending') message.info(t('mount.changeSubmitted'), 6);
            else message.success(t('mount.saved'));
            onDone();
          } catch (err) {
            if (err instanceof ApiError && err.detailList.length) setProblems(err.detailList);
            else setFailure(err);
            message.error(errorText(err, lang));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="kind" label={t('mount.kind')} rules={[{ required: true }]}>
          <Radio.Group data-testid="mount-kind">
            <Radio value="table">{t('mount.kind.table')}</Radio>
            <Radio value="api">{t('mount.kind.api')}</Radio>
            <Radio value="file">{t('mount.kind.file')}</Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'table' ? (
          <>
            <Space align="start" wrap style={{ display: 'flex' }}>
              <Form.Item name="schema" label={t('mount.schema')} rules={[{ required: true, message: t('mount.schemaRequired') }, ...ident]}>
                <Input style={{ width: 220 }} className="gdx-mono" placeholder="qzk_xxx" data-testid="mount-schema" />
              </Form.Item>
              <Form.Item name="table" label={t('mount.table')} rules={[{ required: true, message: t('mount.tableRequired') }, ...ident]}>
                <Input style={{ width: 300 }} className="gdx-mono" data-testid="mount-table" />
              </Form.Item>
            </Space>
            <div><Typography.Text strong>{t('mount.columns')}</Typography.Text></div>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>{t('mount.columnsHint')}</Typography.Paragraph>
            <Table<Partial<DataItem>>
              size="small"
              rowKey={(r) => r.name ?? ''}
              pagination={false}
              dataSource={[...items]}
              style={{ marginBottom: 12, maxWidth: 720 }}
              columns={[
                { title: t('mount.item'), dataIndex: 'name', render: (n: string, r) => <span><span className="gdx-mono">{n}</span> <Typography.Text type="secondary">{r.label}</Typography.Text></span> },
                {
                  title: t('mount.column'), key: 'col', width: 280,
                  render: (_: unknown, r) => (
                    <Form.Item name={['columns', r.name ?? '']} noStyle rules={[{ pattern: IDENT, message: t('mount.identHint') }]}>
                      <Input size="small" className="gdx-mono" placeholder={r.name} />
                    </Form.Item>
                  ),
                },
              ]}
            />
            <Space align="start" wrap style={{ display: 'flex' }}>
              <Form.Item name="keyColumns" label={t('mount.keyColumns')} extra={t('mount.keyColumnsHint')}>
                <Select mode="tags" style={{ width: 300 }} open={false} suffixIcon={null} tokenSeparators={[',', ' ']} />
              </Form.Item>
              <Form.Item name="changeColumn" label={t('mount.changeColumn')} extra={t('mount.changeColumnHint')} rules={ident}>
                <Input style={{ width: 220 }} className="gdx-mono" />
              </Form.Item>
            </Space>
          </>
        ) : kind === 'file' ? (
          <Typography.Paragraph type="secondary">{t('files.hint')}</Typography.Paragraph>
        ) : (
          <Space align="start" wrap style={{ display: 'flex' }}>
            <Form.Item name="method" label={t('mount.method')}>
              <Radio.Group options={['GET', 'POST']} optionType="button" />
            </Form.Item>
            <Form.Item name="url" label={t('mount.url')} rules={[{ required: true, message: t('mount.urlRequired') }, { validator: async (_, v?: string) => { if (v && !isHttpUrl(v)) throw new Error(t('mount.urlInvalid')); } }]}>
              <Input style={{ width: 440 }} className="gdx-mono" placeholder="https://" data-testid="mount-url" />
            </Form.Item>
            <Form.Item name="timeoutMs" label={t('mount.timeout')}>
              <InputNumber min={100} max={60000} step={1000} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="rowsPath" label={t('dataplane.rowsPath')} extra={t('dataplane.rowsPathHint')}>
              <Input style={{ width: 200 }} className="gdx-mono" placeholder="data.items" data-testid="mount-rows-path" />
            </Form.Item>
            <Form.Item name="authHeader" label={t('dataplane.authHeader')}>
              <Input style={{ width: 180 }} className="gdx-mono" placeholder="Authorization" />
            </Form.Item>
            <Form.Item name="authValue" label={t('dataplane.authValue')} extra={t('dataplane.authValueHint')}>
              <Input.Password style={{ width: 260 }} autoComplete="new-password" data-testid="mount-auth-value" />
            </Form.Item>
          </Space>
        )}
        <ErrorAlert error={failure} style={{ marginBottom: 12 }} />
        {problems.length ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('mount.problems')}
            description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.map((p, i) => <li key={i}>{pick({ zh: p.zh ?? '', en: p.en ?? '' })}</li>)}</ul>} />
        ) : null}
        <div>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="mount-save">{t('common.save')}</Button>
            <Button onClick={onCancel}>{t('common.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </Card>
  );
}

