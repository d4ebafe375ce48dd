import { Layout, Menu, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { LockButton } from '../features/lock/LockGate';
import { getPlatform } from '../platform';
import { useSession } from '../store/sessionStore';
import { EXTRA_ROUTES, NAV_ITEMS } from './navigation';

const { Sider, Content, Header } = Layout;

/**
 * The automatic backups (desktop only), loaded after start-up: their code
 * (sealing, archives) is not needed to show the first screen.
 */
const AutoBackup = lazy(() =>
  import('../features/sync/useAutoBackup').then((m) => ({
    default: function AutoBackup() {
      m.useAutoBackup();
      return null;
    },
  })),
);

/** Automatic sync with the office server, loaded after start-up like the backups (it does nothing until a server is configured). */
const ServerAutoSync = lazy(() =>
  import('../features/serverSync/ServerSyncCard').then((m) => ({
    default: function ServerAutoSync() {
      m.useServerAutoSync();
      return null;
    },
  })),
);

export function AppLayout() {
  const navigate = useNavigate();
  const location = useLocation();
  const { profile } = useSession();
  const backups = !!getPlatform().backups;
  const selected = [
    ...NAV_ITEMS.filter((n) => n.path !== '/' && location.pathname.startsWith(n.path)).map((n) => n.path),
    ...EXTRA_ROUTES.filter((r) => location.pathname.startsWith(r.prefix)).map((r) => r.navKey),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {backups && (
        <Suspense fallback={null}>
          <AutoBackup />
        </Suspense>
      )}
      <Suspense fallback={null}>
        <ServerAutoSync />
      </Suspense>
      <Sider width={184} theme="dark" breakpoint="lg" collapsedWidth={64} className="app-sider">
        <div style={{ color: '#fff', padding: '18px 16px', fontWeight: 600, fontSize: 16, letterSpacing: 1 }}>政务公开检查助手</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected.length ? selected : ['/']}
          onClick={(e) => navigate(e.key)}
          items={NAV_ITEMS.map((n) => ({ key: n.path, icon: n.icon, label: n.label }))}
        />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 48, lineHeight: '48px', borderBottom: '1px solid #eee' }}>
          <Typography.Text type="secondary" data-testid="current-inspector">
            检查人员：{profile?.name}（{profile?.organisation} · {profile?.team}）
          </Typography.Text>
          <LockButton />
        </Header>
        {/* The window scrolls (not this area), so screens can keep panels in view with position: sticky. */}
        <Content style={{ padding: 20 }}>
          <Suspense fallback={<Spin style={{ marginTop: 80, width: '100%' }} />}>
            <Routes>
              {NAV_ITEMS.map((n) => (
                <Route key={n.path} path={n.path === '/' ? '/' : `${n.path}/*`} element={<n.page />} />
              ))}
              {EXTRA_ROUTES.map((r) => (
                <Route key={r.path} path={r.path} element={<r.page />} />
              ))}
            </Routes>
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
