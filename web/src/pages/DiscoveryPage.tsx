/**
 * 目录检索 (§27): the published catalog in three columns — 部门资源 / 政务主题 / 省市级联 — with Chinese
 * keyword search, facet counts from the API, sorting and cursor paging ("load more"). The filters live
 * in the URL so a search can be bookmarked or sent to a colleague.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Col, Empty, Flex, Input, Row, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { ExportOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import { FACET_KEYS, type CatalogSearchResponse, type EntrySummary, type FacetKey } from '../types.ts';
import { EntryCard } from '../components/EntryCard.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { FacetPanel } from '../components/FacetPanel.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

const COLUMNS = ['department', 'theme', 'cascade'] as const;
const SORTS = ['relevance', 'updated', 'name', 'code'] as const;
const PAGE = 20;

export default function DiscoveryPage() {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const column = (COLUMNS as readonly string[]).includes(params.get('column') ?? '') ? params.get('column')! : 'department';
  const q = params.get('q') ?? '';
  const sort = params.get('sort') ?? (q ? 'relevance' : 'updated');
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const [result, setResult] = useState<CatalogSearchResponse>();
  const [items, setItems] = useState<EntrySummary[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>();
  const [tick, setTick] = useState(0);

  const filters: Record<string, string> = {};
  for (const k of FACET_KEYS) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const queryKey = params.toString();
  const baseQuery = { view: 'published', column, q, sort, limit: PAGE, ...filters };

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api.get<CatalogSearchResponse>('/catalog', baseQuery, controller.signal)
      .then((r) => {
        setResult(r);
        setItems(r.items);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [queryKey, tick]);

  async function loadMore() {
    if (!result?.nextCursor) return;
    setLoadingMore(true);
    try {
      const r = await api.get<CatalogSearchResponse>('/catalog', { ...baseQuery, cursor: result.nextCursor });
      setItems((prev) => [...prev, ...r.items]);
      setResult((prev) => ({ ...r, facets: prev?.facets ?? r.facets, total: r.total ?? prev?.total }));
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setLoadingMore(false);
    }
  }

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  }

  const hasFilters = FACET_KEYS.some((k) => params.get(k));
  const facets: Partial<CatalogSearchResponse['facets']> = result?.facets ?? {};

  return (
    <div>
      <PageTitle
        title={t('discovery.title')}
        hint={t('discovery.hint')}
        extra={hasRole('catalog_editor') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/new')} data-testid="new-entry">
            {t('action.newEntry')}
          </Button>
        ) : undefined}
      />
      <Tabs
        activeKey={column}
        onChange={(k) => update({ column: k === 'department' ? null : k })}
        items={COLUMNS.map((c) => ({ key: c, label: t(`discovery.col.${c}`) }))}
        style={{ marginBottom: 4 }}
      />
      <Input.Search
        size="large"
        allowClear
        enterButton={t('common.search')}
        placeholder={t('discovery.placeholder')}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onSearch={(v) => update({ q: v.trim() || null, sort: null })}
        style={{ marginBottom: 16, maxWidth: 760 }}
        data-testid="search-input"
      />
      <Row gutter={16}>
        <Col xs={24} md={7} lg={6} xl={5}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('discovery.facets')}</Typography.Text>
            {hasFilters ? (
              <Button type="link" size="small" onClick={() => update(Object.fromEntries(FACET_KEYS.map((k) => [k, null])))}>
                {t('discovery.clearFilters')}
              </Button>
            ) : null}
          </Flex>
          {loading && !result ? <Skeleton active paragraph={{ rows: 8 }} /> : FACET_KEYS.map((k: FacetKey) => (
            <FacetPanel
              key={k}
              facetKey={k}
              values={facets[k] ?? []}
              selected={params.get(k)}
              onSelect={(v) => update({ [k]: v })}
            />
          ))}
        </Col>
        <Col xs={24} md={17} lg={18} xl={19}>
          <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap="wrap" gap={8}>
            <Typography.Text data-testid="result-total">
              {result ? t('discovery.results', { n: result.total ?? items.length }) : '\u00a0'}
            </Typography.Text>
            <Space>
              <span>{t('discovery.sort')}</span>
              <Select
                value={sort}
                style={{ width: 170 }}
                onChange={(v) => update({ sort: v })}
                options={SORTS.map((s) => ({ value: s, label: t(`discovery.sort.${s}`) }))}
              />
              {hasRole('catalog_editor') ? (
                <Button icon={<ExportOutlined />} onClick={() => navigate(`/import-export?scope=published&${new URLSearchParams({ ...(q ? { q } : {}), ...filters }).toString()}`)}>
                  {t('discovery.export')}
                </Button>
              ) : null}
            </Space>
          </Flex>
          <ErrorAlert error={error} onRetry={() => setTick((n) => n + 1)} />
          {loading ? <Skeleton active paragraph={{ rows: 6 }} /> : items.length === 0 && !error ? (
            <Empty description={t('discovery.noResults')} style={{ padding: 48 }} />
          ) : (
            <>
              {items.map((e) => <EntryCard key={e.id} entry={e} />)}
              <div style={{ textAlign: 'center', margin: '8px 0 16px' }}>
                {result?.nextCursor ? (
                  <Button onClick={loadMore} loading={loadingMore} data-testid="load-more">{t('common.loadMore')}</Button>
                ) : items.length > 0 ? <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text> : null}
              </div>
            </>
          )}
        </Col>
      </Row>
    </div>
  );
}
