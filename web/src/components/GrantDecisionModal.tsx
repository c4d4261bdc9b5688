/**
 * 同意授权 (the provider's reply, §29–§30(二)) and 协调授权 (the authority's binding coordination,
 * §30(三)): the grant's terms and a comment. A provider whose data is not mounted yet is told so before
 * granting, and the server's 409 DATA_NOT_MOUNTED links to the entry's mount tab.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Input, Modal, Typography } from 'antd';
import { api, ApiError } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { shanghaiToday } from '../format.ts';
import type { Mount, ShareRequest } from '../types.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
import { GrantTermsFields, initialTerms, termsBody, type ItemInfo, type TermsDraft } from './GrantTerms.tsx';
import { GrantAssessmentFields, assessmentBody, emptyAssessment } from './GrantAssessmentFields.tsx';

export function GrantDecisionModal({ open, mode, request, entryItems, onClose, onSubmit }: {
  open: boolean;
  /** reply: the provider grants; coordination: the authority decides to grant. */
  mode: 'reply' | 'coordination';
  request: ShareRequest;
  entryItems: readonly ItemInfo[];
  onClose(): void;
  /** Resolves when done; a thrown error is shown in the modal. */
  onSubmit(body: Record<string, unknown>): Promise<void>;
}) {
  const { t, paren } = useI18n();
  const today = useMemo(() => shanghaiToday(), [open]);
  const [terms, setTerms] = useState<TermsDraft>(() => initialTerms(request, entryItems));
  const [comment, setComment] = useState('');
  const [assessment, setAssessment] = useState(emptyAssessment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (!open) return;
    setTerms(initialTerms(request, entryItems));
    setComment('');
    setAssessment(emptyAssessment());
    setError(undefined);
  }, [open, request.id, entryItems]);

  // The provider sees its own mount (GET /catalog/{id}/mount answers only the provider).
  const mount = useLoader(
    (signal) => (open && mode === 'reply' ? api.get<Mount | null>(`/catalog/${request.entryId}/mount`, undefined, signal).catch(() => undefined) : Promise.resolve(undefined)),
    [open, mode, request.entryId],
  );
  const notMounted = mode === 'reply' && mount.data === null;
  const mountError = error instanceof ApiError && error.code === 'DATA_NOT_MOUNTED';
  const mountLink = <Link to={`/catalog/${request.entryId}?tab=mount`} data-testid="mount-link">{t('reply.goMount')}</Link>;

  return (
    <Modal
      open={open}
      width={760}
      title={mode === 'reply' ? t('reply.grantTitle') : t('coordination.grantTitle')}
      okText={mode === 'reply' ? t('reply.grant') : t('coordination.grant')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, disabled: terms.items.length === 0, 'data-testid': 'grant-ok' } as never}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        setBusy(true);
        setError(undefined);
        try {
          const key = mode === 'reply' ? 'reason' : 'comment';
          await onSubmit({ decision: 'grant', ...(comment.trim() ? { [key]: comment.trim() } : {}), ...termsBody(terms, request), ...assessmentBody(assessment) });
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={mode === 'reply' ? t('reply.grantHint') : t('coordination.grantHint')} />
      {notMounted && !mountError ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('reply.notMounted')} description={mountLink} data-testid="not-mounted-warning" />
      ) : null}
      {mountError ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={(error as ApiError).message} description={mountLink} data-testid="data-not-mounted" />
      ) : <ErrorAlert error={error} />}
      <GrantTermsFields asked={request} entryItems={entryItems} terms={terms} onChange={setTerms} today={today} />
      <GrantAssessmentFields value={assessment} onChange={setAssessment} />
      <Typography.Text strong>{mode === 'reply' ? t('reply.comment') : t('common.comment')}{paren(t('common.optional'))}</Typography.Text>
      <Input.TextArea rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} style={{ marginTop: 6 }} data-testid="grant-comment" />
    </Modal>
  );
}
