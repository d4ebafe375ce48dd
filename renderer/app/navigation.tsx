import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CameraOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  ProfileOutlined,
  SettingOutlined,
  SafetyCertificateOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  page: LazyExoticComponent<ComponentType>;
}

/** The sidebar, in the order inspectors work. Each entry's page lives in its feature folder. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined />, page: lazy(() => import('../features/dashboard/DashboardPage')) },
  { path: '/year', label: '考核年度', icon: <CalendarOutlined />, page: lazy(() => import('../features/year/YearPage')) },
  { path: '/inspections', label: '检查任务', icon: <FileSearchOutlined />, page: lazy(() => import('../features/inspections/InspectionsPage')) },
  { path: '/targets', label: '被检查单位', icon: <BankOutlined />, page: lazy(() => import('../features/targets/TargetsPage')) },
  { path: '/schemes', label: '考核方案', icon: <ProfileOutlined />, page: lazy(() => import('../features/schemes/SchemesPage')) },
  { path: '/findings', label: '问题整改', icon: <AuditOutlined />, page: lazy(() => import('../features/findings/FindingsPage')) },
  { path: '/reports', label: '报表与文书', icon: <FileTextOutlined />, page: lazy(() => import('../features/reports/ReportsPage')) },
  { path: '/photos', label: '照片库', icon: <CameraOutlined />, page: lazy(() => import('../features/photos/PhotosPage')) },
  { path: '/sync', label: '同步与备份', icon: <SyncOutlined />, page: lazy(() => import('../features/sync/SyncPage')) },
  { path: '/trust', label: '团队与设备', icon: <SafetyCertificateOutlined />, page: lazy(() => import('../features/trust/TrustPage')) },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, page: lazy(() => import('../features/settings/SettingsPage')) },
];

/** Pages reached from other screens rather than from the sidebar. */
export const EXTRA_ROUTES: { path: string; prefix: string; navKey: string; page: LazyExoticComponent<ComponentType> }[] = [
  { path: '/checks/:assessmentId/*', prefix: '/checks/', navKey: '/inspections', page: lazy(() => import('../features/paperworkChecks/PaperworkChecksPage')) },
  { path: '/followup/*', prefix: '/followup', navKey: '/findings', page: lazy(() => import('../features/followup/FollowUpPage')) },
];

/**
 * The screens an inspector opens most right after start-up (a round, a unit's
 * assessment, the year and a unit's year file): their code is fetched and
 * compiled while the app is idle after 工作台 shows, so the first opening does
 * not wait for it. Nothing runs before the browser reports idle time.
 */
export function warmUpScreens(): () => void {
  const load = () => {
    void import('../features/inspections/InspectionsPage');
    void import('../features/assessment/AssessmentPage');
    void import('../features/year/YearPage');
  };
  const w = window as Window & { requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number; cancelIdleCallback?: (id: number) => void };
  if (w.requestIdleCallback) {
    const id = w.requestIdleCallback(load, { timeout: 3000 });
    return () => w.cancelIdleCallback?.(id);
  }
  const t = window.setTimeout(load, 1500);
  return () => window.clearTimeout(t);
}
