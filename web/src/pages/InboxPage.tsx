/** 待办与通知 (/inbox): what needs my action and what happened to my requests and grants, newest first. */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { App, Badge, Button, List, Segmented, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useCursorList } from '../hooks.ts';
import { useI18n } from '../i18n.ts';
import { markAllRead, markRead, safeLink } from '../inbox.ts';
import { fmtDateTime } from '../format.ts';
import type { InboxItem, InboxPage as InboxList } from '../types.ts';
import { ErrorAlert, errorText } from '../components/ErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';

export default function InboxPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'unread' | 'all'>('unread');
  const [unread, setUnread] = useState(0);
  const [readNow, setReadNow] = useState<Set<number>>(new Set());
  const list = useCursorList<InboxItem, InboxList>('/inbox', { unread: filter === 'unread' || undefined, limit: 30 }, (page) => setUnread(page.unread));
  const isRead = (i: InboxItem) => !!i.readAt || readNow.has(i.id);

  async function read(item: InboxItem) {
    try {
      await markRead(item);
      setReadNow((s) => new Set(s).add(item.id));
      setUnread((n) => Math.max(0, n - 1));
    } catch (err) {
      message.error(errorText(err, lang));
    }
  }

  return (
    <div>
      <PageTitle
        title={t('inbox.title')}
        hint={t('inbox.hint')}
        extra={(
          <Button icon={<CheckOutlined />} disabled={unread === 0} data-testid="inbox-read-all" onClick={async () => {
            try {
              const n = await markAllRead();
              message.success(t('inbox.markedAll', { n }));
              list.reload();
            } catch (err) {
              message.error(errorText(err, lang));
            }
          }}>{t('inbox.markAll')}</Button>
        )}
      />
      <Space style={{ marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          options={[{ value: 'unread', label: `${t('inbox.unread')} (${unread})` }, { value: 'all', label: t('common.all') }]}
        />
      </Space>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <List
        bordered
        loading={list.loading}
        dataSource={list.items}
        style={{ background: '#fff' }}
        locale={{ emptyText: t('inbox.empty') }}
        data-testid="inbox-list"
        renderItem={(item) => {
          const link = safeLink(item.link);
          return (
            <List.Item
              key={item.id}
              data-testid="inbox-item"
              actions={[
                ...(link ? [<Button key="open" type="link" size="small" onClick={async () => {
                  await read(item);
                  navigate(link);
                }}>{t('inbox.open')}</Button>] : []),
                ...(!isRead(item) ? [<Button key="read" type="link" size="small" onClick={() => read(item)} data-testid="inbox-mark-read">{t('inbox.markRead')}</Button>] : []),
              ]}
            >
              <List.Item.Meta
                title={<Space size={6}>{isRead(item) ? null : <Badge status="processing" />}<span style={{ fontWeight: isRead(item) ? 400 : 600 }}>{item.title}</span></Space>}
                description={(
                  <div>
                    {item.body ? <div style={{ color: 'rgba(0,0,0,0.75)' }}>{item.body}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(item.createdAt)}</Typography.Text>
                  </div>
                )}
              />
            </List.Item>
          );
        }}
      />
      {list.nextCursor ? (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={list.loadingMore} onClick={list.loadMore}>{t('common.loadMore')}</Button>
        </div>
      ) : null}
    </div>
  );
}
