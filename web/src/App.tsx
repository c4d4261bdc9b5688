/**
 * Providers (language, antd locale and theme, session) and the routes. Each page is its own lazily
 * loaded chunk, so the login screen does not download the editor.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin, type ConfigProviderProps } from 'antd';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Role } from '../../src/domain/access/roles.ts';
import { AuthProvider, useAuth } from './auth.tsx';
import { I18nProvider, useI18n } from './i18n.ts';
import { NAV_ITEMS, canSee, rolesFor } from './nav.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { Forbidden } from './components/Forbidden.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const DiscoveryPage = lazy(() => import('./pages/DiscoveryPage.tsx'));
const EntryDetailPage = lazy(() => import('./pages/EntryDetailPage.tsx'));
const EntryEditorPage = lazy(() => import('./pages/EntryEditorPage.tsx'));
const MyEntriesPage = lazy(() => import('./pages/MyEntriesPage.tsx'));
const ReviewQueuePage = lazy(() => import('./pages/ReviewQueuePage.tsx'));
const WithdrawalsPage = lazy(() => import('./pages/WithdrawalsPage.tsx'));
const ChangeEventsPage = lazy(() => import('./pages/ChangeEventsPage.tsx'));
const ImportExportPage = lazy(() => import('./pages/ImportExportPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const RequestListPage = lazy(() => import('./pages/RequestListPage.tsx'));
const RequestDetailPage = lazy(() => import('./pages/RequestDetailPage.tsx'));
const GrantsPage = lazy(() => import('./pages/GrantsPage.tsx'));
const GrantDetailPage = lazy(() => import('./pages/GrantDetailPage.tsx'));
const WholeAuthorizationsPage = lazy(() => import('./pages/WholeAuthorizationsPage.tsx'));
const ObjectionsPage = lazy(() => import('./pages/ObjectionsPage.tsx'));
const ObjectionDetailPage = lazy(() => import('./pages/ObjectionDetailPage.tsx'));
const AppsPage = lazy(() => import('./pages/AppsPage.tsx'));
const SyncPage = lazy(() => import('./pages/SyncPage.tsx'));
const UsagePage = lazy(() => import('./pages/UsagePage.tsx'));
const InboxPage = lazy(() => import('./pages/InboxPage.tsx'));
const PosturePage = lazy(() => import('./pages/PosturePage.tsx'));
const GradingPage = lazy(() => import('./pages/GradingPage.tsx'));
const InspectionsPage = lazy(() => import('./pages/InspectionsPage.tsx'));
const InspectionDetailPage = lazy(() => import('./pages/InspectionDetailPage.tsx'));
const IncidentsPage = lazy(() => import('./pages/IncidentsPage.tsx'));
const IncidentDetailPage = lazy(() => import('./pages/IncidentDetailPage.tsx'));
const DestructionsPage = lazy(() => import('./pages/DestructionsPage.tsx'));
const DestructionDetailPage = lazy(() => import('./pages/DestructionDetailPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const AccessReviewPage = lazy(() => import('./pages/AccessReviewPage.tsx'));

type Locale = NonNullable<ConfigProviderProps['locale']>;
/** antd's locale files are ES modules without "type": "module"; TypeScript sees a CJS wrapper. */
const asLocale = (m: unknown): Locale => ((m as { default?: Locale }).default ?? m) as Locale;
const zhCN = asLocale(zhCNModule);
const enUS = asLocale(enUSModule);

export const PRIMARY_COLOR = '#1f4e99';

export function App() {
  return (
    <I18nProvider>
      <Themed>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<PageSpinner />}>
              <AppRoutes />
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </Themed>
    </I18nProvider>
  );
}

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        token: {
          colorPrimary: PRIMARY_COLOR,
          colorLink: PRIMARY_COLOR,
          borderRadius: 4,
          fontFamily: '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
        },
        components: {
          Layout: { headerBg: '#16396f', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function PageSpinner() {
  return (
    <div style={{ padding: 80, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireLogin />}>
        <Route path="/" element={<Home />} />
        <Route path="/catalog" element={<DiscoveryPage />} />
        <Route path="/catalog/new" element={<Guard roles={['catalog_editor']}><EntryEditorPage /></Guard>} />
        <Route path="/catalog/:id" element={<EntryDetailPage />} />
        <Route path="/catalog/:id/edit" element={<Guard roles={['catalog_editor']}><EntryEditorPage /></Guard>} />
        <Route path="/mine" element={<Guard roles={rolesFor('/mine')}><MyEntriesPage /></Guard>} />
        <Route path="/review" element={<Guard roles={rolesFor('/review')}><ReviewQueuePage /></Guard>} />
        <Route path="/withdrawals" element={<Guard roles={rolesFor('/withdrawals')}><WithdrawalsPage /></Guard>} />
        <Route path="/change-events" element={<Guard roles={rolesFor('/change-events')}><ChangeEventsPage /></Guard>} />
        <Route path="/import-export" element={<Guard roles={rolesFor('/import-export')}><ImportExportPage /></Guard>} />
        <Route path="/audit" element={<Guard roles={rolesFor('/audit')}><AuditPage /></Guard>} />
        <Route path="/admin" element={<Guard roles={rolesFor('/admin')}><AdminPage /></Guard>} />
        <Route path="/requests" element={<RequestsHome />} />
        <Route path="/requests/mine" element={<Guard roles={rolesFor('/requests/mine')}><RequestListPage view="mine" /></Guard>} />
        <Route path="/requests/incoming" element={<Guard roles={rolesFor('/requests/incoming')}><RequestListPage view="incoming" /></Guard>} />
        <Route path="/requests/review" element={<Guard roles={rolesFor('/requests/review')}><RequestListPage view="review" /></Guard>} />
        <Route path="/requests/all" element={<Guard roles={['auditor', 'authority']}><RequestListPage view="all" /></Guard>} />
        <Route path="/requests/:id" element={<RequestDetailPage />} />
        <Route path="/grants" element={<Guard roles={rolesFor('/grants')}><GrantsPage /></Guard>} />
        <Route path="/grants/:id" element={<GrantDetailPage />} />
        <Route path="/whole-authorizations" element={<Guard roles={rolesFor('/whole-authorizations')}><WholeAuthorizationsPage /></Guard>} />
        <Route path="/objections" element={<Guard roles={rolesFor('/objections')}><ObjectionsPage /></Guard>} />
        <Route path="/objections/:id" element={<ObjectionDetailPage />} />
        <Route path="/apps" element={<Guard roles={rolesFor('/apps')}><AppsPage /></Guard>} />
        <Route path="/sync" element={<Guard roles={rolesFor('/sync')}><SyncPage /></Guard>} />
        <Route path="/usage" element={<Guard roles={rolesFor('/usage')}><UsagePage /></Guard>} />
        <Route path="/inbox" element={<InboxPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/security/access-review" element={<Guard roles={rolesFor('/security/access-review')}><AccessReviewPage /></Guard>} />
        <Route path="/security/posture" element={<Guard roles={rolesFor('/security/posture')}><PosturePage /></Guard>} />
        <Route path="/security/grading" element={<GradingPage />} />
        <Route path="/security/inspections" element={<InspectionsPage />} />
        <Route path="/security/inspections/:id" element={<InspectionDetailPage />} />
        <Route path="/security/incidents" element={<IncidentsPage />} />
        <Route path="/security/incidents/:id" element={<IncidentDetailPage />} />
        <Route path="/security/destructions" element={<DestructionsPage />} />
        <Route path="/security/destructions/:id" element={<DestructionDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Logged-in area: the layout around the page, or the login screen (coming back here afterwards). */
function RequireLogin() {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <PageSpinner />;
  if (!user) {
    const from = location.pathname + location.search;
    return <Navigate to={`/login${from && from !== '/' ? `?from=${encodeURIComponent(from)}` : ''}`} replace />;
  }
  // The authority requires a second factor of this user's roles: nothing else opens until it is enrolled.
  if (user.totpEnrolmentPending && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return <AppLayout />;
}

/** The platform operator has no business pages (security rules §13–§14): their home is the admin page. */
function Home() {
  const { hasRole } = useAuth();
  return <Navigate to={hasRole('super_admin') ? '/admin' : '/catalog'} replace />;
}

/** /requests: the first request list this user has (a requester's own, a provider's incoming, the queue). */
function RequestsHome() {
  const { user } = useAuth();
  const first = NAV_ITEMS.find((n) => n.group === 'requests' && canSee(n, user?.roles ?? []));
  return first ? <Navigate to={first.path} replace /> : <Forbidden />;
}

function Guard({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { hasRole } = useAuth();
  if (roles.length > 0 && !hasRole(...roles)) return <Forbidden />;
  return <>{children}</>;
}
