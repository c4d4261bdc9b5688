/**
 * 待办与通知 in the header: the unread count (polled every 60 s, and after each page change), and a
 * dropdown of the latest notifications; clicking one marks it read and opens its link.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Space, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useI18n } from '../i18n.ts';
import { markAllRead, markRead, onInboxChanged, safeLink } from '../inbox.ts';
import { fmtDateTime } from '../format.ts';
import type { InboxItem, InboxPage } from '../types.ts';

const POLL_MS = 60_000;
const RECENT = 8;

export function InboxBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<InboxItem[]>();

  const refresh = useCallback(() => {
    api.get<InboxPage>('/inbox', { unread: true, limit: 1 }).then((r) => setUnread(r.unread)).catch(() => undefined);
  }, []);
  useEffect(() => {
    const timer = setInterval(refresh, POLL_MS);
    const off = onInboxChanged(refresh);
    return () => {
      clearInterval(timer);
      off();
    };
  }, [refresh]);
  // On mount and after every page change: actions elsewhere change what waits for this user.
  useEffect(refresh, [location.pathname, refresh]);
  useEffect(() => {
    if (!open) return;
    setRecent(undefined);
    api.get<InboxPage>('/inbox', { limit: RECENT }).then((r) => {
      setRecent(r.items);
      setUnread(r.unread);
    }).catch(() => setRecent([]));
  }, [open]);

  async function openItem(item: InboxItem) {
    setOpen(false);
    await markRead(item).catch(() => undefined);
    const link = safeLink(item.link);
    if (link) navigate(link);
  }

  const content = (
    <div style={{ width: 380 }} data-testid="inbox-dropdown">
      {recent === undefined ? <div style={{ textAlign: 'center', padding: 24 }}><Spin /></div>
        : recent.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
          : (
            <List
              size="small"
              dataSource={recent}
              style={{ maxHeight: 420, overflowY: 'auto' }}
              renderItem={(item) => (
                <List.Item key={item.id} onClick={() => openItem(item)} style={{ cursor: 'pointer', paddingInline: 4 }} data-testid="inbox-recent-item">
                  <List.Item.Meta
                    title={<Space size={6}>{item.readAt ? null : <Badge status="processing" />}<span style={{ fontWeight: item.readAt ? 400 : 600 }}>{item.title}</span></Space>}
                    description={(
                      <div>
                        {item.body ? <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>{item.body}</Typography.Paragraph> : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(item.createdAt)}</Typography.Text>
                      </div>
                    )}
                  />
                </List.Item>
              )}
            />
          )}
      <Space style={{ width: '100%', justifyContent: 'space-between', borderTop: '1px solid #f0f0f0', paddingTop: 8, marginTop: 4 }}>
        <Button size="small" type="link" disabled={unread === 0} onClick={async () => {
          await markAllRead().catch(() => undefined);
          setRecent((r) => r?.map((i) => ({ ...i, readAt: i.readAt ?? new Date().toISOString() })));
        }}>{t('inbox.markAll')}</Button>
        <Button size="small" type="link" onClick={() => {
          setOpen(false);
          navigate('/inbox');
        }} data-testid="inbox-all">{t('inbox.viewAll')}</Button>
      </Space>
    </div>
  );

  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" title={t('inbox.title')} content={content}>
      <Badge count={unread} size="small" overflowCount={99} offset={[-2, 2]}>
        <Button size="small" ghost icon={<BellOutlined />} aria-label={t('inbox.title')} data-testid="inbox-bell" />
      </Badge>
    </Popover>
  );
}
