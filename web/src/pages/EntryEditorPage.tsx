/**
 * 目录编制 (create and edit, §9–§11). Every change runs the same `validateEntry` the server applies,
 * under the grading rule set in force (GET /security/grading, security rules §16), so the editor sees
 * completeness and consistency messages (each quoting its article) beside the field and in a summary;
 * the server's /catalog/validate adds the 一数一源 warnings (§15), debounced.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Alert, App, Badge, Button, Card, Col, Form, Input, Row, Select, Skeleton, Space, Switch, Tag, Typography,
} from 'antd';
import { CheckCircleFilled, LoadingOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { CATEGORY_FIELD_LABELS, ENTRY_FIELD_LABELS } from '../../../src/domain/catalog/labels.ts';
import { validateEntry } from '../../../src/domain/catalog/validation.ts';
import type { CatalogEntryBody } from '../../../src/domain/catalog/types.ts';
import { api, ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { FieldBox } from '../components/FieldBox.tsx';
import { draftFromEntry, emptyDraft, toBody, type Draft, type DraftItem } from '../draft.ts';
import { useDebounced, useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { CatalogEntry, GradingVersion, Issue, ListResponse, SubjectDatabase } from '../types.ts';
import { vocabOptions } from '../vocab.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { IssueList, issuesByField } from '../components/IssueList.tsx';
import { ItemsEditor } from '../components/ItemsEditor.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ReturnedBanner } from '../components/EntryBanners.tsx';

type ServerCheck = 'idle' | 'checking' | 'done' | 'failed';

const issueKey = (i: Issue) => `${i.level}|${i.code}|${i.field}`;
const looksLikeIssues = (v: unknown): v is Issue[] =>
  Array.isArray(v) && v.length > 0 && v.every((i) => i && typeof i === 'object' && 'level' in i && 'zh' in i && 'field' in i);
/** The API checks the body's structure before its consistency: these must be fixed before any call. */
const STRUCTURAL = new Set(['REQUIRED', 'INVALID_VALUE']);

export default function EntryEditorPage() {
  const { id } = useParams();
  const isNew = !id;
  const { user } = useAuth();
  const { t, lang, pick, colon, paren } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();

  const loaded = useLoader(
    (signal) => (id ? api.get<CatalogEntry>(`/catalog/${encodeURIComponent(id)}`, undefined, signal) : Promise.resolve(undefined)),
    [id],
  );
  // The authority's current grading rules: the grade and masking checks and the masking prefill follow them.
  const grading = useLoader((signal) => api.get<GradingVersion>('/security/grading', undefined, signal), []);
  const rules = grading.data?.rules;
  const subjectDbs = useLoader(
    (signal) => api.get<ListResponse<SubjectDatabase>>('/subject-databases', undefined, signal).catch(() => ({ items: [] })),
    [],
  );

  const [draft, setDraft] = useState<Draft>(() => emptyDraft(user?.regionLevel ?? 'city'));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(!isNew);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState<null | 'save' | 'submit'>(null);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [serverCheck, setServerCheck] = useState<ServerCheck>('idle');
  const initialised = useRef<string | null>(null);
  /** The entry's updatedAt this edit started from: a save sends it (If-Match), so another editor's save in between is not overwritten. */
  const readAt = useRef<string | null>(null);

  useEffect(() => {
    if (loaded.data && initialised.current !== loaded.data.id) {
      initialised.current = loaded.data.id;
      readAt.current = loaded.data.updatedAt;
      setDraft(draftFromEntry(loaded.data));
      setDirty(false);
    }
  }, [loaded.data]);

  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const body = useMemo(() => toBody(draft), [draft]);
  const localIssues = useMemo(() => (rules ? validateEntry(body, { grading: rules }) : []), [body, rules]);
  const structurallyComplete = !localIssues.some((i) => i.level === 'error' && STRUCTURAL.has(i.code));
  // The server keeps half-filled drafts (only the name is required); completeness matters at submission.
  const named = (body.name ?? '').trim().length > 0;

  // Server-side check (一数一源 needs the other departments' entries), after typing pauses.
  const bodyJson = useMemo(() => (named ? JSON.stringify(body) : ''), [body, named]);
  const debouncedJson = useDebounced(bodyJson, 800);
  useEffect(() => {
    if (!debouncedJson || (isNew && !dirty)) {
      setServerCheck('idle');
      setServerIssues([]);
      return undefined;
    }
    const controller = new AbortController();
    setServerCheck('checking');
    api.post<{ issues: Issue[] }>('/catalog/validate', JSON.parse(debouncedJson), controller.signal)
      .then((r) => {
        setServerIssues(r.issues ?? []);
        setServerCheck('done');
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && looksLikeIssues(err.details)) {
          setServerIssues(err.details);
          setServerCheck('done');
        } else {
          setServerCheck('failed');
        }
      });
    return () => controller.abort();
  }, [debouncedJson, isNew, dirty]);

  const allIssues = useMemo(() => {
    const seen = new Set(localIssues.map(issueKey));
    return [...localIssues, ...serverIssues.filter((i) => !seen.has(issueKey(i)))];
  }, [localIssues, serverIssues]);

  /** Field messages: "required" waits until the field was touched or a save was tried. */
  const visibleByField = useMemo(() => {
    const rowKeyAt = (path: string): string | undefined => {
      const m = /^items\[(\d+)\]/.exec(path);
      return m ? draft.items[Number(m[1])]?._key : undefined;
    };
    const visible = allIssues.filter((i) => {
      if (showAll || i.code !== 'REQUIRED') return true;
      const row = rowKeyAt(i.field);
      return touched.has(row ?? i.field);
    });
    return issuesByField(visible);
  }, [allIssues, showAll, touched, draft.items]);

  function set<K extends keyof Draft>(key: K, value: Draft[K], path: string = String(key)) {
    setDraft((d) => ({ ...d, [key]: value }));
    setTouched((s) => new Set(s).add(path));
    setDirty(true);
  }
  function setCategory(part: 'kind' | 'item' | 'subItem', value: string | undefined) {
    setDraft((d) => ({ ...d, category: { ...d.category, [part]: value } }));
    setTouched((s) => new Set(s).add(`category.${part}`));
    setDirty(true);
  }
  function setItems(items: DraftItem[]) {
    const before = new Map(draft.items.map((r) => [r._key, r]));
    const changed = items.filter((r) => before.get(r._key) !== r).map((r) => r._key);
    setDraft((d) => ({ ...d, items }));
    setTouched((s) => {
      const next = new Set(s).add('items');
      for (const k of changed) if (before.has(k)) next.add(k);
      return next;
    });
    setDirty(true);
  }

  async function save(submitAfter: boolean) {
    setShowAll(true);
    if (!named || (submitAfter && !structurallyComplete)) {
      message.error(t(named ? 'editor.requiredFirst' : 'editor.nameFirst'));
      return;
    }
    if (submitAfter && localIssues.some((i) => i.level === 'error')) {
      message.error(t('editor.errorsBlock'));
      return;
    }
    setSaving(submitAfter ? 'submit' : 'save');
    try {
      const saved = id
        ? await api.put<CatalogEntry>(`/catalog/${encodeURIComponent(id)}`, body, readAt.current ? { 'If-Match': `"${readAt.current}"` } : undefined)
        : await api.post<CatalogEntry>('/catalog', body);
      setDirty(false);
      initialised.current = saved.id;
      readAt.current = saved.updatedAt;
      if (submitAfter) {
        await api.post<CatalogEntry>(`/catalog/${saved.id}/submit`);
        message.success(t('editor.submitted'));
        navigate(`/catalog/${saved.id}`, { replace: true });
        return;
      }
      message.success(t('editor.saved'));
      if (isNew) navigate(`/catalog/${saved.id}/edit`, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ENTRY_CHANGED') {
        // Someone else saved, submitted or reviewed the entry since it was opened: nothing was overwritten.
        modal.confirm({
          title: t('editor.changedTitle'), content: errorText(err, lang), okText: t('editor.reloadChanged'), cancelText: t('editor.keepEditing'),
          okButtonProps: { 'data-testid': 'editor-reload-changed' } as never,
          onOk: () => {
            initialised.current = null;
            loaded.reload();
          },
        });
        return;
      }
      if (err instanceof ApiError && looksLikeIssues(err.details)) setServerIssues(err.details);
      message.error(errorText(err, lang));
    } finally {
      setSaving(null);
    }
  }

  if ((!isNew && loaded.loading && !loaded.data) || (grading.loading && !rules)) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (!isNew && loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!rules) return <ErrorAlert error={grading.error} onRetry={grading.reload} />;
  const entry = loaded.data;
  const editable = isNew || !!entry?.permissions.edit;

  const errors = allIssues.filter((i) => i.level === 'error').length;
  const warnings = allIssues.length - errors;
  const f = (k: keyof CatalogEntryBody) => pick(ENTRY_FIELD_LABELS[k]);
  const dbs = subjectDbs.data?.items ?? [];
  const field = (path: string, label: ReactNode, node: ReactNode, required = false) => (
    <FieldBox path={path} label={label} required={required} issues={visibleByField.get(path) ?? []}>{node}</FieldBox>
  );

  return (
    <div data-testid="entry-editor">
      <PageTitle
        title={isNew ? t('editor.createTitle') : `${t('editor.editTitle')}${colon}${entry?.name ?? ''}`}
        extra={(
          <Space>
            {errors ? <Tag color="error" bordered={false}>{t('editor.errors', { n: errors })}</Tag> : null}
            {warnings ? <Tag color="warning" bordered={false}>{t('editor.warnings', { n: warnings })}</Tag> : null}
            {dirty ? <Badge status="warning" text={t('editor.unsaved')} /> : null}
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button icon={<SaveOutlined />} loading={saving === 'save'} disabled={!editable || saving !== null} onClick={() => save(false)} data-testid="save-draft">
              {t('editor.saveDraft')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} loading={saving === 'submit'} disabled={!editable || saving !== null} onClick={() => save(true)} data-testid="save-submit">
              {t('editor.saveAndSubmit')}
            </Button>
          </Space>
        )}
      />
      {entry ? <ReturnedBanner entry={entry} /> : null}
      {!editable ? <Alert type="warning" showIcon message={t('editor.notEditable')} style={{ marginBottom: 16 }} /> : null}
      {entry?.status === 'published' && editable ? <Alert type="info" showIcon message={t('editor.newVersionHint')} style={{ marginBottom: 16 }} /> : null}

      <Row gutter={16}>
        <Col xs={24} xl={17} style={{ minWidth: 0 }}>
          <Form layout="vertical" component="div" disabled={!editable}>
            <Card title={t('editor.sections.basics')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24}>{field('name', f('name'), (
                  <Input value={draft.name ?? ''} maxLength={100} showCount onChange={(e) => set('name', e.target.value)} data-testid="field-name" />
                ), true)}</Col>
                <Col xs={24}>{field('summary', f('summary'), (
                  <Input.TextArea value={draft.summary ?? ''} rows={3} maxLength={2000} showCount onChange={(e) => set('summary', e.target.value)} data-testid="field-summary" />
                ), true)}</Col>
                <Col xs={24} md={8}>{field('storageLevel', f('storageLevel'), (
                  <EnumSelect vocab="storageLevel" value={draft.storageLevel} onChange={(v) => set('storageLevel', v as Draft['storageLevel'])} />
                ), true)}</Col>
                <Col xs={24} md={8}>{field('format', f('format'), (
                  <EnumSelect vocab="format" value={draft.format} onChange={(v) => set('format', v as Draft['format'])} />
                ), true)}</Col>
                <Col xs={24} md={8}>{field('updateCycle', f('updateCycle'), (
                  <EnumSelect vocab="updateCycle" value={draft.updateCycle} onChange={(v) => set('updateCycle', v as Draft['updateCycle'])} />
                ), true)}</Col>
              </Row>
            </Card>

            <Card title={t('editor.sections.classification')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>{field('category.kind', pick(CATEGORY_FIELD_LABELS.kind), (
                  <EnumSelect vocab="categoryKind" value={draft.category.kind} onChange={(v) => setCategory('kind', v as string)} />
                ), true)}</Col>
                <Col xs={12} md={8}>{field('category.item', pick(CATEGORY_FIELD_LABELS.item), (
                  <Input value={draft.category.item ?? ''} maxLength={2} placeholder="01" className="gdx-mono" onChange={(e) => setCategory('item', e.target.value)} data-testid="field-category-item" />
                ))}</Col>
                <Col xs={12} md={8}>{field('category.subItem', pick(CATEGORY_FIELD_LABELS.subItem), (
                  <Input value={draft.category.subItem ?? ''} maxLength={3} placeholder="001" className="gdx-mono" onChange={(e) => setCategory('subItem', e.target.value)} data-testid="field-category-subItem" />
                ))}</Col>
                <Col xs={24} md={12}>{field('basicDb', f('basicDb'), (
                  <Select value={draft.basicDb} allowClear placeholder={t('editor.noSubjectDb')} style={{ width: '100%' }}
                    options={dbs.filter((d) => d.kind === 'basic').map((d) => ({ value: d.id, label: `${d.name}${paren(d.leadOrgName)}` }))}
                    onChange={(v: string | undefined) => set('basicDb', v)} data-testid="field-basicDb" />
                ))}</Col>
                <Col xs={24} md={12}>{field('themeDb', f('themeDb'), (
                  <Select value={draft.themeDb} allowClear placeholder={t('editor.noSubjectDb')} style={{ width: '100%' }}
                    options={dbs.filter((d) => d.kind === 'theme').map((d) => ({ value: d.id, label: `${d.name}${paren(d.leadOrgName)}` }))}
                    onChange={(v: string | undefined) => set('themeDb', v)} data-testid="field-themeDb" />
                ))}</Col>
                <Col xs={24} md={12}>{field('grade', f('grade'), (
                  <EnumSelect vocab="grade" value={draft.grade} onChange={(v) => set('grade', v as Draft['grade'])} />
                ), true)}</Col>
                <Col xs={24} md={12}>{field('important', f('important'), (
                  <Switch checked={!!draft.important} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')}
                    onChange={(v) => set('important', v)} data-testid="field-important" />
                ), true)}</Col>
              </Row>
            </Card>

            <Card title={t('editor.sections.sharing')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>{field('shareType', f('shareType'), (
                  <EnumSelect vocab="shareType" value={draft.shareType} onChange={(v) => set('shareType', v as Draft['shareType'])} />
                ), true)}</Col>
                <Col xs={24} md={8}>{field('shareMethod', f('shareMethod'), (
                  <EnumSelect vocab="shareMethod" value={draft.shareMethod} onChange={(v) => set('shareMethod', v as Draft['shareMethod'])} />
                ), true)}</Col>
                <Col xs={24} md={8}>{field('parallelApproval', f('parallelApproval'), (
                  <Switch checked={!!draft.parallelApproval} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')}
                    onChange={(v) => set('parallelApproval', v)} data-testid="field-parallelApproval" />
                ))}</Col>
                {draft.shareType === 'conditional' || draft.shareScope ? (
                  <Col xs={24}>{field('shareScope', f('shareScope'), (
                    <Input.TextArea value={draft.shareScope ?? ''} rows={2} maxLength={1000} onChange={(e) => set('shareScope', e.target.value)} data-testid="field-shareScope" />
                  ), draft.shareType === 'conditional')}</Col>
                ) : null}
                {draft.shareType === 'none' || draft.notShareBasis ? (
                  <Col xs={24}>{field('notShareBasis', f('notShareBasis'), (
                    <Input.TextArea value={draft.notShareBasis ?? ''} rows={2} maxLength={1000} onChange={(e) => set('notShareBasis', e.target.value)} data-testid="field-notShareBasis" />
                  ), draft.shareType === 'none')}</Col>
                ) : null}
              </Row>
            </Card>

            <Card title={t('editor.sections.open')} size="small" style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={8}>{field('openType', f('openType'), (
                  <EnumSelect vocab="openType" value={draft.openType} onChange={(v) => set('openType', v as Draft['openType'])} />
                ), true)}</Col>
                <Col xs={24} md={16}>{field('openMethod', f('openMethod'), (
                  <Input value={draft.openMethod ?? ''} maxLength={200} onChange={(e) => set('openMethod', e.target.value)} data-testid="field-openMethod" />
                ), draft.openType === 'open' || draft.openType === 'conditional')}</Col>
              </Row>
            </Card>

          </Form>
        </Col>

        <Col xs={24} xl={7}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Card
              size="small"
              title={t('editor.summaryTitle')}
              data-testid="issue-summary"
            >
              {allIssues.length === 0 ? (
                <Space><CheckCircleFilled style={{ color: '#389e0d' }} />{t('editor.summaryOk')}</Space>
              ) : (
                <div style={{ maxHeight: 'calc(100vh - 260px)', overflowY: 'auto' }}>
                  <IssueList issues={allIssues} clickable />
                </div>
              )}
              <div style={{ marginTop: 8, fontSize: 12, color: 'rgba(0,0,0,0.45)' }} data-testid="server-check">
                {serverCheck === 'checking' ? <Space size={4}><LoadingOutlined />{t('editor.serverChecking')}</Space> : null}
                {serverCheck === 'done' ? t('editor.serverChecked') : null}
                {serverCheck === 'failed' ? t('editor.serverFailed') : null}
                {serverCheck === 'idle' && !named ? t('editor.serverWaiting') : null}
              </div>
            </Card>
          </div>
        </Col>
      </Row>
      {/* The data dictionary is wide: it gets the whole width under the fields and the summary. */}
      <Form layout="vertical" component="div" disabled={!editable}>
        <Card title={t('editor.items')} size="small" style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">§10</Typography.Text>}>
          <div data-field="items">
            {(visibleByField.get('items') ?? []).map((i, n) => (
              <Alert key={n} type={i.level === 'error' ? 'error' : 'warning'} showIcon message={`${pick(i)}${paren(i.article)}`} style={{ marginBottom: 8 }} />
            ))}
            <ItemsEditor items={draft.items} issues={visibleByField} rules={rules} onChange={setItems} />
          </div>
        </Card>

        <Card title={t('editor.sections.structure')} size="small" style={{ marginBottom: 16 }}>
          {field('structure', f('structure'), (
            <Input.TextArea value={draft.structure ?? ''} rows={3} onChange={(e) => set('structure', e.target.value)} data-testid="field-structure" />
          ))}
          {field('relatedCodes', f('relatedCodes'), (
            <Select mode="tags" value={draft.relatedCodes ?? []} tokenSeparators={[',', '，', ' ']} open={false}
              placeholder={t('editor.relatedCodesHint')} style={{ width: '100%' }}
              onChange={(v: string[]) => set('relatedCodes', v)} data-testid="field-relatedCodes" />
          ))}
        </Card>
      </Form>
    </div>
  );
}

function EnumSelect({ vocab, value, onChange }: {
  vocab: Parameters<typeof vocabOptions>[0];
  value: string | number | undefined;
  onChange(v: string | number | undefined): void;
}) {
  const { t, lang } = useI18n();
  return (
    <Select
      value={value}
      placeholder={t('editor.selectPlaceholder')}
      options={vocabOptions(vocab, lang)}
      style={{ width: '100%' }}
      onChange={onChange}
      data-testid={`field-${vocab}`}
    />
  );
}
