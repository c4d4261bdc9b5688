/**
 * 整体授权 (§29): the provider authorises the platform to grant, by itself, later requests inside a
 * scope — items, methods, until a date (≤ 3 years, §31), with conditions. Compliance review (§28)
 * still runs for every request; only the provider's reply is skipped. The provider's approver creates
 * and withdraws them.
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Checkbox, Empty, Form, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { allowedMethods, maxValidUntil } from '../../../src/domain/sharing/request-rules.ts';
import { api } from '../api.ts';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { fmtDate, fmtDateTime, shanghaiToday } from '../format.ts';
import type { CatalogEntry, CatalogSearchResponse, ListResponse, WholeAuthorization } from '../types.ts';
import { vocabLabel } from '../vocab.ts';
import { CommentModal } from '../components/CommentModal.tsx';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { ConditionsView, GrantTermsFields, conditionsOf, type TermsDraft } from '../components/GrantTerms.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ItemTags } from '../components/SharingTags.tsx';

function stateOf(w: WholeAuthorization, today: string): 'active' | 'revoked' | 'expired' {
  if (w.revokedAt) return 'revoked';
  return w.validUntil < today ? 'expired' : 'active';
}
const STATE_COLOR = { active: 'success', revoked: 'error', expired: 'default' } as const;

export default function WholeAuthorizationsPage() {
  const { t, lang, colon } = useI18n();
  const { message } = App.useApp();
  const today = useMemo(() => shanghaiToday(), []);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<WholeAuthorization | null>(null);
  const { data, error, loading, reload } = useLoader(
    (signal) => api.get<ListResponse<WholeAuthorization>>('/whole-authorizations', undefined, signal),
    [],
  );

  return (
    <div>
      <PageTitle
        title={t('whole.title')}
        hint={t('whole.hint')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="whole-create">{t('whole.create')}</Button>}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<WholeAuthorization>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 1150 }}
        locale={{ emptyText: <Empty description={t('whole.empty')} /> }}
        data-testid="whole-table"
        columns={[
          {
            title: t('withdrawals.entry'), key: 'entry', width: 220,
            render: (_: unknown, w) => (
              <div>
                <Link to={`/catalog/${w.entryId}`}>{w.entryName}</Link>
                {w.entryCode ? <div><Typography.Text type="secondary" className="gdx-mono">{w.entryCode}</Typography.Text></div> : null}
              </div>
            ),
          },
          { title: t('requests.items'), dataIndex: 'items', width: 220, render: (items: string[]) => <ItemTags items={items} max={3} /> },
          { title: t('whole.methods'), dataIndex: 'methods', width: 140, render: (m: string[]) => m.map((x) => vocabLabel('shareMethod', x, lang)).join('、') },
          { title: t('grants.conditions'), dataIndex: 'conditions', render: (c: WholeAuthorization['conditions']) => <ConditionsView conditions={c} /> },
          { title: t('grants.validUntil'), dataIndex: 'validUntil', width: 110, render: fmtDate },
          {
            title: t('common.status'), key: 'state', width: 110,
            render: (_: unknown, w) => {
              const s = stateOf(w, today);
              return <Tag color={STATE_COLOR[s]}>{t(`whole.state.${s}`)}</Tag>;
            },
          },
          { title: t('grants.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
          {
            title: t('common.actions'), key: 'a', width: 100, fixed: 'right',
            render: (_: unknown, w) => (stateOf(w, today) === 'active'
              ? <Button size="small" danger icon={<StopOutlined />} onClick={() => setRevoking(w)}>{t('whole.revoke')}</Button>
              : w.revokeReason ? <Typography.Text type="secondary" ellipsis={{ tooltip: w.revokeReason }}>{w.revokeReason}</Typography.Text> : null),
          },
        ]}
      />
      <CreateWholeModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          reload();
        }}
      />
      <CommentModal
        open={!!revoking}
        title={`${t('whole.revokeTitle')}${colon}${revoking?.entryName ?? ''}`}
        hint={t('whole.revokeHint')}
        label={t('common.reason')}
        requiredMessage={t('grants.reasonRequired')}
        okText={t('whole.revoke')}
        danger
        onCancel={() => setRevoking(null)}
        onOk={async (reason) => {
          try {
            await api.post<WholeAuthorization>(`/whole-authorizations/${revoking!.id}/revoke`, { reason });
            message.success(t('whole.revoked'));
            setRevoking(null);
            reload();
          } catch (err) {
            message.error(errorText(err, lang));
          }
        }}
      />
    </div>
  );
}

const EMPTY_TERMS: TermsDraft = { items: [], validUntil: '', masking: {}, rowScope: [], rowFilter: '', note: '' };

function CreateWholeModal({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const today = useMemo(() => shanghaiToday(), [open]);
  const [entryId, setEntryId] = useState<string>();
  const [methods, setMethods] = useState<string[]>([]);
  const [terms, setTerms] = useState<TermsDraft>(EMPTY_TERMS);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // §29: the provider authorises its own published data.
  const entries = useLoader(
    (signal) => (open ? api.get<CatalogSearchResponse>('/catalog', { view: 'mine', status: 'published', limit: 100 }, signal) : Promise.resolve(undefined)),
    [open],
  );
  const entry = useLoader(
    (signal) => (entryId ? api.get<CatalogEntry>(`/catalog/${entryId}`, undefined, signal) : Promise.resolve(undefined)),
    [entryId],
  );
  const e = entry.data && entry.data.id === entryId ? entry.data : undefined;
  const methodOptions = e?.shareMethod ? allowedMethods({ shareMethod: e.shareMethod, items: (e.items ?? []).map((i) => ({ name: i.name ?? '', key: i.key })) }) : [];
  const ready = !!e && terms.items.length > 0 && methods.length > 0 && !!terms.validUntil;

  function reset() {
    setEntryId(undefined);
    setMethods([]);
    setTerms(EMPTY_TERMS);
    setError(undefined);
  }

  return (
    <Modal
      open={open}
      width={780}
      title={t('whole.createTitle')}
      okText={t('whole.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy, 'data-testid': 'whole-ok' } as never}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
      onOk={async () => {
        if (!e) return;
        setBusy(true);
        setError(undefined);
        try {
          const conditions = conditionsOf(terms);
          await api.post<WholeAuthorization>('/whole-authorizations', {
            entryId: e.id, items: terms.items, methods, validUntil: terms.validUntil, ...(conditions ? { conditions } : {}),
          });
          message.success(t('whole.created'));
          reset();
          onDone();
        } catch (err) {
          setError(err);
          message.error(errorText(err, lang));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('whole.createHint')} />
      <ErrorAlert error={error} />
      <Form layout="vertical" component="div">
        <Form.Item label={t('whole.entry')} required>
          <Select
            showSearch
            optionFilterProp="label"
            loading={entries.loading}
            placeholder={t('whole.entryPlaceholder')}
            value={entryId}
            onChange={(v: string) => {
              setEntryId(v);
              setMethods([]);
              setTerms(EMPTY_TERMS);
            }}
            options={(entries.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}${x.code ? ` ${x.code}` : ''}` }))}
            notFoundContent={t('whole.noEntries')}
            data-testid="whole-entry"
          />
        </Form.Item>
        {e ? (
          <Form.Item label={t('whole.methods')} required>
            <Checkbox.Group
              value={methods}
              onChange={(v) => setMethods(v as string[])}
              options={methodOptions.map((m) => ({ value: m, label: vocabLabel('shareMethod', m, lang) }))}
            />
          </Form.Item>
        ) : null}
      </Form>
      {e ? (
        <GrantTermsFields
          asked={{ items: (e.items ?? []).map((i) => i.name ?? ''), validUntil: maxValidUntil(today) }}
          entryItems={e.items ?? []}
          terms={terms}
          onChange={setTerms}
          today={today}
          showErrors={false}
          wording={{ items: t('whole.items'), itemsHint: t('whole.itemsHint'), validUntilHint: t('request.validUntilHint', { max: maxValidUntil(today) }), scopeHint: t('scope.wholeHint') }}
        />
      ) : entryId ? <Space><Typography.Text type="secondary">{t('common.loading')}</Typography.Text></Space> : null}
    </Modal>
  );
}
