import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { HashRouter } from 'react-router-dom';
import { isProfileComplete } from '../../shared/domain/profile';
import { LockGate } from '../features/lock/LockGate';
import { FirstRunPage } from '../features/profile/FirstRunPage';
import { useSessionStore } from '../store/sessionStore';
import { AppLayout } from './AppLayout';
import { requestPersistentStorage } from './storage';

dayjs.locale('zh-cn');

export function AppRoot() {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}>
      {/* Toasts keep clear of every screen's header and its buttons: messages at the foot of the window (global.css), notifications bottom right. */}
      <AntApp className="app-root" message={{ maxCount: 3 }} notification={{ placement: 'bottomRight' }}>
        <StartupGate />
      </AntApp>
    </ConfigProvider>
  );
}

function StartupGate() {
  const { session, error, load } = useSessionStore();
  useEffect(() => {
    void load();
    void requestPersistentStorage();
  }, [load]);
  if (error) return <Result status="error" title="无法打开本地数据库" subTitle={error} />;
  if (!session) return <Spin size="large" fullscreen description="正在打开本地数据…" />;
  if (!isProfileComplete(session.profile)) return <FirstRunPage />;
  return (
    <LockGate>
      <HashRouter>
        <AppLayout />
      </HashRouter>
    </LockGate>
  );
}
