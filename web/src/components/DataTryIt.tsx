/**
 * 接口调试: signs a GET of the data API in the browser with an app's secret (WebCrypto, docs/signing.md)
 * and shows what the server answered — the rows, or the refusal with its code — and the same call as
 * curl. The secret lives only in this component's state: never stored, never sent (only the HMAC is).
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Collapse, Flex, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { curlCommand, dataPath, signGet, type SignedGet } from '../signing.ts';
import type { CatalogEntry, ConsumerApp, DataApiPage, Grant, ListResponse } from '../types.ts';

interface Outcome {
  status: number;
  requestId?: string;
  page?: DataApiPage;
  error?: { code: string; message: string };
  signed: SignedGet;
  fields: string[];
}

/**
 * `onCalled`: after a successful call, which is the grant's use (§31), e.g. to reload its last use.
 * `appsVersion`: changes when the page's apps change (one disabled there is no longer offered here).
 */
export function DataTryIt({ grants, labels, onCalled, appsVersion }: { grants: Grant[]; labels?: Map<string, string>; onCalled?: () => void; appsVersion?: unknown }) {
  const { t, lang } = useI18n();
  const apps = useLoader((signal) => api.get<ListResponse<ConsumerApp>>('/apps', undefined, signal), [appsVersion]);
  const usable = useMemo(() => (apps.data?.items ?? []).filter((a) => !a.disabled), [apps.data]);
  const [grantId, setGrantId] = useState<string>();
  const [appId, setAppId] = useState<string>();
  const [secret, setSecret] = useState('');
  const [fields, setFields] = useState<string[]>([]);
  const [limit, setLimit] = useState<number>(10);
  const [filterItem, setFilterItem] = useState<string>();
  const [filterValue, setFilterValue] = useState('');
  /** eq, or a suffix of the filter parameter: item.gte, item.lte, item.in (values compare by the item's type). */
  const [filterOp, setFilterOp] = useState<'eq' | 'gte' | 'lte' | 'in'>('eq');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [failure, setFailure] = useState<string>();

  const grant = grants.find((g) => g.id === grantId) ?? grants[0];
  const app = usable.find((a) => a.id === appId) ?? (usable.length === 1 ? usable[0] : undefined);
  // Without labels from the caller (the 应用系统 page), the items are named from the grant's entry.
  const entry = useLoader(
    (signal) => (labels || !grant ? Promise.resolve(undefined) : api.get<CatalogEntry>(`/catalog/${grant.entryId}`, undefined, signal).catch(() => undefined)),
    [labels ? '' : grant?.entryId],
  );
  const entryLabels = useMemo(() => labels ?? new Map((entry.data?.items ?? []).map((i) => [i.name ?? '', i.label ?? ''])), [labels, entry.data]);
  const label = (item: string) => entryLabels.get(item) || item;

  useEffect(() => {
    setFields([]);
    setFilterItem(undefined);
    setFilterValue('');
    setOutcome(undefined);
  }, [grant?.id]);

  const call = async () => {
    if (!grant?.entryCode || !app || !secret.trim()) return;
    setFailure(undefined);
    if (!globalThis.crypto?.subtle) {
      setFailure(t('tryit.noCrypto'));
      return;
    }
    setBusy(true);
    try {
      const query: [string, string][] = [['limit', String(limit)]];
      if (fields.length) query.push(['fields', fields.join(',')]);
      if (filterItem && filterValue !== '') query.push([filterOp === 'eq' ? filterItem : `${filterItem}.${filterOp}`, filterValue]);
      const signed = await signGet({ appKey: app.appKey, secret: secret.trim(), path: dataPath(grant.entryCode), query });
      // Not through api.ts: an app's 401 is no session expiry, and no cookie goes with a signed call.
      const res = await fetch(signed.url, { headers: { ...signed.headers, Accept: 'application/json', 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' }, credentials: 'omit' });
      const body = (await res.json().catch(() => undefined)) as (DataApiPage & { error?: { code?: string; message?: string; requestId?: string } }) | undefined;
      const requestId = res.headers.get('x-request-id') ?? body?.error?.requestId;
      setOutcome({
        status: res.status, signed, requestId: requestId ?? undefined, fields: fields.length ? fields : grant.items,
        ...(res.ok && body ? { page: body } : { error: { code: body?.error?.code ?? `HTTP_${res.status}`, message: body?.error?.message ?? res.statusText } }),
      });
      if (res.ok) onCalled?.();
    } catch (err) {
      setFailure(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (!grant) return null;
  const ready = !!grant.entryCode && !!app && secret.trim() !== '';

  return (
    <Card title={t('tryit.title')} data-testid="tryit">
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('tryit.hint')} />
      {!apps.loading && usable.length === 0 ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('tryit.noApps')} /> : null}
      <Form layout="vertical" onFinish={() => void call()}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('tryit.grant')}>
              {grants.length > 1 ? (
                <Select
                  value={grant.id}
                  onChange={setGrantId}
                  data-testid="tryit-grant"
                  options={grants.map((g) => ({ value: g.id, label: grantLabel(g) }))}
                />
              ) : (
                // One grant: named all the same, so the caller knows which data the call reaches.
                <Typography.Text data-testid="tryit-grant-name">{grantLabel(grant)}</Typography.Text>
              )}
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('tryit.app')} required>
              <Select
                value={app?.id}
                onChange={setAppId}
                loading={apps.loading}
                placeholder={t('tryit.appRequired')}
                data-testid="tryit-app"
                options={usable.map((a) => ({ value: a.id, label: `${a.name}（${a.appKey}）` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('tryit.secret')} required>
              <Input.Password
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                placeholder={t('tryit.secretPlaceholder')}
                autoComplete="off"
                className="gdx-mono"
                data-testid="tryit-secret"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('tryit.fields')} extra={t('tryit.fieldsHint')}>
          <Checkbox.Group value={fields} onChange={(v) => setFields(v as string[])} data-testid="tryit-fields">
            <Flex wrap="wrap" gap={8}>
              {grant.items.map((i) => (
                <Checkbox key={i} value={i} data-testid={`tryit-field-${i}`}>{label(i)}</Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label={t('tryit.limit')}>
              <InputNumber min={1} max={1000} precision={0} value={limit} onChange={(v) => setLimit(v ?? 10)} style={{ width: '100%' }} data-testid="tryit-limit" />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item label={t('tryit.filter')} extra={t('scope.typedHint')}>
              <Space.Compact style={{ width: '100%' }}>
                <Select
                  allowClear
                  value={filterItem}
                  onChange={setFilterItem}
                  placeholder={t('tryit.filterItem')}
                  style={{ width: '35%' }}
                  data-testid="tryit-filter-item"
                  options={grant.items.map((i) => ({ value: i, label: label(i) }))}
                />
                <Select
                  value={filterOp}
                  onChange={setFilterOp}
                  aria-label={t('scope.filterOp')}
                  style={{ width: '20%' }}
                  data-testid="tryit-filter-op"
                  options={(['eq', 'gte', 'lte', 'in'] as const).map((op) => ({ value: op, label: t(`scope.op.${op}`) }))}
                />
                <Input value={filterValue} onChange={(e) => setFilterValue(e.target.value)} placeholder={t('tryit.filterValue')} disabled={!filterItem} data-testid="tryit-filter-value" />
              </Space.Compact>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} disabled={!ready} data-testid="tryit-send">{t('tryit.send')}</Button>
      </Form>
      {failure ? <Alert type="error" showIcon style={{ marginTop: 16 }} message={failure} /> : null}
      {outcome ? <OutcomeView outcome={outcome} label={label} /> : null}
    </Card>
  );
}

const grantLabel = (g: Grant) => `${g.entryName}${g.entryCode ? `（${g.entryCode}）` : ''}`;

function OutcomeView({ outcome, label }: { outcome: Outcome; label: (item: string) => string }) {
  const { t } = useI18n();
  const curl = curlCommand(window.location.origin, outcome.signed);
  const rows = outcome.page?.items ?? [];
  return (
    <div style={{ marginTop: 16 }} data-testid="tryit-result">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text strong>{t('tryit.status')}</Typography.Text>
        <Tag color={outcome.status < 300 ? 'success' : 'error'} className="gdx-mono" data-testid="tryit-status">HTTP {outcome.status}</Tag>
        {outcome.page ? <Typography.Text type="secondary">{t('tryit.rows', { n: rows.length })}</Typography.Text> : null}
        {outcome.page?.nextCursor ? <Typography.Text type="secondary">{t('tryit.more')}</Typography.Text> : null}
        {outcome.requestId ? <Typography.Text type="secondary" copyable={{ text: outcome.requestId }}>{t('common.requestId')}: {outcome.requestId}</Typography.Text> : null}
      </Space>
      {outcome.error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="tryit-error"
          message={<Space><Typography.Text strong>{t('tryit.failed')}</Typography.Text><Tag color="error" className="gdx-mono">{outcome.error.code}</Tag></Space>}
          description={outcome.error.message}
        />
      ) : (
        <Table<Record<string, unknown>>
          size="small"
          bordered
          data-testid="tryit-table"
          rowKey={(_, i) => String(i)}
          dataSource={rows}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('common.empty') }}
          columns={outcome.fields.map((f) => ({
            key: f,
            dataIndex: f,
            title: <div>{label(f)}<div><Typography.Text type="secondary" className="gdx-mono" style={{ fontSize: 12 }}>{f}</Typography.Text></div></div>,
            render: (v: unknown) => (v === null || v === undefined ? <Typography.Text type="secondary">-</Typography.Text> : String(v)),
          }))}
        />
      )}
      <Collapse
        style={{ marginTop: 12 }}
        defaultActiveKey={['curl']}
        items={[
          {
            key: 'curl',
            label: t('tryit.curl'),
            children: (
              <>
                <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('tryit.curlHint')}</Typography.Paragraph>
                <Typography.Paragraph copyable={{ text: curl }} style={{ marginBottom: 0 }}>
                  <pre className="gdx-mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="tryit-curl">{curl}</pre>
                </Typography.Paragraph>
              </>
            ),
          },
          {
            key: 'canonical',
            label: t('tryit.canonical'),
            children: <pre className="gdx-mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{outcome.signed.canonical}</pre>,
          },
        ]}
      />
    </div>
  );
}
