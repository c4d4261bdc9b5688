/**
 * What another department can do with a published entry (§27, §32): ask for it (申请使用) and, once it
 * uses the data (a grant, or 无条件共享 data), report an error in it (提出异议). Its own live grant on the
 * entry is linked. The server still decides every call.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Space, Tag } from 'antd';
import { ExclamationCircleOutlined, FileAddOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { useLoader } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import type { CatalogEntry, Grant, ListResponse } from '../types.ts';
import { ObjectionModal } from './ObjectionModal.tsx';
import { RequestDrawer } from './RequestDrawer.tsx';

export function EntrySharingActions({ entry }: { entry: CatalogEntry }) {
  const { user, hasRole } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<null | 'request' | 'objection'>(null);
  const published = entry.status === 'published' || entry.status === 'withdrawing';
  const other = !!user && entry.providerId !== user.orgId && user.orgKind === 'department';
  const canRequest = published && other && hasRole('requester');
  const mayObject = published && other && hasRole('requester', 'data_steward');
  const grants = useLoader(
    (signal) => (mayObject
      ? api.get<ListResponse<Grant>>('/grants', { view: 'mine' }, signal).then((r) => r.items.filter((g) => g.entryId === entry.id))
      : Promise.resolve([] as Grant[])),
    [entry.id, mayObject],
  );
  const live = (grants.data ?? []).find((g) => g.status === 'active' || g.status === 'suspended');
  const canObject = mayObject && (entry.shareType === 'unconditional' || (grants.data ?? []).length > 0);
  if (!canRequest && !canObject && !live) return null;

  return (
    <>
      <Space wrap data-testid="entry-sharing-actions">
        {live ? (
          <Link to={`/grants/${live.id}`} data-testid="entry-grant-link">
            <Tag icon={<SafetyCertificateOutlined />} color="success">{t('entry.granted', { d: live.validUntil })}</Tag>
          </Link>
        ) : null}
        {canRequest ? (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setDialog('request')} data-testid="action-request">{t('request.apply')}</Button>
        ) : null}
        {canObject ? (
          <Button icon={<ExclamationCircleOutlined />} onClick={() => setDialog('objection')} data-testid="action-objection">{t('objection.create')}</Button>
        ) : null}
      </Space>
      {canRequest ? (
        <RequestDrawer
          open={dialog === 'request'}
          entry={entry}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            navigate(`/requests/${r.id}`);
          }}
        />
      ) : null}
      {canObject ? (
        <ObjectionModal
          open={dialog === 'objection'}
          entry={entry}
          items={(entry.items ?? []).map((i) => ({ name: i.name ?? '', label: i.label }))}
          onClose={() => setDialog(null)}
          onDone={(o) => {
            setDialog(null);
            navigate(`/objections/${o.id}`);
          }}
        />
      ) : null}
    </>
  );
}
