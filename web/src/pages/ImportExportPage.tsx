/**
 * 导入导出: whole catalogs in and out of the department's spreadsheets. An import is all or nothing —
 * any bad cell and nothing is imported, with the row/column list to fix.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, List, Radio, Row, Select, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, ExportOutlined, InboxOutlined } from '@ant-design/icons';
import { api, ApiError, type Query } from '../api.ts';
import { useI18n } from '../i18n.ts';
import type { ImportProblem, ImportResult } from '../types.ts';
import { vocabOptions } from '../vocab.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

type Outcome =
  | { kind: 'ok'; result: ImportResult; file: string }
  | { kind: 'invalid'; problems: ImportProblem[]; message: string; file: string }
  | { kind: 'error'; error: unknown; file: string };

export default function ImportExportPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageTitle title={t('io.title')} />
      <Row gutter={16}>
        <Col xs={24} xl={14}><ImportCard /></Col>
        <Col xs={24} xl={10}><ExportCard /></Col>
      </Row>
    </div>
  );
}

function ImportCard() {
  const { t, lang, pick, colon } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function upload(file: File) {
    setBusy(true);
    setOutcome(null);
    try {
      const result = await api.upload<ImportResult>('/catalog/import', file);
      setOutcome({ kind: 'ok', result, file: file.name });
    } catch (err) {
      if (err instanceof ApiError && Array.isArray(err.details) && err.details.length) {
        setOutcome({ kind: 'invalid', problems: err.details as ImportProblem[], message: err.message, file: file.name });
      } else {
        setOutcome({ kind: 'error', error: err, file: file.name });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('io.import')} style={{ marginBottom: 16 }}
      extra={(
        <Button icon={<DownloadOutlined />} data-testid="download-template" onClick={() => {
          api.download('/catalog/template.xlsx', undefined, lang === 'en' ? 'catalog-template.xlsx' : '目录导入模板.xlsx')
            .catch((err: unknown) => message.error(errorText(err, lang)));
        }}>
          {t('io.template')}
        </Button>
      )}
    >
      <Typography.Paragraph type="secondary">{t('io.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
        data-testid="import-upload"
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{busy ? t('io.uploading') : t('io.upload')}</p>
        <p className="ant-upload-hint">.xlsx / .csv</p>
      </Upload.Dragger>

      {outcome?.kind === 'ok' ? (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          message={`${outcome.file}${colon}${t('io.imported', { n: outcome.result.imported })}`}
          description={(
            <List size="small" dataSource={outcome.result.entries}
              renderItem={(e) => <List.Item style={{ paddingInline: 0 }}><Link to={`/catalog/${e.id}`}>{e.name}</Link></List.Item>} />
          )}
        />
      ) : null}
      {outcome?.kind === 'ok' && outcome.result.warnings?.length ? (
        <div style={{ marginTop: 12 }}>
          <Alert type="warning" showIcon message={t('io.warnings', { n: outcome.result.warnings.length })} style={{ marginBottom: 8 }} />
          <ProblemTable problems={outcome.result.warnings} />
        </div>
      ) : null}
      {outcome?.kind === 'invalid' ? (
        <div style={{ marginTop: 16 }} data-testid="import-problems">
          <Alert type="error" showIcon message={`${outcome.file}${colon}${t('io.failed', { n: outcome.problems.length })}`} description={outcome.message} style={{ marginBottom: 8 }} />
          <ProblemTable problems={outcome.problems} />
        </div>
      ) : null}
      {outcome?.kind === 'error' ? <ErrorAlert error={outcome.error} style={{ marginTop: 16 }} /> : null}
    </Card>
  );
}

function ProblemTable({ problems }: { problems: ImportProblem[] }) {
  const { t, pick } = useI18n();
  const hasSheet = problems.some((p) => p.sheet);
  return (
    <Table<ImportProblem & { k: number }>
      size="small"
      rowKey="k"
      dataSource={problems.map((p, k) => ({ ...p, k }))}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        ...(hasSheet ? [{ title: t('io.sheet'), dataIndex: 'sheet', width: 90 }] : []),
        { title: t('io.row'), dataIndex: 'row', width: 70 },
        { title: t('io.column'), dataIndex: 'column', width: 160 },
        { title: t('io.problem'), key: 'p', render: (_: unknown, p: ImportProblem) => pick({ zh: p.zh, en: p.en }) },
      ]}
    />
  );
}

interface ExportForm {
  scope: 'mine' | 'published';
  format: 'xlsx' | 'csv';
  q?: string;
  status?: string;
  shareType?: string;
  categoryKind?: string;
  openType?: string;
}

function ExportCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [busy, setBusy] = useState(false);
  const initial: ExportForm = {
    scope: params.get('scope') === 'published' ? 'published' : 'mine',
    format: 'xlsx',
    q: params.get('q') ?? undefined,
    status: params.get('status') ?? undefined,
    shareType: params.get('shareType') ?? undefined,
    categoryKind: params.get('categoryKind') ?? undefined,
    openType: params.get('openType') ?? undefined,
  };
  // Filters the export form has no field for (region, provider …) still travel from the search page.
  const passthrough: Query = {};
  for (const k of ['regionCode', 'providerId', 'shareMethod', 'grade', 'updateCycle', 'column']) {
    const v = params.get(k);
    if (v) passthrough[k] = v;
  }

  async function run(v: ExportForm) {
    setBusy(true);
    try {
      const stamp = new Date().toISOString().slice(0, 10);
      await api.download('/catalog/export', {
        ...passthrough, format: v.format, view: v.scope, q: v.q, status: v.status, shareType: v.shareType,
        categoryKind: v.categoryKind, openType: v.openType,
      }, `${lang === 'en' ? 'catalog' : '政务数据资源目录'}-${stamp}.${v.format}`);
    } catch (err) {
      message.error(errorText(err, lang));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('io.export')}>
      <Typography.Paragraph type="secondary">{t('io.exportHint')}</Typography.Paragraph>
      <Form<ExportForm> layout="vertical" initialValues={initial} onFinish={run}>
        <Form.Item name="scope" label={t('io.scope')}>
          <Radio.Group>
            <Radio.Button value="mine">{t('io.scope.mine')}</Radio.Button>
            <Radio.Button value="published">{t('io.scope.published')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="q" label={t('io.keyword')}><Input allowClear /></Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="status" label={t('facet.status')}>
              <Select allowClear placeholder={t('common.all')} options={vocabOptions('status', lang)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="categoryKind" label={t('facet.categoryKind')}>
              <Select allowClear placeholder={t('common.all')} options={vocabOptions('categoryKind', lang)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="shareType" label={t('facet.shareType')}>
              <Select allowClear placeholder={t('common.all')} options={vocabOptions('shareType', lang)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="openType" label={t('facet.openType')}>
              <Select allowClear placeholder={t('common.all')} options={vocabOptions('openType', lang)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="format" label={t('io.format')}>
          <Radio.Group>
            <Radio value="xlsx">Excel (.xlsx)</Radio>
            <Radio value="csv">CSV (.csv)</Radio>
          </Radio.Group>
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<ExportOutlined />} loading={busy} data-testid="export-run">{t('io.doExport')}</Button>
      </Form>
    </Card>
  );
}
