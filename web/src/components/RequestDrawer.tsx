/**
 * 申请使用 / 补充后重新提交: the share request form in a drawer, checked live by the same rules the
 * server applies (validateShareRequest, src/domain/sharing/request-rules.ts). A second open request
 * for the same entry (409 DUPLICATE_REQUEST) links to the one already running.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Drawer, Flex, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SendOutlined } from '@ant-design/icons';
import { validateShareRequest } from '../../../src/domain/sharing/request-rules.ts';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { shanghaiToday } from '../format.ts';
import type { Issue, ShareRequest } from '../types.ts';
import { errorText } from './ErrorAlert.tsx';
import { IssueList } from './IssueList.tsx';
import { RequestForm, emptyRequestDraft, type RequestDraft, type RequestableEntry } from './RequestForm.tsx';
import { completeScope } from './RowScopeFields.tsx';

const looksLikeIssues = (v: unknown): v is Issue[] =>
  Array.isArray(v) && v.length > 0 && v.every((i) => i && typeof i === 'object' && 'level' in i && 'zh' in i && 'field' in i);

/** "items[2]" and "body.items" are both about the items field. */
const fieldOf = (path: string) => path.replace(/^body\./, '').replace(/\[\d+\]$/, '');
/** Messages that only say "fill this in" wait until the field was touched or a submit was tried. */
const WAITS = new Set(['REQUIRED', 'NOT_SHAREABLE']);

function draftOf(request: ShareRequest): RequestDraft {
  return {
    items: [...request.items], purpose: request.purpose, scenario: request.scenario, basis: request.basis, method: request.method,
    validUntil: request.validUntil, route: request.route === 'desensitized' ? 'desensitized' : 'standard', desensitization: request.desensitization ?? '',
    rowScope: (request.conditions.rowScope ?? []).map((c) => ({ ...c, values: [...c.values] })), rowFilter: request.conditions.rowFilter ?? '',
  };
}

function bodyOf(draft: RequestDraft, entry: RequestableEntry) {
  const rowScope = completeScope(draft.rowScope);
  return {
    items: draft.items,
    purpose: draft.purpose.trim(),
    scenario: draft.scenario.trim(),
    basis: draft.basis.trim(),
    method: draft.method,
    validUntil: draft.validUntil,
    ...(entry.shareType === 'none' ? { route: 'desensitized' as const, desensitization: draft.desensitization.trim() } : {}),
    // Always sent, so a resubmission can also clear the rows asked for.
    conditions: { ...(rowScope.length ? { rowScope } : {}), ...(draft.rowFilter.trim() ? { rowFilter: draft.rowFilter.trim() } : {}) },
  };
}

export function RequestDrawer({ open, entry, request, onClose, onDone }: {
  open: boolean;
  entry: RequestableEntry;
  /** Given: resubmission of this returned request, prefilled. */
  request?: ShareRequest;
  onClose(): void;
  onDone(request: ShareRequest): void;
}) {
  const { t, lang, colon } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<RequestDraft>(() => (request ? draftOf(request) : emptyRequestDraft(entry)));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = useMemo(() => shanghaiToday(), [open]);

  useEffect(() => {
    if (!open) return;
    setDraft(request ? draftOf(request) : emptyRequestDraft(entry));
    setTouched(new Set());
    setShowAll(!!request);
    setServerIssues([]);
    setDuplicateOf(null);
  }, [open, request?.id, entry.id]);

  const body = bodyOf(draft, entry);
  const issues = useMemo(() => validateShareRequest(body, {
    shareType: entry.shareType ?? 'conditional',
    shareMethod: entry.shareMethod ?? 'table',
    items: (entry.items ?? []).map((i) => ({ name: i.name ?? '', key: i.key, type: i.type, label: i.label, sensitiveType: i.sensitiveType })),
    notShareBasis: entry.notShareBasis,
  }, today), [JSON.stringify(body), entry, today]);
  const all = [...issues, ...serverIssues.map((i) => ({ ...i, field: fieldOf(i.field) }))];
  const errors = issues.filter((i) => i.level === 'error');

  const issuesOf = (field: string) => all.filter((i) => fieldOf(i.field) === field
    && (showAll || !WAITS.has(i.code) || touched.has(field)));

  function change(patch: Partial<RequestDraft>, field: string) {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched((s) => new Set(s).add(field));
    setServerIssues([]);
  }

  async function submit() {
    setShowAll(true);
    if (errors.length) {
      message.error(t('request.fixErrors', { n: errors.length }));
      return;
    }
    setBusy(true);
    setDuplicateOf(null);
    try {
      const saved = request
        ? await api.post<ShareRequest>(`/requests/${request.id}/resubmit`, body)
        : await api.post<ShareRequest>('/requests', { entryId: entry.id, ...body });
      message.success(request ? t('request.resubmitted') : t('request.created'));
      onDone(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'DUPLICATE_REQUEST') {
        const id = (err.details as { requestId?: unknown } | undefined)?.requestId;
        setDuplicateOf(typeof id === 'string' ? id : '');
      } else {
        if (err instanceof ApiError && looksLikeIssues(err.details)) setServerIssues(err.details);
        message.error(errorText(err, lang));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Drawer
      open={open}
      width={760}
      onClose={onClose}
      destroyOnHidden
      title={(
        <div>
          <div>{request ? t('request.resubmitTitle') : t('request.createTitle')}</div>
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>{entry.name} · {entry.providerName}</Typography.Text>
        </div>
      )}
      data-testid="request-drawer"
      footer={(
        <>
          {duplicateOf !== null ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 10 }}
              data-testid="duplicate-request"
              message={t('request.duplicate')}
              action={duplicateOf ? <Link to={`/requests/${duplicateOf}`} onClick={onClose} data-testid="duplicate-link">{t('request.openExisting')}</Link> : undefined}
            />
          ) : null}
          <Flex justify="space-between" align="center" gap={12}>
            <Space size={6} data-testid="request-check">
              {errors.length === 0
                ? <><CheckCircleFilled style={{ color: '#389e0d' }} /><span>{t('request.checkOk')}</span></>
                : <><CloseCircleFilled style={{ color: showAll ? '#cf1322' : '#bfbfbf' }} /><span>{t('request.checkErrors', { n: errors.length })}</span></>}
            </Space>
            <Space>
              <Button onClick={onClose}>{t('common.cancel')}</Button>
              <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={submit} data-testid="request-submit">
                {request ? t('request.resubmit') : t('request.submit')}
              </Button>
            </Space>
          </Flex>
        </>
      )}
    >
      {request?.status === 'returned' ? <ReturnComment request={request} /> : null}
      <RequestForm entry={entry} draft={draft} onChange={change} issuesOf={issuesOf} today={today} />
      {showAll && all.length ? (
        <div style={{ marginTop: 12 }} data-testid="request-issues">
          <Typography.Text strong>{t('request.issues')}{colon}</Typography.Text>
          <IssueList issues={all.map((i) => ({ ...i, field: fieldOf(i.field) }))} clickable />
        </div>
      ) : null}
    </Drawer>
  );
}

/** The reviewer's comment that sent the request back (§28), above the form being completed. */
function ReturnComment({ request }: { request: ShareRequest }) {
  const { t } = useI18n();
  const step = [...request.steps].reverse().find((s) => s.kind === 'compliance_review' && s.decision === 'return');
  if (!step?.comment) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('request.returnedBecause')} description={step.comment} />;
}
