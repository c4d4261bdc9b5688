/**
 * The frame of every logged-in page: the header (platform name, user, department, roles, language,
 * logout), the role-aware side menu and the page itself.
 */
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import {
  AlertOutlined, ApiOutlined, AuditOutlined, ExclamationCircleOutlined, EyeOutlined, FileDoneOutlined, FileSearchOutlined, FileTextOutlined,
  FolderOpenOutlined, InboxOutlined, KeyOutlined, LogoutOutlined, RollbackOutlined, SafetyCertificateOutlined, SearchOutlined,
  SendOutlined, SwapOutlined, TeamOutlined, TranslationOutlined, UserOutlined,
} from '@ant-design/icons';
import { useAuth } from '../auth.tsx';
import { useI18n } from '../i18n.ts';
import { NAV_GROUPS, NAV_ITEMS, canSee, type NavItem } from '../nav.ts';
import { InboxBell } from './InboxBell.tsx';
import { roleLabel } from '../vocab.ts';

const ICONS: Record<NavItem['icon'], ReactNode> = {
  search: <SearchOutlined />,
  folder: <FolderOpenOutlined />,
  audit: <AuditOutlined />,
  rollback: <RollbackOutlined />,
  alert: <AlertOutlined />,
  swap: <SwapOutlined />,
  file: <FileTextOutlined />,
  team: <TeamOutlined />,
  send: <SendOutlined />,
  inbox: <InboxOutlined />,
  review: <FileDoneOutlined />,
  eye: <EyeOutlined />,
  safety: <SafetyCertificateOutlined />,
  key: <KeyOutlined />,
  objection: <ExclamationCircleOutlined />,
  api: <ApiOutlined />,
};

export function AppLayout() {
  const { user, logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  if (!user) return null;

  const items = NAV_ITEMS.filter((n) => canSee(n, user.roles));
  const selected = items
    .map((n) => n.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(p + '/'))
    .sort((a, b) => b.length - a.length)[0];
  const entry = (n: NavItem) => ({ key: n.path, icon: ICONS[n.icon], label: t(n.label) });
  // Grouped under headings; a collapsed menu (icons only) separates the groups with a line instead.
  const groups = NAV_GROUPS.map((g) => ({ g, children: items.filter((n) => n.group === g.key).map(entry) })).filter((x) => x.children.length);
  const menuItems = collapsed
    ? groups.flatMap((x, i) => [...(i ? [{ type: 'divider' as const, key: `d-${x.g.key}` }] : []), ...x.children])
    : groups.map((x) => ({ type: 'group' as const, key: x.g.key, label: t(x.g.label), children: x.children }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Space size={10} style={{ cursor: 'pointer', flex: '0 0 auto' }} onClick={() => navigate('/')}>
          <FileSearchOutlined style={{ color: '#fff', fontSize: 22 }} />
          <Typography.Text style={{ color: '#fff', fontSize: 17, fontWeight: 600, letterSpacing: lang === 'zh' ? 1 : 0 }}>
            {t('app.title')}
          </Typography.Text>
        </Space>
        <div style={{ flex: 1 }} />
        <Space size={12} wrap={false} style={{ color: '#fff' }} data-testid="header-user">
          <InboxBell />
          <UserOutlined />
          <Tooltip title={t('password.account')}>
            <a style={{ fontWeight: 500, color: '#fff' }} onClick={() => navigate('/account')} data-testid="header-account">{user.displayName}</a>
          </Tooltip>
          <span style={{ opacity: 0.8 }}>{user.orgName}</span>
          <span>
            {user.roles.map((r) => (
              <Tag key={r} color="geekblue" bordered={false} style={{ marginInlineEnd: 4 }}>{roleLabel(r, lang)}</Tag>
            ))}
          </span>
          <Tooltip title={t('lang.label')}>
            <Button
              size="small"
              ghost
              icon={<TranslationOutlined />}
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
              data-testid="lang-switch"
            >
              {t('lang.switch')}
            </Button>
          </Tooltip>
          <Button
            size="small"
            ghost
            icon={<LogoutOutlined />}
            data-testid="logout"
            onClick={async () => {
              await logout();
              navigate('/login', { replace: true });
            }}
          >
            {t('header.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} theme="light" onCollapse={setCollapsed} style={{ borderRight: '1px solid #e8ecf2' }}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            items={menuItems}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content style={{ padding: '20px 24px', minWidth: 0 }}>
          <Suspense fallback={<div style={{ padding: 60, textAlign: 'center' }}><Spin /></div>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <Layout.Footer style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', padding: '12px 24px', fontSize: 12 }}>
        {t('app.footer')}
      </Layout.Footer>
    </Layout>
  );
}
